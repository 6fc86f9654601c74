import { type Static, Type } from 'typebox';

export const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) }, { additionalProperties: false });

export const DraftInput = Type.Object(
  {
    itemCode: Type.String({ minLength: 1, maxLength: 40, description: 'The item code, e.g. 00-XK-00101-SL' }),
  },
  { additionalProperties: false },
);
export type DraftInput = Static<typeof DraftInput>;

export const AnswersInput = Type.Object(
  { answers: Type.Record(Type.String({ maxLength: 200 }), Type.Unknown()) },
  { additionalProperties: false },
);
export type AnswersInput = Static<typeof AnswersInput>;

export const SubmissionInput = Type.Object(
  {
    declarationAccepted: Type.Boolean({
      description: 'The applicant declares the answers and materials true',
    }),
  },
  { additionalProperties: false },
);
export type SubmissionInput = Static<typeof SubmissionInput>;

export const SupplementsInput = Type.Object(
  {
    provided: Type.Array(
      Type.Object(
        {
          material: Type.String({ minLength: 1, maxLength: 200 }),
          detail: Type.String({ minLength: 1, maxLength: 2000 }),
        },
        { additionalProperties: false },
      ),
      { minItems: 1, maxItems: 100 },
    ),
    answers: Type.Optional(
      Type.Record(Type.String({ maxLength: 200 }), Type.Unknown(), {
        description: 'Answers the notice asked to correct; the whole form must be valid with them',
      }),
    ),
  },
  { additionalProperties: false },
);
export type SupplementsInput = Static<typeof SupplementsInput>;

const Time = Type.Union([Type.String({ format: 'date-time' }), Type.Null()]);

export const Application = Type.Object({
  id: Type.String(),
  number: Type.Union([Type.String(), Type.Null()]),
  state: Type.String(),
  itemCode: Type.String(),
  itemVersionId: Type.String(),
  versionNumber: Type.Integer(),
  divisionCode: Type.String(),
  implementingOrganisationId: Type.String(),
  answers: Type.Record(Type.String(), Type.Unknown()),
  submittedAt: Time,
  acceptedAt: Time,
  decidedAt: Time,
  statutoryDueAt: Time,
  promisedDueAt: Time,
  workflowInstanceId: Type.Union([Type.String(), Type.Null()]),
  credentialIdentifier: Type.Union([Type.String(), Type.Null()]),
  rejectionReasons: Type.Array(Type.String()),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});

export const ApplicationWithMaterials = Type.Intersect([
  Application,
  Type.Object({
    materials: Type.Array(
      Type.Object({
        material_key: Type.String(),
        kind: Type.String(),
        credential_identifier: Type.Union([Type.String(), Type.Null()]),
        content_type: Type.Union([Type.String(), Type.Null()]),
        size_bytes: Type.Union([Type.Integer(), Type.Null()]),
        sha256: Type.Union([Type.String(), Type.Null()]),
      }),
    ),
  }),
]);

export const Drafts = Type.Object({ drafts: Type.Array(Application) });

export const Prefill = Type.Object({
  fields: Type.Array(
    Type.Object({
      pointer: Type.String(),
      source: Type.String(),
      value: Type.Unknown(),
      verified: Type.Literal(true),
    }),
  ),
  unfilled: Type.Array(Type.Object({ pointer: Type.String(), source: Type.String(), reason: Type.String() })),
  materials: Type.Array(
    Type.Object({
      materialKey: Type.String(),
      credentialType: Type.String(),
      credentialIdentifier: Type.Union([Type.String(), Type.Null()]),
      isShared: Type.Boolean(),
    }),
  ),
});

export const NumberParams = Type.Object(
  { number: Type.String({ minLength: 1, maxLength: 40, description: 'The application number' }) },
  { additionalProperties: false },
);

export const PublicStatusQuery = Type.Object(
  {
    number: Type.String({ minLength: 1, maxLength: 40 }),
    checkCode: Type.String({
      pattern: '^[0-9A-Fa-f]{8}$',
      description: 'The 8-character check code the applicant was given',
    }),
  },
  { additionalProperties: false },
);
export type PublicStatusQuery = Static<typeof PublicStatusQuery>;

export const PublicStatus = Type.Object({
  number: Type.String(),
  itemCode: Type.String(),
  versionNumber: Type.Integer(),
  divisionCode: Type.String(),
  state: Type.String(),
  isClockPaused: Type.Boolean(),
  submittedAt: Time,
  acceptedAt: Time,
  decidedAt: Time,
  statutoryDueAt: Time,
  promisedDueAt: Time,
});

export const MyStatus = Type.Intersect([
  PublicStatus,
  Type.Object({
    id: Type.String(),
    checkCode: Type.String(),
    credentialIdentifier: Type.Union([Type.String(), Type.Null()]),
    rejectionReasons: Type.Array(Type.String()),
  }),
]);

