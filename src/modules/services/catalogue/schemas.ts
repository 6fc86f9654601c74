import { type Static, Type } from 'typebox';

/**
 * The catalogue's request and answer shapes. A version's content is the whole guide (办事指南) in the
 * elements of the national standard for service guides, the application form and the workflow.
 */

const Uuid = Type.String({ format: 'uuid' });
const DivisionCode = Type.String({ pattern: '^(0|[0-9]{2}|[0-9]{4}|[0-9]{6}|[0-9]{9}|[0-9]{12})$' });
const Key = Type.String({ pattern: '^[a-z][a-z0-9-]*$', minLength: 1, maxLength: 60 });
const ItemCodeText = Type.String({ minLength: 1, maxLength: 40 });
const Days = Type.Integer({ minimum: 0, maximum: 3650 });

export const LocalisedText = Type.Object(
  { zh: Type.String({ minLength: 1, maxLength: 2000 }), en: Type.String({ minLength: 1, maxLength: 2000 }) },
  { additionalProperties: false },
);
export type LocalisedText = Static<typeof LocalisedText>;

export const CREDENTIAL_TYPES = [
  'individual-business-licence',
  'food-business-permit',
  'birth-medical-certificate',
  'residence-certificate',
  'business-licence',
] as const;
const CredentialType = Type.Union([
  Type.Literal('individual-business-licence'),
  Type.Literal('food-business-permit'),
  Type.Literal('birth-medical-certificate'),
  Type.Literal('residence-certificate'),
  Type.Literal('business-licence'),
]);

const LegalBasis = Type.Object(
  { law: LocalisedText, article: Type.String({ minLength: 1, maxLength: 100 }) },
  { additionalProperties: false },
);

export const DepartmentSlot = Type.Object({ key: Key, name: LocalisedText }, { additionalProperties: false });
export type DepartmentSlot = Static<typeof DepartmentSlot>;

export const Material = Type.Object(
  {
    key: Key,
    name: LocalisedText,
    /** 原件 / 复印件 / 电子件: which forms are accepted. */
    forms: Type.Array(
      Type.Union([Type.Literal('original'), Type.Literal('copy'), Type.Literal('electronic')]),
      {
        minItems: 1,
        uniqueItems: true,
      },
    ),
    count: Type.Integer({ minimum: 1, maximum: 100 }),
    /** 来源渠道: who issues it (the applicant, a hospital, …). */
    source: LocalisedText,
    /** A blank form or specimen to download, by path or URL. */
    templateRef: Type.Optional(Type.String({ minLength: 1, maxLength: 500 })),
    requirement: Type.Union([Type.Literal('required'), Type.Literal('conditional')]),
    /** When a conditional material is needed. */
    condition: Type.Optional(LocalisedText),
    /** An electronic licence the government already holds: the applicant need not submit it. */
    obtainableBySharing: Type.Optional(
      Type.Object({ credentialType: CredentialType }, { additionalProperties: false }),
    ),
  },
  { additionalProperties: false },
);
export type Material = Static<typeof Material>;

const Fee = Type.Object(
  {
    name: LocalisedText,
    /** In yuan, as a decimal string so no amount is rounded by floating point. */
    amountYuan: Type.String({ pattern: '^(0|[1-9][0-9]{0,8})(\\.[0-9]{1,2})?$' }),
    basis: LocalisedText,
  },
  { additionalProperties: false },
);

/** Every guide element not kept in a column of its own. */
export const GuideContent = Type.Object(
  {
    settingBasis: Type.Array(LegalBasis, { minItems: 1 }),
    implementingBasis: Type.Array(LegalBasis),
    conditions: Type.Array(LocalisedText, { minItems: 1 }),
    prohibitedCases: Type.Array(LocalisedText),
    materials: Type.Array(Material),
    processSteps: Type.Array(LocalisedText, { minItems: 1 }),
    fees: Type.Array(Fee),
    result: Type.Object(
      {
        name: LocalisedText,
        credentialType: Type.Union([CredentialType, Type.Null()]),
        validity: LocalisedText,
        deliveryMethods: Type.Array(
          Type.Union([Type.Literal('collect'), Type.Literal('post'), Type.Literal('electronic')]),
          { minItems: 1, uniqueItems: true },
        ),
      },
      { additionalProperties: false },
    ),
    /** The catalogue's general guidance; each division's implementation gives its own place and hours. */
    offline: Type.Object({ place: LocalisedText, hours: LocalisedText }, { additionalProperties: false }),
    remedies: Type.Object(
      {
        administrativeReview: LocalisedText,
        litigation: LocalisedText,
      },
      { additionalProperties: false },
    ),
    contacts: Type.Object(
      {
        enquiry: Type.String({ minLength: 1, maxLength: 200 }),
        complaint: Type.String({ minLength: 1, maxLength: 200 }),
      },
      { additionalProperties: false },
    ),
    faq: Type.Array(
      Type.Object({ question: LocalisedText, answer: LocalisedText }, { additionalProperties: false }),
    ),
  },
  { additionalProperties: false },
);
export type GuideContent = Static<typeof GuideContent>;

