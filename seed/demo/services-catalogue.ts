/**
 * Demo service catalogue: national and Zhejiang provincial items with complete guides, forms and
 * workflows, implemented for 西湖区 (and one for 西溪街道), by departments added here through the identity
 * seed helpers. Written through the catalogue's own checks, as the seed (every write audited).
 */
import { seedOrganisation } from '../../src/modules/identity/index.ts';
import {
  type ImplementationInput,
  seedImplementation,
  seedServiceItem,
  type VersionContent,
} from '../../src/modules/services/index.ts';
import type { Clock } from '../../src/platform/clock/index.ts';
import type { SeedStep } from '../../src/platform/seeding/index.ts';
import { DEMO_DIVISIONS } from './identity.ts';

const t = (zh: string, en: string) => ({ zh, en });
type Text = ReturnType<typeof t>;
type Guide = VersionContent['guide'];
type Material = Guide['materials'][number];

export const DEMO_ITEM_CODES = {
  individualBusiness: '00-XK-00101-SL',
  foodBusiness: '00-XK-00102-SL',
  birthRegistration: '00-QR-00201',
  residenceCertificate: '33-GG-00301-SL',
  enterpriseRegistration: '00-XK-00103-SL',
  sealEngraving: '00-QT-00104',
  newTaxpayer: '00-GG-00105',
  socialInsurance: '00-GG-00106',
} as const;

const identityCard: Material = {
  key: 'identity-card',
  name: t('申请人居民身份证', 'Applicant’s resident identity card'),
  forms: ['original'],
  count: 1,
  source: t('申请人', 'The applicant'),
  requirement: 'required',
};

const COMMON = {
  remedies: {
    administrativeReview: t(
      '可在知道该行政行为之日起六十日内向西湖区人民政府申请行政复议',
      'Within 60 days, an application for administrative review to the Xihu District People’s Government',
    ),
    litigation: t(
      '可在知道该行政行为之日起六个月内向杭州市西湖区人民法院提起行政诉讼',
      'Within six months, an administrative lawsuit at the Xihu District People’s Court of Hangzhou',
    ),
  },
  contacts: { enquiry: '0571-12345', complaint: '0571-12345' },
  offline: {
    place: t('各地政务服务中心综合受理窗口', 'The general counter of the local government service centre'),
    hours: t('法定工作日 9:00–12:00，13:30–17:00', 'Working days 9:00–12:00 and 13:30–17:00'),
  },
};

function guide(parts: Omit<Guide, 'remedies' | 'contacts' | 'offline'> & Partial<Guide>): Guide {
  return { ...COMMON, ...parts };
}

const task = (key: string, name: Text, department: string, role: string) => ({
  kind: 'task' as const,
  key,
  name,
  department,
  role,
});
const accept = task('accept', t('受理', 'Acceptance'), 'implementing', 'service-clerk');
const decide = task('decide', t('审核决定', 'Decision'), 'implementing', 'service-approver');

