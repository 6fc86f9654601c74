import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Clock } from '../../platform/clock/index.ts';
import type { Tables } from '../../platform/db/index.ts';
import type { FieldProblem } from '../../platform/errors/index.ts';
import type { Vault } from '../../platform/vault/index.ts';
import {
  type AccessActor,
  findAccountProfile,
  findOrganisationSummary,
  isActingFor,
  type OrganisationSummary,
} from '../identity/index.ts';
import { type ActorKind, auditedWrite, hashPayload, recordAuditEvent } from '../ledger/index.ts';
import { claimProblems, type SubjectKind } from './credential-types.ts';
import { credentialErrors } from './errors.ts';
import { formatIdentifier, parseIdentifier, randomSerial } from './identifier.ts';
import { renderCredentialPdf } from './pdf.ts';
import { type CredentialPayload, recordHash, signRecord } from './signed-record.ts';
import { signingKeyFor } from './signing-keys.ts';
import {
  type CredentialStatus,
  changeStatus,
  findCredentialByIdentifier,
  findCredentialType,
  findIssuer,
  insertCredential,
  insertNextIssuer,
  listCredentialsOfHolder,
  type StoredCredential,
} from './store.ts';

type Db = Kysely<Tables>;

export const ISSUE_CREDENTIALS = 'credentials.issue';
export const REVOKE_CREDENTIALS = 'credentials.revoke';
export const READ_CREDENTIALS = 'credentials.read';
export const CREDENTIAL_RECORD = 'credentials.credential';
export const ISSUED = 'credentials.credential.issued';

export type CredentialsDeps = { clock: Clock; vault: Vault };

/** Issuing on a service's decision is done by its officer; seeds and automatic issue name themselves. */
export type IssuingActor = AccessActor | { kind: 'system'; id: string };

export type Holder = { kind: SubjectKind; id: string };

export type IssueInput = {
  /** Credential type code, e.g. `business-licence`. */
  type: string;
  issuerOrganisationId: string;
  /** A person (citizen or staff account id) or an organisation (its id), as the type requires. */
  holder: Holder;
  claims: Record<string, unknown>;
  validFrom: Date;
  /** Defaults to validFrom plus the type's validity in years, or no end for types that do not expire. */
  validUntil?: Date | null;
  /** What the credential was issued on, e.g. `{ type: 'services.application', id }`. */
  sourceRecord?: { type: string; id: string };
  requestId?: string;
};

export type IssuedCredential = {
  id: string;
  identifier: string;
  type: string;
  status: CredentialStatus;
  validFrom: Date;
  validUntil: Date | null;
  issuedAt: Date;
  /** The signed record (JWS compact serialisation). */
  record: string;
};

const RECORD_FIELD = (id: string) => ({ table: 'credential', column: 'record_encrypted', rowId: id });

function auditActor(actor: IssuingActor): { kind: ActorKind; id: string } {
  return 'accountId' in actor ? { kind: actor.kind, id: actor.accountId } : { kind: 'system', id: actor.id };
}

function addYears(from: Date, years: number): Date {
  const until = new Date(from);
  until.setUTCFullYear(until.getUTCFullYear() + years);
  return until;
}

async function holderProblems(db: Db, holder: Holder, subjectKind: SubjectKind): Promise<FieldProblem[]> {
  if (holder.kind !== subjectKind)
    return [{ pointer: '/holder/kind', detail: `must be ${subjectKind} for this credential type` }];
  if (holder.kind === 'person') {
    const account = await findAccountProfile(db, holder.id);
    if (!account || account.kind === 'enterprise')
      return [{ pointer: '/holder/id', detail: 'is not the account of a person' }];
    return [];
  }
  const organisation = await findOrganisationSummary(db, holder.id);
  if (!organisation) return [{ pointer: '/holder/id', detail: 'is not a registered organisation' }];
  return [];
}

/** The organisation's code in identifiers, given on its first issue (see identifier.ts). */
async function issuerCodeOf(tx: Db, issuer: OrganisationSummary, at: Date): Promise<string> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const existing = await findIssuer(tx, issuer.id);
    if (existing) return existing.issuer_code;
    await insertNextIssuer(tx, {
      organisation_id: issuer.id,
      division_code: issuer.divisionCode,
      division_path: issuer.divisionPath,
      created_at: at,
    });
  }
  const existing = await findIssuer(tx, issuer.id);
  if (existing) return existing.issuer_code;
  throw credentialErrors.issuerCodesExhausted(issuer.divisionCode);
}

