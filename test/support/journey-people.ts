/**
 * The people of browser journeys that need an identity administrator: made as a deployment's seed data
 * would make one, through the real API where there is one, with an authenticator app enrolled.
 */
import { createHmac, randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { residentIdCheckCharacter } from '../../src/platform/identifiers/index.ts';
import { seriousAxeViolations } from './browser.ts';
import type { TestApp } from './test-app.ts';

export async function expectNoSeriousAxeViolations(page: Page) {
  expect(await seriousAxeViolations(page)).toEqual([]);
}

/**
 * Signs a member of staff in on the sign-in page: identifier and password, then the authenticator code
 * of `at` (the journey's clock), ending on the account page.
 */
export async function signInStaffInBrowser(
  page: Page,
  staff: { baseUrl: string; identifier: string; totpSecret: string; at: Date; password?: string },
) {
  await page.goto(`${staff.baseUrl}/account/sign-in`);
  await page.getByLabel('公民身份号码、手机号码或统一社会信用代码').fill(staff.identifier);
  await page.getByLabel('密码').fill(staff.password ?? JOURNEY_PASSWORD);
  await page.getByRole('button', { name: '登录', exact: true }).click();
  const otp = page.getByLabel('验证码');
  await otp.waitFor();
  await otp.fill(totpCode(staff.totpSecret, staff.at));
  await page.getByRole('button', { name: '登录', exact: true }).click();
  await page.waitForURL(`${staff.baseUrl}/account`);
}

/** 西湖区, where the journeys' people live and their offices stand. */
export const XIHU = '330106';
export const JOURNEY_PASSWORD = 'lantern harbour violet 47';
export const SESSION_COOKIE = '__Host-shuzhi-session';

/** A valid resident ID of someone born in 西湖区 on `birthDate` (YYYYMMDD), told apart by `serial`. */
export function xihuResidentId(birthDate: string, serial: string): string {
  const body = `${XIHU}${birthDate}${serial}`;
  return body + residentIdCheckCharacter(body);
}

/**
 * RFC 6238 written out here rather than imported, so that the journey checks the server against an
 * independent computation: HMAC-SHA-1 over the 30-second step, dynamic truncation, six digits.
 */
export function totpCode(base32Secret: string, at: Date): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const character of base32Secret.replace(/=+$/, '')) {
    bits += alphabet.indexOf(character).toString(2).padStart(5, '0');
  }
  const key = Buffer.from((bits.match(/.{8}/g) ?? []).map((byte) => Number.parseInt(byte, 2)));
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(at.getTime() / 1000 / 30)));
  const mac = createHmac('sha1', key).update(counter).digest();
  const offset = mac[mac.length - 1]! & 0x0f;
  const binary = mac.readUInt32BE(offset) & 0x7fffffff;
  return String(binary % 1_000_000).padStart(6, '0');
}

export type IdentityAdministrator = {
  accountId: string;
  /** The government department of 西湖区 the administrator works in. */
  officeId: string;
  /** The cookie header of the session the administrator enrolled the authenticator in. */
  cookie: string;
  totpSecret: string;
};

/**
 * An identity administrator of 西湖区: registers like anyone, is made staff of a new office with an
 * identity-administrator grant at the county, then enrols the authenticator app through the API as a
 * member of staff would at first sign-in.
 */
export async function setUpIdentityAdministrator(
  t: TestApp,
  person: { name: string; residentId: string; phone: string; officeName: string },
): Promise<IdentityAdministrator> {
  const db = t.database.db;
  const inject = t.app.inject.bind(t.app);
  const registered = await inject({
    method: 'POST',
    url: '/api/identity/registrations',
    payload: {
      name: person.name,
      residentId: person.residentId,
      phone: person.phone,
      password: JOURNEY_PASSWORD,
      divisionCode: XIHU,
    },
  });
  expect(registered.statusCode).toBe(201);
  const accountId = registered.json().accountId as string;
  const officeId = randomUUID();
  const now = t.clock.now();
  await sql`
    insert into organisation (id, kind, name_zh, division_code, province_code, created_at, updated_at)
    values (${officeId}, 'government-department', ${person.officeName}, ${XIHU}, '33', ${now}, ${now})`.execute(
    db,
  );
  await sql`update account set kind = 'staff', organisation_id = ${officeId} where id = ${accountId}`.execute(
    db,
  );
  await sql`
    insert into access_grant (id, account_id, role_id, division_code, granted_at)
    select ${randomUUID()}, ${accountId}, id, ${XIHU}, ${now} from role where code = 'identity-administrator'`.execute(
    db,
  );

  const signedIn = await inject({
    method: 'POST',
    url: '/api/identity/sessions',
    payload: { identifier: person.phone, password: JOURNEY_PASSWORD },
  });
  expect(signedIn.statusCode).toBe(201);
  const cookie = `${SESSION_COOKIE}=${signedIn.cookies.find((c) => c.name === SESSION_COOKIE)!.value}`;
  const enrolment = await inject({ method: 'POST', url: '/api/identity/totp', headers: { cookie } });
  const totpSecret = enrolment.json().secret as string;
  const confirmed = await inject({
    method: 'POST',
    url: '/api/identity/totp/confirmation',
    headers: { cookie },
    payload: { code: totpCode(totpSecret, t.clock.now()) },
  });
  expect(confirmed.statusCode).toBe(204);
  return { accountId, officeId, cookie, totpSecret };
}