const ConditionValue = Type.Union([Type.String({ maxLength: 200 }), Type.Number(), Type.Boolean()]);
const Pointer = Type.String({ pattern: '^(/[^/]+)+$', maxLength: 300 });
const Comparison = Type.Union([
  Type.Object({ pointer: Pointer, equals: ConditionValue }, { additionalProperties: false }),
  Type.Object(
    { pointer: Pointer, in: Type.Array(ConditionValue, { minItems: 1 }) },
    { additionalProperties: false },
  ),
]);
/** A page's condition on the answers so far: one comparison, or all / any of several. */
export const Condition = Type.Union([
  Comparison,
  Type.Object({ all: Type.Array(Comparison, { minItems: 1 }) }, { additionalProperties: false }),
  Type.Object({ any: Type.Array(Comparison, { minItems: 1 }) }, { additionalProperties: false }),
]);
export type Condition = Static<typeof Condition>;

export const FormField = Type.Object(
  {
    pointer: Pointer,
    label: LocalisedText,
    hint: Type.Optional(LocalisedText),
    widget: Type.Union([
      Type.Literal('text'),
      Type.Literal('textarea'),
      Type.Literal('choice'),
      Type.Literal('yes-no'),
      Type.Literal('date'),
      Type.Literal('number'),
      Type.Literal('file'),
    ]),
    /** Labels of a choice's values (the values themselves are the schema's enum). */
    options: Type.Optional(
      Type.Array(
        Type.Object({ value: Type.String(), label: LocalisedText }, { additionalProperties: false }),
      ),
    ),
    /** Uploads: which content types and how large. */
    file: Type.Optional(
      Type.Object(
        {
          accept: Type.Array(Type.String({ pattern: '^[a-z]+/[a-z0-9.+-]+$' }), { minItems: 1 }),
          maxBytes: Type.Integer({ minimum: 1, maximum: 50 * 1024 * 1024 }),
        },
        { additionalProperties: false },
      ),
    ),
    /**
     * Where the answer is filled from: identity.name, identity.residentId, identity.division,
     * organisation.creditCode, organisation.name, or credential:<type>#<claim>.
     */
    prefill: Type.Optional(Type.String({ minLength: 1, maxLength: 120 })),
  },
  { additionalProperties: false },
);
export type FormField = Static<typeof FormField>;

export const FormPage = Type.Union([
  Type.Object(
    {
      kind: Type.Literal('question'),
      key: Key,
      title: LocalisedText,
      showIf: Type.Optional(Condition),
      fields: Type.Array(FormField, { minItems: 1 }),
    },
    { additionalProperties: false },
  ),
  Type.Object(
    {
      kind: Type.Literal('exit'),
      key: Key,
      title: LocalisedText,
      /** Shown to an applicant who cannot apply, saying why and where to turn instead. */
      message: LocalisedText,
      showIf: Condition,
    },
    { additionalProperties: false },
  ),
]);
export type FormPage = Static<typeof FormPage>;

export const FormUi = Type.Object(
  { pages: Type.Array(FormPage, { minItems: 1 }) },
  { additionalProperties: false },
);
export type FormUi = Static<typeof FormUi>;

export const VersionContent = Type.Object(
  {
    nameZh: Type.String({ minLength: 1, maxLength: 200 }),
    nameEn: Type.String({ minLength: 1, maxLength: 200 }),
    applicantType: Type.Union([Type.Literal('person'), Type.Literal('organisation'), Type.Literal('both')]),
    statutoryLimitDays: Days,
    promisedLimitDays: Days,
    maxInPersonVisits: Type.Integer({ minimum: 0, maximum: 10 }),
    departmentSlots: Type.Array(DepartmentSlot),
    guide: GuideContent,
    form: Type.Object(
      {
        /** JSON Schema draft 2020-12 of the answers; compiled when the version is published. */
        schema: Type.Record(Type.String(), Type.Unknown()),
        ui: FormUi,
      },
      { additionalProperties: false },
    ),
    /** The workflow definition (src/modules/services/workflow); checked in full at publication. */
    workflow: Type.Record(Type.String(), Type.Unknown()),
  },
  { additionalProperties: false },
);
export type VersionContent = Static<typeof VersionContent>;

export const ItemInput = Type.Object({ code: ItemCodeText }, { additionalProperties: false });
export type ItemInput = Static<typeof ItemInput>;

