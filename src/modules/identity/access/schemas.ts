import { type Static, Type } from 'typebox';

const Uuid = Type.String({ format: 'uuid' });
const DivisionCode = Type.String({ pattern: '^(0|[0-9]{2}|[0-9]{4}|[0-9]{6}|[0-9]{9}|[0-9]{12})$' });

export const OrganisationInput = Type.Object(
  {
    kind: Type.Union([
      Type.Literal('government-department'),
      Type.Literal('ngo'),
      Type.Literal('enterprise'),
      Type.Literal('public-service'),
    ]),
    nameZh: Type.String({ minLength: 1, maxLength: 200 }),
    nameEn: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    divisionCode: DivisionCode,
    parentId: Type.Optional(Uuid),
    creditCode: Type.Optional(Type.String({ minLength: 1, maxLength: 40 })),
  },
  { additionalProperties: false },
);
export type OrganisationInput = Static<typeof OrganisationInput>;

export const Organisation = Type.Object({
  id: Uuid,
  kind: Type.String(),
  nameZh: Type.String(),
  nameEn: Type.Union([Type.String(), Type.Null()]),
  divisionCode: Type.String(),
  parentId: Type.Union([Uuid, Type.Null()]),
  creditCode: Type.Union([Type.String(), Type.Null()]),
  isActive: Type.Boolean(),
});
export const OrganisationList = Type.Object({ organisations: Type.Array(Organisation) });
export const Created = Type.Object({ id: Uuid });

export const GrantInput = Type.Object(
  {
    accountId: Uuid,
    roleCode: Type.String({ pattern: '^[a-z][a-z0-9-]*$', maxLength: 60 }),
    divisionCode: DivisionCode,
    organisationId: Type.Optional(Uuid),
    expiresAt: Type.Optional(Type.String({ format: 'date-time' })),
    reason: Type.String({ minLength: 2, maxLength: 500 }),
  },
  { additionalProperties: false },
);
export type GrantInput = Static<typeof GrantInput>;

/** A record addressed by its id in the path. */
export const IdParams = Type.Object({ id: Uuid });
export const RevokeInput = Type.Object(
  { reason: Type.String({ minLength: 2, maxLength: 500 }) },
  { additionalProperties: false },
);