const individualBusiness: VersionContent = {
  nameZh: '个体工商户设立登记',
  nameEn: 'Registration of a new individual business',
  applicantType: 'person',
  statutoryLimitDays: 15,
  promisedLimitDays: 1,
  maxInPersonVisits: 0,
  departmentSlots: [],
  guide: guide({
    settingBasis: [
      {
        law: t(
          '《促进个体工商户发展条例》',
          'Regulations on Promoting the Development of Individual Businesses',
        ),
        article: '第八条',
      },
    ],
    implementingBasis: [
      {
        law: t(
          '《中华人民共和国市场主体登记管理条例》',
          'Regulations on the Registration of Market Entities',
        ),
        article: '第三条',
      },
    ],
    conditions: [
      t('申请人为有经营能力的自然人', 'The applicant is a natural person able to run a business'),
      t('有固定的经营场所', 'There are fixed business premises'),
      t('名称、经营范围符合规定', 'The name and the scope of business comply with the rules'),
    ],
    prohibitedCases: [
      t(
        '在职公务员及法律、行政法规禁止从事营利性活动的人员',
        'Serving civil servants and others forbidden by law to engage in business',
      ),
      t('经营范围属于禁止经营项目的', 'A scope of business on the prohibited list'),
    ],
    materials: [
      identityCard,
      {
        key: 'application-form',
        name: t('个体工商户登记（备案）申请书', 'Application for registration of an individual business'),
        forms: ['original', 'electronic'],
        count: 1,
        source: t('申请人（在线填写自动生成）', 'The applicant (generated from the online form)'),
        templateRef: '/templates/individual-business-application.pdf',
        requirement: 'required',
      },
      {
        key: 'premises-proof',
        name: t('经营场所使用证明', 'Proof of the right to use the premises'),
        forms: ['copy', 'electronic'],
        count: 1,
        source: t('产权人或出租人', 'The owner or landlord'),
        requirement: 'required',
      },
      {
        key: 'power-of-attorney',
        name: t('委托代理人授权委托书', 'Power of attorney of an agent'),
        forms: ['original'],
        count: 1,
        source: t('申请人', 'The applicant'),
        requirement: 'conditional',
        condition: t('委托他人代为办理的', 'When someone applies on the applicant’s behalf'),
      },
    ],
    processSteps: [
      t('网上申报或窗口提交申请', 'Apply online or at the counter'),
      t('登记机关受理并审查', 'The registration authority accepts and examines'),
      t(
        '准予登记，核发营业执照（同步生成电子营业执照）',
        'Registered: the licence is issued (with its electronic licence)',
      ),
    ],
    fees: [],
    result: {
      name: t('个体工商户营业执照', 'Business licence of an individual business'),
      credentialType: 'individual-business-licence',
      validity: t('长期有效', 'Indefinite'),
      deliveryMethods: ['electronic', 'post', 'collect'],
    },
    faq: [
      {
        question: t('个体工商户可以不起名称吗？', 'Must an individual business have a name?'),
        answer: t(
          '可以不使用名称，执照上以经营者姓名登记。',
          'No; without a name it is registered under the operator’s name.',
        ),
      },
      {
        question: t('家庭经营怎么登记？', 'How is a family business registered?'),
        answer: t(
          '选择“家庭经营”，并列明参加经营的家庭成员。',
          'Choose “family business” and list the family members who take part.',
        ),
      },
    ],
  }),
  form: {
    schema: {
      type: 'object',
      properties: {
        operatorName: { type: 'string', minLength: 1, maxLength: 50 },
        residentId: { type: 'string', pattern: '^[0-9]{17}[0-9X]$' },
        isCivilServant: { type: 'boolean' },
        businessName: { type: 'string', maxLength: 100 },
        scope: { type: 'string', minLength: 2, maxLength: 500 },
        premisesKind: { type: 'string', enum: ['owned', 'rented'] },
        leaseContract: { type: 'string' },
        propertyCertificate: { type: 'string' },
      },
      required: ['operatorName', 'residentId', 'isCivilServant', 'scope', 'premisesKind'],
    },
    ui: {
      pages: [
        {
          kind: 'question',
          key: 'operator',
          title: t('经营者', 'Operator'),
          fields: [
            {
              pointer: '/operatorName',
              label: t('经营者姓名', 'Operator’s name'),
              widget: 'text',
              prefill: 'identity.name',
            },
            {
              pointer: '/residentId',
              label: t('身份证号码', 'Resident ID number'),
              widget: 'text',
              prefill: 'identity.residentId',
            },
          ],
        },
        {
          kind: 'question',
          key: 'eligibility',
          title: t('任职情况', 'Current employment'),
          fields: [
            {
              pointer: '/isCivilServant',
              label: t('您是否为在职公务员？', 'Are you a serving civil servant?'),
              widget: 'yes-no',
            },
          ],
        },
        {
          kind: 'exit',
          key: 'civil-servant',
          title: t('无法办理', 'You cannot apply'),
          message: t(
            '在职公务员不得从事营利性活动，不能申请个体工商户登记。如有疑问请致电 0571-12345。',
            'Serving civil servants may not run a business and cannot register one. Questions: call 0571-12345.',
          ),
          showIf: { pointer: '/isCivilServant', equals: true },
        },
        {
          kind: 'question',
          key: 'business',
          title: t('经营信息', 'The business'),
          fields: [
            { pointer: '/businessName', label: t('名称（可不填）', 'Name (optional)'), widget: 'text' },
            { pointer: '/scope', label: t('经营范围', 'Scope of business'), widget: 'textarea' },
          ],
        },
        {
          kind: 'question',
          key: 'premises',
          title: t('经营场所', 'Premises'),
          fields: [
            {
              pointer: '/premisesKind',
              label: t('经营场所是', 'The premises are'),
              widget: 'choice',
              options: [
                { value: 'owned', label: t('自有房产', 'My own property') },
                { value: 'rented', label: t('租赁', 'Rented') },
              ],
            },
          ],
        },
        {
          kind: 'question',
          key: 'lease',
          title: t('租赁合同', 'Lease'),
          showIf: { pointer: '/premisesKind', equals: 'rented' },
          fields: [
            {
              pointer: '/leaseContract',
              label: t('租赁合同扫描件', 'Scan of the lease'),
              widget: 'file',
              file: { accept: ['application/pdf', 'image/jpeg', 'image/png'], maxBytes: 10_485_760 },
            },
          ],
        },
        {
          kind: 'question',
          key: 'property',
          title: t('产权证明', 'Title deed'),
          showIf: { pointer: '/premisesKind', equals: 'owned' },
          fields: [
            {
              pointer: '/propertyCertificate',
              label: t('不动产权证书扫描件', 'Scan of the title deed'),
              widget: 'file',
              file: { accept: ['application/pdf', 'image/jpeg', 'image/png'], maxBytes: 10_485_760 },
            },
          ],
        },
      ],
    },
  },
  workflow: { steps: [accept, decide] },
};