export const ItemParams = Type.Object({ code: ItemCodeText });
export const VersionParams = Type.Object({ id: Uuid });
export const ImplementationParams = Type.Object({ code: ItemCodeText, divisionCode: DivisionCode });

export const ImplementationInput = Type.Object(
  {
    implementingOrganisationId: Uuid,
    /** Every slot the item declares, bound to an organisation at this division or above. */
    slotBindings: Type.Record(Type.String({ pattern: '^[a-z][a-z0-9-]*$' }), Uuid),
    offline: Type.Object({ place: LocalisedText, hours: LocalisedText }, { additionalProperties: false }),
    contacts: Type.Object(
      {
        enquiry: Type.String({ minLength: 1, maxLength: 50 }),
        complaint: Type.String({ minLength: 1, maxLength: 50 }),
      },
      { additionalProperties: false },
    ),
    promisedLimitDays: Days,
    isOnlineEnabled: Type.Boolean(),
  },
  { additionalProperties: false },
);
export type ImplementationInput = Static<typeof ImplementationInput>;

const ItemTypeName = Type.Union(
  ['licence', 'confirmation', 'payment', 'award', 'adjudication', 'other-power', 'public-service'].map((t) =>
    Type.Literal(t),
  ),
);
const ApplicantType = Type.Union([
  Type.Literal('person'),
  Type.Literal('organisation'),
  Type.Literal('both'),
]);

export const ItemListQuery = Type.Object(
  {
    q: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    divisionCode: Type.Optional(DivisionCode),
    type: Type.Optional(ItemTypeName),
    applicantType: Type.Optional(ApplicantType),
    /** Only items implemented by this organisation (with divisionCode: in that division's chain). */
    organisationId: Type.Optional(Uuid),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
    offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 10000, default: 0 })),
  },
  { additionalProperties: false },
);
export type ItemListQuery = Static<typeof ItemListQuery>;

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) =>
  Type.Union([schema, Type.Null()]);

const ImplementationSummary = Type.Object({
  divisionCode: Type.String(),
  divisionName: Type.String(),
  organisationId: Uuid,
  organisationNameZh: Type.String(),
  organisationNameEn: Nullable(Type.String()),
  promisedLimitDays: Type.Integer(),
  isOnlineEnabled: Type.Boolean(),
});

export const ItemList = Type.Object({
  items: Type.Array(
    Type.Object({
      code: Type.String(),
      type: Type.String(),
      level: Type.String(),
      nameZh: Type.String(),
      nameEn: Type.String(),
      applicantType: Type.String(),
      versionNumber: Type.Integer(),
      statutoryLimitDays: Type.Integer(),
      promisedLimitDays: Type.Integer(),
      maxInPersonVisits: Type.Integer(),
      isFree: Type.Boolean(),
      isNameMatch: Type.Boolean(),
      implementation: Nullable(ImplementationSummary),
    }),
  ),
  total: Type.Integer(),
});

export const GuideQuery = Type.Object(
  {
    divisionCode: Type.Optional(DivisionCode),
    version: Type.Optional(Type.Integer({ minimum: 1 })),
  },
  { additionalProperties: false },
);
export type GuideQuery = Static<typeof GuideQuery>;

const AnyObject = Type.Object({}, { additionalProperties: true });

export const Guide = Type.Object({
  code: Type.String(),
  mainCode: Type.String(),
  type: Type.String(),
  level: Type.String(),
  handling: Nullable(Type.String()),
  versionId: Uuid,
  versionNumber: Type.Integer(),
  status: Type.String(),
  publishedAt: Type.String({ format: 'date-time' }),
  isCurrent: Type.Boolean(),
  nameZh: Type.String(),
  nameEn: Type.String(),
  applicantType: Type.String(),
  statutoryLimitDays: Type.Integer(),
  promisedLimitDays: Type.Integer(),
  maxInPersonVisits: Type.Integer(),
  isFree: Type.Boolean(),
  departmentSlots: Type.Array(DepartmentSlot),
  guide: AnyObject,
  form: Type.Object({ schema: AnyObject, ui: AnyObject }),
  workflow: AnyObject,
  implementation: Nullable(
    Type.Object({
      ...ImplementationSummary.properties,
      offline: Type.Object({ place: LocalisedText, hours: LocalisedText }),
      contacts: Type.Object({ enquiry: Type.String(), complaint: Type.String() }),
      slots: Type.Array(
        Type.Object({
          key: Type.String(),
          name: LocalisedText,
          organisationId: Nullable(Uuid),
          organisationNameZh: Nullable(Type.String()),
          organisationNameEn: Nullable(Type.String()),
        }),
      ),
      publishedAt: Type.String({ format: 'date-time' }),
    }),
  ),
});

export const Created = Type.Object({ id: Uuid });
export const CreatedVersion = Type.Object({ id: Uuid, versionNumber: Type.Integer() });
