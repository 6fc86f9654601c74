/**
 * Demo data sharing in 西湖区: four departments (public security's household register, civil affairs'
 * marriage records, market supervision's business registry, health's birth certificates and licensed
 * institutions) each with a data sharing officer, resources with realistic fields, agreements between
 * them made a month ago, a system whose key is published in docs/demo.md, and a month of exchanges
 * about the demo citizens, all made through the module's own functions so the ledger has them.
 */
import {
  findAccountIdByResidentId,
  loadAccessActor,
  seedGrant,
  seedOrganisation,
  seedPersonAccount,
} from '../../src/modules/identity/index.ts';
import {
  approveRequest,
  changeAgreement,
  DATA_SHARING_OFFICER,
  grantConsent,
  loadLocalRecords,
  queryHub,
  registerResource,
  registerSystem,
  rejectRequest,
  requestResource,
  seedSystem,
} from '../../src/modules/sharing/index.ts';
import type { Clock } from '../../src/platform/clock/index.ts';
import type { SeedStep } from '../../src/platform/seeding/index.ts';
import { DEMO_CITIZENS, DEMO_CREDIT_CODES, DEMO_DIVISIONS, DEMO_PASSWORD } from './identity.ts';

type SharingDepartment = 'police' | 'civil' | 'market' | 'health';

export const DEMO_SHARING_DEPARTMENTS: Record<SharingDepartment, { nameZh: string; nameEn: string }> = {
  police: { nameZh: '杭州市公安局西湖区分局', nameEn: 'Xihu District Public Security Bureau' },
  civil: { nameZh: '西湖区民政局', nameEn: 'Xihu District Civil Affairs Bureau' },
  market: { nameZh: '西湖区市场监督管理局', nameEn: 'Xihu District Market Supervision Bureau' },
  health: { nameZh: '西湖区卫生健康局', nameEn: 'Xihu District Health Commission' },
};

/** One data sharing officer (数据共享专员) per department, granted over 西湖区 for that department only. */
export const DEMO_SHARING_STAFF = [
  {
    key: 'police-data-sharing-officer',
    department: 'police',
    role: DATA_SHARING_OFFICER,
    name: '周户政',
    residentId: '330106198406120130',
    phone: '13900330481',
    totpSecret: 'SHUZHIDEMOSHARINGPOLICEAAAAAAAAA',
  },
  {
    key: 'civil-data-sharing-officer',
    department: 'civil',
    role: DATA_SHARING_OFFICER,
    name: '吴民政',
    residentId: '330106198602180149',
    phone: '13900330482',
    totpSecret: 'SHUZHIDEMOSHARINGCIVILAAAAAAAAAA',
  },
  {
    key: 'market-data-sharing-officer',
    department: 'market',
    role: DATA_SHARING_OFFICER,
    name: '郑市监',
    residentId: '330106198907230151',
    phone: '13900330483',
    totpSecret: 'SHUZHIDEMOSHARINGMARKETAAAAAAAAA',
  },
  {
    key: 'health-data-sharing-officer',
    department: 'health',
    role: DATA_SHARING_OFFICER,
    name: '王卫健',
    residentId: '330106198111050163',
    phone: '13900330484',
    totpSecret: 'SHUZHIDEMOSHARINGHEALTHAAAAAAAAA',
  },
] as const;

/** The marriage registry system of 西湖区民政局: its key is public, so visitors can call the hub. */
export const DEMO_SHARING_SYSTEM = {
  name: '西湖区婚姻登记管理信息系统',
  apiKey: 'shx_demo_xihu_civil_affairs_marriage_registry_2026',
} as const;

export const DEMO_RESOURCE_CODES = {
  household: '330106-GA-HJ-001',
  marriage: '330106-MZ-HY-001',
  business: '330106-SJ-SCZT-001',
  birth: '330106-WJ-CSZM-001',
  institutions: '330106-WJ-YLJG-001',
} as const;

const field = (
  name: string,
  type: 'string' | 'resident-id' | 'phone' | 'person-name' | 'date' | 'number' | 'credit-code',
  description: string,
  grade: 'core' | 'important' | 'general',
  personal: 'no' | 'personal' | 'sensitive',
) => ({
  name,
  type,
  description,
  grade,
  isPersonal: personal !== 'no',
  isSensitive: personal === 'sensitive',
});

type ResourceInput = Parameters<typeof registerResource>[3];