const foodBusiness: VersionContent = {
  nameZh: '食品经营许可',
  nameEn: 'Food business permit (new)',
  applicantType: 'both',
  statutoryLimitDays: 20,
  promisedLimitDays: 10,
  maxInPersonVisits: 1,
  departmentSlots: [{ key: 'site-inspection', name: t('现场核查机构', 'On-site inspection body') }],
  guide: guide({
    settingBasis: [
      { law: t('《中华人民共和国食品安全法》', 'Food Safety Law of the PRC'), article: '第三十五条' },
    ],
    implementingBasis: [
      {
        law: t('《食品经营许可和备案管理办法》', 'Measures on Food Business Permits and Filing'),
        article: '第四条',
      },
    ],
    conditions: [
      t(
        '具有与经营的食品品种、数量相适应的场所和设备',
        'Premises and equipment suited to the food and quantities handled',
      ),
      t(
        '有专职或兼职的食品安全管理人员和保证食品安全的规章制度',
        'Food safety staff and rules that keep food safe',
      ),
      t('已取得营业执照等主体资格证明', 'A business licence or other proof of legal existence'),
    ],
    prohibitedCases: [
      t('被吊销许可证未满五年的申请人', 'Applicants whose permit was revoked less than five years ago'),
    ],
    materials: [
      {
        key: 'business-licence',
        name: t('营业执照', 'Business licence'),
        forms: ['electronic'],
        count: 1,
        source: t('市场监督管理部门', 'Market regulation authority'),
        requirement: 'conditional',
        condition: t('申请人为企业的', 'When the applicant is an enterprise'),
        obtainableBySharing: { credentialType: 'business-licence' },
      },
      {
        key: 'individual-business-licence',
        name: t('个体工商户营业执照', 'Business licence of an individual business'),
        forms: ['electronic'],
        count: 1,
        source: t('市场监督管理部门', 'Market regulation authority'),
        requirement: 'conditional',
        condition: t('申请人为个体工商户的', 'When the applicant is an individual business'),
        obtainableBySharing: { credentialType: 'individual-business-licence' },
      },
      {
        key: 'layout',
        name: t('经营场所平面布局图和设备布局、工艺流程图', 'Plans of the premises, equipment and processes'),
        forms: ['copy', 'electronic'],
        count: 1,
        source: t('申请人', 'The applicant'),
        requirement: 'required',
      },
      {
        key: 'safety-rules',
        name: t('食品安全自查、从业人员健康管理等制度', 'Food safety self-inspection and staff health rules'),
        forms: ['copy', 'electronic'],
        count: 1,
        source: t('申请人', 'The applicant'),
        templateRef: '/templates/food-safety-rules.docx',
        requirement: 'required',
      },
    ],
    processSteps: [
      t('申请', 'Application'),
      t('受理', 'Acceptance'),
      t('材料审查与现场核查同步进行', 'Desk review and on-site inspection side by side'),
      t('作出许可决定，核发许可证', 'Decision and issue of the permit'),
    ],
    fees: [],
    result: {
      name: t('食品经营许可证', 'Food business permit'),
      credentialType: 'food-business-permit',
      validity: t('五年', 'Five years'),
      deliveryMethods: ['electronic', 'post', 'collect'],
    },
    faq: [
      {
        question: t('仅销售预包装食品需要许可吗？', 'Is a permit needed to sell only pre-packaged food?'),
        answer: t(
          '仅销售预包装食品的，办理备案即可。',
          'No: selling only pre-packaged food needs a filing, not a permit.',
        ),
      },
    ],
  }),
  form: {
    schema: {
      type: 'object',
      properties: {
        applicantKind: { type: 'string', enum: ['enterprise', 'individual-business'] },
        creditCode: { type: 'string', pattern: '^[0-9A-HJ-NPQRTUWXY]{18}$' },
        operatorName: { type: 'string', minLength: 1 },
        onlyPrepackaged: { type: 'boolean' },
        categories: { type: 'string', minLength: 2, maxLength: 500 },
        layoutPlan: { type: 'string' },
      },
      required: ['applicantKind', 'onlyPrepackaged', 'categories', 'layoutPlan'],
    },
    ui: {
      pages: [
        {
          kind: 'question',
          key: 'scope',
          title: t('经营项目', 'What you sell'),
          fields: [
            {
              pointer: '/onlyPrepackaged',
              label: t('是否仅销售预包装食品？', 'Do you sell only pre-packaged food?'),
              widget: 'yes-no',
            },
          ],
        },
        {
          kind: 'exit',
          key: 'filing-instead',
          title: t('请办理备案', 'File instead'),
          message: t(
            '仅销售预包装食品的，无需许可，请办理“仅销售预包装食品备案”。',
            'Selling only pre-packaged food needs no permit: make a filing instead.',
          ),
          showIf: { pointer: '/onlyPrepackaged', equals: true },
        },
        {
          kind: 'question',
          key: 'applicant',
          title: t('申请主体', 'Applicant'),
          fields: [
            {
              pointer: '/applicantKind',
              label: t('申请主体类型', 'Kind of applicant'),
              widget: 'choice',
              options: [
                { value: 'enterprise', label: t('企业', 'Enterprise') },
                { value: 'individual-business', label: t('个体工商户', 'Individual business') },
              ],
            },
          ],
        },
        {
          kind: 'question',
          key: 'enterprise',
          title: t('企业信息', 'Enterprise'),
          showIf: { pointer: '/applicantKind', equals: 'enterprise' },
          fields: [
            {
              pointer: '/creditCode',
              label: t('统一社会信用代码', 'Unified social credit code'),
              widget: 'text',
              prefill: 'organisation.creditCode',
            },
          ],
        },
        {
          kind: 'question',
          key: 'individual',
          title: t('经营者信息', 'Operator'),
          showIf: { pointer: '/applicantKind', equals: 'individual-business' },
          fields: [
            {
              pointer: '/operatorName',
              label: t('经营者姓名', 'Operator’s name'),
              widget: 'text',
              prefill: 'credential:individual-business-licence#operatorName',
            },
          ],
        },
        {
          kind: 'question',
          key: 'details',
          title: t('经营项目与布局', 'Categories and layout'),
          fields: [
            { pointer: '/categories', label: t('经营项目', 'Food categories'), widget: 'textarea' },
            {
              pointer: '/layoutPlan',
              label: t('平面布局图', 'Layout plan'),
              widget: 'file',
              file: { accept: ['application/pdf', 'image/jpeg', 'image/png'], maxBytes: 20_971_520 },
            },
          ],
        },
      ],
    },
  },
  workflow: {
    steps: [
      accept,
      {
        kind: 'parallel',
        key: 'examine',
        name: t('审查与核查', 'Examination'),
        branches: [
          [task('desk-review', t('材料审查', 'Desk review'), 'implementing', 'service-reviewer')],
          [task('site-inspection', t('现场核查', 'On-site inspection'), 'site-inspection', 'food-inspector')],
        ],
      },
      decide,
    ],
  },
};

