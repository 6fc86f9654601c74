/**
 * Requests and agreements: a consumer department asks for a resource's fields for a purpose; the owner
 * decides within a working-day deadline (approving possibly fewer fields, some masked) or rejects with
 * reasons; an approval becomes an agreement with scope, validity and a rate limit. Unconditional
 * resources still get a registered agreement, granted at once.
 */
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { evaluateDeadline, loadWorkingCalendar } from '../../platform/calendar/index.ts';
import type { Clock } from '../../platform/clock/index.ts';
import type { Tables } from '../../platform/db/index.ts';
import type { FieldProblem } from '../../platform/errors/index.ts';
import { enqueueNotification } from '../../platform/notifications/index.ts';
import { type AccessActor, findOrganisationSummaries } from '../identity/index.ts';
import { hashPayload, recordAuditEvent } from '../ledger/index.ts';
import { actingDepartment } from './catalogue.ts';
import { sharingErrors } from './errors.ts';
import {
  type AgreementRow,
  decideRequest,
  findAgreement,
  findAgreementIdsOfRequests,
  findRequest,
  findResourceByCode,
  findResourceById,
  insertAgreement,
  insertRequest,
  listAgreementsOfParty,
  listRequestsOfParty,
  listRequestsToRemind,
  markReminded,
  type RequestRow,
  type RequestStatus,
  type ResourceRow,
  setAgreementStatus,
} from './store.ts';
import { inTransaction } from './transaction.ts';

type Db = Kysely<Tables>;

export const MAKE_REQUESTS = 'sharing.requests.make';
export const DECIDE_REQUESTS = 'sharing.requests.decide';

export const DEFAULT_DECISION_WORKING_DAYS = 10;
export const DEFAULT_RATE_LIMIT_PER_MINUTE = 60;
const AUTOMATIC_VALIDITY_MS = 365 * 24 * 3_600_000;
const DAY_MS = 24 * 3_600_000;
/** Remind the owner this long before the decision is due, and again each day after that. */
const REMIND_BEFORE_MS = 2 * DAY_MS;

export type AgreementDeps = { db: Db; clock: Clock; decisionWorkingDays: number };

const divisionCodeOfPath = (path: string) => path.split('.').at(-1)!;

async function decisionDueAt(db: Db, from: Date, workingDays: number): Promise<Date> {
  // Room to spare: a limit never spans more than twice its working days plus two months of holidays.
  const day = (offset: number) =>
    new Date(from.getTime() + offset * DAY_MS + 8 * 3_600_000).toISOString().slice(0, 10);
  const calendar = await loadWorkingCalendar(db, { from: day(-1), to: day(workingDays * 2 + 62) });
  return evaluateDeadline(calendar, { startedAt: from, limit: { workingDays }, now: from }).dueAt;
}

export type RequestInput = { resourceCode: string; purpose: string; legalBasis: string; fields: string[] };

function unknownFields(resource: ResourceRow, fields: readonly string[], pointer: string): FieldProblem[] {
  const names = new Set(resource.fields.map((field) => field.name));
  return fields.flatMap((field, index) =>
    names.has(field)
      ? []
      : [{ pointer: `${pointer}/${index}`, detail: `${field} is not a field of the resource` }],
  );
}