const RESOURCES: Record<
  'household' | 'marriage' | 'business' | 'birth' | 'institutions',
  { owner: SharingDepartment; input: ResourceInput }
> = {
  household: {
    owner: 'police',
    input: {
      code: DEMO_RESOURCE_CODES.household,
      name: '户籍人口基本信息',
      description:
        '西湖区户籍人口的户口登记项目：身份号码、姓名、性别、民族、出生日期、住址、户号及与户主关系。',
      legalBasis: '《中华人民共和国户口登记条例》；《中华人民共和国居民身份证法》',
      updateFrequency: 'real-time',
      fields: [
        field('residentId', 'resident-id', '公民身份号码', 'core', 'sensitive'),
        field('name', 'person-name', '姓名', 'important', 'personal'),
        field('gender', 'string', '性别', 'general', 'personal'),
        field('ethnicity', 'string', '民族', 'important', 'sensitive'),
        field('birthDate', 'date', '出生日期', 'important', 'personal'),
        field('address', 'string', '户籍地址', 'important', 'personal'),
        field('householdNumber', 'string', '户号', 'important', 'personal'),
        field('relationToHead', 'string', '与户主关系', 'general', 'personal'),
      ],
      sharingType: 'conditional',
      sharingConditions: '限于法定职责范围内办理业务时核验身份与户籍，不得向第三方提供。',
      openType: 'not-open',
      accessMethod: 'local',
      subjectField: 'residentId',
    },
  },
  marriage: {
    owner: 'civil',
    input: {
      code: DEMO_RESOURCE_CODES.marriage,
      name: '婚姻登记信息',
      description: '西湖区婚姻登记机关办理的结婚、离婚、补领婚姻登记证记录。',
      legalBasis: '《婚姻登记条例》；《婚姻登记档案管理办法》',
      updateFrequency: 'daily',
      fields: [
        field('residentId', 'resident-id', '当事人公民身份号码', 'core', 'sensitive'),
        field('name', 'person-name', '当事人姓名', 'important', 'personal'),
        field('maritalStatus', 'string', '婚姻状况（已婚、离婚、丧偶）', 'important', 'sensitive'),
        field('registrationType', 'string', '登记类别（结婚、离婚、补领）', 'important', 'personal'),
        field('registrationDate', 'date', '登记日期', 'general', 'personal'),
        field('certificateNumber', 'string', '婚姻登记证字号', 'important', 'personal'),
        field('spouseName', 'person-name', '配偶姓名', 'important', 'personal'),
        field('spouseResidentId', 'resident-id', '配偶公民身份号码', 'core', 'sensitive'),
      ],
      sharingType: 'conditional',
      sharingConditions: '用于户籍、社会救助、住房保障等法定事项的婚姻状况核验。',
      openType: 'not-open',
      accessMethod: 'local',
      subjectField: 'residentId',
    },
  },
  business: {
    owner: 'market',
    input: {
      code: DEMO_RESOURCE_CODES.business,
      name: '市场主体登记信息',
      description: '西湖区登记的企业、个体工商户和农民专业合作社的设立、变更、注销登记信息。',
      legalBasis: '《中华人民共和国市场主体登记管理条例》',
      updateFrequency: 'real-time',
      fields: [
        field('creditCode', 'credit-code', '统一社会信用代码', 'general', 'no'),
        field('entityName', 'string', '名称', 'general', 'no'),
        field('entityType', 'string', '市场主体类型', 'general', 'no'),
        field('legalRepresentative', 'person-name', '法定代表人', 'general', 'personal'),
        field('registeredCapital', 'number', '注册资本（万元）', 'general', 'no'),
        field('establishedDate', 'date', '成立日期', 'general', 'no'),
        field('address', 'string', '住所', 'general', 'no'),
        field('businessScope', 'string', '经营范围', 'general', 'no'),
        field('status', 'string', '登记状态', 'general', 'no'),
      ],
      sharingType: 'unconditional',
      openType: 'open',
      accessMethod: 'local',
      subjectField: 'creditCode',
    },
  },
  birth: {
    owner: 'health',
    input: {
      code: DEMO_RESOURCE_CODES.birth,
      name: '出生医学证明信息',
      description: '辖区助产机构签发的出生医学证明：新生儿与父母信息、出生时间与地点。',
      legalBasis: '《中华人民共和国母婴保健法》；《出生医学证明管理办法》',
      updateFrequency: 'daily',
      fields: [
        field('motherResidentId', 'resident-id', '母亲公民身份号码', 'core', 'sensitive'),
        field('motherName', 'person-name', '母亲姓名', 'important', 'personal'),
        field('childName', 'person-name', '新生儿姓名', 'important', 'personal'),
        field('childGender', 'string', '新生儿性别', 'general', 'personal'),
        field('birthTime', 'string', '出生时间', 'important', 'personal'),
        field('birthPlace', 'string', '出生地点（助产机构）', 'general', 'personal'),
        field('certificateNumber', 'string', '出生医学证明编号', 'important', 'personal'),
        field('fatherName', 'person-name', '父亲姓名', 'important', 'personal'),
        field('fatherResidentId', 'resident-id', '父亲公民身份号码', 'core', 'sensitive'),
      ],
      sharingType: 'conditional',
      sharingConditions: '用于出生登记（户口申报）和生育服务，须经新生儿母亲同意。',
      openType: 'not-open',
      accessMethod: 'local',
      subjectField: 'motherResidentId',
      requiresConsent: true,
    },
  },
  institutions: {
    owner: 'health',
    input: {
      code: DEMO_RESOURCE_CODES.institutions,
      name: '医疗机构执业登记信息',
      description: '西湖区医疗机构的执业许可：名称、类别、诊疗科目、地址与有效期。',
      legalBasis: '《医疗机构管理条例》',
      updateFrequency: 'weekly',
      fields: [
        field('licenceNumber', 'string', '执业许可证登记号', 'general', 'no'),
        field('institutionName', 'string', '机构名称', 'general', 'no'),
        field('category', 'string', '机构类别', 'general', 'no'),
        field('departments', 'string', '诊疗科目', 'general', 'no'),
        field('address', 'string', '地址', 'general', 'no'),
        field('validUntil', 'date', '有效期至', 'general', 'no'),
      ],
      sharingType: 'unconditional',
      openType: 'open',
      accessMethod: 'local',
      subjectField: 'licenceNumber',
    },
  },
};