const birthRegistration: VersionContent = {
  nameZh: '出生登记',
  nameEn: 'Birth registration',
  applicantType: 'person',
  statutoryLimitDays: 1,
  promisedLimitDays: 0,
  maxInPersonVisits: 0,
  departmentSlots: [],
  guide: guide({
    settingBasis: [
      {
        law: t('《中华人民共和国户口登记条例》', 'Regulations on Household Registration of the PRC'),
        article: '第七条',
      },
    ],
    implementingBasis: [],
    conditions: [
      t('婴儿出生后一个月以内申报', 'Declared within one month of the birth'),
      t('父母一方为本地常住户口', 'One parent has a permanent household registration here'),
    ],
    prohibitedCases: [],
    materials: [
      {
        key: 'birth-medical-certificate',
        name: t('出生医学证明', 'Medical certificate of birth'),
        forms: ['electronic'],
        count: 1,
        source: t('助产医疗机构', 'The hospital where the child was born'),
        requirement: 'required',
        obtainableBySharing: { credentialType: 'birth-medical-certificate' },
      },
      {
        ...identityCard,
        key: 'parent-identity',
        name: t('父母居民身份证', 'Parents’ resident identity cards'),
        count: 2,
      },
      {
        key: 'household-register',
        name: t('落户方居民户口簿', 'Household register of the parent registering the child'),
        forms: ['original'],
        count: 1,
        source: t('申请人', 'The applicant'),
        requirement: 'required',
      },
      {
        key: 'marriage-certificate',
        name: t('结婚证', 'Marriage certificate'),
        forms: ['original', 'electronic'],
        count: 1,
        source: t('婚姻登记机关', 'Marriage registration office'),
        requirement: 'conditional',
        condition: t('父母已登记结婚的', 'When the parents are married'),
      },
    ],
    processSteps: [
      t(
        '网上申报（出生“一件事”）或派出所窗口申报',
        'Declare online (the birth “one thing”) or at the police station',
      ),
      t('户籍民警审核', 'The household registration officer examines'),
      t('登记入户，户口簿增页', 'Registered: a page is added to the household register'),
    ],
    fees: [],
    result: {
      name: t('居民户口簿（出生登记页）', 'Household register (page of the child)'),
      credentialType: null,
      validity: t('长期有效', 'Indefinite'),
      deliveryMethods: ['post', 'collect'],
    },
    faq: [
      {
        question: t(
          '出生医学证明还需要拍照上传吗？',
          'Must I upload a photo of the medical certificate of birth?',
        ),
        answer: t(
          '不需要，系统通过电子证照共享获取。',
          'No: it is obtained from the electronic licence it already is.',
        ),
      },
    ],
  }),
  form: {
    schema: {
      type: 'object',
      properties: {
        childName: { type: 'string', minLength: 1, maxLength: 50 },
        birthDate: { type: 'string', format: 'date' },
        parentsMarried: { type: 'boolean' },
        marriageCertificate: { type: 'string' },
        declarantName: { type: 'string' },
      },
      required: ['childName', 'birthDate', 'parentsMarried'],
    },
    ui: {
      pages: [
        {
          kind: 'question',
          key: 'child',
          title: t('婴儿信息', 'The child'),
          fields: [
            { pointer: '/childName', label: t('婴儿姓名', 'Child’s name'), widget: 'text' },
            {
              pointer: '/birthDate',
              label: t('出生日期', 'Date of birth'),
              widget: 'date',
              prefill: 'credential:birth-medical-certificate#birthDate',
            },
          ],
        },
        {
          kind: 'question',
          key: 'parents',
          title: t('父母婚姻状况', 'Parents'),
          fields: [
            {
              pointer: '/declarantName',
              label: t('申报人', 'Declarant'),
              widget: 'text',
              prefill: 'identity.name',
            },
            {
              pointer: '/parentsMarried',
              label: t('父母是否已登记结婚？', 'Are the parents married?'),
              widget: 'yes-no',
            },
          ],
        },
        {
          kind: 'question',
          key: 'marriage',
          title: t('结婚证', 'Marriage certificate'),
          showIf: { pointer: '/parentsMarried', equals: true },
          fields: [
            {
              pointer: '/marriageCertificate',
              label: t('结婚证照片', 'Photo of the marriage certificate'),
              widget: 'file',
              file: { accept: ['image/jpeg', 'image/png', 'application/pdf'], maxBytes: 5_242_880 },
            },
          ],
        },
      ],
    },
  },
  workflow: { steps: [task('accept', t('受理审核', 'Acceptance'), 'implementing', 'household-officer')] },
};

