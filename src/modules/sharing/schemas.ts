import { type Static, Type } from 'typebox';

const literals = (values: readonly string[], description?: string) =>
  Type.Union(
    values.map((value) => Type.Literal(value)),
    description ? { description } : {},
  );
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) =>
  Type.Union([schema, Type.Null()]);
const Uuid = Type.String({ format: 'uuid' });
const Text = (maxLength: number) => Type.String({ maxLength });
const FieldName = Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z][A-Za-z0-9_]*$' });
const DivisionCode = Type.String({
  pattern: '^(0|[0-9]{2,12})$',
  description: 'A division code; 0 is the whole country',
});

export const ResourceField = Type.Object(
  {
    name: FieldName,
    type: literals(['string', 'resident-id', 'phone', 'person-name', 'date', 'number', 'credit-code']),
    description: Text(500),
    grade: literals(['core', 'important', 'general'], 'core 核心, important 重要, general 一般'),
    isPersonal: Type.Boolean({ description: 'Personal information (个人信息)' }),
    isSensitive: Type.Boolean({ description: 'Sensitive personal information (敏感个人信息)' }),
  },
  { additionalProperties: false },
);

const UpdateFrequency = literals([
  'real-time',
  'daily',
  'weekly',
  'monthly',
  'quarterly',
  'yearly',
  'irregular',
]);
const SharingType = literals(
  ['unconditional', 'conditional', 'not-shared'],
  'unconditional 无条件共享, conditional 有条件共享, not-shared 不予共享',
);
const OpenType = literals(
  ['open', 'conditionally-open', 'not-open'],
  'open 无条件开放, conditionally-open 有条件开放, not-open 不予开放',
);
const AccessMethod = literals(
  ['local', 'endpoint'],
  'local: records held in the platform; endpoint: the owner’s provider URL',
);

