import { createHash, randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Clock } from '../../platform/clock/index.ts';
import type { Tables } from '../../platform/db/index.ts';
import type { FieldProblem } from '../../platform/errors/index.ts';
import { maskPersonName, maskPhone, parsePhone } from '../../platform/identifiers/index.ts';
import type { Vault } from '../../platform/vault/index.ts';
import { type AccessActor, getDivision } from '../identity/index.ts';
import { type AuditEvent, hashPayload, recordAuditEvents } from '../ledger/index.ts';
import { feedbackErrors } from './errors.ts';
import { decodePhoto, MAX_PHOTOS } from './photos.ts';
import { type Route, resolveRoute } from './routing.ts';
import { startClocks } from './sla.ts';
import {
  type AttributeDefinition,
  type Channel,
  findCategory,
  findRequestByIdempotencyKey,
  insertAssignment,
  insertPhotos,
  insertRequest,
  insertUpdate,
  nextPublicId,
  type PhotoRow,
  type RequestKind,
  type RequestRow,
  type RequestStatus,
} from './store.ts';
import { inTransaction } from './transaction.ts';

type Db = Kysely<Tables>;

export type FeedbackDeps = { db: Db; clock: Clock; vault: Vault };

export const ENTER_REQUESTS = 'feedback.requests.enter';
export const REQUEST_KINDS: readonly RequestKind[] = [
  'complaint',
  'demand',
  'suggestion',
  'enquiry',
  'praise',
];

/** Who is submitting, which decides the channel, the idempotency scope and the audit actor. */
export type Submitter =
  | { kind: 'citizen'; actor: AccessActor }
  | { kind: 'staff'; actor: AccessActor }
  | { kind: 'open311'; clientId: string }
  | { kind: 'import'; source: string };

export type Contact = { name?: string | undefined; phone?: string | undefined; email?: string | undefined };

export type RequestInput = {
  categoryCode: string;
  kind: RequestKind;
  /** Chooses the service level with the category; normal when not given. */
  urgency?: 'normal' | 'urgent' | 'emergency' | undefined;
  description: string;
  divisionCode: string;
  address?: string | null | undefined;
  latitude?: number | null | undefined;
  longitude?: number | null | undefined;
  attributes?: Record<string, string | string[]> | undefined;
  /** Photos as base64; their type is read from their bytes. */
  photos?: string[] | undefined;
  mediaUrl?: string | null | undefined;
  /** May the handling unit see who the citizen is? Never shown to the public either way. */
  isIdentityDisclosed?: boolean | undefined;
  contact?: Contact | undefined;
  deviceId?: string | undefined;
  externalAccountId?: string | undefined;
};

/** What an imported record brings besides the request itself. */
export type ImportedFacts = {
  externalId: string;
  status: RequestStatus;
  submittedAt: Date;
  closedAt: Date | null;
  statusNotes: string | null;
};

export type SubmitOutcome = { request: RequestRow; isReplay: boolean };

const CONTROL = /[\p{Cc}\p{Cf}]/u;
const EMAIL = /^[^@\s]{1,64}@[^@\s]+\.[^@\s]{2,}$/;

function channelOf(submitter: Submitter): Channel {
  return submitter.kind === 'citizen' ? 'web' : submitter.kind === 'staff' ? 'phone' : submitter.kind;
}

function idempotencyScopeOf(submitter: Submitter): string {
  switch (submitter.kind) {
    case 'citizen':
    case 'staff':
      return `account:${submitter.actor.accountId}`;
    case 'open311':
      return `open311:${submitter.clientId}`;
    case 'import':
      return `import:${submitter.source}`;
  }
}

export function auditActorOf(submitter: Submitter): Pick<AuditEvent, 'actor' | 'onBehalfOf'> {
  switch (submitter.kind) {
    case 'citizen':
      return { actor: { kind: 'citizen', id: submitter.actor.accountId } };
    case 'staff':
      return {
        actor: { kind: 'staff', id: submitter.actor.accountId },
        onBehalfOf: submitter.actor.organisationId,
      };
    case 'open311':
      return { actor: { kind: 'system', id: `open311-client:${submitter.clientId}` } };
    case 'import':
      return { actor: { kind: 'system', id: `import:${submitter.source}` } };
  }
}

