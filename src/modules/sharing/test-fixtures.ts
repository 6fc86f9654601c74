/**
 * Test helpers: departments of 西湖区 and one of 上城区 with their data sharing officers, a citizen whose
 * household record the 西湖区 public security bureau holds, and shortcuts through the real routes.
 */
import type { FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { TestApp } from '../../../test/support/test-app.ts';
import type { Clock } from '../../platform/clock/index.ts';
import type { Tables } from '../../platform/db/index.ts';
import type { Vault } from '../../platform/vault/index.ts';
import {
  type AccessActor,
  loadAccessActor,
  seedGrant,
  seedOrganisation,
  seedPersonAccount,
} from '../identity/index.ts';
import { loadLocalRecords } from './catalogue.ts';
import { DATA_SHARING_OFFICER } from './reference-data.ts';

export const XIHU = '330106'; // 杭州市西湖区
export const XIXI = '330106004'; // 西溪街道
export const SHANGCHENG = '330102'; // 杭州市上城区

/** A valid GB 11643 number born in 西湖区 on the given day with the given sequence. */
export function residentIdOf(birthDate: string, sequence: number): string {
  const body = `${XIHU}${birthDate}${String(sequence).padStart(3, '0')}`;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...body].reduce((total, digit, index) => total + Number(digit) * weights[index]!, 0);
  return body + '10X98765432'[sum % 11]!;
}

export type SharingWorld = {
  departments: { police: string; civil: string; market: string; shangchengCivil: string };
  officers: { police: string; civil: string; market: string; shangchengCivil: string };
  citizen: { accountId: string; residentId: string };
  /** Someone with a household record and no account. */
  stranger: { residentId: string };
  /** Someone whose household record belongs to 上城区. */
  shangchengResident: { residentId: string };
};

let serial = 0;

export async function buildSharingWorld(
  db: Kysely<Tables>,
  clock: Clock,
  vault: Vault,
): Promise<SharingWorld> {
  const deps = { vault, clock };
  const department = (nameZh: string, nameEn: string, divisionCode: string) =>
    seedOrganisation(db, clock, { kind: 'government-department', nameZh, nameEn, divisionCode });
  const police = await department('杭州市公安局西湖区分局', 'Xihu District Public Security Bureau', XIHU);
  const civil = await department('西湖区民政局', 'Xihu District Civil Affairs Bureau', XIHU);
  const market = await department('西湖区市场监督管理局', 'Xihu District Market Supervision Bureau', XIHU);
  const shangchengCivil = await department(
    '上城区民政局',
    'Shangcheng District Civil Affairs Bureau',
    SHANGCHENG,
  );

  const officer = async (organisationId: string, divisionCode: string) => {
    serial += 1;
    const n = (process.pid % 300) + serial * 3;
    const accountId = await seedPersonAccount(db, deps, {
      kind: 'staff',
      name: '王共享',
      residentId: residentIdOf('19800101', n),
      phone: `136${String(n).padStart(8, '0')}`,
      password: 'plum blossom river 7',
      organisationId,
    });
    await seedGrant(db, clock, { accountId, roleCode: DATA_SHARING_OFFICER, divisionCode, organisationId });
    return accountId;
  };
  const citizenResidentId = residentIdOf('19900315', 21);
  const citizen = await seedPersonAccount(db, deps, {
    kind: 'citizen',
    name: '李晓梅',
    residentId: citizenResidentId,
    phone: '13700990021',
    password: 'plum blossom river 7',
    divisionCode: XIXI,
  });
  return {
    departments: { police, civil, market, shangchengCivil },
    officers: {
      police: await officer(police, XIHU),
      civil: await officer(civil, XIHU),
      market: await officer(market, XIHU),
      shangchengCivil: await officer(shangchengCivil, SHANGCHENG),
    },
    citizen: { accountId: citizen, residentId: citizenResidentId },
    stranger: { residentId: residentIdOf('19750620', 33) },
    shangchengResident: { residentId: residentIdOf('19820909', 45) },
  };
}

export function bearerActor(db: Kysely<Tables>, clock: Clock) {
  return async (request: FastifyRequest): Promise<AccessActor | undefined> => {
    const bearer = request.headers.authorization?.replace(/^Bearer /, '');
    return bearer ? loadAccessActor(db, clock, bearer) : undefined;
  };
}

export const as = (accountId: string) => ({ authorization: `Bearer ${accountId}` });

/** The household register's fields (户籍人口基本信息). */
export const HOUSEHOLD_FIELDS = [
  {
    name: 'residentId',
    type: 'resident-id',
    description: '公民身份号码',
    grade: 'core',
    isPersonal: true,
    isSensitive: true,
  },
  {
    name: 'name',
    type: 'person-name',
    description: '姓名',
    grade: 'important',
    isPersonal: true,
    isSensitive: false,
  },
  {
    name: 'gender',
    type: 'string',
    description: '性别',
    grade: 'general',
    isPersonal: true,
    isSensitive: false,
  },
  {
    name: 'birthDate',
    type: 'date',
    description: '出生日期',
    grade: 'important',
    isPersonal: true,
    isSensitive: false,
  },
  {
    name: 'address',
    type: 'string',
    description: '户籍地址',
    grade: 'important',
    isPersonal: true,
    isSensitive: false,
  },
  {
    name: 'phone',
    type: 'phone',
    description: '联系电话',
    grade: 'important',
    isPersonal: true,
    isSensitive: false,
  },
] as const;