/**
 * Issues a credential inside the caller's transaction (a service's approval, say): checks the type,
 * the issuer, the holder and the claims, signs the record with the deployment's key, stores it
 * encrypted, and records `credentials.credential.issued` in the ledger with the record's hash, so
 * that anyone can later prove the ledger holds this exact record. Every problem comes back at once.
 */
export async function issueCredential(
  tx: Db,
  deps: CredentialsDeps,
  input: IssueInput,
  actor: IssuingActor,
): Promise<IssuedCredential> {
  const type = await findCredentialType(tx, input.type);
  const issuer = await findOrganisationSummary(tx, input.issuerOrganisationId);
  const problems: FieldProblem[] = [];
  if (!type) problems.push({ pointer: '/type', detail: `is not a credential type (${input.type})` });
  if (!issuer)
    problems.push({ pointer: '/issuerOrganisationId', detail: 'is not a registered organisation' });
  if (!type || !issuer) throw credentialErrors.invalidIssue(problems);

  if (
    'accountId' in actor &&
    !actor.can(ISSUE_CREDENTIALS, { divisionPath: issuer.divisionPath, organisationId: issuer.id })
  )
    throw credentialErrors.outsideScope(ISSUE_CREDENTIALS);

  if (!issuer.isActive) problems.push({ pointer: '/issuerOrganisationId', detail: 'is deactivated' });
  if (issuer.kind !== type.issuer_kind)
    problems.push({
      pointer: '/issuerOrganisationId',
      detail: `must be a ${type.issuer_kind} to issue ${type.code}`,
    });
  problems.push(...(await holderProblems(tx, input.holder, type.subject_kind)));
  problems.push(...claimProblems(type.claims_schema, input.claims));
  const validFrom = input.validFrom;
  if (!(validFrom instanceof Date) || Number.isNaN(validFrom.getTime()))
    problems.push({ pointer: '/validFrom', detail: 'must be a date and time' });
  const validUntil =
    input.validUntil !== undefined
      ? input.validUntil
      : type.validity_years === null
        ? null
        : addYears(validFrom, type.validity_years);
  if (validUntil !== null && !(validUntil > validFrom))
    problems.push({ pointer: '/validUntil', detail: 'must be after validFrom' });
  if (problems.length > 0) throw credentialErrors.invalidIssue(problems);

  const now = deps.clock.now();
  const issuerCode = await issuerCodeOf(tx, issuer, now);
  const key = await signingKeyFor(tx, deps);
  for (;;) {
    const id = randomUUID();
    const identifier = formatIdentifier(issuerCode, type.code, randomSerial());
    const payload: Omit<CredentialPayload, 'v'> = {
      id: identifier,
      type: { code: type.code, nameZh: type.name_zh, nameEn: type.name_en },
      issuer: { code: issuerCode, organisationId: issuer.id, nameZh: issuer.nameZh, nameEn: issuer.nameEn },
      holder: { kind: input.holder.kind, id: input.holder.id },
      claims: input.claims,
      validFrom: validFrom.toISOString(),
      validUntil: validUntil?.toISOString() ?? null,
      issuedAt: now.toISOString(),
    };
    const record = await signRecord(payload, key);
    const sha256 = recordHash(record);
    // 50 random bits make a repeated serial all but impossible; if one comes, draw again.
    const isInserted = await insertCredential(tx, {
      id,
      identifier,
      type_code: type.code,
      issuer_organisation_id: issuer.id,
      issuer_division_path: issuer.divisionPath,
      holder_kind: input.holder.kind,
      holder_id: input.holder.id,
      valid_from: validFrom,
      valid_until: validUntil,
      signing_kid: key.kid,
      record_encrypted: deps.vault.encrypt(record, RECORD_FIELD(id)),
      record_sha256: sha256,
      source_record_type: input.sourceRecord?.type ?? null,
      source_record_id: input.sourceRecord?.id ?? null,
      status: 'active',
      status_changed_at: null,
      issued_at: now,
      issued_by: auditActor(actor).id,
      province_code: issuer.divisionCode.slice(0, 2),
    });
    if (!isInserted) continue;
    await recordAuditEvent(tx, {
      action: ISSUED,
      actor: auditActor(actor),
      onBehalfOf: issuer.id,
      record: { type: CREDENTIAL_RECORD, id },
      at: now,
      requestId: input.requestId ?? null,
      payloadHash: issuePayloadHash(identifier, sha256),
    });
    return {
      id,
      identifier,
      type: type.code,
      status: 'active',
      validFrom,
      validUntil,
      issuedAt: now,
      record,
    };
  }
}