/** Year of a moment in China Standard Time, for the public number (a request at 00:30 on 1 January is the new year's). */
function yearInChina(at: Date): number {
  return new Date(at.getTime() + 8 * 3_600_000).getUTCFullYear();
}

export function maskEmail(email: string): string {
  const [local = '', domain = ''] = email.split('@');
  return `${Array.from(local)[0] ?? ''}***@${domain}`;
}

/** Checks answers against the category's attribute definitions (Open311 service definition). */
export function checkAttributes(
  definitions: readonly AttributeDefinition[],
  answers: Record<string, string | string[]>,
  pointerOf: (code: string) => string,
  isRequiredEnforced = true,
): { problems: FieldProblem[]; values: Record<string, string | string[]> } {
  const problems: FieldProblem[] = [];
  const values: Record<string, string | string[]> = {};
  const known = new Map(definitions.filter((d) => d.variable).map((d) => [d.code, d]));
  for (const code of Object.keys(answers)) {
    if (!known.has(code))
      problems.push({ pointer: pointerOf(code), detail: 'is not an attribute of this category' });
  }
  for (const definition of known.values()) {
    const raw = answers[definition.code];
    const isMissing = raw === undefined || (Array.isArray(raw) ? raw.length === 0 : raw.trim() === '');
    if (isMissing) {
      if (definition.required && isRequiredEnforced)
        problems.push({ pointer: pointerOf(definition.code), detail: 'is required' });
      continue;
    }
    const pointer = pointerOf(definition.code);
    const keys = new Set(definition.values.map((value) => value.key));
    if (definition.datatype === 'multivaluelist') {
      const list = [raw].flat();
      const unknown = list.filter((item) => !keys.has(item));
      if (unknown.length > 0)
        problems.push({ pointer, detail: `has values not in the list: ${unknown.join(', ')}` });
      else values[definition.code] = [...new Set(list)];
      continue;
    }
    if (Array.isArray(raw)) {
      problems.push({ pointer, detail: 'takes one value' });
      continue;
    }
    const text = raw.trim();
    const problem =
      definition.datatype === 'singlevaluelist' && !keys.has(text)
        ? `must be one of ${[...keys].join(', ')}`
        : definition.datatype === 'number' && !Number.isFinite(Number(text))
          ? 'must be a number'
          : definition.datatype === 'datetime' && Number.isNaN(Date.parse(text))
            ? 'must be an ISO 8601 date and time'
            : definition.datatype === 'string' && (text.length > 200 || CONTROL.test(text))
              ? 'must be one line of at most 200 characters'
              : definition.datatype === 'text' && text.length > 2000
                ? 'must be at most 2000 characters'
                : undefined;
    if (problem) problems.push({ pointer, detail: problem });
    else values[definition.code] = text;
  }
  return { problems, values };
}

/**
 * Takes a request from any channel: checks everything and answers every problem at once, routes it
 * to the unit that answers for it, and writes the request, its photos, its first history entries, the
 * assignment and the audit events in one transaction. The same Idempotency-Key from the same sender
 * answers with the first request; with a different body it is refused.
 */