const residenceCertificate: VersionContent = {
  nameZh: '居住证申领',
  nameEn: 'Application for a residence certificate',
  applicantType: 'person',
  statutoryLimitDays: 15,
  promisedLimitDays: 7,
  maxInPersonVisits: 1,
  departmentSlots: [],
  guide: guide({
    settingBasis: [
      { law: t('《居住证暂行条例》', 'Interim Regulations on Residence Certificates'), article: '第二条' },
    ],
    implementingBasis: [
      {
        law: t('《浙江省居住证管理办法》', 'Zhejiang Measures on Residence Certificates'),
        article: '第八条',
      },
    ],
    conditions: [
      t(
        '离开常住户口所在地，在本省居住半年以上',
        'Living in Zhejiang for six months or more away from one’s household registration',
      ),
      t(
        '有合法稳定就业、合法稳定住所或连续就读条件之一',
        'Stable lawful work, stable lawful housing, or continuous study here',
      ),
    ],
    prohibitedCases: [t('已在本地登记常住户口的', 'Those with permanent household registration here')],
    materials: [
      identityCard,
      {
        key: 'residence-proof',
        name: t('居住证明（租赁合同或房产证明）', 'Proof of residence (lease or title)'),
        forms: ['copy', 'electronic'],
        count: 1,
        source: t('申请人', 'The applicant'),
        requirement: 'required',
      },
      {
        key: 'photo',
        name: t('近期免冠证件照', 'Recent passport-style photo'),
        forms: ['electronic'],
        count: 1,
        source: t('申请人', 'The applicant'),
        requirement: 'required',
      },
    ],
    processSteps: [
      t('申请人在线申报居住登记满半年后申领', 'Apply online once registered as resident for six months'),
      t('公安派出所审核', 'The police station examines'),
      t('制证并发放', 'The certificate is made and delivered'),
    ],
    fees: [],
    result: {
      name: t('浙江省居住证', 'Zhejiang residence certificate'),
      credentialType: 'residence-certificate',
      validity: t('一年，期满可签注延续', 'One year, renewable by endorsement'),
      deliveryMethods: ['electronic', 'post', 'collect'],
    },
    faq: [
      {
        question: t('首次申领收费吗？', 'Is the first certificate free?'),
        answer: t(
          '首次申领免费；遗失补领按规定收取工本费。',
          'Yes; a replacement for a lost one costs the production fee.',
        ),
      },
    ],
  }),
  form: {
    schema: {
      type: 'object',
      properties: {
        name: { type: 'string', minLength: 1 },
        residentId: { type: 'string', pattern: '^[0-9]{17}[0-9X]$' },
        monthsResident: { type: 'integer', minimum: 0, maximum: 1200 },
        address: { type: 'string', minLength: 4, maxLength: 200 },
        basis: { type: 'string', enum: ['work', 'housing', 'study'] },
        photo: { type: 'string' },
      },
      required: ['name', 'residentId', 'monthsResident', 'address', 'basis', 'photo'],
    },
    ui: {
      pages: [
        {
          kind: 'question',
          key: 'stay',
          title: t('居住时间', 'How long you have lived here'),
          fields: [
            { pointer: '/name', label: t('姓名', 'Name'), widget: 'text', prefill: 'identity.name' },
            {
              pointer: '/residentId',
              label: t('公民身份号码', 'Resident ID number'),
              widget: 'text',
              prefill: 'identity.residentId',
            },
            {
              pointer: '/monthsResident',
              label: t('已在本地居住（月）', 'Months lived here'),
              widget: 'number',
            },
          ],
        },
        {
          kind: 'exit',
          key: 'too-soon',
          title: t('暂不符合条件', 'Not yet eligible'),
          message: t(
            '居住满半年后方可申领居住证。请先办理居住登记。',
            'You may apply after six months of residence. Register your residence first.',
          ),
          showIf: { pointer: '/monthsResident', in: [0, 1, 2, 3, 4, 5] },
        },
        {
          kind: 'question',
          key: 'address',
          title: t('居住地址与条件', 'Address and basis'),
          fields: [
            { pointer: '/address', label: t('居住地址', 'Address'), widget: 'text' },
            {
              pointer: '/basis',
              label: t('申领依据', 'Basis'),
              widget: 'choice',
              options: [
                { value: 'work', label: t('合法稳定就业', 'Stable lawful work') },
                { value: 'housing', label: t('合法稳定住所', 'Stable lawful housing') },
                { value: 'study', label: t('连续就读', 'Continuous study') },
              ],
            },
          ],
        },
        {
          kind: 'question',
          key: 'photo',
          title: t('照片', 'Photo'),
          fields: [
            {
              pointer: '/photo',
              label: t('证件照', 'Photo'),
              widget: 'file',
              file: { accept: ['image/jpeg', 'image/png'], maxBytes: 2_097_152 },
            },
          ],
        },
      ],
    },
  },
  workflow: {
    steps: [
      task('accept', t('受理', 'Acceptance'), 'implementing', 'household-officer'),
      task('issue', t('审核制证', 'Approval and issue'), 'implementing', 'service-approver'),
    ],
  },
};