export const RatingInput = Type.Object(
  {
    score: Type.Integer({ minimum: 1, maximum: 5, description: '1 very poor … 5 very good' }),
    comment: Type.Optional(Type.String({ maxLength: 2000 })),
  },
  { additionalProperties: false },
);
export type RatingInput = Static<typeof RatingInput>;

export const Rating = Type.Object({
  score: Type.Integer(),
  comment: Type.Union([Type.String(), Type.Null()]),
  ratedAt: Type.String(),
});

export const UploadInput = Type.Object(
  {
    pointer: Type.String({
      pattern: '^(/[^/]+)+$',
      maxLength: 300,
      description: 'The file question, e.g. /leaseScan',
    }),
    contentBase64: Type.String({ minLength: 1, description: 'The file, base64' }),
  },
  { additionalProperties: false },
);
export type UploadInput = Static<typeof UploadInput>;

export const Upload = Type.Object({
  id: Type.String(),
  pointer: Type.String(),
  contentType: Type.String(),
  sizeBytes: Type.Integer(),
  sha256: Type.String(),
});

export const WithdrawalInput = Type.Object(
  { reason: Type.String({ minLength: 1, maxLength: 2000, description: 'Why the applicant withdraws' }) },
  { additionalProperties: false },
);
export type WithdrawalInput = Static<typeof WithdrawalInput>;

export const ExtensionInput = Type.Object(
  {
    workingDays: Type.Integer({ minimum: 1, maximum: 60, description: 'Extra working days asked for' }),
    reason: Type.String({ minLength: 1, maxLength: 2000 }),
    legalBasis: Type.String({
      minLength: 1,
      maxLength: 500,
      description: 'The provision that allows it, e.g. 《行政许可法》第四十二条',
    }),
  },
  { additionalProperties: false },
);
export type ExtensionInput = Static<typeof ExtensionInput>;

export const ExtensionDecisionInput = Type.Object(
  {
    decision: Type.Union([Type.Literal('approve'), Type.Literal('refuse')]),
    note: Type.Optional(Type.String({ maxLength: 2000, description: 'Required when refusing' })),
  },
  { additionalProperties: false },
);
export type ExtensionDecisionInput = Static<typeof ExtensionDecisionInput>;

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) =>
  Type.Union([schema, Type.Null()]);

export const Extension = Type.Object({
  id: Type.String(),
  applicationId: Type.String(),
  workingDays: Type.Integer(),
  reason: Type.String(),
  legalBasis: Type.String(),
  state: Type.String(),
  requestedBy: Type.String(),
  requestedAt: Type.String(),
  decidedBy: Nullable(Type.String()),
  decidedAt: Nullable(Type.String()),
  decisionNote: Nullable(Type.String()),
});

export const ExtensionDecision = Type.Object({ extension: Extension, statutoryDueAt: Time });

export const PendingExtensions = Type.Object({
  extensions: Type.Array(
    Type.Intersect([
      Extension,
      Type.Object({ applicationNumber: Nullable(Type.String()), statutoryDueAt: Time }),
    ]),
  ),
});

export const ExtensionIdParams = Type.Object(
  { id: Type.String({ format: 'uuid' }) },
  { additionalProperties: false },
);

export const VisitInput = Type.Object(
  { purpose: Type.String({ minLength: 1, maxLength: 500, description: 'Why the applicant came in person' }) },
  { additionalProperties: false },
);
export type VisitInput = Static<typeof VisitInput>;

export const Visit = Type.Object({ applicationId: Type.String(), inPersonVisits: Type.Integer() });

export const CaseView = Type.Object({
  id: Type.String(),
  number: Nullable(Type.String()),
  state: Type.String(),
  itemCode: Type.String(),
  versionNumber: Type.Integer(),
  divisionCode: Type.String(),
  implementingOrganisationId: Type.String(),
  workflowInstanceId: Nullable(Type.String()),
  submittedAt: Time,
  acceptedAt: Time,
  decidedAt: Time,
  statutoryDueAt: Time,
  promisedDueAt: Time,
  inPersonVisits: Type.Integer(),
  materials: Type.Array(
    Type.Object({
      materialKey: Type.String(),
      kind: Type.String(),
      contentType: Nullable(Type.String()),
      sizeBytes: Nullable(Type.Integer()),
      sha256: Nullable(Type.String()),
      credentialIdentifier: Nullable(Type.String()),
    }),
  ),
  clockEvents: Type.Array(
    Type.Object({
      kind: Type.String(),
      reason: Type.String(),
      extensionDays: Nullable(Type.Integer()),
      at: Type.String(),
    }),
  ),
  extensions: Type.Array(Extension),
  history: Type.Array(
    Type.Object({
      leafIndex: Nullable(Type.String()),
      action: Type.String(),
      record: Type.Object({ type: Type.String(), id: Type.String() }),
      actor: Type.Object({ kind: Type.String(), id: Nullable(Type.String()) }),
      onBehalfOf: Nullable(Type.String()),
      reason: Nullable(Type.String()),
      at: Type.String(),
    }),
  ),
});