const DAY_MS = 24 * 3_600_000;
const [ZHANG, CHEN, LIU] = DEMO_CITIZENS as readonly [
  (typeof DEMO_CITIZENS)[number],
  (typeof DEMO_CITIZENS)[number],
  (typeof DEMO_CITIZENS)[number],
];

/** Why 陈湖滨's marriage record was read out of sight, and until when (days after seeding). */
export const DEMO_HIDDEN_ACCESS = {
  basis: '《中华人民共和国刑事诉讼法》第一百五十条：侦查期间对调取情况保密',
  daysHidden: 60,
} as const;

export const demoSharing: SeedStep = {
  name: 'sharing.demo',
  description:
    '西湖区 public security, civil affairs, market supervision and health publish resources, agree on them and exchange a month of data about the demo citizens',
  async run({ db, clock, vault }) {
    if (!vault) throw new Error('the demo data sharing needs the vault for its records and people');
    const now = clock.now();
    // Everything happens over the past month on this clock, so the history has days and the agreements
    // were in force when each exchange was made.
    let cursor = now.getTime() - 30 * DAY_MS;
    const past: Clock = { now: () => new Date(cursor) };
    const at = (daysAgo: number, hour: number) => {
      const day = new Date(now.getTime() - daysAgo * DAY_MS);
      day.setUTCHours(hour - 8, 17, 0, 0);
      cursor = day.getTime();
    };
    at(31, 9);

    const departments = {} as Record<SharingDepartment, string>;
    const officers = {} as Record<SharingDepartment, string>;
    for (const [key, department] of Object.entries(DEMO_SHARING_DEPARTMENTS) as [
      SharingDepartment,
      { nameZh: string; nameEn: string },
    ][]) {
      departments[key] = await seedOrganisation(db, past, {
        kind: 'government-department',
        ...department,
        divisionCode: DEMO_DIVISIONS.county,
      });
    }
    for (const staff of DEMO_SHARING_STAFF) {
      const accountId = await seedPersonAccount(
        db,
        { vault, clock: past },
        {
          kind: 'staff',
          name: staff.name,
          residentId: staff.residentId,
          phone: staff.phone,
          password: DEMO_PASSWORD,
          organisationId: departments[staff.department],
          totpSecret: staff.totpSecret,
        },
      );
      await seedGrant(db, past, {
        accountId,
        roleCode: staff.role,
        divisionCode: DEMO_DIVISIONS.county,
        organisationId: departments[staff.department],
      });
      officers[staff.department] = accountId;
    }
    const actor = async (department: SharingDepartment) =>
      (await loadAccessActor(db, past, officers[department]))!;

    for (const resource of Object.values(RESOURCES))
      await registerResource(db, past, await actor(resource.owner), resource.input);

    const load = (
      resource: keyof typeof RESOURCES,
      records: { divisionCode: string; values: Record<string, string | number | null> }[],
    ) =>
      loadLocalRecords(
        db,
        { clock: past, vault },
        {
          accountId: officers[RESOURCES[resource].owner],
          organisationId: departments[RESOURCES[resource].owner],
        },
        DEMO_RESOURCE_CODES[resource],
        records,
      );
    await load('household', [
      {
        divisionCode: DEMO_DIVISIONS.township,
        values: {
          residentId: ZHANG.residentId,
          name: ZHANG.name,
          gender: '女',
          ethnicity: '汉族',
          birthDate: '1992-03-03',
          address: '浙江省杭州市西湖区西溪街道文二路 128 号 3 幢 502 室',
          householdNumber: '330106004012345',
          relationToHead: '户主',
        },
      },
      {
        divisionCode: DEMO_DIVISIONS.county,
        values: {
          residentId: CHEN.residentId,
          name: CHEN.name,
          gender: '男',
          ethnicity: '汉族',
          birthDate: '1968-12-12',
          address: '浙江省杭州市西湖区北山街道保俶路 66 号',
          householdNumber: '330106001008812',
          relationToHead: '户主',
        },
      },
      {
        divisionCode: '330106005',
        values: {
          residentId: LIU.residentId,
          name: LIU.name,
          gender: '女',
          ethnicity: '汉族',
          birthDate: '2001-06-06',
          address: '浙江省杭州市西湖区翠苑街道翠苑一区 9 幢 201 室',
          householdNumber: '330106005003377',
          relationToHead: '女',
        },
      },
    ]);
    await load('marriage', [
      {
        divisionCode: DEMO_DIVISIONS.township,
        values: {
          residentId: ZHANG.residentId,
          name: ZHANG.name,
          maritalStatus: '已婚',
          registrationType: '结婚',
          registrationDate: '2023-05-20',
          certificateNumber: 'J330106-2023-003412',
          spouseName: '王西湖',
          spouseResidentId: '330106199011110011',
        },
      },
      {
        divisionCode: DEMO_DIVISIONS.county,
        values: {
          residentId: CHEN.residentId,
          name: CHEN.name,
          maritalStatus: '离婚',
          registrationType: '离婚',
          registrationDate: '2019-09-02',
          certificateNumber: 'L330106-2019-000873',
          spouseName: '林晓',
          spouseResidentId: '330106197004040028',
        },
      },
    ]);
    await load('business', [
      {
        divisionCode: DEMO_DIVISIONS.county,
        values: {
          creditCode: DEMO_CREDIT_CODES.enterprise,
          entityName: '杭州西溪示范科技有限公司',
          entityType: '有限责任公司（自然人投资或控股）',
          legalRepresentative: CHEN.name,
          registeredCapital: 500,
          establishedDate: '2021-04-08',
          address: '浙江省杭州市西湖区文三路 90 号 8 楼',
          businessScope: '技术服务、技术开发、技术咨询；软件开发；数据处理服务',
          status: '存续（在营、开业、在册）',
        },
      },
    ]);
    await load('birth', [
      {
        divisionCode: DEMO_DIVISIONS.township,
        values: {
          motherResidentId: ZHANG.residentId,
          motherName: ZHANG.name,
          childName: '王小溪',
          childGender: '女',
          birthTime: '2026-10-08 06:42',
          birthPlace: '杭州市西湖区妇幼保健院',
          certificateNumber: 'Z330106-2026-1187',
          fatherName: '王西湖',
          fatherResidentId: '330106199011110011',
        },
      },
    ]);

    // Requests and agreements, a month ago.
    at(30, 10);
    const days = (n: number) => new Date(cursor + n * DAY_MS).toISOString();
    const deps = { db, clock: past, decisionWorkingDays: 10 };
    const ask = async (
      consumer: SharingDepartment,
      resource: keyof typeof RESOURCES,
      purpose: string,
      legalBasis: string,
      fields: string[],
    ) =>
      requestResource(deps, await actor(consumer), {
        resourceCode: DEMO_RESOURCE_CODES[resource],
        purpose,
        legalBasis,
        fields,
      });
    const approve = async (
      request: { id: string },
      owner: SharingDepartment,
      terms: { fields: string[]; maskedFields?: string[]; validDays: number; rateLimitPerMinute?: number },
    ) =>
      approveRequest(deps, await actor(owner), request.id, {
        fields: terms.fields,
        maskedFields: terms.maskedFields,
        validUntil: days(terms.validDays),
        rateLimitPerMinute: terms.rateLimitPerMinute,
      });

    const marriageHousehold = await ask(
      'civil',
      'household',
      '婚姻登记',
      '《婚姻登记条例》第五条、第七条：婚姻登记机关审查当事人的户口簿、身份证',
      ['residentId', 'name', 'gender', 'birthDate', 'address', 'householdNumber'],
    );
    at(29, 15);
    // Approved with fewer fields: the household number is not needed to register a marriage.
    await approve(marriageHousehold, 'police', {
      fields: ['residentId', 'name', 'gender', 'birthDate', 'address'],
      maskedFields: ['address'],
      validDays: 366,
      rateLimitPerMinute: 120,
    });
    const representative = await ask(
      'market',
      'household',
      '市场主体登记法定代表人身份核验',
      '《中华人民共和国市场主体登记管理条例》第十七条',
      ['residentId', 'name'],
    );
    await approve(representative, 'police', {
      fields: ['residentId', 'name'],
      maskedFields: ['residentId'],
      validDays: 366,
    });
    const investigation = await ask(
      'police',
      'marriage',
      '刑事案件侦查',
      '《中华人民共和国刑事诉讼法》第五十四条：公安机关有权向有关单位收集、调取证据',
      ['name', 'maritalStatus', 'registrationDate', 'spouseName'],
    );
    await approve(investigation, 'civil', {
      fields: ['name', 'maritalStatus', 'registrationDate', 'spouseName'],
      validDays: 180,
    });
    await ask('police', 'business', '治安管理中的企业信息核查', '《中华人民共和国治安管理处罚法》', [
      'creditCode',
      'entityName',
      'legalRepresentative',
      'status',
    ]);
    const birthRequest = await ask(
      'police',
      'birth',
      '出生登记（户口申报）',
      '《中华人民共和国户口登记条例》第七条：婴儿出生后一个月以内申报出生登记',
      ['motherResidentId', 'childName', 'childGender', 'birthTime', 'birthPlace', 'certificateNumber'],
    );
    const birthRegistration = await approve(birthRequest, 'health', {
      fields: [
        'motherResidentId',
        'childName',
        'childGender',
        'birthTime',
        'birthPlace',
        'certificateNumber',
      ],
      maskedFields: ['motherResidentId'],
      validDays: 366,
    });
    const maternalRequest = await ask(
      'health',
      'marriage',
      '孕产妇健康管理',
      '《中华人民共和国母婴保健法》',
      ['name', 'maritalStatus'],
    );
    const maternal = await approve(maternalRequest, 'civil', {
      fields: ['name', 'maritalStatus'],
      validDays: 366,
    });
    at(12, 11);
    const civil = await actor('civil');
    await changeAgreement(
      deps,
      civil,
      maternal.agreementId!,
      'suspend',
      '核查发现超出孕产妇健康管理所需范围调取，暂停待整改',
    );
    await rejectRequest(
      deps,
      await actor('health'),
      (
        await ask('market', 'birth', '母婴用品经营许可核查', '《中华人民共和国食品安全法》', [
          'childName',
          'birthTime',
        ])
      ).id,
      '出生医学证明信息属于敏感个人信息，母婴用品经营许可核查不需要新生儿信息，不予共享。',
    );
    at(1, 16);
    await ask('health', 'household', '预防接种信息核对', '《中华人民共和国疫苗管理法》第四十七条', [
      'residentId',
      'name',
      'birthDate',
      'address',
    ]);

    // The systems: the civil affairs one with the published key, the others with keys nobody keeps.
    at(29, 16);
    await seedSystem(db, past, {
      organisationId: departments.civil,
      name: DEMO_SHARING_SYSTEM.name,
      apiKey: DEMO_SHARING_SYSTEM.apiKey,
      createdBy: officers.civil,
    });
    const policeKey = (await registerSystem(db, past, await actor('police'), '西湖区公安综合业务系统'))
      .apiKey;
    const marketKey = (await registerSystem(db, past, await actor('market'), '西湖区市场主体登记系统'))
      .apiKey;

    // A month of exchanges, oldest first.
    const hub = { db, clock: past, vault };
    const exchange = async (
      daysAgo: number,
      hour: number,
      apiKey: string,
      query: Parameters<typeof queryHub>[2],
    ) => {
      at(daysAgo, hour);
      try {
        await queryHub(hub, apiKey, query);
      } catch (error) {
        // Refusals are part of the history (the oversight page counts them); nothing else is expected.
        if (!(error as { code?: string }).code?.startsWith('sharing.')) throw error;
      }
    };
    const marriageCase = (n: number) => `XH-HY-2026-${String(n).padStart(5, '0')}`;
    await exchange(27, 10, DEMO_SHARING_SYSTEM.apiKey, {
      resourceCode: DEMO_RESOURCE_CODES.household,
      subject: CHEN.residentId,
      purpose: '婚姻登记',
      caseNumber: marriageCase(1021),
      endUser: '婚姻登记处 窗口 3 号 许静',
    });
    await exchange(24, 14, marketKey, {
      resourceCode: DEMO_RESOURCE_CODES.household,
      subject: CHEN.residentId,
      purpose: '市场主体登记法定代表人身份核验',
      caseNumber: 'XH-SCZT-2026-04417',
      endUser: '登记注册科 唐明',
    });
    await exchange(20, 9, policeKey, {
      resourceCode: DEMO_RESOURCE_CODES.business,
      subject: DEMO_CREDIT_CODES.enterprise,
      purpose: '治安管理中的企业信息核查',
      caseNumber: 'XH-ZA-2026-0318',
      endUser: '治安大队 民警 蒋涛',
    });
    await exchange(16, 10, policeKey, {
      resourceCode: DEMO_RESOURCE_CODES.marriage,
      subject: CHEN.residentId,
      purpose: '刑事案件侦查',
      caseNumber: 'XH-XZ-2026-0077',
      endUser: '刑事侦查大队 民警 韩锋',
      hidden: {
        basis: DEMO_HIDDEN_ACCESS.basis,
        until: new Date(now.getTime() + DEMO_HIDDEN_ACCESS.daysHidden * DAY_MS).toISOString(),
      },
    });
    // Refused: a purpose the agreement does not name.
    await exchange(14, 15, DEMO_SHARING_SYSTEM.apiKey, {
      resourceCode: DEMO_RESOURCE_CODES.household,
      subject: LIU.residentId,
      purpose: '最低生活保障资格审核',
      caseNumber: 'XH-DB-2026-0210',
      endUser: '社会救助科 黄蕾',
    });
    // Refused until 张小西 consents, then granted.
    const birthQuery = {
      resourceCode: DEMO_RESOURCE_CODES.birth,
      subject: ZHANG.residentId,
      purpose: '出生登记（户口申报）',
      caseNumber: 'XH-HJ-2026-1187',
      endUser: '西溪派出所 户籍民警 陆燕',
    };
    await exchange(10, 9, policeKey, birthQuery);
    at(10, 20);
    const zhang = await findAccountIdByResidentId(db, vault, ZHANG.residentId);
    await grantConsent(db, past, (await loadAccessActor(db, past, zhang!))!, {
      agreementId: birthRegistration.agreementId!,
      purpose: '出生登记（户口申报）',
    });
    await exchange(9, 10, policeKey, birthQuery);
    let caseNumber = 1100;
    for (const [daysAgo, citizen] of [
      [8, ZHANG],
      [6, LIU],
      [5, CHEN],
      [3, ZHANG],
      [2, LIU],
      [1, ZHANG],
    ] as const) {
      caseNumber += 7;
      await exchange(daysAgo, 11, DEMO_SHARING_SYSTEM.apiKey, {
        resourceCode: DEMO_RESOURCE_CODES.household,
        subject: citizen.residentId,
        purpose: '婚姻登记',
        caseNumber: marriageCase(caseNumber),
        endUser: '婚姻登记处 窗口 3 号 许静',
      });
    }
    // Refused: the agreement was suspended twelve days ago.
    await exchange(4, 10, await healthKey(), {
      resourceCode: DEMO_RESOURCE_CODES.marriage,
      subject: ZHANG.residentId,
      purpose: '孕产妇健康管理',
      caseNumber: 'XH-YC-2026-0551',
      endUser: '妇幼保健科 沈红',
    });

    async function healthKey() {
      return (await registerSystem(db, past, await actor('health'), '西湖区妇幼健康信息系统')).apiKey;
    }
  },
};