export async function submitRequest(
  deps: FeedbackDeps,
  submitter: Submitter,
  input: RequestInput,
  options: {
    idempotencyKey?: string | undefined;
    requestId?: string | undefined;
    imported?: ImportedFacts;
    /** Pointer for a field in the caller's own vocabulary (Open311 names fields differently). */
    pointerOf?: (field: string) => string;
  } = {},
): Promise<SubmitOutcome> {
  const { db, clock, vault } = deps;
  const pointerOf = options.pointerOf ?? ((field: string) => `/${field}`);
  if (submitter.kind === 'citizen' && submitter.actor.kind !== 'citizen')
    throw feedbackErrors.onlyCitizensSubmit();
  if (submitter.kind === 'staff' && !submitter.actor.hasPermission(ENTER_REQUESTS))
    throw feedbackErrors.phoneEntryNeedsPermission();

  const scope = idempotencyScopeOf(submitter);
  const key = options.idempotencyKey;
  const fingerprint = vault.blindIndex(
    createHash('sha256').update(JSON.stringify(input)).digest('hex'),
    'idempotency.request',
  );
  const replay = async () => {
    if (key === undefined) return undefined;
    const earlier = await findRequestByIdempotencyKey(db, scope, key);
    if (!earlier) return undefined;
    if (earlier.request_fingerprint !== fingerprint) throw feedbackErrors.idempotencyKeyReused();
    return { request: earlier, isReplay: true };
  };
  const earlier = await replay();
  if (earlier) return earlier;

  const problems: FieldProblem[] = [];
  const category = await findCategory(db, input.categoryCode);
  if (!category?.is_active)
    problems.push({ pointer: pointerOf('categoryCode'), detail: 'is not a category one can submit to' });
  if (!REQUEST_KINDS.includes(input.kind))
    problems.push({ pointer: pointerOf('kind'), detail: `must be one of ${REQUEST_KINDS.join(', ')}` });
  const description = input.description.normalize('NFC').trim();
  if (
    description.length === 0 ||
    description.length > 5000 ||
    CONTROL.test(description.replace(/[\n\r\t]/g, ' '))
  )
    problems.push({ pointer: pointerOf('description'), detail: 'must be 1–5000 characters of text' });
  const division = await getDivision(db, input.divisionCode).catch(() => undefined);
  if (!division || division.level === 0 || division.isPlaceholder)
    problems.push({
      pointer: pointerOf('divisionCode'),
      detail: 'is not a division (township or village where known)',
    });
  const address = input.address?.normalize('NFC').trim() || null;
  if (address !== null && (address.length > 500 || CONTROL.test(address)))
    problems.push({ pointer: pointerOf('address'), detail: 'must be one line of at most 500 characters' });
  const latitude = input.latitude ?? null;
  const longitude = input.longitude ?? null;
  if ((latitude === null) !== (longitude === null))
    problems.push({
      pointer: pointerOf(latitude === null ? 'latitude' : 'longitude'),
      detail: 'comes with the other coordinate',
    });
  if (latitude !== null && !(Number.isFinite(latitude) && latitude >= -90 && latitude <= 90))
    problems.push({ pointer: pointerOf('latitude'), detail: 'must be a WGS84 latitude between -90 and 90' });
  if (longitude !== null && !(Number.isFinite(longitude) && longitude >= -180 && longitude <= 180))
    problems.push({
      pointer: pointerOf('longitude'),
      detail: 'must be a WGS84 longitude between -180 and 180',
    });
  const mediaUrl = input.mediaUrl?.trim() || null;
  if (mediaUrl !== null && (!/^https?:\/\/\S+$/.test(mediaUrl) || mediaUrl.length > 2000))
    problems.push({ pointer: pointerOf('mediaUrl'), detail: 'must be an http or https URL' });
  const attributes = category
    ? checkAttributes(
        category.attributes,
        input.attributes ?? {},
        (code) => pointerOf(`attributes/${code}`),
        // Records from another system predate our attributes; they are taken as they were.
        submitter.kind !== 'import',
      )
    : { problems: [], values: {} };
  problems.push(...attributes.problems);

  const photos = input.photos ?? [];
  if (photos.length > MAX_PHOTOS)
    problems.push({ pointer: pointerOf('photos'), detail: `takes at most ${MAX_PHOTOS} photos` });
  const decodedPhotos = photos.slice(0, MAX_PHOTOS).flatMap((photo, index) => {
    const decoded = decodePhoto(photo);
    if (!decoded.ok) {
      problems.push({ pointer: pointerOf(`photos/${index}`), detail: decoded.detail });
      return [];
    }
    return [decoded];
  });

  const contact = checkContact(submitter, input.contact ?? {}, pointerOf, problems);
  if (problems.length > 0 || !category || !division) throw feedbackErrors.invalidRequest(problems);

  const divisionPath = [...division.ancestors.map((ancestor) => ancestor.code), division.code].join('.');
  // A call centre enters calls for its own department about places in the area of its grant.
  if (
    submitter.kind === 'staff' &&
    !submitter.actor.can(ENTER_REQUESTS, { divisionPath, organisationId: submitter.actor.organisationId })
  )
    throw feedbackErrors.enterOutsideScope();

  const route = await resolveRoute(db, category.code, divisionPath);
  const now = clock.now();
  const id = randomUUID();
  const imported = options.imported;
  const submittedAt = imported?.submittedAt ?? now;
  const status: RequestStatus = imported?.status ?? 'open';
  const encrypt = (column: string, value: string | undefined) =>
    value === undefined ? null : vault.encrypt(value, { table: 'feedback_request', column, rowId: id });
  const contactAccountId = submitter.kind === 'citizen' ? submitter.actor.accountId : null;
  const isIdentityDisclosed = input.isIdentityDisclosed ?? false;

  try {
    const request = await inTransaction(db, async (tx) => {
      const row: RequestRow = {
        id,
        public_id: await nextPublicId(tx, yearInChina(submittedAt)),
        province_code: division.code.slice(0, 2),
        category_code: category.code,
        kind: input.kind,
        urgency: input.urgency ?? 'normal',
        description,
        attributes: attributes.values,
        address,
        division_code: division.code,
        division_path: divisionPath,
        latitude,
        longitude,
        media_url: mediaUrl,
        status,
        status_notes: imported?.statusNotes ?? null,
        channel: channelOf(submitter),
        contact_account_id: contactAccountId,
        is_identity_disclosed: isIdentityDisclosed,
        contact_name_encrypted: encrypt('contact_name_encrypted', contact.name),
        contact_name_masked: contact.name === undefined ? null : maskPersonName(contact.name),
        contact_phone_encrypted: encrypt('contact_phone_encrypted', contact.phone),
        contact_phone_masked: contact.phone === undefined ? null : maskPhone(contact.phone),
        contact_email_encrypted: encrypt('contact_email_encrypted', contact.email),
        contact_email_masked: contact.email === undefined ? null : maskEmail(contact.email),
        entered_by: submitter.kind === 'staff' ? submitter.actor.accountId : null,
        open311_client_id: submitter.kind === 'open311' ? submitter.clientId : null,
        device_id: input.deviceId?.trim() || null,
        external_account_id: input.externalAccountId?.trim() || null,
        external_source: submitter.kind === 'import' ? submitter.source : null,
        external_id: imported?.externalId ?? null,
        idempotency_scope: key === undefined ? null : scope,
        idempotency_key: key ?? null,
        request_fingerprint: key === undefined ? null : fingerprint,
        holder_organisation_id: route?.unit.organisation_id ?? null,
        holder_division_path: route?.unit.division_path ?? null,
        expected_at: null,
        submitted_at: submittedAt,
        updated_at: imported?.closedAt ?? submittedAt,
        closed_at: imported?.closedAt ?? null,
      };
      await insertRequest(tx, row);
      const photoRows: PhotoRow[] = decodedPhotos.map((photo) => ({
        id: randomUUID(),
        request_id: id,
        province_code: row.province_code,
        content_type: photo.type,
        byte_size: photo.bytes.length,
        sha256: createHash('sha256').update(photo.bytes).digest('hex'),
        content: photo.bytes,
        created_at: now,
      }));
      await insertPhotos(tx, photoRows);
      await writeIntakeHistory(tx, row, route, imported, submitter, now, photoRows, options.requestId);
      if (route && !imported) await startClocks(tx, row, row.submitted_at);
      return row;
    });
    return { request, isReplay: false };
  } catch (error) {
    if ((error as { code?: unknown } | null)?.code !== '23505') throw error;
    // A concurrent twin with the same key won the race.
    const twin = await replay();
    if (twin) return twin;
    throw error;
  }
}

