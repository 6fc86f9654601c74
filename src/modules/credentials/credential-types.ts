import { Ajv, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import type { FieldProblem } from '../../platform/errors/index.ts';

/** How a claim appears to a verifier; `none` claims are never shown outside the holder and issuer. */
export type Disclosure = 'plain' | 'masked-name' | 'masked-id' | 'year' | 'none';

export type ClaimDefinition = {
  labelZh: string;
  labelEn: string;
  /** JSON Schema of the value. */
  schema: Record<string, unknown>;
  isOptional?: boolean;
  show?: Disclosure;
};

export type IssuerKind = 'government-department' | 'ngo' | 'enterprise' | 'public-service';
export type SubjectKind = 'person' | 'organisation';

export type CredentialTypeDefinition = {
  code: string;
  nameZh: string;
  nameEn: string;
  issuerKind: IssuerKind;
  subjectKind: SubjectKind;
  validityYears: number | null;
  isShareable: boolean;
  claims: Record<string, ClaimDefinition>;
};

const text = (maxLength: number) => ({ type: 'string', minLength: 1, maxLength });
const date = { type: 'string', format: 'date' };
const creditCode = { type: 'string', pattern: '^[0-9A-HJ-NPQRTUWXY]{18}$' };
const residentId = { type: 'string', pattern: '^[0-9]{17}[0-9X]$' };

/**
 * The credential types every deployment starts with (reference data). The claims follow the printed
 * documents: what the licence or certificate says, not how a particular system stores it.
 */
export const CREDENTIAL_TYPES: readonly CredentialTypeDefinition[] = [
  {
    code: 'business-licence',
    nameZh: '营业执照',
    nameEn: 'Business licence',
    issuerKind: 'government-department',
    subjectKind: 'organisation',
    validityYears: null,
    isShareable: true,
    claims: {
      name: { labelZh: '名称', labelEn: 'Name', schema: text(200), show: 'plain' },
      creditCode: {
        labelZh: '统一社会信用代码',
        labelEn: 'Unified social credit code',
        schema: creditCode,
        show: 'plain',
      },
      entityType: { labelZh: '类型', labelEn: 'Type of entity', schema: text(100), show: 'plain' },
      legalRepresentative: {
        labelZh: '法定代表人',
        labelEn: 'Legal representative',
        schema: text(100),
        show: 'masked-name',
      },
      registeredCapital: { labelZh: '注册资本', labelEn: 'Registered capital', schema: text(100) },
      establishedOn: { labelZh: '成立日期', labelEn: 'Date of establishment', schema: date, show: 'plain' },
      address: { labelZh: '住所', labelEn: 'Address', schema: text(300) },
      businessScope: { labelZh: '经营范围', labelEn: 'Business scope', schema: text(2000) },
    },
  },
  {
    code: 'individual-business-licence',
    nameZh: '个体工商户营业执照',
    nameEn: 'Individual business licence',
    issuerKind: 'government-department',
    subjectKind: 'person',
    validityYears: null,
    isShareable: true,
    claims: {
      businessName: { labelZh: '名称', labelEn: 'Business name', schema: text(200), show: 'plain' },
      creditCode: {
        labelZh: '统一社会信用代码',
        labelEn: 'Unified social credit code',
        schema: creditCode,
        show: 'plain',
      },
      operatorName: { labelZh: '经营者', labelEn: 'Operator', schema: text(100), show: 'masked-name' },
      form: {
        labelZh: '组成形式',
        labelEn: 'Form',
        schema: { type: 'string', enum: ['个人经营', '家庭经营'] },
      },
      premises: { labelZh: '经营场所', labelEn: 'Premises', schema: text(300) },
      businessScope: { labelZh: '经营范围', labelEn: 'Business scope', schema: text(2000) },
      registeredOn: { labelZh: '注册日期', labelEn: 'Date of registration', schema: date, show: 'plain' },
    },
  },
  {
    code: 'food-business-permit',
    nameZh: '食品经营许可证',
    nameEn: 'Food business permit',
    issuerKind: 'government-department',
    subjectKind: 'organisation',
    validityYears: 5,
    isShareable: true,
    claims: {
      operatorName: { labelZh: '经营者名称', labelEn: 'Operator', schema: text(200), show: 'plain' },
      creditCode: {
        labelZh: '统一社会信用代码',
        labelEn: 'Unified social credit code',
        schema: creditCode,
        show: 'plain',
      },
      legalRepresentative: {
        labelZh: '法定代表人（负责人）',
        labelEn: 'Legal representative',
        schema: text(100),
        show: 'masked-name',
      },
      premises: { labelZh: '经营场所', labelEn: 'Premises', schema: text(300) },
      mainBusiness: { labelZh: '主体业态', labelEn: 'Main business form', schema: text(100), show: 'plain' },
      businessItems: {
        labelZh: '经营项目',
        labelEn: 'Business items',
        schema: { type: 'array', minItems: 1, maxItems: 30, items: text(100) },
        show: 'plain',
      },
    },
  },
  {
    code: 'birth-medical-certificate',
    nameZh: '出生医学证明',
    nameEn: 'Birth medical certificate',
    issuerKind: 'public-service',
    subjectKind: 'person',
    validityYears: null,
    isShareable: true,
    claims: {
      childName: { labelZh: '新生儿姓名', labelEn: "Child's name", schema: text(100), show: 'masked-name' },
      sex: { labelZh: '性别', labelEn: 'Sex', schema: { type: 'string', enum: ['男', '女'] } },
      birthDate: { labelZh: '出生日期', labelEn: 'Date of birth', schema: date, show: 'year' },
      birthPlace: { labelZh: '出生地点', labelEn: 'Place of birth', schema: text(200) },
      motherName: { labelZh: '母亲姓名', labelEn: "Mother's name", schema: text(100) },
      fatherName: { labelZh: '父亲姓名', labelEn: "Father's name", schema: text(100), isOptional: true },
      facility: { labelZh: '接生机构', labelEn: 'Delivering facility', schema: text(200), show: 'plain' },
    },
  },
  {
    code: 'residence-certificate',
    nameZh: '居住证',
    nameEn: 'Residence certificate',
    issuerKind: 'government-department',
    subjectKind: 'person',
    validityYears: 1,
    isShareable: true,
    claims: {
      name: { labelZh: '姓名', labelEn: 'Name', schema: text(100), show: 'masked-name' },
      residentId: {
        labelZh: '公民身份号码',
        labelEn: 'Resident identity number',
        schema: residentId,
        show: 'masked-id',
      },
      address: { labelZh: '居住地址', labelEn: 'Address of residence', schema: text(300) },
      divisionCode: {
        labelZh: '居住地行政区划代码',
        labelEn: 'Division of residence',
        schema: { type: 'string', pattern: '^[0-9]{6,12}$' },
        show: 'plain',
      },
    },
  },
];

/** The JSON Schema stored for a type: the claims' schemas with their labels as title and description. */
export function claimsSchemaOf(type: Pick<CredentialTypeDefinition, 'claims'>): Record<string, unknown> {
  const entries = Object.entries(type.claims);
  return {
    type: 'object',
    additionalProperties: false,
    required: entries.filter(([, claim]) => !claim.isOptional).map(([name]) => name),
    properties: Object.fromEntries(
      entries.map(([name, claim]) => [
        name,
        { ...claim.schema, title: claim.labelZh, description: claim.labelEn },
      ]),
    ),
  };
}

/** Every claim in printed order (an array, because a jsonb object does not keep its keys' order). */
export type DisclosureList = { name: string; labelZh: string; labelEn: string; show: Disclosure }[];

export function disclosureOf(type: Pick<CredentialTypeDefinition, 'claims'>): DisclosureList {
  return Object.entries(type.claims).map(([name, claim]) => ({
    name,
    labelZh: claim.labelZh,
    labelEn: claim.labelEn,
    show: claim.show ?? 'none',
  }));
}

const ajv = new Ajv({ allErrors: true, strict: true, coerceTypes: false, useDefaults: false });
addFormats.default(ajv, ['date']);
const compiled = new Map<string, ValidateFunction>();

/**
 * Checks claims against a type's schema; every problem comes back at once with a JSON pointer under
 * `/claims`. Schemas are compiled once per distinct schema text.
 */
export function claimProblems(schema: Record<string, unknown>, claims: unknown): FieldProblem[] {
  const key = JSON.stringify(schema);
  let validate = compiled.get(key);
  if (!validate) {
    validate = ajv.compile(schema);
    compiled.set(key, validate);
  }
  if (validate(claims)) return [];
  return (validate.errors ?? []).map((error) => {
    const missing =
      error.keyword === 'required' ? `/${(error.params as { missingProperty: string }).missingProperty}` : '';
    const extra =
      error.keyword === 'additionalProperties'
        ? `/${(error.params as { additionalProperty: string }).additionalProperty}`
        : '';
    const detail =
      error.keyword === 'required'
        ? 'is required'
        : error.keyword === 'additionalProperties'
          ? 'is not a claim of this credential type'
          : (error.message ?? 'is not valid');
    return { pointer: `/claims${error.instancePath}${missing}${extra}`, detail };
  });
}
