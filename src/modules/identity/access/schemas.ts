import { type Static, type TSchema, Type } from 'typebox';

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
export const OrganisationList = Type.Object({
  organisations: Type.Array(Type.Object({ ...Organisation.properties, divisionName: Type.String() })),
  nextCursor: Type.Union([Type.String(), Type.Null()]),
});
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

const Timestamp = Type.String({ format: 'date-time' });
const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
const Limit = Type.Integer({ minimum: 1, maximum: 200, default: 50, description: 'Rows per page' });
const Cursor = Type.String({
  minLength: 1,
  maxLength: 500,
  pattern: '^[A-Za-z0-9_-]+$',
  description: 'nextCursor of the previous page',
});
const NextCursor = Nullable(
  Type.String({ description: 'Pass as cursor for the next page; null on the last' }),
);
const OrganisationKind = Type.Union([
  Type.Literal('government-department'),
  Type.Literal('ngo'),
  Type.Literal('enterprise'),
  Type.Literal('public-service'),
]);
const AccountKind = Type.Union([Type.Literal('citizen'), Type.Literal('staff'), Type.Literal('enterprise')]);
const RoleCode = Type.String({ pattern: '^[a-z][a-z0-9-]*$', minLength: 2, maxLength: 60 });
const PermissionCode = Type.String({ pattern: '^[a-z][a-z0-9-]*(\\.[a-z][a-z0-9-]*)+$', maxLength: 100 });
const Name = Type.String({ minLength: 1, maxLength: 200, pattern: '\\S' });

export const OrganisationListQuery = Type.Object(
  {
    divisionCode: Type.Optional(DivisionCode),
    kind: Type.Optional(OrganisationKind),
    isActive: Type.Optional(Type.Boolean()),
    q: Type.Optional(Type.String({ minLength: 1, maxLength: 50, description: 'Part of the Chinese name' })),
    limit: Type.Optional(Limit),
    cursor: Type.Optional(Cursor),
  },
  { additionalProperties: false },
);
export type OrganisationListQuery = Static<typeof OrganisationListQuery>;

export const OrganisationDetail = Type.Object({
  id: Uuid,
  kind: OrganisationKind,
  nameZh: Type.String(),
  nameEn: Nullable(Type.String()),
  divisionCode: Type.String(),
  divisionName: Type.String(),
  parentId: Nullable(Uuid),
  parentName: Nullable(Type.String()),
  creditCode: Nullable(Type.String()),
  isActive: Type.Boolean(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});

export const OrganisationChange = Type.Object(
  {
    nameZh: Type.Optional(Name),
    nameEn: Type.Optional(Nullable(Name)),
    parentId: Type.Optional(Nullable(Uuid)),
    creditCode: Type.Optional(Type.String({ minLength: 1, maxLength: 40 })),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type OrganisationChange = Static<typeof OrganisationChange>;

export const PermissionCatalogue = Type.Object({
  permissions: Type.Array(
    Type.Object({
      code: Type.String(),
      module: Type.String(),
      descriptionZh: Type.String(),
      descriptionEn: Type.String(),
    }),
  ),
});

const Role = Type.Object({
  code: Type.String(),
  nameZh: Type.String(),
  nameEn: Type.String(),
  isBuiltIn: Type.Boolean(),
  permissions: Type.Array(Type.String()),
  updatedAt: Timestamp,
});
export const RoleList = Type.Object({ roles: Type.Array(Role) });

export const RoleInput = Type.Object(
  {
    code: RoleCode,
    nameZh: Name,
    nameEn: Name,
    permissions: Type.Array(PermissionCode, { minItems: 1, maxItems: 100 }),
  },
  { additionalProperties: false },
);
export type RoleInput = Static<typeof RoleInput>;

export const RoleChange = Type.Object(
  {
    nameZh: Type.Optional(Name),
    nameEn: Type.Optional(Name),
    permissions: Type.Optional(Type.Array(PermissionCode, { minItems: 1, maxItems: 100 })),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type RoleChange = Static<typeof RoleChange>;
export const RoleParams = Type.Object({ code: RoleCode });

export const GrantListQuery = Type.Object(
  {
    accountId: Type.Optional(Uuid),
    roleCode: Type.Optional(RoleCode),
    divisionCode: Type.Optional(DivisionCode),
    includeInactive: Type.Optional(Type.Boolean({ description: 'Expired and revoked grants too' })),
    limit: Type.Optional(Limit),
    cursor: Type.Optional(Cursor),
  },
  { additionalProperties: false },
);
export type GrantListQuery = Static<typeof GrantListQuery>;

export const GrantList = Type.Object({
  grants: Type.Array(
    Type.Object({
      id: Uuid,
      accountId: Uuid,
      accountKind: Type.String(),
      maskedName: Nullable(Type.String()),
      roleCode: Type.String(),
      roleNameZh: Type.String(),
      roleNameEn: Type.String(),
      divisionCode: Type.String(),
      divisionName: Type.String(),
      organisationId: Nullable(Uuid),
      organisationName: Nullable(Type.String()),
      grantedAt: Timestamp,
      expiresAt: Nullable(Timestamp),
      revokedAt: Nullable(Timestamp),
      status: Type.Union([Type.Literal('active'), Type.Literal('expired'), Type.Literal('revoked')]),
    }),
  ),
  nextCursor: NextCursor,
});

export const AccountListQuery = Type.Object(
  {
    accountId: Type.Optional(Uuid),
    organisationId: Type.Optional(Uuid),
    divisionCode: Type.Optional(DivisionCode),
    kind: Type.Optional(AccountKind),
    limit: Type.Optional(Limit),
    cursor: Type.Optional(Cursor),
  },
  { additionalProperties: false },
);
export type AccountListQuery = Static<typeof AccountListQuery>;

export const AccountList = Type.Object({
  accounts: Type.Array(
    Type.Object({
      id: Uuid,
      kind: AccountKind,
      status: Type.Union([Type.Literal('active'), Type.Literal('disabled')]),
      maskedName: Nullable(Type.String()),
      organisationId: Nullable(Uuid),
      organisationName: Nullable(Type.String()),
      divisionCode: Type.String(),
      divisionName: Type.String(),
      hasSecondFactor: Type.Boolean({ description: 'An authenticator app is enrolled and confirmed' }),
      createdAt: Timestamp,
    }),
  ),
  nextCursor: NextCursor,
});

export const Administration = Type.Object({
  sections: Type.Array(
    Type.Union([
      Type.Literal('divisions'),
      Type.Literal('organisations'),
      Type.Literal('staff'),
      Type.Literal('roles'),
      Type.Literal('grants'),
      Type.Literal('calendar'),
    ]),
    { description: 'The administration pages the caller may use now' },
  ),
  areas: Type.Array(Type.Object({ divisionCode: Type.String(), divisionName: Type.String() }), {
    description: 'Roots of the division subtrees where the caller holds an administration permission',
  }),
});
