import { type Static, Type } from 'typebox';

const Kind = Type.Union(
  ['complaint', 'demand', 'suggestion', 'enquiry', 'praise'].map((kind) => Type.Literal(kind)),
  { description: 'complaint 投诉, demand 求助, suggestion 建议, enquiry 咨询, praise 表扬' },
);
const Status = Type.Union(
  ['open', 'acknowledged', 'in-progress', 'closed'].map((status) => Type.Literal(status)),
);
const Uuid = Type.String({ format: 'uuid' });
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) =>
  Type.Union([schema, Type.Null()]);

export const IdempotencyHeaders = Type.Object({
  'idempotency-key': Type.Optional(
    Type.String({
      minLength: 1,
      maxLength: 200,
      pattern: '^[\\x21-\\x7e]+$',
      description: 'Any unique string (a UUID); a retry with the same key gets the same request',
    }),
  ),
});

export const RequestBody = Type.Object(
  {
    channel: Type.Optional(
      Type.Union([Type.Literal('web'), Type.Literal('phone')], {
        description: 'web (a citizen, signed in) or phone (staff entering a call, feedback.requests.enter)',
      }),
    ),
    categoryCode: Type.String({ minLength: 1, maxLength: 64 }),
    kind: Kind,
    urgency: Type.Optional(
      Type.Union([Type.Literal('normal'), Type.Literal('urgent'), Type.Literal('emergency')], {
        description: 'Chooses the service level together with the category (default normal)',
      }),
    ),
    description: Type.String({ maxLength: 5000 }),
    divisionCode: Type.String({
      pattern: '^[0-9]{2,12}$',
      description: 'Where: township or village code where known',
    }),
    address: Type.Optional(Nullable(Type.String({ maxLength: 500 }))),
    latitude: Type.Optional(Nullable(Type.Number({ description: 'WGS84' }))),
    longitude: Type.Optional(Nullable(Type.Number({ description: 'WGS84' }))),
    attributes: Type.Optional(
      Type.Record(
        Type.String({ maxLength: 64 }),
        Type.Union([
          Type.String({ maxLength: 2000 }),
          Type.Array(Type.String({ maxLength: 200 }), { maxItems: 50 }),
        ]),
      ),
    ),
    photos: Type.Optional(
      Type.Array(
        Type.String({ maxLength: 2_800_000, description: 'base64 JPEG, PNG or WebP, at most 2 MiB' }),
        {
          maxItems: 3,
        },
      ),
    ),
    isIdentityDisclosed: Type.Optional(
      Type.Boolean({ description: 'Let the handling unit see who you are (never the public)' }),
    ),
    contact: Type.Optional(
      Type.Object(
        {
          name: Type.Optional(Type.String({ maxLength: 100 })),
          phone: Type.Optional(Type.String({ maxLength: 40 })),
        },
        { additionalProperties: false, description: 'The caller, for phone entries' },
      ),
    ),
  },
  { additionalProperties: false },
);
export type RequestBody = Static<typeof RequestBody>;

export const OrganisationRef = Type.Object({
  id: Uuid,
  nameZh: Type.String(),
  nameEn: Nullable(Type.String()),
});

const publicFields = {
  id: Type.String({ description: 'Public number, e.g. FB202600000001' }),
  categoryCode: Type.String(),
  categoryNameZh: Type.String(),
  categoryNameEn: Type.String(),
  kind: Type.String(),
  urgency: Type.String(),
  description: Type.String(),
  attributes: Type.Record(Type.String(), Type.Union([Type.String(), Type.Array(Type.String())])),
  address: Nullable(Type.String()),
  divisionCode: Type.String(),
  latitude: Nullable(Type.Number()),
  longitude: Nullable(Type.Number()),
  status: Type.String(),
  statusNotes: Nullable(Type.String()),
  channel: Type.String(),
  photoUrls: Type.Array(Type.String()),
  mediaUrl: Nullable(Type.String()),
  holder: Nullable(OrganisationRef),
  submittedAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
  closedAt: Nullable(Type.String({ format: 'date-time' })),
};

export const PublicRequest = Type.Object(publicFields);

export const RequestView = Type.Object({
  ...publicFields,
  view: Type.Union([Type.Literal('public'), Type.Literal('own'), Type.Literal('handler')]),
  internalId: Type.Optional(Uuid),
  isIdentityDisclosed: Type.Optional(Type.Boolean()),
  contact: Type.Optional(
    Nullable(
      Type.Object({
        accountId: Nullable(Uuid),
        maskedName: Nullable(Type.String()),
        maskedPhone: Nullable(Type.String()),
        maskedEmail: Nullable(Type.String()),
      }),
    ),
  ),
  history: Type.Optional(
    Type.Array(
      Type.Object({
        id: Uuid,
        kind: Type.String(),
        status: Type.String(),
        organisation: Nullable(OrganisationRef),
        publicNote: Nullable(Type.String()),
        internalNote: Type.Optional(Nullable(Type.String())),
        at: Type.String({ format: 'date-time' }),
      }),
    ),
  ),
  pendingTransfer: Type.Optional(
    Nullable(
      Type.Object({
        id: Uuid,
        status: Type.String(),
        from: OrganisationRef,
        to: OrganisationRef,
        reason: Type.String(),
        refusalReason: Nullable(Type.String()),
        disputeReason: Nullable(Type.String()),
        arbiter: Nullable(OrganisationRef),
        offeredAt: Type.String({ format: 'date-time' }),
      }),
    ),
  ),
});

