import fs from 'node:fs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { totpCodeAt } from '../../src/modules/identity/index.ts';
import { runSeedSteps } from '../../src/platform/seeding/index.ts';
import { createVault } from '../../src/platform/vault/index.ts';
import { createTestApp, type TestApp } from '../../test/support/test-app.ts';
import { referenceSteps } from '../reference/index.ts';
import { DEMO_FEEDBACK_STAFF } from './feedback.ts';
import { DEMO_HOT_TOPIC_WATCHER } from './feedback-hot-topics.ts';
import { DEMO_OVERSIGHT_STAFF } from './feedback-oversight.ts';
import {
  DEMO_CITIZENS,
  DEMO_CREDIT_CODES,
  DEMO_DIVISIONS,
  DEMO_PASSWORD,
  DEMO_STAFF,
  demoIdentity,
} from './identity.ts';
import { demoSteps } from './index.ts';
import { DEMO_SERVICE_STAFF } from './services-applications.ts';
import { DEMO_SUPERVISION_STAFF } from './services-supervision.ts';
import { DEMO_SHARING_STAFF } from './sharing.ts';

const DEMO_DOC = new URL('../../docs/demo.md', import.meta.url);

describe('demo people: a documented chain of governments, staff of each role, citizens and an enterprise', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
    const report = await runSeedSteps(t.database.db, t.clock, demoSteps, {
      vault: createVault(t.config.vaultKeys),
    });
    expect(report.ran).toContain(demoIdentity.name);
  });
  afterAll(async () => {
    await t.close();
  });

  const signIn = (identifier: string, otp?: string) =>
    t.app.inject({
      method: 'POST',
      url: '/api/identity/sessions',
      payload: { identifier, password: DEMO_PASSWORD, ...(otp ? { otp } : {}) },
    });

  it('lets every documented staff member sign in, with the documented authenticator secret', async () => {
    for (const staff of DEMO_STAFF) {
      const otp = staff.totpSecret ? totpCodeAt(staff.totpSecret, t.clock.now()) : undefined;
      const response = await signIn(staff.phone, otp);
      expect({ staff: staff.key, status: response.statusCode }).toEqual({ staff: staff.key, status: 201 });
      const cookie = response.headers['set-cookie'] as string;
      const me = (
        await t.app.inject({
          method: 'GET',
          url: '/api/identity/me',
          headers: { cookie: cookie.split(';')[0]! },
        })
      ).json();
      expect(me.kind).toBe('staff');
      // The member of staff without an authenticator has their grant, but not until they enrol.
      expect({ staff: staff.key, roles: me.roles }).toEqual({
        staff: staff.key,
        roles: staff.totpSecret ? [staff.role] : [],
      });
      expect(me.secondFactor.isEnrolled).toBe(staff.totpSecret !== undefined);
    }
  });

  it('has staff of every built-in role, citizens and the enterprise account', async () => {
    const roles = await sql<{ code: string }>`select code from role where is_built_in`.execute(t.database.db);
    const demoRoles = new Set(
      [
        ...DEMO_STAFF,
        ...DEMO_FEEDBACK_STAFF,
        ...DEMO_SUPERVISION_STAFF,
        ...DEMO_SHARING_STAFF,
        ...DEMO_SERVICE_STAFF,
        ...DEMO_OVERSIGHT_STAFF,
        DEMO_HOT_TOPIC_WATCHER,
      ].map((staff) => staff.role),
    );
    for (const { code } of roles.rows) expect(demoRoles.has(code), code).toBe(true);
    for (const citizen of DEMO_CITIZENS) expect((await signIn(citizen.residentId)).statusCode).toBe(201);
    const enterprise = await signIn(DEMO_CREDIT_CODES.enterprise);
    expect(enterprise.statusCode).toBe(201);
    const organisations = await sql<{ kind: string; division_code: string }>`
      select kind, division_code from organisation`.execute(t.database.db);
    const kinds = organisations.rows.map((row) => row.kind);
    for (const kind of ['government-department', 'ngo', 'enterprise', 'public-service']) {
      expect(kinds).toContain(kind);
    }
    const departmentDivisions = new Set(
      organisations.rows
        .filter((row) => row.kind === 'government-department')
        .map((row) => row.division_code),
    );
    expect([...departmentDivisions].sort()).toEqual(Object.values(DEMO_DIVISIONS).sort());
  });

  it('is audited like every other write, and keeps personal data encrypted', async () => {
    const accounts = await sql<{ id: string }>`select id from account`.execute(t.database.db);
    const audited = await sql<{ record_id: string }>`
      select record_id from ledger_pending where record_type = 'identity.account'`.execute(t.database.db);
    const auditedIds = new Set(audited.rows.map((row) => row.record_id));
    for (const { id } of accounts.rows) expect(auditedIds.has(id), id).toBe(true);
    const people = await sql<{ row: string }>`select person::text as row from person`.execute(t.database.db);
    const text = people.rows.map((row) => row.row).join('\n');
    for (const citizen of DEMO_CITIZENS) {
      expect(text).not.toContain(citizen.residentId);
      expect(text).not.toContain(citizen.phone);
    }
  });

  it('is documented in docs/demo.md, credential by credential', () => {
    const doc = fs.readFileSync(DEMO_DOC, 'utf8');
    expect(doc).toContain(DEMO_PASSWORD);
    for (const staff of DEMO_STAFF) {
      expect(doc, staff.key).toContain(staff.phone);
      if (staff.totpSecret) expect(doc, staff.key).toContain(staff.totpSecret);
    }
    for (const citizen of DEMO_CITIZENS) expect(doc).toContain(citizen.residentId);
    expect(doc).toContain(DEMO_CREDIT_CODES.enterprise);
  });
});

describe('outside demo mode', () => {
  let t: TestApp;
  beforeAll(async () => {
    // What `serve` without --demo loads: the reference data (already in the test snapshot) and nothing else.
    t = await createTestApp();
    const report = await runSeedSteps(t.database.db, t.clock, referenceSteps, {
      vault: createVault(t.config.vaultKeys),
    });
    expect(report.ran).toEqual([]);
  });
  afterAll(async () => {
    await t.close();
  });

  it('has no account at all, and none of the demo credentials signs in', async () => {
    const accounts = await sql<{ n: number }>`select count(*)::int as n from account`.execute(t.database.db);
    expect(accounts.rows[0]?.n).toBe(0);
    const identifiers = [
      ...DEMO_STAFF.map((staff) => staff.phone),
      ...DEMO_CITIZENS.map((citizen) => citizen.residentId),
      DEMO_CREDIT_CODES.enterprise,
    ];
    for (const identifier of identifiers) {
      const response = await t.app.inject({
        method: 'POST',
        url: '/api/identity/sessions',
        payload: { identifier, password: DEMO_PASSWORD },
        // Each from its own address, so the address throttle does not answer for the accounts.
        remoteAddress: `198.51.100.${identifiers.indexOf(identifier) + 1}`,
      });
      expect({ identifier, status: response.statusCode }).toEqual({ identifier, status: 401 });
    }
  });
});
