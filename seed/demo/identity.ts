/**
 * Demo people and organisations: one chain of governments from province to township (浙江省 → 杭州市 →
 * 西湖区 → 西溪街道, real division codes), departments at each level, an NGO, an enterprise and a
 * public-service company, staff holding each built-in role at the right level, citizens, and an
 * enterprise account. Every credential here is public (docs/demo.md): this step runs only with
 * `serve --demo` / `seed --demo`, never in a deployment started without it.
 */
import {
  type SeedPerson,
  seedEnterpriseAccount,
  seedGrant,
  seedOrganisation,
  seedPersonAccount,
} from '../../src/modules/identity/index.ts';
import type { SeedStep } from '../../src/platform/seeding/index.ts';

/** The one password of every demo account (documented; refused nowhere because it is not common). */
export const DEMO_PASSWORD = 'shuzhi-demo-2026';

export const DEMO_DIVISIONS = {
  province: '33',
  city: '3301',
  county: '330106',
  township: '330106004',
} as const;

/** Valid GB 32100 codes (both check characters right), made up for the demo. */
export const DEMO_CREDIT_CODES = {
  enterprise: '91330106MA2DEM7111',
  ngo: '52330106MJ0DEM8259',
  publicService: '9133010014DEM90381',
} as const;

type DepartmentKey =
  | 'provinceData'
  | 'cityMarket'
  | 'cityHotline'
  | 'countyService'
  | 'countyPetitions'
  | 'townshipOffice';

const DEPARTMENTS: Record<DepartmentKey, { nameZh: string; nameEn: string; divisionCode: string }> = {
  provinceData: { nameZh: '浙江省数据局', nameEn: 'Zhejiang Provincial Data Bureau', divisionCode: '33' },
  cityMarket: {
    nameZh: '杭州市市场监督管理局',
    nameEn: 'Hangzhou Administration for Market Regulation',
    divisionCode: '3301',
  },
  cityHotline: {
    nameZh: '杭州市信访局（12345 政务服务热线）',
    nameEn: 'Hangzhou Petitions Bureau (12345 hotline)',
    divisionCode: '3301',
  },
  countyService: {
    nameZh: '西湖区政务服务中心（区数据资源管理局）',
    nameEn: 'Xihu District Government Service Centre (Data Resources Bureau)',
    divisionCode: '330106',
  },
  countyPetitions: {
    nameZh: '西湖区信访局',
    nameEn: 'Xihu District Petitions Bureau',
    divisionCode: '330106',
  },
  townshipOffice: {
    nameZh: '西溪街道办事处',
    nameEn: 'Xixi Subdistrict Office',
    divisionCode: '330106004',
  },
};

export type DemoStaff = {
  key: string;
  name: string;
  residentId: string;
  phone: string;
  department: DepartmentKey;
  role: string;
  /** Where the grant reaches: the department's own division subtree. */
  grantDivision: string;
  /** Base32 TOTP secret, or undefined for the member of staff who has yet to enrol (the web app leads them). */
  totpSecret: string | undefined;
};

