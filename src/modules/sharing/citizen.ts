/**
 * What a citizen does here: consent to (and withdraw consent from) a department using their personal
 * data for a purpose, and see every access to their data with the ledger's proof that it was recorded.
 */
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Clock } from '../../platform/clock/index.ts';
import type { Tables } from '../../platform/db/index.ts';
import { type AccessActor, findOrganisationSummaries } from '../identity/index.ts';
import {
  encodeAuditEvent,
  getInclusionProof,
  getLatestCheckpoint,
  hashPayload,
  type LedgerKeys,
  listRecordEvents,
  recordAuditEvent,
} from '../ledger/index.ts';
import { sharingErrors } from './errors.ts';
import {
  findAgreement,
  findConsent,
  findResourceById,
  insertConsent,
  listConsentableAgreements,
  listConsentsOf,
  listVisibleAccessesOf,
  markConsentRevoked,
} from './store.ts';
import { inTransaction } from './transaction.ts';

type Db = Kysely<Tables>;

function citizenOf(actor: AccessActor): string {
  if (actor.kind !== 'citizen') throw sharingErrors.citizensOnly();
  return actor.accountId;
}

async function partyNames(db: Db, ids: readonly string[]) {
  const organisations = await findOrganisationSummaries(db, [...new Set(ids)]);
  return (id: string) => ({
    id,
    nameZh: organisations.get(id)?.nameZh ?? '',
    nameEn: organisations.get(id)?.nameEn ?? null,
  });
}

/** The agreements a citizen may consent to, with their own consents. */
export async function listConsents(db: Db, clock: Clock, actor: AccessActor) {
  const accountId = citizenOf(actor);
  const [options, consents] = await Promise.all([
    listConsentableAgreements(db, clock.now()),
    listConsentsOf(db, accountId),
  ]);
  const party = await partyNames(db, [
    ...options.flatMap((row) => [row.consumer_organisation_id, row.owner_organisation_id]),
    ...consents.map((row) => row.consumer_organisation_id),
  ]);
  return {
    options: options.map((row) => ({
      agreementId: row.id,
      resource: { code: row.resource_code, name: row.resource_name },
      consumer: party(row.consumer_organisation_id),
      owner: party(row.owner_organisation_id),
      purposes: row.purposes,
      fields: row.fields,
      validUntil: row.valid_until.toISOString(),
    })),
    consents: consents.map((row) => ({
      id: row.id,
      agreementId: row.agreement_id,
      resource: { code: row.resource_code, name: row.resource_name },
      consumer: party(row.consumer_organisation_id),
      purpose: row.purpose,
      grantedAt: row.granted_at.toISOString(),
      revokedAt: row.revoked_at?.toISOString() ?? null,
    })),
  };
}

export async function grantConsent(
  db: Db,
  clock: Clock,
  actor: AccessActor,
  input: { agreementId: string; purpose: string },
  requestId?: string,
) {
  const accountId = citizenOf(actor);
  const now = clock.now();
  const agreement = await findAgreement(db, input.agreementId);
  const resource = agreement ? await findResourceById(db, agreement.resource_id) : undefined;
  if (
    !agreement ||
    !resource?.requires_consent ||
    agreement.status !== 'active' ||
    agreement.valid_until <= now
  )
    throw sharingErrors.consentNotNeeded();
  if (!agreement.purposes.includes(input.purpose))
    throw sharingErrors.invalid([{ pointer: '/purpose', detail: 'is not one of the agreement’s purposes' }]);
  const id = randomUUID();
  await inTransaction(db, async (tx) => {
    await insertConsent(tx, {
      id,
      account_id: accountId,
      agreement_id: agreement.id,
      purpose: input.purpose,
      granted_at: now,
      revoked_at: null,
    });
    await recordAuditEvent(tx, {
      action: 'sharing.consent.granted',
      actor: { kind: 'citizen', id: accountId },
      record: { type: 'sharing.consent', id },
      at: now,
      requestId: requestId ?? null,
      payloadHash: hashPayload({ id, agreement: agreement.id, purpose: input.purpose }),
    });
  });
  return {
    id,
    agreementId: agreement.id,
    purpose: input.purpose,
    grantedAt: now.toISOString(),
    revokedAt: null,
  };
}

/** Withdrawing consent stops the next exchange that relies on it. */
export async function revokeConsent(
  db: Db,
  clock: Clock,
  actor: AccessActor,
  id: string,
  requestId?: string,
) {
  const accountId = citizenOf(actor);
  const now = clock.now();
  const consent = await findConsent(db, id);
  if (!consent || consent.account_id !== accountId) throw sharingErrors.consentNotFound();
  await inTransaction(db, async (tx) => {
    if (!(await markConsentRevoked(tx, id, now))) throw sharingErrors.consentNotFound();
    await recordAuditEvent(tx, {
      action: 'sharing.consent.revoked',
      actor: { kind: 'citizen', id: accountId },
      record: { type: 'sharing.consent', id },
      at: now,
      requestId: requestId ?? null,
    });
  });
  return {
    id,
    agreementId: consent.agreement_id,
    purpose: consent.purpose,
    grantedAt: consent.granted_at.toISOString(),
    revokedAt: now.toISOString(),
  };
}

/**
 * Every granted access to the citizen's data, newest first: hidden ones only once their end date has
 * passed. Each comes with its ledger event (the canonical entry, so the reader can hash the leaf
 * themself) and an inclusion proof against the latest signed checkpoint; an event the integrator has
 * not folded in yet has no proof yet.
 */
export async function listMyAccesses(
  db: Db,
  clock: Clock,
  keys: LedgerKeys,
  actor: AccessActor,
  limit: number,
) {
  const accountId = citizenOf(actor);
  const rows = await listVisibleAccessesOf(db, accountId, clock.now(), limit);
  const party = await partyNames(
    db,
    rows.flatMap((row) => [row.consumer_organisation_id, row.owner_organisation_id]),
  );
  const checkpoint = await getLatestCheckpoint(db, keys).catch(() => undefined);
  const treeSize = checkpoint ? BigInt(checkpoint.treeSize) : 0n;
  const accesses = [];
  for (const row of rows) {
    const [event] = await listRecordEvents(db, 'sharing.access', row.id, 1);
    const leafIndex = event?.leafIndex ?? null;
    const proof =
      event && leafIndex !== null && BigInt(leafIndex) < treeSize
        ? await getInclusionProof(db, BigInt(leafIndex), treeSize)
        : undefined;
    accesses.push({
      id: row.id,
      at: row.at.toISOString(),
      consumer: party(row.consumer_organisation_id),
      owner: party(row.owner_organisation_id),
      system: row.system_name,
      resource: { code: row.resource_code, name: row.resource_name },
      purpose: row.purpose,
      caseNumber: row.case_number,
      fields: row.fields,
      wasHiddenUntil: row.hidden_until?.toISOString() ?? null,
      hiddenBasis: row.hidden_basis,
      ledger: {
        leafIndex,
        entry: event
          ? Buffer.from(encodeAuditEvent({ ...event.event, at: new Date(event.event.at) })).toString('base64')
          : null,
        proof: proof ? { treeSize: proof.treeSize, leafHash: proof.leafHash, hashes: proof.proof } : null,
      },
    });
  }
  return { treeSize: treeSize.toString(), accesses };
}