/** The four items of opening an enterprise (企业开办): each its own item, grouped later as one bundle. */
function enterpriseOpeningItem(spec: {
  nameZh: string;
  nameEn: string;
  law: Text;
  article: string;
  condition: Text;
  materials: Material[];
  result: Guide['result'];
  promisedLimitDays: number;
  statutoryLimitDays: number;
  fees?: Guide['fees'];
}): VersionContent {
  return {
    nameZh: spec.nameZh,
    nameEn: spec.nameEn,
    applicantType: 'organisation',
    statutoryLimitDays: spec.statutoryLimitDays,
    promisedLimitDays: spec.promisedLimitDays,
    maxInPersonVisits: 0,
    departmentSlots: [],
    guide: guide({
      settingBasis: [{ law: spec.law, article: spec.article }],
      implementingBasis: [],
      conditions: [spec.condition],
      prohibitedCases: [],
      materials: spec.materials,
      processSteps: [
        t('在企业开办“一件事”平台一次填报', 'Fill in once on the enterprise-opening platform'),
        t('部门并联办理', 'Departments handle their parts side by side'),
        t('结果统一送达', 'Results delivered together'),
      ],
      fees: spec.fees ?? [],
      result: spec.result,
      faq: [
        {
          question: t('企业开办需要跑几次？', 'How many visits does opening an enterprise take?'),
          answer: t(
            '全程网办，零跑动；执照和印章可免费寄递。',
            'None: it is all online, and the licence and seals are posted free.',
          ),
        },
      ],
    }),
    form: {
      schema: {
        type: 'object',
        properties: {
          enterpriseName: { type: 'string', minLength: 2, maxLength: 100 },
          contactPhone: { type: 'string', pattern: '^1[3-9][0-9]{9}$' },
        },
        required: ['enterpriseName', 'contactPhone'],
      },
      ui: {
        pages: [
          {
            kind: 'question',
            key: 'enterprise',
            title: t('企业信息', 'Enterprise'),
            fields: [
              {
                pointer: '/enterpriseName',
                label: t('企业名称', 'Enterprise name'),
                widget: 'text',
                prefill: 'organisation.name',
              },
              { pointer: '/contactPhone', label: t('联系电话', 'Contact phone'), widget: 'text' },
            ],
          },
        ],
      },
    },
    workflow: { steps: [accept, decide] },
  };
}

