/**
 * The hub: every exchange goes through here. A department's system states who uses it, for what and
 * in which case; the hub finds an agreement that allows it (deny by default), returns only the agreed
 * fields with the agreed masks, holds the agreement's rate, and writes the access log row and its
 * ledger event in the one transaction that releases the data: no log, no exchange.
 */
import { createHash, randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Clock } from '../../platform/clock/index.ts';
import type { Tables } from '../../platform/db/index.ts';
import { DomainError } from '../../platform/errors/index.ts';
import {
  maskPersonName,
  maskPhone,
  maskResidentId,
  parseResidentId,
} from '../../platform/identifiers/index.ts';
import type { Vault } from '../../platform/vault/index.ts';
import { findAccountIdByResidentId } from '../identity/index.ts';
import { hashPayload, recordAuditEvent } from '../ledger/index.ts';
import { SUBJECT_INDEX } from './catalogue.ts';
import { sharingErrors } from './errors.ts';
import {
  type AccessRow,
  type AgreementRow,
  countGrantedSince,
  findAgreement,
  findLocalRecord,
  findResourceByCode,
  insertAccess,
  listAgreementsFor,
  listConsentsFor,
  type ResourceField,
  type ResourceRow,
  type SystemRow,
} from './store.ts';
import { authenticateSystem } from './systems.ts';
import { inTransaction } from './transaction.ts';

type Db = Kysely<Tables>;

export type HubDeps = {
  db: Db;
  clock: Clock;
  vault: Vault;
  /** Calls a provider endpoint; tests and the benchmark pass their own. */
  fetch?: typeof fetch;
  providerTimeoutMs?: number;
};

export type HubQuery = {
  resourceCode: string;
  /** The record's key: a resident ID number, or a credit code for a business. */
  subject: string;
  purpose: string;
  caseNumber: string;
  endUser: string;
  fields?: string[] | undefined;
  /** A legally hidden access (an investigation): its basis, and when the citizen may see it. */
  hidden?: { basis: string; until: string } | undefined;
};

export type HubAnswer = {
  accessId: string;
  resourceCode: string;
  fields: string[];
  record: Record<string, string | number | null>;
  maskedFields: string[];
  responseHash: string | null;
};

const MINUTE_MS = 60_000;

