/**
 * Demo credentials: a maternal and child health hospital and a district market regulator as issuers,
 * the demo citizen 张小西's birth medical certificate and the demo enterprise's business licence,
 * so that the wallet, the PDF and the verification page have something real to show.
 */
import { issueCredential } from '../../src/modules/credentials/index.ts';
import {
  findAccountIdByResidentId,
  findOrganisationIdByCreditCode,
  seedOrganisation,
} from '../../src/modules/identity/index.ts';
import {
  creditCodeCheckCharacter,
  organisationCodeCheckCharacter,
} from '../../src/platform/identifiers/index.ts';
import type { SeedStep } from '../../src/platform/seeding/index.ts';
import { DEMO_CITIZENS, DEMO_CREDIT_CODES, DEMO_DIVISIONS } from './identity.ts';

function demoCreditCode(category: string, organisationBody: string): string {
  const body = `${category}${DEMO_DIVISIONS.county}${organisationBody}${organisationCodeCheckCharacter(organisationBody)}`;
  return body + creditCodeCheckCharacter(body);
}

/** 12 = public institution (事业单位), made up for the demo like the other demo codes. */
export const DEMO_HOSPITAL_CREDIT_CODE = demoCreditCode('12', '4DEMH001');

export const demoCredentials: SeedStep = {
  name: 'credentials.demo-credentials',
  description:
    'A hospital and a district market regulator as issuers; a birth medical certificate for 张小西 and a business licence for the demo enterprise',
  async run({ db, clock, vault }) {
    if (!vault) throw new Error('demo credentials are encrypted with the vault');
    const citizen = DEMO_CITIZENS[0]!;
    const citizenId = await findAccountIdByResidentId(db, vault, citizen.residentId);
    const enterpriseId = await findOrganisationIdByCreditCode(db, DEMO_CREDIT_CODES.enterprise);
    if (!citizenId || !enterpriseId) throw new Error('the demo credentials need the demo people first');
    const hospital = await seedOrganisation(db, clock, {
      kind: 'public-service',
      nameZh: '杭州市西湖区妇幼保健院',
      nameEn: 'Xihu District Maternal and Child Health Hospital, Hangzhou',
      divisionCode: DEMO_DIVISIONS.county,
      creditCode: DEMO_HOSPITAL_CREDIT_CODE,
    });
    const regulator = await seedOrganisation(db, clock, {
      kind: 'government-department',
      nameZh: '杭州市西湖区市场监督管理局',
      nameEn: 'Xihu District Administration for Market Regulation, Hangzhou',
      divisionCode: DEMO_DIVISIONS.county,
    });
    const deps = { clock, vault };
    const seed = { kind: 'system' as const, id: 'seed' };
    await issueCredential(
      db,
      deps,
      {
        type: 'birth-medical-certificate',
        issuerOrganisationId: hospital,
        holder: { kind: 'person', id: citizenId },
        claims: {
          childName: citizen.name,
          sex: '女',
          birthDate: '1992-03-03',
          birthPlace: '浙江省杭州市西湖区',
          motherName: '王丽',
          fatherName: '张建国',
          facility: '杭州市西湖区妇幼保健院',
        },
        validFrom: new Date('1992-03-03T00:00:00+08:00'),
      },
      seed,
    );
    await issueCredential(
      db,
      deps,
      {
        type: 'business-licence',
        issuerOrganisationId: regulator,
        holder: { kind: 'organisation', id: enterpriseId },
        claims: {
          name: '杭州西溪示范科技有限公司',
          creditCode: DEMO_CREDIT_CODES.enterprise,
          entityType: '有限责任公司（自然人投资或控股）',
          legalRepresentative: '陈湖滨',
          registeredCapital: '500万元人民币',
          establishedOn: '2021-05-18',
          address: '浙江省杭州市西湖区西溪路 1 号',
          businessScope: '软件开发；信息技术咨询服务；数据处理服务',
        },
        validFrom: new Date('2021-05-18T00:00:00+08:00'),
      },
      seed,
    );
  },
};