export const RequestParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) });
export const PhotoParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }), photoId: Uuid });
export const TransferParams = Type.Object({
  id: Type.String({ minLength: 1, maxLength: 64 }),
  transferId: Uuid,
});

export const RequestListQuery = Type.Object(
  {
    categoryCode: Type.Optional(Type.String({ maxLength: 64 })),
    kind: Type.Optional(Kind),
    status: Type.Optional(Status),
    divisionCode: Type.Optional(Type.String({ pattern: '^[0-9]{1,12}$' })),
    submittedAfter: Type.Optional(Type.String({ format: 'date-time' })),
    submittedBefore: Type.Optional(Type.String({ format: 'date-time' })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
    cursor: Type.Optional(Type.String({ maxLength: 200 })),
  },
  { additionalProperties: false },
);
export type RequestListQuery = Static<typeof RequestListQuery>;

export const RequestPage = Type.Object({
  items: Type.Array(PublicRequest),
  nextCursor: Nullable(Type.String()),
});

export const StatusBody = Type.Object(
  {
    status: Type.Union([Type.Literal('acknowledged'), Type.Literal('in-progress'), Type.Literal('closed')]),
    note: Type.Optional(
      Type.String({ maxLength: 2000, description: 'Shown to the public (the reply on closing)' }),
    ),
  },
  { additionalProperties: false },
);
export type StatusBody = Static<typeof StatusBody>;

const Reason = Type.String({ minLength: 1, maxLength: 2000 });

export const TransferBody = Type.Object(
  { toOrganisationId: Uuid, reason: Reason },
  { additionalProperties: false },
);
export type TransferBody = Static<typeof TransferBody>;

export const TransferAnswerBody = Type.Union([
  Type.Object({ action: Type.Literal('accept') }, { additionalProperties: false }),
  Type.Object({ action: Type.Literal('refuse'), reason: Reason }, { additionalProperties: false }),
  Type.Object({ action: Type.Literal('withdraw') }, { additionalProperties: false }),
  Type.Object({ action: Type.Literal('dispute'), reason: Reason }, { additionalProperties: false }),
  Type.Object(
    { action: Type.Literal('decide'), holderOrganisationId: Uuid, reason: Reason },
    { additionalProperties: false },
  ),
]);

export const Category = Type.Object({
  code: Type.String(),
  nameZh: Type.String(),
  nameEn: Type.String(),
  descriptionZh: Type.String(),
  descriptionEn: Type.String(),
  groupZh: Type.String(),
  groupEn: Type.String(),
  keywords: Type.Array(Type.String()),
  attributes: Type.Array(
    Type.Object({
      code: Type.String(),
      datatype: Type.String(),
      required: Type.Boolean(),
      variable: Type.Boolean(),
      order: Type.Integer(),
      description: Type.String(),
      datatypeDescription: Nullable(Type.String()),
      values: Type.Array(Type.Object({ key: Type.String(), name: Type.String() })),
    }),
  ),
});

export const UnitBody = Type.Object(
  { organisationId: Uuid, functionCode: Type.String({ minLength: 1, maxLength: 64 }) },
  { additionalProperties: false },
);
export type UnitBody = Static<typeof UnitBody>;
export const Unit = Type.Object({
  organisationId: Uuid,
  divisionCode: Type.String(),
  functionCode: Type.String(),
  createdAt: Type.String({ format: 'date-time' }),
});

export const RuleBody = Type.Object(
  {
    divisionCode: Type.String({ pattern: '^[0-9]{1,12}$' }),
    categoryCodes: Type.Array(Type.String({ maxLength: 64 }), {
      maxItems: 100,
      description: 'Empty: all categories',
    }),
    handlerLevel: Type.Integer({ minimum: 1, maximum: 5, description: '3 county, 4 township, …' }),
    handlerFunction: Type.String({ minLength: 1, maxLength: 64 }),
  },
  { additionalProperties: false },
);
export type RuleBody = Static<typeof RuleBody>;
export const Rule = Type.Object({
  id: Uuid,
  divisionCode: Type.String(),
  categoryCodes: Type.Array(Type.String()),
  handlerLevel: Type.Integer(),
  handlerFunction: Type.String(),
  createdAt: Type.String({ format: 'date-time' }),
});

export const ClientBody = Type.Object(
  { name: Type.String({ minLength: 1, maxLength: 200 }) },
  { additionalProperties: false },
);
export const CreatedClient = Type.Object({
  id: Uuid,
  name: Type.String(),
  keyPrefix: Type.String(),
  apiKey: Type.String({ description: 'Shown once; only its hash is kept' }),
  createdAt: Type.String({ format: 'date-time' }),
});
export const ClientSummary = Type.Object({
  id: Uuid,
  name: Type.String(),
  keyPrefix: Type.String(),
  createdAt: Type.String({ format: 'date-time' }),
  revokedAt: Nullable(Type.String({ format: 'date-time' })),
});
export const ClientParams = Type.Object({ clientId: Uuid });
