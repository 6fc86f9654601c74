/** Test fixtures: issuing offices in two counties, their staff, a citizen and an enterprise. */

import type { FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { Clock } from '../../platform/clock/index.ts';
import type { Tables } from '../../platform/db/index.ts';
import {
  creditCodeCheckCharacter,
  organisationCodeCheckCharacter,
  residentIdCheckCharacter,
} from '../../platform/identifiers/index.ts';
import type { Vault } from '../../platform/vault/index.ts';
import {
  type AccessActor,
  loadAccessActor,
  seedEnterpriseAccount,
  seedGrant,
  seedOrganisation,
  seedPersonAccount,
} from '../identity/index.ts';

export const FIXTURE_PASSWORD = 'plum blossom river 7';

/** A valid GB 32100 code: category `91` (enterprise) or `12` (public institution), a division, an organisation code. */
export function creditCodeFor(serial: number, category = '91', division = '330106'): string {
  const organisation = `TC${String(serial).padStart(6, '0')}`;
  const body = `${category}${division}${organisation}${organisationCodeCheckCharacter(organisation)}`;
  return body + creditCodeCheckCharacter(body);
}

export function residentIdFor(serial: number, birthDate = '19900101'): string {
  const body = `330106${birthDate}${String(serial % 1000).padStart(3, '0')}`;
  return body + residentIdCheckCharacter(body);
}

export type Fixtures = Awaited<ReturnType<typeof createFixtures>>;

export async function createFixtures(db: Kysely<Tables>, deps: { clock: Clock; vault: Vault }) {
  const { clock } = deps;
  const xihuMarket = await seedOrganisation(db, clock, {
    kind: 'government-department',
    nameZh: '西湖区市场监督管理局',
    nameEn: 'Xihu District Administration for Market Regulation',
    divisionCode: '330106',
  });
  const binjiangMarket = await seedOrganisation(db, clock, {
    kind: 'government-department',
    nameZh: '滨江区市场监督管理局',
    nameEn: 'Binjiang District Administration for Market Regulation',
    divisionCode: '330108',
  });
  const hospital = await seedOrganisation(db, clock, {
    kind: 'public-service',
    nameZh: '西湖区妇幼保健院',
    nameEn: 'Xihu District Maternal and Child Health Hospital',
    divisionCode: '330106',
    creditCode: creditCodeFor(1, '12'),
  });
  const enterprise = await seedOrganisation(db, clock, {
    kind: 'enterprise',
    nameZh: '杭州测试科技有限公司',
    nameEn: 'Hangzhou Test Technology Co., Ltd.',
    divisionCode: '330106',
    creditCode: creditCodeFor(2),
  });
  const staff = async (serial: number, organisationId: string, divisionCode: string, roleCode: string) => {
    const accountId = await seedPersonAccount(db, deps, {
      kind: 'staff',
      name: '测试员',
      residentId: residentIdFor(serial, '19850505'),
      phone: `1390000${String(serial).padStart(4, '0')}`,
      password: FIXTURE_PASSWORD,
      organisationId,
    });
    await seedGrant(db, clock, { accountId, roleCode, divisionCode, organisationId });
    return accountId;
  };
  const citizen = await seedPersonAccount(db, deps, {
    kind: 'citizen',
    name: '张小西',
    residentId: residentIdFor(501),
    phone: '13900005010',
    password: FIXTURE_PASSWORD,
    divisionCode: '330106004',
  });
  const otherCitizen = await seedPersonAccount(db, deps, {
    kind: 'citizen',
    name: '李四',
    residentId: residentIdFor(502),
    phone: '13900005020',
    password: FIXTURE_PASSWORD,
    divisionCode: '330106004',
  });
  return {
    organisations: { xihuMarket, binjiangMarket, hospital, enterprise },
    accounts: {
      xihuOfficer: await staff(101, xihuMarket, '330106', 'credential-officer'),
      binjiangOfficer: await staff(102, binjiangMarket, '330108', 'credential-officer'),
      hospitalOfficer: await staff(103, hospital, '330106', 'credential-officer'),
      xihuAuditor: await staff(104, xihuMarket, '330106', 'auditor'),
      citizen,
      otherCitizen,
      enterprise: await seedEnterpriseAccount(db, deps, {
        organisationId: enterprise,
        password: FIXTURE_PASSWORD,
      }),
    },
  };
}

export async function actorOf(db: Kysely<Tables>, clock: Clock, accountId: string): Promise<AccessActor> {
  const actor = await loadAccessActor(db, clock, accountId);
  if (!actor) throw new Error(`no active account ${accountId}`);
  return actor;
}

/** `Authorization: Bearer <account id>` names the actor, read from the database like a real session. */
export function bearerAuthenticate(db: Kysely<Tables>, clock: Clock) {
  return (request: FastifyRequest) => {
    const bearer = request.headers.authorization?.replace(/^Bearer /, '');
    return bearer ? loadAccessActor(db, clock, bearer) : Promise.resolve(undefined);
  };
}

export function birthCertificateClaims(overrides: Record<string, unknown> = {}) {
  return {
    childName: '张小西',
    sex: '女',
    birthDate: '1992-03-03',
    birthPlace: '浙江省杭州市西湖区',
    motherName: '王芳',
    fatherName: '张强',
    facility: '西湖区妇幼保健院',
    ...overrides,
  };
}

export function businessLicenceClaims(creditCode: string, overrides: Record<string, unknown> = {}) {
  return {
    name: '杭州测试科技有限公司',
    creditCode,
    entityType: '有限责任公司（自然人投资或控股）',
    legalRepresentative: '陈一',
    registeredCapital: '100万元人民币',
    establishedOn: '2020-06-01',
    address: '浙江省杭州市西湖区文三路 1 号',
    businessScope: '技术开发、技术服务',
    ...overrides,
  };
}