/** What the issue event's payload hash covers: the identifier and the exact signed record. */
export function issuePayloadHash(identifier: string, recordSha256: string): string {
  return hashPayload({ identifier, recordSha256 });
}

export async function getStoredCredential(db: Db, identifier: string): Promise<StoredCredential> {
  const parsed = parseIdentifier(identifier);
  if (!parsed.ok) throw credentialErrors.invalidIdentifier(parsed.reason);
  const row = await findCredentialByIdentifier(db, identifier);
  if (!row) throw credentialErrors.notFound(identifier);
  return row;
}

export function storedRecordOf(vault: Vault, row: Pick<StoredCredential, 'id' | 'record_encrypted'>): string {
  return vault.decrypt(row.record_encrypted, RECORD_FIELD(row.id));
}

/** The payload of a record this platform signed and stored (its signature is checked where it matters). */
export function payloadOfStored(record: string): CredentialPayload {
  return JSON.parse(Buffer.from(record.split('.')[1]!, 'base64url').toString('utf8')) as CredentialPayload;
}

export type StatusChange = 'revoke' | 'suspend' | 'reinstate';

const TRANSITIONS: Record<
  StatusChange,
  { from: readonly CredentialStatus[]; to: CredentialStatus; action: string; past: string }
> = {
  revoke: {
    from: ['active', 'suspended'],
    to: 'revoked',
    action: 'credentials.credential.revoked',
    past: 'revoked',
  },
  suspend: {
    from: ['active'],
    to: 'suspended',
    action: 'credentials.credential.suspended',
    past: 'suspended',
  },
  reinstate: {
    from: ['suspended'],
    to: 'active',
    action: 'credentials.credential.reinstated',
    past: 'reinstated',
  },
};

/**
 * Revocation (final), suspension and reinstatement, by staff holding credentials.revoke over the
 * issuing organisation; audited with the reason. A change that no longer fits the status is a 409.
 */
export async function changeCredentialStatus(
  db: Db,
  deps: CredentialsDeps,
  actor: AccessActor,
  identifier: string,
  change: StatusChange,
  reason: string,
  requestId?: string,
) {
  const row = await getStoredCredential(db, identifier);
  if (
    !actor.can(REVOKE_CREDENTIALS, {
      divisionPath: row.issuer_division_path,
      organisationId: row.issuer_organisation_id,
    })
  )
    throw credentialErrors.outsideScope(REVOKE_CREDENTIALS);
  const transition = TRANSITIONS[change];
  const now = deps.clock.now();
  return auditedWrite(
    db,
    {
      action: transition.action,
      actor: { kind: actor.kind, id: actor.accountId },
      onBehalfOf: row.issuer_organisation_id,
      record: { type: CREDENTIAL_RECORD, id: row.id },
      at: now,
      reason,
      requestId: requestId ?? null,
      payloadHash: hashPayload({ identifier, status: transition.to }),
    },
    async (tx) => {
      if (!(await changeStatus(tx, row.id, transition.from, transition.to, now))) {
        const current = await findCredentialByIdentifier(tx, identifier);
        throw credentialErrors.statusConflict(identifier, current?.status ?? row.status, transition.past);
      }
      return { identifier, status: transition.to, statusChangedAt: now.toISOString() };
    },
  );
}

export type EffectiveStatus = 'valid' | 'expired' | 'not-yet-valid' | 'suspended' | 'revoked';

/** What a credential is worth now: the issuer's status first, then the validity period. */
export function effectiveStatus(
  row: Pick<StoredCredential, 'status' | 'valid_from' | 'valid_until'>,
  now: Date,
): EffectiveStatus {
  if (row.status === 'revoked') return 'revoked';
  if (row.status === 'suspended') return 'suspended';
  if (now < row.valid_from) return 'not-yet-valid';
  if (row.valid_until !== null && now >= row.valid_until) return 'expired';
  return 'valid';
}

/** Whom the signed-in account's wallet holds for: an enterprise account its organisation, anyone else themself. */
export function holderOfActor(actor: AccessActor): Holder {
  return actor.kind === 'enterprise' && actor.organisationId
    ? { kind: 'organisation', id: actor.organisationId }
    : { kind: 'person', id: actor.accountId };
}

export function isHolder(
  actor: AccessActor,
  row: Pick<StoredCredential, 'holder_kind' | 'holder_id'>,
): boolean {
  if (row.holder_kind === 'organisation')
    return actor.kind === 'enterprise' && isActingFor(actor, row.holder_id);
  return actor.kind !== 'enterprise' && actor.accountId === row.holder_id;
}