export async function requestResource(
  deps: AgreementDeps,
  actor: AccessActor,
  input: RequestInput,
  requestId?: string,
) {
  const { db, clock } = deps;
  const consumer = await actingDepartment(db, actor);
  if (!actor.can(MAKE_REQUESTS, { divisionPath: consumer.divisionPath, organisationId: consumer.id }))
    throw sharingErrors.noDepartment();
  const resource = await findResourceByCode(db, input.resourceCode);
  if (!resource) throw sharingErrors.resourceNotFound(input.resourceCode);
  const problems: FieldProblem[] = [];
  if (input.purpose.trim().length === 0) problems.push({ pointer: '/purpose', detail: 'must not be blank' });
  if (input.legalBasis.trim().length === 0)
    problems.push({ pointer: '/legalBasis', detail: 'must not be blank' });
  if (new Set(input.fields).size !== input.fields.length)
    problems.push({ pointer: '/fields', detail: 'names a field twice' });
  problems.push(...unknownFields(resource, input.fields, '/fields'));
  if (problems.length > 0) throw sharingErrors.invalid(problems);
  if (resource.sharing_type === 'not-shared') throw sharingErrors.notShared(resource.not_shared_reason ?? '');
  if (resource.owner_organisation_id === consumer.id) throw sharingErrors.ownResource();

  const now = clock.now();
  const isAutomatic = resource.sharing_type === 'unconditional';
  const request: RequestRow = {
    id: randomUUID(),
    resource_id: resource.id,
    consumer_organisation_id: consumer.id,
    consumer_division_path: consumer.divisionPath,
    owner_organisation_id: resource.owner_organisation_id,
    owner_division_path: resource.owner_division_path,
    purpose: input.purpose.trim(),
    legal_basis: input.legalBasis.trim(),
    fields: input.fields,
    status: isAutomatic ? 'approved' : 'pending',
    due_at: await decisionDueAt(db, now, deps.decisionWorkingDays),
    reminded_at: null,
    decided_at: isAutomatic ? now : null,
    decided_by: null,
    rejection_reason: null,
    requested_by: actor.accountId,
    created_at: now,
  };
  const base = { actor: { kind: 'staff' as const, id: actor.accountId }, onBehalfOf: consumer.id, at: now };
  await inTransaction(db, async (tx) => {
    await insertRequest(tx, request);
    await recordAuditEvent(tx, {
      ...base,
      action: 'sharing.request.submitted',
      record: { type: 'sharing.request', id: request.id },
      requestId: requestId ?? null,
      payloadHash: hashPayload({
        ...request,
        due_at: request.due_at.toISOString(),
        created_at: now.toISOString(),
      }),
    });
    if (isAutomatic) {
      const agreement = agreementOf(request, resource, {
        fields: input.fields,
        maskedFields: [],
        divisionCodes: [divisionCodeOfPath(resource.owner_division_path)],
        validUntil: new Date(now.getTime() + AUTOMATIC_VALIDITY_MS),
        rateLimitPerMinute: DEFAULT_RATE_LIMIT_PER_MINUTE,
        now,
        isAutomatic: true,
      });
      await insertAgreement(tx, agreement);
      await recordAuditEvent(tx, {
        action: 'sharing.agreement.granted',
        actor: { kind: 'system', id: 'sharing.unconditional' },
        onBehalfOf: resource.owner_organisation_id,
        at: now,
        record: { type: 'sharing.agreement', id: agreement.id },
        reason: 'unconditional sharing',
        payloadHash: hashPayload(agreementPayload(agreement)),
      });
    } else {
      await enqueueNotification(tx, {
        recipientAccountId: resource.created_by,
        topic: 'sharing.request.submitted',
        subject: { zh: `数据共享申请：${resource.name}`, en: `Data sharing request: ${resource.name}` },
        body: {
          zh: `${consumer.nameZh}申请共享「${resource.name}」，用途：${request.purpose}。请在 ${request.due_at.toISOString().slice(0, 10)} 前审核。`,
          en: `${consumer.nameEn ?? consumer.nameZh} requests "${resource.name}" for: ${request.purpose}. Decide by ${request.due_at.toISOString().slice(0, 10)}.`,
        },
        link: '/workbench/data-sharing/requests',
        channels: ['in-app', 'email'],
        at: now,
      });
    }
  });
  return getRequest(db, actor, request.id);
}

function agreementPayload(agreement: AgreementRow) {
  return {
    ...agreement,
    valid_from: agreement.valid_from.toISOString(),
    valid_until: agreement.valid_until.toISOString(),
    created_at: agreement.created_at.toISOString(),
  };
}

function agreementOf(
  request: RequestRow,
  resource: ResourceRow,
  terms: {
    fields: string[];
    maskedFields: string[];
    divisionCodes: string[];
    validUntil: Date;
    rateLimitPerMinute: number;
    now: Date;
    isAutomatic: boolean;
  },
): AgreementRow {
  return {
    id: randomUUID(),
    request_id: request.id,
    resource_id: resource.id,
    consumer_organisation_id: request.consumer_organisation_id,
    owner_organisation_id: resource.owner_organisation_id,
    fields: terms.fields,
    masked_fields: terms.maskedFields,
    purposes: [request.purpose],
    division_codes: terms.divisionCodes,
    valid_from: terms.now,
    valid_until: terms.validUntil,
    rate_limit_per_minute: terms.rateLimitPerMinute,
    status: 'active',
    status_reason: null,
    is_automatic: terms.isAutomatic,
    created_at: terms.now,
  };
}