function checkContact(
  submitter: Submitter,
  contact: Contact,
  pointerOf: (field: string) => string,
  problems: FieldProblem[],
): Contact {
  // A citizen signed in is known by their account; contact details come only from calls and Open311.
  if (submitter.kind === 'citizen' || submitter.kind === 'import') return {};
  const checked: Contact = {};
  const name = contact.name?.normalize('NFKC').trim();
  if (name) {
    if (name.length > 100 || CONTROL.test(name))
      problems.push({
        pointer: pointerOf('contact/name'),
        detail: 'must be a name of at most 100 characters',
      });
    else checked.name = name;
  }
  const phone = contact.phone?.trim();
  if (phone) {
    if (submitter.kind === 'staff') {
      const parsed = parsePhone(phone);
      if (!parsed.ok) problems.push({ pointer: pointerOf('contact/phone'), detail: parsed.message });
      else checked.phone = parsed.value;
    } else if (!/^\+?[0-9 ()-]{5,40}$/.test(phone)) {
      problems.push({ pointer: pointerOf('contact/phone'), detail: 'must be a telephone number' });
    } else checked.phone = phone;
  }
  const email = contact.email?.trim();
  if (email) {
    if (!EMAIL.test(email) || email.length > 254)
      problems.push({ pointer: pointerOf('contact/email'), detail: 'must be an e-mail address' });
    else checked.email = email;
  }
  return checked;
}