export const ResourceBody = Type.Object(
  {
    code: Type.String({ pattern: '^[A-Za-z0-9][A-Za-z0-9./-]{1,63}$', description: 'Catalogue code' }),
    name: Type.String({ minLength: 1, maxLength: 200 }),
    description: Type.Optional(Text(2000)),
    legalBasis: Type.String({ minLength: 1, maxLength: 1000 }),
    updateFrequency: UpdateFrequency,
    fields: Type.Array(ResourceField, { minItems: 1, maxItems: 200 }),
    sharingType: SharingType,
    sharingConditions: Type.Optional(Text(2000)),
    notSharedReason: Type.Optional(Text(2000)),
    openType: OpenType,
    accessMethod: AccessMethod,
    endpointUrl: Type.Optional(Type.String({ maxLength: 2000 })),
    subjectField: Type.Optional(FieldName),
    requiresConsent: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type ResourceBody = Static<typeof ResourceBody>;

const Party = Type.Object({ id: Uuid, nameZh: Type.String(), nameEn: Nullable(Type.String()) });

export const ResourceView = Type.Object({
  id: Uuid,
  code: Type.String(),
  name: Type.String(),
  description: Type.String(),
  owner: Party,
  legalBasis: Type.String(),
  updateFrequency: UpdateFrequency,
  fields: Type.Array(ResourceField),
  sharingType: SharingType,
  sharingConditions: Nullable(Type.String()),
  notSharedReason: Nullable(Type.String()),
  openType: OpenType,
  accessMethod: AccessMethod,
  endpointUrl: Nullable(Type.String()),
  subjectField: Nullable(Type.String()),
  requiresConsent: Type.Boolean(),
  createdAt: Type.String({ format: 'date-time' }),
});

export const ResourceQuery = Type.Object(
  {
    q: Type.Optional(
      Type.String({ maxLength: 100, description: 'Part of the name, code, description or a field name' }),
    ),
    ownerOrganisationId: Type.Optional(Uuid),
  },
  { additionalProperties: false },
);
export type ResourceQuery = Static<typeof ResourceQuery>;

export const CodeParams = Type.Object({ code: Type.String({ maxLength: 64 }) });
export const IdParams = Type.Object({ id: Uuid });

export const RequestBody = Type.Object(
  {
    resourceCode: Type.String({ minLength: 1, maxLength: 64 }),
    purpose: Type.String({ minLength: 1, maxLength: 500 }),
    legalBasis: Type.String({ minLength: 1, maxLength: 1000 }),
    fields: Type.Array(FieldName, { minItems: 1, maxItems: 200 }),
  },
  { additionalProperties: false },
);
export type RequestBody = Static<typeof RequestBody>;

const RequestStatus = literals(['pending', 'approved', 'rejected']);

export const RequestView = Type.Object({
  id: Uuid,
  resource: Type.Object({ code: Type.String(), name: Type.String(), fields: Type.Array(ResourceField) }),
  consumer: Party,
  owner: Party,
  purpose: Type.String(),
  legalBasis: Type.String(),
  fields: Type.Array(Type.String()),
  status: RequestStatus,
  dueAt: Type.String({ format: 'date-time' }),
  decidedAt: Nullable(Type.String({ format: 'date-time' })),
  rejectionReason: Nullable(Type.String()),
  agreementId: Nullable(Uuid),
  createdAt: Type.String({ format: 'date-time' }),
});

export const RequestQuery = Type.Object(
  { status: Type.Optional(RequestStatus) },
  { additionalProperties: false },
);
export type RequestQuery = Static<typeof RequestQuery>;

export const ApprovalBody = Type.Object(
  {
    fields: Type.Array(FieldName, { maxItems: 200, description: 'The same or fewer fields than requested' }),
    maskedFields: Type.Optional(
      Type.Array(FieldName, { maxItems: 200, description: 'Approved fields that leave masked' }),
    ),
    divisionCodes: Type.Optional(
      Type.Array(DivisionCode, {
        minItems: 1,
        maxItems: 50,
        description: 'Whose records: default the owner’s division',
      }),
    ),
    validUntil: Type.String({ format: 'date-time' }),
    rateLimitPerMinute: Type.Optional(Type.Integer({ minimum: 1, maximum: 100000 })),
  },
  { additionalProperties: false },
);
export type ApprovalBody = Static<typeof ApprovalBody>;

export const ReasonBody = Type.Object(
  { reason: Type.String({ minLength: 1, maxLength: 2000 }) },
  { additionalProperties: false },
);
export type ReasonBody = Static<typeof ReasonBody>;

export const AgreementChangeBody = Type.Object(
  {
    change: literals(['suspend', 'reinstate', 'revoke']),
    reason: Type.String({ minLength: 1, maxLength: 2000 }),
  },
  { additionalProperties: false },
);
export type AgreementChangeBody = Static<typeof AgreementChangeBody>;

export const AgreementView = Type.Object({
  id: Uuid,
  requestId: Nullable(Uuid),
  resource: Type.Object({ code: Type.String(), name: Type.String() }),
  consumer: Party,
  owner: Party,
  fields: Type.Array(Type.String()),
  maskedFields: Type.Array(Type.String()),
  purposes: Type.Array(Type.String()),
  divisionCodes: Type.Array(Type.String()),
  validFrom: Type.String({ format: 'date-time' }),
  validUntil: Type.String({ format: 'date-time' }),
  rateLimitPerMinute: Type.Integer(),
  status: literals(['active', 'suspended', 'revoked']),
  statusReason: Nullable(Type.String()),
  isAutomatic: Type.Boolean(),
});

export const SystemBody = Type.Object(
  { name: Type.String({ minLength: 1, maxLength: 200 }) },
  { additionalProperties: false },
);
export type SystemBody = Static<typeof SystemBody>;

export const SystemView = Type.Object({
  id: Uuid,
  name: Type.String(),
  keyPrefix: Type.String(),
  createdAt: Type.String({ format: 'date-time' }),
  revokedAt: Nullable(Type.String({ format: 'date-time' })),
});
export const CreatedSystem = Type.Object({
  id: Uuid,
  name: Type.String(),
  keyPrefix: Type.String(),
  apiKey: Type.String({ description: 'Shown once; the platform keeps only its hash' }),
  createdAt: Type.String({ format: 'date-time' }),
});

export const HubHeaders = Type.Object({
  'x-sharing-key': Type.Optional(Type.String({ maxLength: 200, description: 'The calling system’s key' })),
});

export const HubQueryBody = Type.Object(
  {
    resourceCode: Type.String({ minLength: 1, maxLength: 64 }),
    subject: Type.String({
      minLength: 1,
      maxLength: 64,
      description: 'Resident ID number, or the record’s key',
    }),
    purpose: Type.String({ minLength: 1, maxLength: 500 }),
    caseNumber: Type.String({ minLength: 1, maxLength: 100 }),
    endUser: Type.String({
      minLength: 1,
      maxLength: 200,
      description: 'The official using the calling system',
    }),
    fields: Type.Optional(Type.Array(FieldName, { minItems: 1, maxItems: 200 })),
    hidden: Type.Optional(
      Type.Object(
        {
          basis: Type.String({ minLength: 1, maxLength: 1000 }),
          until: Type.String({ format: 'date-time' }),
        },
        {
          additionalProperties: false,
          description: 'Hide from the citizen’s tracker, with a legal basis, until a date',
        },
      ),
    ),
  },
  { additionalProperties: false },
);
export type HubQueryBody = Static<typeof HubQueryBody>;

export const HubAnswer = Type.Object({
  accessId: Uuid,
  resourceCode: Type.String(),
  fields: Type.Array(Type.String()),
  record: Type.Record(Type.String(), Nullable(Type.Union([Type.String(), Type.Number()]))),
  maskedFields: Type.Array(Type.String()),
  responseHash: Nullable(Type.String()),
});

export const ConsentBody = Type.Object(
  { agreementId: Uuid, purpose: Type.String({ minLength: 1, maxLength: 500 }) },
  { additionalProperties: false },
);
export type ConsentBody = Static<typeof ConsentBody>;

export const ConsentView = Type.Object({
  id: Uuid,
  agreementId: Uuid,
  purpose: Type.String(),
  grantedAt: Type.String({ format: 'date-time' }),
  revokedAt: Nullable(Type.String({ format: 'date-time' })),
});

export const ConsentList = Type.Object({
  options: Type.Array(
    Type.Object({
      agreementId: Uuid,
      resource: Type.Object({ code: Type.String(), name: Type.String() }),
      consumer: Party,
      owner: Party,
      purposes: Type.Array(Type.String()),
      fields: Type.Array(Type.String()),
      validUntil: Type.String({ format: 'date-time' }),
    }),
  ),
  consents: Type.Array(
    Type.Object({
      id: Uuid,
      agreementId: Uuid,
      resource: Type.Object({ code: Type.String(), name: Type.String() }),
      consumer: Party,
      purpose: Type.String(),
      grantedAt: Type.String({ format: 'date-time' }),
      revokedAt: Nullable(Type.String({ format: 'date-time' })),
    }),
  ),
});

export const TrackerQuery = Type.Object(
  { limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })) },
  { additionalProperties: false },
);
export type TrackerQuery = Static<typeof TrackerQuery>;

