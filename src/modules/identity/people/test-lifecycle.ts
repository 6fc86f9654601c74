/** Test helpers for account lifecycle: organisations, credit codes, and requests as real sessions or bearers. */
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { expect } from 'vitest';
import type { TestApp } from '../../../../test/support/test-app.ts';
import type { Authenticate } from '../../../platform/http/index.ts';
import {
  creditCodeCheckCharacter,
  organisationCodeCheckCharacter,
} from '../../../platform/identifiers/index.ts';
import { createVault } from '../../../platform/vault/index.ts';
import { insertOrganisation, type OrganisationRow } from '../access/store.ts';
import { actorFromBearer } from '../access/test-actors.ts';
import { createSessionAuthenticate, SESSION_COOKIE } from '../sign-in/index.ts';

/** A valid unified social credit code (both check characters right) for an enterprise in `division`. */
export function creditCodeFor(serial: number, division = '330106'): string {
  const organisationBody = `MA${String(serial).padStart(6, '0')}`;
  const body = `91${division}${organisationBody}${organisationCodeCheckCharacter(organisationBody)}`;
  return body + creditCodeCheckCharacter(body);
}

export async function insertTestOrganisation(
  t: TestApp,
  options: { kind: OrganisationRow['kind']; divisionCode: string; nameZh: string; creditCode?: string },
): Promise<string> {
  const id = randomUUID();
  const now = t.clock.now();
  await insertOrganisation(t.database.db, {
    id,
    kind: options.kind,
    name_zh: options.nameZh,
    name_en: null,
    division_code: options.divisionCode,
    parent_id: null,
    credit_code: options.creditCode ?? null,
    province_code: options.divisionCode.slice(0, 2),
    is_active: true,
    created_at: now,
    updated_at: now,
  });
  return id;
}

/**
 * `Authorization: Bearer <account id>` for administrators made by `createAccountWithRole`, and the real
 * session cookie for everyone who signs in.
 */
export function bearerOrSession(app: () => TestApp): Authenticate {
  let sessions: Authenticate | undefined;
  return (request) => {
    const t = app();
    if (request.headers.authorization) return actorFromBearer(request, t.database.db, t.clock);
    sessions ??= createSessionAuthenticate({
      db: t.database.db,
      clock: t.clock,
      vault: createVault(t.config.vaultKeys),
      idleTimeoutMs: t.config.sessionIdleTimeoutMinutes * 60_000,
      absoluteTimeoutMs: t.config.sessionAbsoluteTimeoutHours * 3_600_000,
    });
    return sessions(request);
  };
}

/** Signs in and returns the Cookie header value of the new session. */
export async function signInCookie(
  t: TestApp,
  identifier: string,
  password: string,
  otp?: string,
): Promise<string> {
  const response = await t.app.inject({
    method: 'POST',
    url: '/api/identity/sessions',
    payload: { identifier, password, ...(otp ? { otp } : {}) },
  });
  expect(response.statusCode, response.body).toBe(201);
  const cookie = response.cookies.find((candidate) => candidate.name === SESSION_COOKIE);
  return `${SESSION_COOKIE}=${cookie!.value}`;
}

/** The audit events written for a record, decoded from the pending ledger entries, oldest first. */
export async function auditEventsOf(t: TestApp, recordId: string): Promise<Record<string, unknown>[]> {
  const rows = await sql<{ entry: Uint8Array }>`
    select entry from ledger_pending where record_id = ${recordId} order by id
  `.execute(t.database.db);
  return rows.rows.map((row) => JSON.parse(Buffer.from(row.entry).toString('utf8')));
}