async function writeIntakeHistory(
  tx: Db,
  row: RequestRow,
  route: Route | undefined,
  imported: ImportedFacts | undefined,
  submitter: Submitter,
  now: Date,
  photos: readonly PhotoRow[],
  requestId: string | undefined,
): Promise<void> {
  const base = {
    request_id: row.id,
    province_code: row.province_code,
    public_note: null,
    internal_note: null,
  };
  const actorAccountId =
    submitter.kind === 'citizen' || submitter.kind === 'staff' ? submitter.actor.accountId : null;
  await insertUpdate(tx, {
    ...base,
    id: randomUUID(),
    kind: imported ? 'imported' : 'submitted',
    status: 'open',
    organisation_id: null,
    actor_account_id: actorAccountId,
    created_at: row.submitted_at,
  });
  const who = auditActorOf(submitter);
  const events: AuditEvent[] = [
    {
      action: imported ? 'feedback.request.imported' : 'feedback.request.submitted',
      ...who,
      record: { type: 'feedback.request', id: row.id },
      at: now,
      requestId: requestId ?? null,
      payloadHash: hashPayload({
        id: row.id,
        publicId: row.public_id,
        categoryCode: row.category_code,
        kind: row.kind,
        description: row.description,
        divisionCode: row.division_code,
        channel: row.channel,
        photos: photos.map((photo) => photo.sha256),
        externalId: row.external_id,
      }),
    },
  ];
  if (route) {
    await insertAssignment(tx, {
      id: randomUUID(),
      request_id: row.id,
      province_code: row.province_code,
      organisation_id: route.unit.organisation_id,
      reason: route.reason,
      routing_rule_id: route.rule?.id ?? null,
      started_at: row.submitted_at,
      ended_at: null,
      due_at: null,
    });
    await insertUpdate(tx, {
      ...base,
      id: randomUUID(),
      kind: 'dispatched',
      status: 'open',
      organisation_id: route.unit.organisation_id,
      actor_account_id: null,
      created_at: row.submitted_at,
    });
    events.push({
      action: 'feedback.request.dispatched',
      actor: { kind: 'system', id: 'feedback-routing' },
      record: { type: 'feedback.request', id: row.id },
      at: now,
      requestId: requestId ?? null,
      payloadHash: hashPayload({
        id: row.id,
        organisationId: route.unit.organisation_id,
        reason: route.reason,
        ruleId: route.rule?.id ?? null,
      }),
    });
  }
  if (imported && imported.status !== 'open') {
    await insertUpdate(tx, {
      ...base,
      id: randomUUID(),
      kind: 'status-changed',
      status: imported.status,
      organisation_id: route?.unit.organisation_id ?? null,
      actor_account_id: null,
      public_note: imported.statusNotes,
      created_at: imported.closedAt ?? row.submitted_at,
    });
  }
  await recordAuditEvents(tx, events);
}