async function requestAsParty(db: Db, actor: AccessActor, id: string, forUpdate = false) {
  const request = await findRequest(db, id, forUpdate);
  if (
    !request ||
    actor.organisationId === null ||
    (request.consumer_organisation_id !== actor.organisationId &&
      request.owner_organisation_id !== actor.organisationId)
  )
    throw sharingErrors.requestNotFound();
  return request;
}

function checkDecider(
  actor: AccessActor,
  request: { owner_organisation_id: string; owner_division_path: string },
) {
  if (
    actor.organisationId !== request.owner_organisation_id ||
    !actor.can(DECIDE_REQUESTS, {
      divisionPath: request.owner_division_path,
      organisationId: request.owner_organisation_id,
    })
  )
    throw sharingErrors.notOwner();
}

export type ApprovalInput = {
  fields: string[];
  maskedFields?: string[] | undefined;
  divisionCodes?: string[] | undefined;
  validUntil: string;
  rateLimitPerMinute?: number | undefined;
};

export async function approveRequest(
  deps: AgreementDeps,
  actor: AccessActor,
  id: string,
  input: ApprovalInput,
  requestId?: string,
) {
  const { db, clock } = deps;
  const now = clock.now();
  await inTransaction(db, async (tx) => {
    const request = await requestAsParty(tx, actor, id, true);
    checkDecider(actor, request);
    if (request.status !== 'pending') throw sharingErrors.alreadyDecided(request.status);
    const resource = (await findResourceById(tx, request.resource_id))!;
    const masked = input.maskedFields ?? [];
    const problems: FieldProblem[] = [];
    input.fields.forEach((field, index) => {
      if (!request.fields.includes(field))
        problems.push({
          pointer: `/fields/${index}`,
          detail: `${field} was not requested: approve the same or fewer fields`,
        });
    });
    if (input.fields.length === 0)
      problems.push({ pointer: '/fields', detail: 'approve at least one field, or reject' });
    masked.forEach((field, index) => {
      if (!input.fields.includes(field))
        problems.push({
          pointer: `/maskedFields/${index}`,
          detail: `${field} is not among the approved fields`,
        });
    });
    const validUntil = new Date(input.validUntil);
    if (Number.isNaN(validUntil.getTime()) || validUntil <= now)
      problems.push({ pointer: '/validUntil', detail: 'must be a time after now' });
    if (problems.length > 0) throw sharingErrors.invalid(problems);
    const agreement = agreementOf(request, resource, {
      fields: input.fields,
      maskedFields: masked,
      divisionCodes: input.divisionCodes ?? [divisionCodeOfPath(resource.owner_division_path)],
      validUntil,
      rateLimitPerMinute: input.rateLimitPerMinute ?? DEFAULT_RATE_LIMIT_PER_MINUTE,
      now,
      isAutomatic: false,
    });
    if (!(await decideRequest(tx, id, { status: 'approved', at: now, by: actor.accountId, reason: null })))
      throw sharingErrors.alreadyDecided('decided');
    await insertAgreement(tx, agreement);
    const base = {
      actor: { kind: 'staff' as const, id: actor.accountId },
      onBehalfOf: request.owner_organisation_id,
      at: now,
    };
    await recordAuditEvent(tx, {
      ...base,
      action: 'sharing.request.approved',
      record: { type: 'sharing.request', id },
      requestId: requestId ?? null,
      payloadHash: hashPayload({ id, agreement: agreement.id, fields: input.fields }),
    });
    await recordAuditEvent(tx, {
      ...base,
      action: 'sharing.agreement.granted',
      record: { type: 'sharing.agreement', id: agreement.id },
      requestId: requestId ?? null,
      payloadHash: hashPayload(agreementPayload(agreement)),
    });
    await notifyDecision(tx, request, resource, 'approved', now);
  });
  return getRequest(db, actor, id);
}

export async function rejectRequest(
  deps: AgreementDeps,
  actor: AccessActor,
  id: string,
  reason: string,
  requestId?: string,
) {
  const { db, clock } = deps;
  const now = clock.now();
  if (reason.trim().length === 0) throw sharingErrors.invalid([{ pointer: '/reason', detail: 'state why' }]);
  await inTransaction(db, async (tx) => {
    const request = await requestAsParty(tx, actor, id, true);
    checkDecider(actor, request);
    if (request.status !== 'pending') throw sharingErrors.alreadyDecided(request.status);
    await decideRequest(tx, id, { status: 'rejected', at: now, by: actor.accountId, reason: reason.trim() });
    await recordAuditEvent(tx, {
      action: 'sharing.request.rejected',
      actor: { kind: 'staff', id: actor.accountId },
      onBehalfOf: request.owner_organisation_id,
      record: { type: 'sharing.request', id },
      at: now,
      reason: reason.trim(),
      requestId: requestId ?? null,
    });
    await notifyDecision(tx, request, (await findResourceById(tx, request.resource_id))!, 'rejected', now);
  });
  return getRequest(db, actor, id);
}