/** Synthetic resident ID numbers (GB 11643 check characters right) and unassigned-looking phones. */
export const DEMO_STAFF: readonly DemoStaff[] = [
  {
    key: 'province-administrator',
    name: '钱省管',
    residentId: '330106197503150011',
    phone: '13900330001',
    department: 'provinceData',
    role: 'identity-administrator',
    grantDivision: '33',
    totpSecret: 'SHUZHIDEMOPROVINCEADMINAAAAAAAAA',
  },
  {
    key: 'city-registrar',
    name: '孙市登',
    residentId: '330106198004200023',
    phone: '13900330002',
    department: 'cityMarket',
    role: 'registrar',
    grantDivision: '3301',
    totpSecret: 'SHUZHIDEMOCITYREGISTRARAAAAAAAAA',
  },
  {
    key: 'county-administrator',
    name: '李区管',
    residentId: '330106198209090032',
    phone: '13900330003',
    department: 'countyService',
    role: 'identity-administrator',
    grantDivision: '330106',
    totpSecret: 'SHUZHIDEMOCOUNTYADMINAAAAAAAAAAA',
  },
  {
    key: 'county-auditor',
    name: '周审计',
    residentId: '330106198511110049',
    phone: '13900330004',
    department: 'countyService',
    role: 'auditor',
    grantDivision: '330106',
    totpSecret: 'SHUZHIDEMOCOUNTYAUDITORAAAAAAAAA',
  },
  {
    key: 'county-privacy-officer',
    name: '吴保护',
    residentId: '330106198707070050',
    phone: '13900330005',
    department: 'countyPetitions',
    role: 'privacy-officer',
    grantDivision: '330106',
    totpSecret: 'SHUZHIDEMOPRIVACYOFFICERAAAAAAAA',
  },
  {
    key: 'township-registrar',
    name: '郑街道',
    residentId: '330106199001010069',
    phone: '13900330006',
    department: 'townshipOffice',
    role: 'registrar',
    grantDivision: '330106004',
    totpSecret: 'SHUZHIDEMOTOWNSHIPREGISTRARAAAAA',
  },
  {
    key: 'city-credential-officer',
    name: '冯证照',
    residentId: '330106198808080098',
    phone: '13900330008',
    department: 'cityMarket',
    role: 'credential-officer',
    grantDivision: '3301',
    totpSecret: 'SHUZHIDEMOCREDENTIALOFFICERAAAAA',
  },
  {
    key: 'county-catalogue-editor',
    name: '冯目录',
    residentId: '33010619880808008X',
    phone: '13900330022',
    department: 'countyService',
    role: 'services-catalogue-editor',
    grantDivision: '330106',
    totpSecret: 'SHUZHIDEMOCATALOGUEEDITORAAAAAAA',
  },
  {
    key: 'new-county-clerk',
    name: '王新人',
    residentId: '330106199505050072',
    phone: '13900330007',
    department: 'countyService',
    role: 'auditor',
    grantDivision: '330106',
    totpSecret: undefined,
  },
  {
    key: 'province-calendar-administrator',
    name: '冯日历',
    residentId: '330106197810080092',
    phone: '13900330020',
    department: 'provinceData',
    role: 'calendar-administrator',
    grantDivision: '33',
    totpSecret: 'SHUZHIDEMOCALENDARADMINAAAAAAAAA',
  },
  {
    key: 'county-service-handler',
    name: '何办理',
    residentId: '330106199103030116',
    phone: '13900330021',
    department: 'countyService',
    role: 'service-handler',
    grantDivision: '330106',
    totpSecret: 'SHUZHIDEMOSERVICEHANDLERAAAAAAAA',
  },
];

export const DEMO_CITIZENS: readonly Omit<SeedPerson, 'kind' | 'password'>[] = [
  { name: '张小西', residentId: '330106199203030084', phone: '13900330101', divisionCode: '330106004' },
  { name: '陈湖滨', residentId: '33010619681212009X', phone: '13900330102', divisionCode: '330106' },
  { name: '刘钱塘', residentId: '330106200106060105', phone: '13900330103', divisionCode: '330106005' },
];

export const demoIdentity: SeedStep = {
  name: 'identity.demo-people',
  description:
    'Demo governments 浙江省 → 杭州市 → 西湖区 → 西溪街道 with departments, staff of each role, citizens, an NGO, an enterprise (with its account) and a public-service company',
  async run({ db, clock, vault }) {
    if (!vault) throw new Error('the demo people need the vault to encrypt their personal data');
    const deps = { vault, clock };
    const departments = {} as Record<DepartmentKey, string>;
    for (const [key, department] of Object.entries(DEPARTMENTS) as [
      DepartmentKey,
      (typeof DEPARTMENTS)[DepartmentKey],
    ][]) {
      departments[key] = await seedOrganisation(db, clock, { kind: 'government-department', ...department });
    }
    await seedOrganisation(db, clock, {
      kind: 'ngo',
      nameZh: '西湖区西溪社区志愿者协会',
      nameEn: 'Xixi Community Volunteers Association',
      divisionCode: DEMO_DIVISIONS.township,
      creditCode: DEMO_CREDIT_CODES.ngo,
    });
    await seedOrganisation(db, clock, {
      kind: 'public-service',
      nameZh: '杭州示范水务有限公司',
      nameEn: 'Hangzhou Demo Water Company',
      divisionCode: DEMO_DIVISIONS.city,
      creditCode: DEMO_CREDIT_CODES.publicService,
    });
    const enterprise = await seedOrganisation(db, clock, {
      kind: 'enterprise',
      nameZh: '杭州西溪示范科技有限公司',
      nameEn: 'Hangzhou Xixi Demo Technology Co., Ltd.',
      divisionCode: DEMO_DIVISIONS.county,
      creditCode: DEMO_CREDIT_CODES.enterprise,
    });
    await seedEnterpriseAccount(db, deps, { organisationId: enterprise, password: DEMO_PASSWORD });

    for (const staff of DEMO_STAFF) {
      const accountId = await seedPersonAccount(db, deps, {
        kind: 'staff',
        name: staff.name,
        residentId: staff.residentId,
        phone: staff.phone,
        password: DEMO_PASSWORD,
        organisationId: departments[staff.department],
        ...(staff.totpSecret ? { totpSecret: staff.totpSecret } : {}),
      });
      await seedGrant(db, clock, { accountId, roleCode: staff.role, divisionCode: staff.grantDivision });
    }
    for (const citizen of DEMO_CITIZENS) {
      await seedPersonAccount(db, deps, { kind: 'citizen', password: DEMO_PASSWORD, ...citizen });
    }
  },
};
