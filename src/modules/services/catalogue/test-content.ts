/** Test helpers: a complete, publishable version content to vary in tests. */
import type { VersionContent } from './schemas.ts';

const t = (zh: string, en: string) => ({ zh, en });

export function sampleContent(overrides: Partial<VersionContent> = {}): VersionContent {
  return {
    nameZh: '示范事项登记',
    nameEn: 'Sample item registration',
    applicantType: 'person',
    statutoryLimitDays: 20,
    promisedLimitDays: 5,
    maxInPersonVisits: 1,
    departmentSlots: [{ key: 'fire-safety', name: t('消防救援机构', 'Fire and rescue service') }],
    guide: {
      settingBasis: [{ law: t('《示范条例》', 'Sample Regulations'), article: '第十条' }],
      implementingBasis: [],
      conditions: [t('申请人具有完全民事行为能力', 'The applicant has full civil capacity')],
      prohibitedCases: [t('被列入失信名单的', 'Applicants on the dishonesty list')],
      materials: [
        {
          key: 'identity-card',
          name: t('居民身份证', 'Resident identity card'),
          forms: ['original'],
          count: 1,
          source: t('申请人', 'The applicant'),
          requirement: 'required',
        },
        {
          key: 'licence',
          name: t('营业执照', 'Business licence'),
          forms: ['electronic'],
          count: 1,
          source: t('市场监督管理部门', 'Market regulation'),
          requirement: 'conditional',
          condition: t('已有经营主体的', 'Where a business already exists'),
          obtainableBySharing: { credentialType: 'business-licence' },
        },
      ],
      processSteps: [t('申请', 'Apply'), t('受理', 'Acceptance'), t('决定', 'Decision')],
      fees: [],
      result: {
        name: t('示范证', 'Sample certificate'),
        credentialType: null,
        validity: t('长期', 'Indefinite'),
        deliveryMethods: ['electronic', 'collect'],
      },
      offline: { place: t('各地政务服务中心', 'Local service centres'), hours: t('工作日', 'Working days') },
      remedies: {
        administrativeReview: t('本级人民政府', 'The government at the same level'),
        litigation: t('所在地基层人民法院', 'The local basic people’s court'),
      },
      contacts: { enquiry: '12345', complaint: '12345' },
      faq: [
        {
          question: t('可以代办吗？', 'May someone apply for me?'),
          answer: t('可以，需授权委托书。', 'Yes, with a power of attorney.'),
        },
      ],
    },
    form: {
      schema: {
        type: 'object',
        properties: {
          name: { type: 'string', minLength: 1 },
          hasBusiness: { type: 'boolean' },
          licenceScan: { type: 'string' },
        },
        required: ['name', 'hasBusiness'],
      },
      ui: {
        pages: [
          {
            kind: 'question',
            key: 'who',
            title: t('申请人', 'Applicant'),
            fields: [
              { pointer: '/name', label: t('姓名', 'Name'), widget: 'text', prefill: 'identity.name' },
            ],
          },
          {
            kind: 'question',
            key: 'business',
            title: t('经营主体', 'Business'),
            fields: [
              {
                pointer: '/hasBusiness',
                label: t('是否已有经营主体', 'Do you run a business?'),
                widget: 'yes-no',
              },
            ],
          },
          {
            kind: 'question',
            key: 'scan',
            title: t('营业执照', 'Licence'),
            showIf: { pointer: '/hasBusiness', equals: true },
            fields: [
              {
                pointer: '/licenceScan',
                label: t('营业执照扫描件', 'Scan of the licence'),
                widget: 'file',
                file: { accept: ['application/pdf', 'image/jpeg'], maxBytes: 5_000_000 },
              },
            ],
          },
        ],
      },
    },
    workflow: {
      steps: [
        { kind: 'task', key: 'accept', name: t('受理', 'Accept'), department: 'implementing', role: 'clerk' },
        {
          kind: 'parallel',
          key: 'review',
          name: t('审查', 'Review'),
          branches: [
            [
              {
                kind: 'task',
                key: 'desk',
                name: t('书面审查', 'Desk review'),
                department: 'implementing',
                role: 'reviewer',
              },
            ],
            [
              {
                kind: 'task',
                key: 'fire',
                name: t('消防核查', 'Fire check'),
                department: 'fire-safety',
                role: 'inspector',
              },
            ],
          ],
        },
        {
          kind: 'task',
          key: 'decide',
          name: t('决定', 'Decide'),
          department: 'implementing',
          role: 'approver',
        },
      ],
    },
    ...overrides,
  };
}