let codeSerial = 0;

/** A fresh household-register resource of the police bureau, with records of the world's people. */
export async function publishHouseholdRegister(
  t: TestApp,
  world: SharingWorld,
  vault: Vault,
  overrides: Record<string, unknown> = {},
): Promise<string> {
  codeSerial += 1;
  const code = `XH-GA-HJ-${String(codeSerial).padStart(3, '0')}`;
  const response = await t.app.inject({
    method: 'POST',
    url: '/api/sharing/resources',
    headers: as(world.officers.police),
    payload: {
      code,
      name: `户籍人口基本信息（${codeSerial}）`,
      description: '西湖区常住户籍人口的基本登记信息',
      legalBasis: '《中华人民共和国户口登记条例》',
      updateFrequency: 'daily',
      fields: HOUSEHOLD_FIELDS,
      sharingType: 'conditional',
      sharingConditions: '用于法定职责范围内的业务办理',
      openType: 'not-open',
      accessMethod: 'local',
      subjectField: 'residentId',
      ...overrides,
    },
  });
  if (response.statusCode !== 201) throw new Error(`publishing failed: ${response.body}`);
  const record = (residentId: string, name: string, divisionCode: string) => ({
    divisionCode,
    values: {
      residentId,
      name,
      gender: '女',
      birthDate: `${residentId.slice(6, 10)}-${residentId.slice(10, 12)}-${residentId.slice(12, 14)}`,
      address: '杭州市西湖区文三路 100 号',
      phone: '13700990021',
    },
  });
  await loadLocalRecords(
    t.database.db,
    { clock: t.clock, vault },
    { accountId: world.officers.police, organisationId: world.departments.police },
    code,
    [
      record(world.citizen.residentId, '李晓梅', XIXI),
      record(world.stranger.residentId, '赵建国', XIXI),
      record(world.shangchengResident.residentId, '钱丽', '330102001'),
    ],
  );
  return code;
}

/** The consumer asks, the owner approves with `terms`; returns the agreement's id. */
export async function agree(
  t: TestApp,
  world: SharingWorld,
  code: string,
  options: {
    consumer?: keyof SharingWorld['officers'];
    purpose?: string;
    fields?: string[];
    terms?: Record<string, unknown>;
  } = {},
): Promise<string> {
  const consumer = world.officers[options.consumer ?? 'civil'];
  const requested = await t.app.inject({
    method: 'POST',
    url: '/api/sharing/requests',
    headers: as(consumer),
    payload: {
      resourceCode: code,
      purpose: options.purpose ?? '婚姻登记',
      legalBasis: '《婚姻登记条例》第七条',
      fields: options.fields ?? ['residentId', 'name', 'gender', 'birthDate', 'address'],
    },
  });
  if (requested.statusCode !== 201) throw new Error(`request failed: ${requested.body}`);
  const request = requested.json();
  if (request.status === 'pending') {
    const approved = await t.app.inject({
      method: 'POST',
      url: `/api/sharing/requests/${request.id}/approval`,
      headers: as(world.officers.police),
      payload: {
        fields: options.fields ?? ['residentId', 'name', 'gender', 'birthDate', 'address'],
        validUntil: new Date(t.clock.now().getTime() + 30 * 24 * 3_600_000).toISOString(),
        ...options.terms,
      },
    });
    if (approved.statusCode !== 200) throw new Error(`approval failed: ${approved.body}`);
  }
  const agreement = await t.database.db
    .selectFrom('sharing_agreement')
    .select('id')
    .where('request_id', '=', request.id)
    .executeTakeFirstOrThrow();
  return agreement.id;
}

/** Registers a system of the officer's department and returns its key. */
export async function registerSystem(t: TestApp, officer: string, name = '婚姻登记业务系统') {
  const response = await t.app.inject({
    method: 'POST',
    url: '/api/sharing/systems',
    headers: as(officer),
    payload: { name },
  });
  if (response.statusCode !== 201) throw new Error(`system registration failed: ${response.body}`);
  return response.json().apiKey as string;
}

export function hubQuery(t: TestApp, key: string | undefined, body: Record<string, unknown>) {
  return t.app.inject({
    method: 'POST',
    url: '/api/sharing/hub/query',
    headers: key === undefined ? {} : { 'x-sharing-key': key },
    payload: { purpose: '婚姻登记', caseNumber: 'HY2026-0001', endUser: '民政局窗口 周敏', ...body },
  });
}