/** Masks by what a value is; anything else keeps its first and last character. */
export function maskValue(value: string | number | null, field: ResourceField): string | null {
  if (value === null) return null;
  const text = String(value);
  switch (field.type) {
    case 'resident-id':
      return maskResidentId(text);
    case 'phone':
      return maskPhone(text);
    case 'person-name':
      return maskPersonName(text);
    default: {
      const chars = [...text];
      if (chars.length <= 2) return '*'.repeat(chars.length);
      return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars.at(-1)}`;
    }
  }
}

function coversDivision(codes: readonly string[], divisionCode: string): boolean {
  return codes.some((code) => code === '0' || divisionCode.startsWith(code));
}

/** Why an agreement does not allow this exchange now, or undefined when it does. */
function refusal(agreement: AgreementRow, query: HubQuery, now: Date): DomainError | undefined {
  if (agreement.status === 'revoked') return sharingErrors.agreementRevokedAtHub(agreement.status_reason);
  if (agreement.status === 'suspended') return sharingErrors.agreementSuspended(agreement.status_reason);
  if (now < agreement.valid_from) return sharingErrors.agreementNotYetValid(agreement.valid_from);
  if (now >= agreement.valid_until) return sharingErrors.agreementExpired(agreement.valid_until);
  if (!agreement.purposes.includes(query.purpose))
    return sharingErrors.purposeNotAgreed(query.purpose, agreement.purposes);
  const extra = (query.fields ?? []).filter((field) => !agreement.fields.includes(field));
  if (extra.length > 0) return sharingErrors.fieldsNotAgreed(extra);
  return undefined;
}

/**
 * The agreement that allows this exchange. With several, the first that allows it wins; with none,
 * the newest agreement's reason is the answer, so the caller learns which rule stopped them.
 */
function chooseAgreement(agreements: readonly AgreementRow[], query: HubQuery, now: Date): AgreementRow {
  if (agreements.length === 0) throw sharingErrors.noAgreement();
  for (const agreement of agreements) if (refusal(agreement, query, now) === undefined) return agreement;
  throw refusal(agreements[0]!, query, now)!;
}

type Fetched = {
  values: Record<string, string | number | null>;
  divisionCode: string;
  responseHash: string | null;
};

async function fetchLocal(deps: HubDeps, db: Db, resource: ResourceRow, subject: string): Promise<Fetched> {
  const index = deps.vault.blindIndex(subject, SUBJECT_INDEX);
  const row = await findLocalRecord(db, resource.id, index);
  if (!row) throw sharingErrors.recordNotFound();
  const values = JSON.parse(
    deps.vault.decrypt(row.record_ciphertext, {
      table: 'sharing_local_record',
      column: 'record_ciphertext',
      rowId: `${resource.id}:${index}`,
    }),
  ) as Record<string, string | number | null>;
  return { values, divisionCode: row.division_code, responseHash: null };
}

/**
 * Asks the owner's endpoint for the record. The response is bound to the request by a hash over both
 * (the request as canonical JSON, then the exact response bytes), recorded with the access.
 */
async function fetchEndpoint(
  deps: HubDeps,
  resource: ResourceRow,
  subject: string,
  fields: readonly string[],
  accessId: string,
): Promise<Fetched> {
  const request = { accessId, resourceCode: resource.code, subject, fields };
  const body = JSON.stringify(request);
  let text: string;
  try {
    const response = await (deps.fetch ?? fetch)(resource.endpoint_url!, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
      signal: AbortSignal.timeout(deps.providerTimeoutMs ?? 10_000),
    });
    text = await response.text();
    if (response.status === 404) throw sharingErrors.recordNotFound();
    if (!response.ok) throw sharingErrors.providerFailed(`status ${response.status}`);
  } catch (error) {
    if (error instanceof DomainError) throw error;
    throw sharingErrors.providerFailed((error as Error).message);
  }
  let parsed: { divisionCode?: unknown; record?: unknown };
  try {
    parsed = JSON.parse(text) as typeof parsed;
  } catch {
    throw sharingErrors.providerFailed('the response is not JSON');
  }
  if (typeof parsed.divisionCode !== 'string' || typeof parsed.record !== 'object' || parsed.record === null)
    throw sharingErrors.providerFailed('the response has no divisionCode and record');
  const responseHash = createHash('sha256')
    .update(hashPayload(request))
    .update('\n')
    .update(text, 'utf8')
    .digest('hex');
  return {
    values: parsed.record as Record<string, string | number | null>,
    divisionCode: parsed.divisionCode,
    responseHash: `sha256:${responseHash}`,
  };
}

async function consentRefusal(
  db: Db,
  agreement: AgreementRow,
  subjectAccountId: string | null,
  purpose: string,
) {
  if (subjectAccountId === null) return sharingErrors.consentMissing();
  const [latest] = await listConsentsFor(db, subjectAccountId, agreement.id, purpose);
  if (!latest) return sharingErrors.consentMissing();
  if (latest.revoked_at !== null) return sharingErrors.consentRevoked(latest.revoked_at);
  return undefined;
}

function checkQuery(query: HubQuery, now: Date) {
  const problems: { pointer: string; detail: string }[] = [];
  for (const key of ['subject', 'purpose', 'caseNumber', 'endUser'] as const)
    if (query[key].trim().length === 0) problems.push({ pointer: `/${key}`, detail: 'must not be blank' });
  if (query.hidden) {
    if (query.hidden.basis.trim().length === 0)
      problems.push({ pointer: '/hidden/basis', detail: 'state the legal basis' });
    const until = new Date(query.hidden.until);
    if (Number.isNaN(until.getTime()) || until <= now)
      problems.push({ pointer: '/hidden/until', detail: 'must be a time after now' });
  }
  if (problems.length > 0) throw sharingErrors.invalid(problems);
}

type AccessFacts = Omit<AccessRow, 'outcome' | 'denial_code' | 'response_hash' | 'fields'>;

async function writeAccess(
  tx: Db,
  facts: AccessFacts,
  outcome: Pick<AccessRow, 'outcome' | 'denial_code' | 'response_hash' | 'fields'>,
) {
  const row: AccessRow = { ...facts, ...outcome };
  await insertAccess(tx, row);
  try {
    await recordAuditEvent(tx, {
      action: `sharing.access.${row.outcome}`,
      actor: { kind: 'system', id: row.system_id },
      onBehalfOf: row.consumer_organisation_id,
      record: { type: 'sharing.access', id: row.id },
      at: row.at,
      // The purpose and case may name people: only their hash goes to the ledger.
      payloadHash: hashPayload({
        ...row,
        hidden_until: row.hidden_until?.toISOString() ?? null,
        at: row.at.toISOString(),
      }),
    });
  } catch {
    throw sharingErrors.notRecorded();
  }
}

export async function queryHub(
  deps: HubDeps,
  apiKey: string | undefined,
  query: HubQuery,
): Promise<HubAnswer> {
  const { db, clock } = deps;
  const system: SystemRow = await authenticateSystem(db, apiKey);
  const now = clock.now();
  checkQuery(query, now);
  const resource = await findResourceByCode(db, query.resourceCode);
  if (!resource || resource.sharing_type === 'not-shared') throw sharingErrors.noAgreement();

  const residentId = resource.subject_field === null ? undefined : parseResidentId(query.subject.trim(), now);
  const subjectAccountId =
    residentId?.ok === true
      ? ((await findAccountIdByResidentId(db, deps.vault, residentId.value.number)) ?? null)
      : null;
  const facts: AccessFacts = {
    id: randomUUID(),
    resource_id: resource.id,
    agreement_id: null,
    system_id: system.id,
    consumer_organisation_id: system.organisation_id,
    owner_organisation_id: resource.owner_organisation_id,
    end_user: query.endUser.trim(),
    purpose: query.purpose,
    case_number: query.caseNumber.trim(),
    subject_account_id: subjectAccountId,
    hidden_basis: query.hidden?.basis.trim() ?? null,
    hidden_until: query.hidden ? new Date(query.hidden.until) : null,
    at: now,
  };

  // Joins the caller's transaction when there is one (the demo seed's exchange history).
  try {
    return await inTransaction(db, async (tx) => {
      const chosen = chooseAgreement(
        await listAgreementsFor(tx, resource.id, system.organisation_id),
        query,
        now,
      );
      facts.agreement_id = chosen.id;
      // Locking the agreement serialises its exchanges, so the rate count below cannot be raced past.
      const agreement = (await findAgreement(tx, chosen.id, true))!;
      const again = refusal(agreement, query, now);
      if (again) throw again;
      const fields = query.fields ?? agreement.fields;
      if (
        (await countGrantedSince(tx, agreement.id, new Date(now.getTime() - MINUTE_MS))) >=
        agreement.rate_limit_per_minute
      )
        throw sharingErrors.rateLimited(agreement.rate_limit_per_minute);
      if (resource.requires_consent) {
        const problem = await consentRefusal(tx, agreement, subjectAccountId, query.purpose);
        if (problem) throw problem;
      }
      const subject = residentId?.ok === true ? residentId.value.number : query.subject.trim();
      const fetched =
        resource.access_method === 'local'
          ? await fetchLocal(deps, tx, resource, subject)
          : await fetchEndpoint(deps, resource, subject, fields, facts.id);
      if (!coversDivision(agreement.division_codes, fetched.divisionCode))
        throw sharingErrors.divisionNotAgreed();

      const byName = new Map(resource.fields.map((field) => [field.name, field]));
      const masked = fields.filter((field) => agreement.masked_fields.includes(field));
      const record: Record<string, string | number | null> = {};
      for (const name of fields) {
        const value = fetched.values[name] ?? null;
        record[name] = masked.includes(name) ? maskValue(value, byName.get(name)!) : value;
      }
      await writeAccess(tx, facts, {
        outcome: 'granted',
        denial_code: null,
        response_hash: fetched.responseHash,
        fields,
      });
      return {
        accessId: facts.id,
        resourceCode: resource.code,
        fields,
        record,
        maskedFields: masked,
        responseHash: fetched.responseHash,
      };
    });
  } catch (error) {
    if (
      !(error instanceof DomainError) ||
      error.code === 'sharing.not-recorded' ||
      error.kind === 'unavailable'
    )
      throw error;
    // A refusal is an access attempt too: the oversight dashboards count it, and it is in the ledger.
    await inTransaction(db, async (tx) =>
      writeAccess(tx, facts, {
        outcome: 'denied',
        denial_code: error.code,
        response_hash: null,
        fields: query.fields ?? [],
      }),
    );
    throw error;
  }
}