async function notifyDecision(
  tx: Db,
  request: RequestRow,
  resource: ResourceRow,
  outcome: 'approved' | 'rejected',
  at: Date,
) {
  const zh = outcome === 'approved' ? '已同意' : '未同意';
  await enqueueNotification(tx, {
    recipientAccountId: request.requested_by,
    topic: `sharing.request.${outcome}`,
    subject: { zh: `共享申请${zh}：${resource.name}`, en: `Sharing request ${outcome}: ${resource.name}` },
    body: {
      zh: `您对「${resource.name}」的共享申请${zh}。`,
      en: `Your request for "${resource.name}" was ${outcome}.`,
    },
    link: '/workbench/data-sharing/requests',
    channels: ['in-app'],
    at,
  });
}

async function viewRequests(db: Db, rows: readonly RequestRow[]) {
  const agreements = await findAgreementIdsOfRequests(
    db,
    rows.map((row) => row.id),
  );
  const organisations = await findOrganisationSummaries(db, [
    ...new Set(rows.flatMap((row) => [row.consumer_organisation_id, row.owner_organisation_id])),
  ]);
  const resources = new Map<string, ResourceRow>();
  for (const id of new Set(rows.map((row) => row.resource_id)))
    resources.set(id, (await findResourceById(db, id))!);
  const party = (id: string) => ({
    id,
    nameZh: organisations.get(id)?.nameZh ?? '',
    nameEn: organisations.get(id)?.nameEn ?? null,
  });
  return rows.map((row) => {
    const resource = resources.get(row.resource_id)!;
    return {
      id: row.id,
      resource: { code: resource.code, name: resource.name, fields: resource.fields },
      consumer: party(row.consumer_organisation_id),
      owner: party(row.owner_organisation_id),
      purpose: row.purpose,
      legalBasis: row.legal_basis,
      fields: row.fields,
      status: row.status,
      dueAt: row.due_at.toISOString(),
      decidedAt: row.decided_at?.toISOString() ?? null,
      rejectionReason: row.rejection_reason,
      agreementId: agreements.get(row.id) ?? null,
      createdAt: row.created_at.toISOString(),
    };
  });
}

export async function getRequest(db: Db, actor: AccessActor, id: string) {
  return (await viewRequests(db, [await requestAsParty(db, actor, id)]))[0]!;
}

/** Requests the actor's department is party to; other departments' requests never appear. */
export async function listRequests(db: Db, actor: AccessActor, status: RequestStatus | undefined) {
  if (actor.organisationId === null) return [];
  return viewRequests(db, await listRequestsOfParty(db, actor.organisationId, status));
}

export async function listAgreements(db: Db, actor: AccessActor) {
  if (actor.organisationId === null) return [];
  const rows = await listAgreementsOfParty(db, actor.organisationId);
  const organisations = await findOrganisationSummaries(db, [
    ...new Set(rows.flatMap((row) => [row.consumer_organisation_id, row.owner_organisation_id])),
  ]);
  const resources = new Map<string, ResourceRow>();
  for (const id of new Set(rows.map((row) => row.resource_id)))
    resources.set(id, (await findResourceById(db, id))!);
  return rows.map((row) => viewAgreement(row, resources.get(row.resource_id)!, organisations));
}

function viewAgreement(
  row: AgreementRow,
  resource: ResourceRow,
  organisations: Map<string, { nameZh: string; nameEn: string | null }>,
) {
  const party = (id: string) => ({
    id,
    nameZh: organisations.get(id)?.nameZh ?? '',
    nameEn: organisations.get(id)?.nameEn ?? null,
  });
  return {
    id: row.id,
    requestId: row.request_id,
    resource: { code: resource.code, name: resource.name },
    consumer: party(row.consumer_organisation_id),
    owner: party(row.owner_organisation_id),
    fields: row.fields,
    maskedFields: row.masked_fields,
    purposes: row.purposes,
    divisionCodes: row.division_codes,
    validFrom: row.valid_from.toISOString(),
    validUntil: row.valid_until.toISOString(),
    rateLimitPerMinute: row.rate_limit_per_minute,
    status: row.status,
    statusReason: row.status_reason,
    isAutomatic: row.is_automatic,
  };
}

