import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Clock } from '../../platform/clock/index.ts';
import type { Tables } from '../../platform/db/index.ts';
import { maskPersonName, maskResidentId } from '../../platform/identifiers/index.ts';
import type { Vault } from '../../platform/vault/index.ts';
import {
  encodeAuditEvent,
  getInclusionProof,
  getLatestCheckpoint,
  type LedgerKeys,
  listRecordEvents,
  verifyInclusion,
} from '../ledger/index.ts';
import type { Disclosure, DisclosureList } from './credential-types.ts';
import { parseIdentifier } from './identifier.ts';
import {
  CREDENTIAL_RECORD,
  effectiveStatus,
  getStoredCredential,
  ISSUED,
  issuePayloadHash,
  storedRecordOf,
} from './service.ts';
import { type CredentialPayload, checkRecord, looksLikeRecord, recordHash } from './signed-record.ts';
import { publishedKeys } from './signing-keys.ts';
import { findCredentialByIdentifier, findCredentialType, type StoredCredential } from './store.ts';

type Db = Kysely<Tables>;

export type VerificationDeps = { db: Db; clock: Clock; vault: Vault; ledgerKeys: LedgerKeys };

export type Verdict = 'valid' | 'invalid' | 'expired' | 'not-yet-valid' | 'suspended' | 'revoked';

/** Why a verdict is not `valid`; the web page words each one in both languages. */
export type VerificationReason =
  | 'not-a-credential'
  | 'malformed'
  | 'bad-identifier'
  | 'unknown-key'
  | 'signature-invalid'
  | 'unknown-credential'
  | 'record-differs'
  | 'stored-record-invalid'
  | 'not-in-ledger'
  | 'ledger-proof-failed'
  | 'revoked'
  | 'suspended'
  | 'expired'
  | 'not-yet-valid';

export type LedgerEvidence =
  | {
      state: 'proven';
      leafIndex: string;
      treeSize: string;
      rootHash: string;
      proof: string[];
      checkpointNote: string;
    }
  | { state: 'pending' | 'missing' | 'proof-failed' | 'not-checked' };

export type ShownClaim = { name: string; labelZh: string; labelEn: string; value: string };

export type Verification = {
  verdict: Verdict;
  reasons: VerificationReason[];
  checkedAt: string;
  /** What was checked: the record presented, or the one stored under an identifier. */
  checked: 'presented-record' | 'stored-record' | 'nothing';
  signature: { state: 'valid' | 'invalid' | 'not-checked'; kid: string | null };
  ledger: LedgerEvidence;
  credential: {
    identifier: string;
    type: { code: string; nameZh: string; nameEn: string };
    issuer: { code: string; nameZh: string; nameEn: string | null };
    status: string;
    validFrom: string;
    validUntil: string | null;
    issuedAt: string;
    claims: ShownClaim[];
  } | null;
};

const fromBase64 = (text: string) => new Uint8Array(Buffer.from(text, 'base64'));

function failed(
  deps: VerificationDeps,
  reason: VerificationReason,
  checked: Verification['checked'],
  signature: Verification['signature'] = { state: 'not-checked', kid: null },
): Verification {
  return {
    verdict: 'invalid',
    reasons: [reason],
    checkedAt: deps.clock.now().toISOString(),
    checked,
    signature,
    ledger: { state: 'not-checked' },
    credential: null,
  };
}

/**
 * The issue event of this credential in the ledger, with an inclusion proof against the latest signed
 * checkpoint. The leaf is re-derived from the event (so the proof is about this event, not just some
 * leaf), and the event's payload hash must cover this identifier and this exact signed record.
 */
export async function ledgerEvidence(
  db: Db,
  keys: LedgerKeys,
  row: Pick<StoredCredential, 'id' | 'identifier' | 'record_sha256'>,
): Promise<LedgerEvidence> {
  const expected = issuePayloadHash(row.identifier, row.record_sha256);
  const events = await listRecordEvents(db, CREDENTIAL_RECORD, row.id, 100);
  const issued = events.find((e) => e.event.action === ISSUED && e.event.payloadHash === expected);
  if (!issued) return { state: 'missing' };
  if (issued.leafIndex === null) return { state: 'pending' };
  const checkpoint = await getLatestCheckpoint(db, keys);
  const index = BigInt(issued.leafIndex);
  const size = BigInt(checkpoint.treeSize);
  if (index >= size) return { state: 'pending' };
  const proof = await getInclusionProof(db, index, size);
  const entry = encodeAuditEvent({ ...issued.event, at: new Date(issued.event.at) });
  const leafHash = createHash('sha256')
    .update(Buffer.from([0]))
    .update(entry)
    .digest();
  const isProven =
    Buffer.from(leafHash).equals(Buffer.from(fromBase64(proof.leafHash))) &&
    verifyInclusion(
      index,
      size,
      new Uint8Array(leafHash),
      proof.proof.map(fromBase64),
      fromBase64(checkpoint.rootHash),
    );
  if (!isProven) return { state: 'proof-failed' };
  return {
    state: 'proven',
    leafIndex: issued.leafIndex,
    treeSize: checkpoint.treeSize,
    rootHash: checkpoint.rootHash,
    proof: proof.proof,
    checkpointNote: checkpoint.note,
  };
}