const businessLicenceMaterial: Material = {
  key: 'business-licence',
  name: t('营业执照', 'Business licence'),
  forms: ['electronic'],
  count: 1,
  source: t('市场监督管理部门', 'Market regulation authority'),
  requirement: 'required',
  obtainableBySharing: { credentialType: 'business-licence' },
};

const enterpriseRegistration = enterpriseOpeningItem({
  nameZh: '企业设立登记',
  nameEn: 'Registration of a new enterprise',
  law: t('《中华人民共和国市场主体登记管理条例》', 'Regulations on the Registration of Market Entities'),
  article: '第二十一条',
  condition: t(
    '名称、住所、经营范围、出资等符合法律规定',
    'Name, domicile, scope and capital comply with the law',
  ),
  materials: [
    {
      key: 'articles',
      name: t('公司章程', 'Articles of association'),
      forms: ['electronic'],
      count: 1,
      source: t('申请人', 'The applicant'),
      templateRef: '/templates/articles-of-association.docx',
      requirement: 'required',
    },
    { ...identityCard, name: t('法定代表人身份证件', 'Legal representative’s identity card') },
  ],
  result: {
    name: t('营业执照', 'Business licence'),
    credentialType: 'business-licence',
    validity: t('长期有效（营业期限内）', 'For the term of operation'),
    deliveryMethods: ['electronic', 'post', 'collect'],
  },
  statutoryLimitDays: 3,
  promisedLimitDays: 1,
});

const sealEngraving = enterpriseOpeningItem({
  nameZh: '印章刻制备案',
  nameEn: 'Filing of company seal engraving',
  law: t(
    '《国务院对确需保留的行政审批项目设定行政许可的决定》',
    'State Council Decision on Retained Administrative Approvals',
  ),
  article: '第三十七项',
  condition: t('已取得营业执照', 'The enterprise holds a business licence'),
  materials: [businessLicenceMaterial],
  result: {
    name: t('印章备案回执', 'Seal filing receipt'),
    credentialType: null,
    validity: t('长期有效', 'Indefinite'),
    deliveryMethods: ['post', 'collect'],
  },
  statutoryLimitDays: 1,
  promisedLimitDays: 1,
});

const newTaxpayer = enterpriseOpeningItem({
  nameZh: '新办纳税人涉税事项',
  nameEn: 'Tax matters of a new taxpayer',
  law: t('《中华人民共和国税收征收管理法》', 'Law on the Administration of Tax Collection'),
  article: '第十五条',
  condition: t('已取得营业执照的新办企业', 'A new enterprise holding a business licence'),
  materials: [businessLicenceMaterial],
  result: {
    name: t('税务信息确认及发票领用', 'Tax information confirmed and invoices issued'),
    credentialType: null,
    validity: t('长期有效', 'Indefinite'),
    deliveryMethods: ['electronic'],
  },
  statutoryLimitDays: 1,
  promisedLimitDays: 1,
});

const socialInsurance = enterpriseOpeningItem({
  nameZh: '单位参保登记',
  nameEn: 'Social insurance registration of an employer',
  law: t('《中华人民共和国社会保险法》', 'Social Insurance Law of the PRC'),
  article: '第五十七条',
  condition: t('自成立之日起三十日内申请', 'Within 30 days of establishment'),
  materials: [businessLicenceMaterial],
  result: {
    name: t('社会保险登记信息', 'Social insurance registration'),
    credentialType: null,
    validity: t('长期有效', 'Indefinite'),
    deliveryMethods: ['electronic'],
  },
  statutoryLimitDays: 15,
  promisedLimitDays: 1,
});

const DEPARTMENTS = {
  countyMarket: {
    nameZh: '杭州市西湖区市场监督管理局',
    nameEn: 'Xihu District Administration for Market Regulation',
    divisionCode: DEMO_DIVISIONS.county,
  },
  countyMarketEnforcement: {
    nameZh: '杭州市西湖区市场监管执法队',
    nameEn: 'Xihu District Market Regulation Enforcement Team',
    divisionCode: DEMO_DIVISIONS.county,
  },
  countyPolice: {
    nameZh: '杭州市公安局西湖区分局',
    nameEn: 'Xihu Branch of the Hangzhou Public Security Bureau',
    divisionCode: DEMO_DIVISIONS.county,
  },
  townshipPolice: {
    nameZh: '杭州市公安局西湖区分局西溪派出所',
    nameEn: 'Xixi Police Station',
    divisionCode: DEMO_DIVISIONS.township,
  },
  countyTax: {
    nameZh: '国家税务总局杭州市西湖区税务局',
    nameEn: 'Xihu District Tax Bureau',
    divisionCode: DEMO_DIVISIONS.county,
  },
  countySocialSecurity: {
    nameZh: '杭州市西湖区人力资源和社会保障局',
    nameEn: 'Xihu District Human Resources and Social Security Bureau',
    divisionCode: DEMO_DIVISIONS.county,
  },
} as const;

