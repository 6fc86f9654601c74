/** Test helpers: a county with two townships, their handling units, rules, and people who act for them. */
import type { FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { Clock } from '../../platform/clock/index.ts';
import type { Tables } from '../../platform/db/index.ts';
import type { Vault } from '../../platform/vault/index.ts';
import {
  type AccessActor,
  defineRole,
  loadAccessActor,
  seedGrant,
  seedOrganisation,
  seedPersonAccount,
} from '../identity/index.ts';
import { createRule, registerUnit } from './routing.ts';

export const COUNTY = '330106'; // 杭州市西湖区
export const XIXI = '330106004'; // 西溪街道
export const CUIYUAN = '330106005'; // 翠苑街道

let serial = 0;

function residentId(n: number): string {
  const body = `11010519900101${String(n % 1000).padStart(3, '0')}`;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...body].reduce((total, digit, index) => total + Number(digit) * weights[index]!, 0);
  return body + '10X98765432'[sum % 11]!;
}

async function person(
  db: Kysely<Tables>,
  deps: { vault: Vault; clock: Clock },
  spec: { kind: 'citizen' | 'staff'; organisationId?: string; divisionCode?: string },
): Promise<string> {
  serial += 1;
  const n = (process.pid % 500) + serial * 7;
  return seedPersonAccount(db, deps, {
    kind: spec.kind,
    name: spec.kind === 'citizen' ? '李市民' : '张办理',
    residentId: residentId(n),
    phone: `137${String(n).padStart(8, '0')}`,
    password: 'plum blossom river 7',
    ...(spec.organisationId ? { organisationId: spec.organisationId } : {}),
    ...(spec.divisionCode ? { divisionCode: spec.divisionCode } : {}),
  });
}

export type FeedbackWorld = {
  units: {
    countyOffice: string;
    countyUrban: string;
    xixiOffice: string;
    xixiUrban: string;
    cuiyuanOffice: string;
    cuiyuanUrban: string;
  };
  people: {
    citizen: string;
    admin: string;
    countyOfficeHandler: string;
    countyUrbanHandler: string;
    xixiOfficeHandler: string;
    xixiUrbanHandler: string;
    cuiyuanUrbanHandler: string;
    callTaker: string;
  };
};

/**
 * 西湖区 with its government office and urban-management bureau, and 西溪 and 翠苑 streets with
 * their offices and urban-management teams; road damage goes to the township's team (one rule for
 * the county), except in 翠苑 where a deeper rule sends it to the county bureau. Every handler holds
 * feedback-handler limited to their own department.
 */
export async function buildFeedbackWorld(
  db: Kysely<Tables>,
  clock: Clock,
  vault: Vault,
): Promise<FeedbackWorld> {
  const deps = { vault, clock };
  const department = (nameZh: string, nameEn: string, divisionCode: string) =>
    seedOrganisation(db, clock, { kind: 'government-department', nameZh, nameEn, divisionCode });
  const countyOffice = await department('西湖区人民政府办公室', 'Xihu District Government Office', COUNTY);
  const countyUrban = await department('西湖区城市管理局', 'Xihu District Urban Management Bureau', COUNTY);
  const xixiOffice = await department('西溪街道办事处', 'Xixi Subdistrict Office', XIXI);
  const xixiUrban = await department('西溪街道城管中队', 'Xixi Urban Management Team', XIXI);
  const cuiyuanOffice = await department('翠苑街道办事处', 'Cuiyuan Subdistrict Office', CUIYUAN);
  const cuiyuanUrban = await department('翠苑街道城管中队', 'Cuiyuan Urban Management Team', CUIYUAN);

  await defineRole(
    db,
    clock,
    { kind: 'system', id: 'test' },
    {
      code: 'feedback-administrator',
      nameZh: '诉求系统管理员',
      nameEn: 'Feedback administrator',
      permissions: ['feedback.routing.manage', 'feedback.open311.manage'],
    },
    false,
  );
  const admin = await person(db, deps, { kind: 'staff', organisationId: countyOffice });
  await seedGrant(db, clock, { accountId: admin, roleCode: 'feedback-administrator', divisionCode: COUNTY });
  const adminActor = (await loadAccessActor(db, clock, admin))!;
  for (const [organisationId, functionCode] of [
    [countyOffice, 'general-office'],
    [countyUrban, 'urban-management'],
    [xixiOffice, 'general-office'],
    [xixiUrban, 'urban-management'],
    [cuiyuanOffice, 'general-office'],
    [cuiyuanUrban, 'urban-management'],
  ] as const) {
    await registerUnit(db, clock, adminActor, { organisationId, functionCode });
  }
  await createRule(db, clock, adminActor, {
    divisionCode: COUNTY,
    categoryCodes: ['road-damage', 'street-lighting'],
    handlerLevel: 4,
    handlerFunction: 'urban-management',
  });
  await createRule(db, clock, adminActor, {
    divisionCode: CUIYUAN,
    categoryCodes: ['road-damage'],
    handlerLevel: 3,
    handlerFunction: 'urban-management',
  });

  const handler = async (organisationId: string, divisionCode: string) => {
    const id = await person(db, deps, { kind: 'staff', organisationId });
    await seedGrant(db, clock, { accountId: id, roleCode: 'feedback-handler', divisionCode, organisationId });
    return id;
  };
  const callTaker = await person(db, deps, { kind: 'staff', organisationId: countyOffice });
  await seedGrant(db, clock, {
    accountId: callTaker,
    roleCode: 'feedback-handler',
    divisionCode: COUNTY,
    organisationId: countyOffice,
  });
  return {
    units: { countyOffice, countyUrban, xixiOffice, xixiUrban, cuiyuanOffice, cuiyuanUrban },
    people: {
      citizen: await person(db, deps, { kind: 'citizen', divisionCode: XIXI }),
      admin,
      countyOfficeHandler: await handler(countyOffice, COUNTY),
      countyUrbanHandler: await handler(countyUrban, COUNTY),
      xixiOfficeHandler: await handler(xixiOffice, XIXI),
      xixiUrbanHandler: await handler(xixiUrban, XIXI),
      cuiyuanUrbanHandler: await handler(cuiyuanUrban, CUIYUAN),
      callTaker,
    },
  };
}

/** The actor named by `Authorization: Bearer <account id>`, read from the database like a real session. */
export function bearerActor(db: Kysely<Tables>, clock: Clock) {
  return async (request: FastifyRequest): Promise<AccessActor | undefined> => {
    const bearer = request.headers.authorization?.replace(/^Bearer /, '');
    return bearer ? loadAccessActor(db, clock, bearer) : undefined;
  };
}

/** A tiny real PNG (1×1), for photo tests. */
export const PNG_1X1 =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGNgYGD4DwABBAEAwS2OUAAAAABJRU5ErkJggg==';