function shownValue(value: unknown, show: Disclosure): string {
  const text = Array.isArray(value) ? value.map(String).join('、') : String(value);
  switch (show) {
    case 'masked-name':
      return maskPersonName(text);
    case 'masked-id':
      return maskResidentId(text);
    case 'year':
      return text.slice(0, 4);
    default:
      return text;
  }
}

/** Only the claims the type discloses, masked as it says; everything else stays with the holder. */
export function shownClaims(payload: CredentialPayload, disclosure: DisclosureList): ShownClaim[] {
  return disclosure.flatMap(({ name, labelZh, labelEn, show }) =>
    show === 'none' || payload.claims[name] === undefined
      ? []
      : [{ name, labelZh, labelEn, value: shownValue(payload.claims[name], show) }],
  );
}

async function assess(
  deps: VerificationDeps,
  row: StoredCredential,
  payload: CredentialPayload,
  kid: string,
  checked: Verification['checked'],
): Promise<Verification> {
  const now = deps.clock.now();
  const type = await findCredentialType(deps.db, row.type_code);
  const ledger = await ledgerEvidence(deps.db, deps.ledgerKeys, row);
  const reasons: VerificationReason[] = [];
  if (ledger.state === 'missing') reasons.push('not-in-ledger');
  if (ledger.state === 'proof-failed') reasons.push('ledger-proof-failed');
  const status = effectiveStatus(row, now);
  if (status !== 'valid') reasons.push(status);
  const verdict: Verdict = reasons.some((r) => r === 'not-in-ledger' || r === 'ledger-proof-failed')
    ? 'invalid'
    : status;
  return {
    verdict,
    reasons,
    checkedAt: now.toISOString(),
    checked,
    signature: { state: 'valid', kid },
    ledger,
    credential: {
      identifier: row.identifier,
      type: payload.type,
      issuer: { code: payload.issuer.code, nameZh: payload.issuer.nameZh, nameEn: payload.issuer.nameEn },
      status: row.status,
      validFrom: row.valid_from.toISOString(),
      validUntil: row.valid_until?.toISOString() ?? null,
      issuedAt: row.issued_at.toISOString(),
      claims: type ? shownClaims(payload, type.disclosure) : [],
    },
  };
}

async function keyLookup(db: Db) {
  const keys = new Map((await publishedKeys(db)).map((key) => [key.kid, key.publicKey]));
  return (kid: string) => keys.get(kid);
}

/** GET …/status: the record stored under the identifier, its signature, status and ledger proof. */
export async function verifyIdentifier(deps: VerificationDeps, identifier: string): Promise<Verification> {
  const row = await getStoredCredential(deps.db, identifier);
  const record = storedRecordOf(deps.vault, row);
  const check = await checkRecord(record, await keyLookup(deps.db));
  if (!check.ok || check.payload.id !== row.identifier || recordHash(record) !== row.record_sha256)
    return failed(deps, 'stored-record-invalid', 'stored-record', { state: 'invalid', kid: row.signing_kid });
  return assess(deps, row, check.payload, check.kid, 'stored-record');
}

const VERIFY_LINK = /\/verify\/([^/?#\s]+)\/?(?:[?#].*)?$/;

/**
 * POST /verify: what a verifier pasted or scanned — a signed record, the QR code's link, or a bare
 * identifier. Anything else is an `invalid` verdict that says why, not an error: saying "this is not
 * a credential" is the answer the verifier came for.
 */
export async function verifyPresented(deps: VerificationDeps, presented: string): Promise<Verification> {
  const text = presented.trim();
  const linked = VERIFY_LINK.exec(text)?.[1];
  const candidate = linked ? decodeURIComponent(linked) : text;
  if (!looksLikeRecord(candidate)) {
    const parsed = parseIdentifier(candidate);
    if (!parsed.ok)
      return failed(
        deps,
        candidate.includes('.')
          ? 'malformed'
          : linked || candidate.includes('-')
            ? 'bad-identifier'
            : 'not-a-credential',
        'nothing',
      );
    if (!(await findCredentialByIdentifier(deps.db, candidate)))
      return failed(deps, 'unknown-credential', 'nothing');
    return verifyIdentifier(deps, candidate);
  }
  const check = await checkRecord(candidate, await keyLookup(deps.db));
  if (!check.ok)
    return failed(deps, check.reason, 'presented-record', {
      state: check.reason === 'signature-invalid' ? 'invalid' : 'not-checked',
      kid: check.kid ?? null,
    });
  const row = await findCredentialByIdentifier(deps.db, check.payload.id);
  if (!row) return failed(deps, 'unknown-credential', 'presented-record', { state: 'valid', kid: check.kid });
  if (recordHash(candidate) !== row.record_sha256)
    return failed(deps, 'record-differs', 'presented-record', { state: 'valid', kid: check.kid });
  return assess(deps, row, check.payload, check.kid, 'presented-record');
}