const countyCentre = {
  place: t('西湖区政务服务中心（文三路 100 号）', 'Xihu District Government Service Centre, 100 Wensan Road'),
  hours: t('周一至周五 9:00–17:00，周六上午 9:00–12:00', 'Mon–Fri 9:00–17:00, Sat 9:00–12:00'),
};

function implementationAt(
  organisationId: string,
  promisedLimitDays: number,
  slotBindings: Record<string, string> = {},
  offline = countyCentre,
): ImplementationInput {
  return {
    implementingOrganisationId: organisationId,
    slotBindings,
    offline,
    contacts: { enquiry: '0571-87654321', complaint: '0571-12345' },
    promisedLimitDays,
    isOnlineEnabled: true,
  };
}

async function seedDepartments(db: Parameters<SeedStep['run']>[0]['db'], clock: Clock) {
  const ids = {} as Record<keyof typeof DEPARTMENTS, string>;
  for (const [key, spec] of Object.entries(DEPARTMENTS) as [
    keyof typeof DEPARTMENTS,
    (typeof DEPARTMENTS)[keyof typeof DEPARTMENTS],
  ][])
    ids[key] = await seedOrganisation(db, clock, { kind: 'government-department', ...spec });
  return ids;
}

export const demoServicesCatalogue: SeedStep = {
  name: 'services.demo-catalogue',
  description:
    'Demo service items (个体工商户设立登记, 食品经营许可, 出生登记, 居住证, the four items of opening an enterprise) with guides, forms and workflows, implemented for 西湖区',
  async run({ db, clock }) {
    const departments = await seedDepartments(db, clock);
    const items: [string, VersionContent][] = [
      [DEMO_ITEM_CODES.individualBusiness, individualBusiness],
      [DEMO_ITEM_CODES.foodBusiness, foodBusiness],
      [DEMO_ITEM_CODES.birthRegistration, birthRegistration],
      [DEMO_ITEM_CODES.residenceCertificate, residenceCertificate],
      [DEMO_ITEM_CODES.enterpriseRegistration, enterpriseRegistration],
      [DEMO_ITEM_CODES.sealEngraving, sealEngraving],
      [DEMO_ITEM_CODES.newTaxpayer, newTaxpayer],
      [DEMO_ITEM_CODES.socialInsurance, socialInsurance],
    ];
    for (const [code, content] of items) await seedServiceItem(db, clock, code, content);
    const county = DEMO_DIVISIONS.county;
    await seedImplementation(
      db,
      clock,
      DEMO_ITEM_CODES.individualBusiness,
      county,
      implementationAt(departments.countyMarket, 1),
    );
    await seedImplementation(
      db,
      clock,
      DEMO_ITEM_CODES.foodBusiness,
      county,
      implementationAt(departments.countyMarket, 7, {
        'site-inspection': departments.countyMarketEnforcement,
      }),
    );
    await seedImplementation(
      db,
      clock,
      DEMO_ITEM_CODES.birthRegistration,
      DEMO_DIVISIONS.township,
      implementationAt(
        departments.townshipPolice,
        0,
        {},
        {
          place: t(
            '西溪派出所户籍窗口（天目山路 398 号）',
            'Household counter, Xixi Police Station, 398 Tianmushan Road',
          ),
          hours: t('周一至周五 8:30–17:00', 'Mon–Fri 8:30–17:00'),
        },
      ),
    );
    await seedImplementation(
      db,
      clock,
      DEMO_ITEM_CODES.residenceCertificate,
      county,
      implementationAt(departments.countyPolice, 5),
    );
    await seedImplementation(
      db,
      clock,
      DEMO_ITEM_CODES.enterpriseRegistration,
      county,
      implementationAt(departments.countyMarket, 1),
    );
    await seedImplementation(
      db,
      clock,
      DEMO_ITEM_CODES.sealEngraving,
      county,
      implementationAt(departments.countyPolice, 1),
    );
    await seedImplementation(
      db,
      clock,
      DEMO_ITEM_CODES.newTaxpayer,
      county,
      implementationAt(departments.countyTax, 1),
    );
    await seedImplementation(
      db,
      clock,
      DEMO_ITEM_CODES.socialInsurance,
      county,
      implementationAt(departments.countySocialSecurity, 1),
    );
  },
};