export function verifyUrlOf(publicUrl: string, identifier: string): string {
  return `${publicUrl.replace(/\/+$/, '')}/verify/${identifier}`;
}

/** The signed-in holder's credentials, newest first, with their status now. */
export async function listWallet(db: Db, deps: CredentialsDeps & { publicUrl: string }, actor: AccessActor) {
  const now = deps.clock.now();
  const rows = await listCredentialsOfHolder(db, holderOfActor(actor));
  return rows.map((row) => {
    const record = storedRecordOf(deps.vault, row);
    const payload = payloadOfStored(record);
    return {
      identifier: row.identifier,
      type: payload.type,
      issuer: { code: payload.issuer.code, nameZh: payload.issuer.nameZh, nameEn: payload.issuer.nameEn },
      status: effectiveStatus(row, now),
      validFrom: row.valid_from.toISOString(),
      validUntil: row.valid_until?.toISOString() ?? null,
      issuedAt: row.issued_at.toISOString(),
      isShareable: row.is_shareable,
      verifyUrl: verifyUrlOf(deps.publicUrl, row.identifier),
      record,
    };
  });
}

/**
 * For services' pre-fill and material reuse ("obtainable by sharing"): the holder's credentials,
 * newest first; with `validAt`, only those valid then, and with `isShareableOnly`, only types that
 * may be reused. Each comes with its signed record, to attach to an application.
 */
export async function findCredentialsOfHolder(
  db: Db,
  deps: Pick<CredentialsDeps, 'vault'>,
  holder: Holder,
  filter: { typeCode?: string; validAt?: Date; isShareableOnly?: boolean } = {},
) {
  const rows = await listCredentialsOfHolder(db, holder, {
    ...(filter.typeCode !== undefined ? { typeCode: filter.typeCode } : {}),
    ...(filter.validAt !== undefined ? { activeAt: filter.validAt } : {}),
    ...(filter.isShareableOnly ? { isShareableOnly: true } : {}),
  });
  return rows.map((row) => ({
    identifier: row.identifier,
    typeCode: row.type_code,
    issuerOrganisationId: row.issuer_organisation_id,
    status: row.status,
    validFrom: row.valid_from,
    validUntil: row.valid_until,
    issuedAt: row.issued_at,
    isShareable: row.is_shareable,
    record: storedRecordOf(deps.vault, row),
  }));
}

const STATUS_WORDS: Record<EffectiveStatus, string> = {
  valid: '有效 Valid',
  expired: '已过期 Expired',
  'not-yet-valid': '尚未生效 Not yet valid',
  suspended: '已暂停 Suspended',
  revoked: '已吊销 Revoked',
};

/**
 * The certificate as a PDF, for its holder and for staff holding credentials.read over the issuing
 * organisation. A member of staff's download is recorded in the ledger, so the holder can see who
 * looked at their certificate; the holder's own is not an action on anyone else's data.
 */
export async function getCredentialPdf(
  db: Db,
  deps: CredentialsDeps & { publicUrl: string },
  actor: AccessActor,
  identifier: string,
  requestId?: string,
): Promise<{ filename: string; pdf: Buffer }> {
  const row = await getStoredCredential(db, identifier);
  const isOwn = isHolder(actor, row);
  if (
    !isOwn &&
    !actor.can(READ_CREDENTIALS, {
      divisionPath: row.issuer_division_path,
      organisationId: row.issuer_organisation_id,
    })
  )
    throw credentialErrors.notYours();
  const record = storedRecordOf(deps.vault, row);
  const payload = payloadOfStored(record);
  const type = await findCredentialType(db, row.type_code);
  const pdf = await renderCredentialPdf({
    payload,
    claims: (type?.disclosure ?? []).flatMap(({ name, labelZh, labelEn }) =>
      payload.claims[name] === undefined ? [] : [{ labelZh, labelEn, value: payload.claims[name] }],
    ),
    verifyUrl: verifyUrlOf(deps.publicUrl, row.identifier),
    status: STATUS_WORDS[effectiveStatus(row, deps.clock.now())],
  });
  if (!isOwn) {
    await auditedWrite(
      db,
      {
        action: 'credentials.credential.read',
        actor: { kind: actor.kind, id: actor.accountId },
        onBehalfOf: actor.organisationId,
        record: { type: CREDENTIAL_RECORD, id: row.id },
        at: deps.clock.now(),
        requestId: requestId ?? null,
        payloadHash: hashPayload({ identifier: row.identifier, as: 'pdf' }),
      },
      async () => undefined,
    );
  }
  return { filename: `${row.identifier}.pdf`, pdf };
}