export type AgreementChange = 'suspend' | 'reinstate' | 'revoke';

/** The owner suspends, reinstates or revokes an agreement; each takes effect on the next exchange. */
export async function changeAgreement(
  deps: AgreementDeps,
  actor: AccessActor,
  id: string,
  change: AgreementChange,
  reason: string,
  requestId?: string,
) {
  const { db, clock } = deps;
  if (reason.trim().length === 0) throw sharingErrors.invalid([{ pointer: '/reason', detail: 'state why' }]);
  const now = clock.now();
  await inTransaction(db, async (tx) => {
    const agreement = await findAgreement(tx, id, true);
    if (
      !agreement ||
      (agreement.owner_organisation_id !== actor.organisationId &&
        agreement.consumer_organisation_id !== actor.organisationId)
    )
      throw sharingErrors.agreementNotFound();
    const resource = (await findResourceById(tx, agreement.resource_id))!;
    checkDecider(actor, {
      owner_organisation_id: agreement.owner_organisation_id,
      owner_division_path: resource.owner_division_path,
    });
    if (agreement.status === 'revoked') throw sharingErrors.agreementRevoked();
    const status = change === 'suspend' ? 'suspended' : change === 'revoke' ? 'revoked' : 'active';
    await setAgreementStatus(tx, id, status, reason.trim());
    await recordAuditEvent(tx, {
      action: `sharing.agreement.${change === 'suspend' ? 'suspended' : change === 'revoke' ? 'revoked' : 'reinstated'}`,
      actor: { kind: 'staff', id: actor.accountId },
      onBehalfOf: agreement.owner_organisation_id,
      record: { type: 'sharing.agreement', id },
      at: now,
      reason: reason.trim(),
      requestId: requestId ?? null,
    });
  });
  const agreement = (await findAgreement(db, id))!;
  const resource = (await findResourceById(db, agreement.resource_id))!;
  const organisations = await findOrganisationSummaries(db, [
    agreement.consumer_organisation_id,
    agreement.owner_organisation_id,
  ]);
  return viewAgreement(agreement, resource, organisations);
}

/**
 * Reminds each owner of requests whose decision falls due within two days (or is overdue), once a
 * day per request; the reminder goes to whoever registered the resource, its steward.
 */
export async function remindDueRequests(db: Db, clock: Clock): Promise<number> {
  const now = clock.now();
  const due = await listRequestsToRemind(
    db,
    new Date(now.getTime() + REMIND_BEFORE_MS),
    new Date(now.getTime() - DAY_MS),
  );
  for (const request of due) {
    await inTransaction(db, async (tx) => {
      const resource = (await findResourceById(tx, request.resource_id))!;
      const isOverdue = request.due_at <= now;
      await enqueueNotification(tx, {
        recipientAccountId: resource.created_by,
        topic: 'sharing.request.reminder',
        subject: {
          zh: `${isOverdue ? '已超期' : '即将到期'}的共享申请：${resource.name}`,
          en: `Sharing request ${isOverdue ? 'overdue' : 'due soon'}: ${resource.name}`,
        },
        body: {
          zh: `「${resource.name}」的共享申请应于 ${request.due_at.toISOString().slice(0, 10)} 前审核。`,
          en: `The request for "${resource.name}" is due for decision by ${request.due_at.toISOString().slice(0, 10)}.`,
        },
        link: '/workbench/data-sharing/requests',
        channels: ['in-app', 'email'],
        dedupeKey: `sharing.request.reminder:${request.id}:${now.toISOString().slice(0, 10)}`,
        at: now,
      });
      await markReminded(tx, request.id, now);
      await recordAuditEvent(tx, {
        action: 'sharing.request.reminded',
        actor: { kind: 'system', id: 'sharing.reminders' },
        record: { type: 'sharing.request', id: request.id },
        at: now,
      });
    });
  }
  return due.length;
}

/** Runs the reminders every `intervalMs` (serve starts it; hourly is enough for a once-a-day reminder). */
export function startRequestReminders(options: {
  db: Db;
  clock: Clock;
  intervalMs: number;
  onError: (error: unknown) => void;
}): { stop(): Promise<void> } {
  let running: Promise<unknown> = Promise.resolve();
  const timer = setInterval(() => {
    running = remindDueRequests(options.db, options.clock).catch(options.onError);
  }, options.intervalMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