export const TrackerView = Type.Object({
  treeSize: Type.String({ description: 'Size of the checkpoint the proofs are for' }),
  accesses: Type.Array(
    Type.Object({
      id: Uuid,
      at: Type.String({ format: 'date-time' }),
      consumer: Party,
      owner: Party,
      system: Type.String(),
      resource: Type.Object({ code: Type.String(), name: Type.String() }),
      purpose: Type.String(),
      caseNumber: Type.String(),
      fields: Type.Array(Type.String()),
      wasHiddenUntil: Nullable(Type.String({ format: 'date-time' })),
      hiddenBasis: Nullable(Type.String()),
      ledger: Type.Object({
        leafIndex: Nullable(Type.String()),
        entry: Nullable(Type.String({ description: 'The audit event as logged (canonical JSON, base64)' })),
        proof: Nullable(
          Type.Object({
            treeSize: Type.String(),
            leafHash: Type.String(),
            hashes: Type.Array(Type.String()),
          }),
        ),
      }),
    }),
  ),
});

export const OversightView = Type.Object({
  department: Party,
  resources: Type.Integer(),
  agreements: Type.Object({
    active: Type.Integer(),
    suspended: Type.Integer(),
    revoked: Type.Integer(),
    expired: Type.Integer(),
    asConsumer: Type.Integer(),
  }),
  exchangesPerDay: Type.Array(
    Type.Object({ day: Type.String(), granted: Type.Integer(), denied: Type.Integer() }),
  ),
  topConsumers: Type.Array(
    Type.Object({
      id: Uuid,
      nameZh: Type.String(),
      nameEn: Nullable(Type.String()),
      lastDay: Type.Integer(),
      dailyAverageBefore: Type.Number(),
      total: Type.Integer(),
      isAnomalous: Type.Boolean(),
    }),
  ),
  anomalies: Type.Array(
    Type.Object({
      id: Uuid,
      nameZh: Type.String(),
      nameEn: Nullable(Type.String()),
      lastDay: Type.Integer(),
      dailyAverageBefore: Type.Number(),
      total: Type.Integer(),
      isAnomalous: Type.Boolean(),
    }),
  ),
});
