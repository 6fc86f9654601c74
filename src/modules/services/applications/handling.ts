/**
 * The staff side of an application beyond the workflow's own actions: extensions of the statutory
 * limit asked by a handler and decided by an approver (Administrative Licensing Law art. 42), in-person
 * visits recorded by a clerk (最多跑一次), and the case page with its full history from the ledger.
 * A handler sees a case when they may handle one of its tasks (the workflow decides); anyone else is
 * told there is no such case.
 */
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Tables } from '../../../platform/db/index.ts';
import { DomainError, type FieldProblem } from '../../../platform/errors/index.ts';
import type { AccessActor } from '../../identity/index.ts';
import { listRecordEvents } from '../../ledger/index.ts';
import { getInstanceHistory, setWorkflowDeadline } from '../workflow/index.ts';
import { applicationErrors } from './errors.ts';
import { type ApplicationDeps, audit, notify, recomputeDue, workflowActorOf } from './service.ts';
import {
  type ApplicationRow,
  decideExtension,
  type ExtensionRow,
  findApplication,
  findExtension,
  incrementVisits,
  insertClockEvent,
  insertExtension,
  listClockEvents,
  listExtensions,
  listMaterials,
  listPendingExtensionsWithin,
  lockApplication,
  lockExtension,
  updateApplication,
} from './store.ts';

type Db = Kysely<Tables>;

/** Approves or refuses extensions, granted at the deciding organisation or over a division above it. */
export const APPROVE_EXTENSIONS = 'services.extensions.approve';
/** Ledger events of one record read for the case page; a case has a few dozen at most. */
const HISTORY_LIMIT = 500;
const OPEN_STATES: readonly ApplicationRow['state'][] = ['submitted', 'accepted', 'awaiting-supplements'];

function inTransaction<T>(db: Db, work: (tx: Db) => Promise<T>): Promise<T> {
  return db.isTransaction ? work(db) : db.transaction().execute(work);
}

/** The application, locked when asked, if the actor may handle some task of its case. */
async function handledApplication(
  db: Db,
  actor: AccessActor,
  id: string,
  options: { lock: boolean },
): Promise<ApplicationRow> {
  const row = options.lock ? await lockApplication(db, id) : await findApplication(db, id);
  if (!row?.workflow_instance_id) throw applicationErrors.caseNotFound(id);
  await getInstanceHistory(db, actor, row.workflow_instance_id).catch((error: unknown) => {
    if (error instanceof DomainError && error.kind === 'not-found') throw applicationErrors.caseNotFound(id);
    throw error;
  });
  return row;
}

export function extensionView(row: ExtensionRow) {
  return {
    id: row.id,
    applicationId: row.application_id,
    workingDays: row.working_days,
    reason: row.reason,
    legalBasis: row.legal_basis,
    state: row.state,
    requestedBy: row.requested_by,
    requestedAt: row.requested_at.toISOString(),
    decidedBy: row.decided_by,
    decidedAt: row.decided_at?.toISOString() ?? null,
    decisionNote: row.decision_note,
  };
}

export type ExtensionInput = { workingDays: number; reason: string; legalBasis: string };

/** A handler of the case asks for more working days, with the reason and the provision that allows it. */
export async function requestExtension(
  deps: ApplicationDeps,
  actor: AccessActor,
  id: string,
  input: ExtensionInput,
) {
  const problems: FieldProblem[] = [];
  if (input.reason.trim().length === 0) problems.push({ pointer: '/reason', detail: 'must say why' });
  if (input.legalBasis.trim().length === 0)
    problems.push({ pointer: '/legalBasis', detail: 'must name the provision that allows the extension' });
  if (problems.length > 0) throw applicationErrors.invalidInput(problems);
  return inTransaction(deps.db, async (tx) => {
    const row = await handledApplication(tx, actor, id, { lock: true });
    if (!OPEN_STATES.includes(row.state)) throw applicationErrors.notOpen(row.state, 'an extension is asked');
    const now = deps.clock.now();
    const extension: ExtensionRow = {
      id: randomUUID(),
      application_id: row.id,
      province_code: row.province_code,
      working_days: input.workingDays,
      reason: input.reason.trim(),
      legal_basis: input.legalBasis.trim(),
      state: 'requested',
      requested_by: actor.accountId,
      requested_at: now,
      decided_by: null,
      decided_at: null,
      decision_note: null,
    };
    if (!(await insertExtension(tx, extension))) throw applicationErrors.extensionPending();
    await audit(
      tx,
      'extension-requested',
      row,
      workflowActorOf(actor),
      now,
      {
        extensionId: extension.id,
        workingDays: extension.working_days,
        legalBasis: extension.legal_basis,
      },
      extension.reason,
    );
    return extensionView(extension);
  });
}

/**
 * An approver at the deciding organisation, or over a division above it, approves or refuses. An
 * approval adds an `extension` clock event, moves the statutory due date through the calendar, gives
 * the workflow its new deadline and tells the applicant; a refusal must say why. Someone who may not
 * decide for this organisation is told there is no such request.
 */
export async function decideExtensionRequest(
  deps: ApplicationDeps,
  actor: AccessActor,
  extensionId: string,
  input: { decision: 'approve' | 'refuse'; note?: string },
) {
  const note = input.note?.trim() ?? '';
  if (input.decision === 'refuse' && note.length === 0)
    throw applicationErrors.invalidInput([
      { pointer: '/note', detail: 'must say why the extension is refused' },
    ]);
  return inTransaction(deps.db, async (tx) => {
    // The application first, then the request: the same order as asking, so the two never deadlock.
    const applicationId = (await findExtension(tx, extensionId))?.application_id;
    const row = applicationId ? await lockApplication(tx, applicationId) : undefined;
    const extension = row ? await lockExtension(tx, extensionId) : undefined;
    if (!row || !extension) throw applicationErrors.extensionNotFound(extensionId);
    if (
      !actor.can(APPROVE_EXTENSIONS, {
        divisionPath: row.division_path,
        organisationId: row.implementing_organisation_id,
      })
    )
      throw applicationErrors.extensionNotFound(extensionId);
    if (extension.state !== 'requested') throw applicationErrors.extensionDecided(extension.state);
    if (extension.requested_by === actor.accountId) throw applicationErrors.ownExtension();
    const now = deps.clock.now();
    const decided: ExtensionRow = {
      ...extension,
      state: input.decision === 'approve' ? 'approved' : 'refused',
      decided_by: actor.accountId,
      decided_at: now,
      decision_note: note.length > 0 ? note : null,
    };
    if (decided.state === 'refused') {
      await decideExtension(tx, extension.id, decided);
      await audit(
        tx,
        'extension-refused',
        row,
        workflowActorOf(actor),
        now,
        { extensionId: extension.id },
        note,
      );
      return {
        extension: extensionView(decided),
        statutoryDueAt: row.statutory_due_at?.toISOString() ?? null,
      };
    }
    if (!OPEN_STATES.includes(row.state))
      throw applicationErrors.notOpen(row.state, 'an extension is approved');
    await decideExtension(tx, extension.id, decided);
    await insertClockEvent(tx, {
      id: randomUUID(),
      application_id: row.id,
      province_code: row.province_code,
      kind: 'extension',
      reason: `${extension.reason} (${extension.legal_basis})`,
      extension_days: extension.working_days,
      approved_by: actor.accountId,
      actor_id: extension.requested_by,
      at: now,
    });
    const due = await recomputeDue(tx, deps.clock, row);
    await updateApplication(tx, row.id, {
      statutory_due_at: due.statutoryDueAt,
      promised_due_at: due.promisedDueAt,
      updated_at: now,
    });
    await setWorkflowDeadline(
      tx,
      deps.clock,
      {
        instanceId: row.workflow_instance_id!,
        dueAt: due.statutoryDueAt,
        reason: `extension of ${extension.working_days} working days approved`,
      },
      workflowActorOf(actor),
    );
    const after = { ...row, statutory_due_at: due.statutoryDueAt, updated_at: now };
    await audit(
      tx,
      'extension-approved',
      after,
      workflowActorOf(actor),
      now,
      { extensionId: extension.id, workingDays: extension.working_days, statutoryDueAt: due.statutoryDueAt },
      note.length > 0 ? note : null,
    );
    const dueDay = due.statutoryDueAt.toISOString();
    await notify(tx, after, 'extended', now, {
      zh: `延长 ${extension.working_days} 个工作日（${extension.legal_basis}），理由：${extension.reason}。新的法定期限：${dueDay}`,
      en: `${extension.working_days} more working days (${extension.legal_basis}): ${extension.reason}. New statutory limit: ${dueDay}`,
    });
    return { extension: extensionView(decided), statutoryDueAt: due.statutoryDueAt.toISOString() };
  });
}

/** A clerk of the case records that the applicant came in person (最多跑一次 counts these). */
export async function recordVisit(
  deps: ApplicationDeps,
  actor: AccessActor,
  id: string,
  input: { purpose: string },
) {
  const purpose = input.purpose.trim();
  if (purpose.length === 0)
    throw applicationErrors.invalidInput([
      { pointer: '/purpose', detail: 'must say why the applicant came' },
    ]);
  return inTransaction(deps.db, async (tx) => {
    const row = await handledApplication(tx, actor, id, { lock: true });
    const now = deps.clock.now();
    const visits = await incrementVisits(tx, row.id, now);
    await audit(tx, 'visit-recorded', row, workflowActorOf(actor), now, { visits }, purpose);
    return { applicationId: row.id, inPersonVisits: visits };
  });
}

/**
 * The case page: the application's facts (not its answers, which stay with the task's reviewers),
 * materials, clock events, extension requests, and every ledger event of the application and of its
 * workflow, oldest first, each with its leaf index (null while the integrator has not yet placed it).
 */
export async function getCase(deps: ApplicationDeps, actor: AccessActor, id: string) {
  const row = await handledApplication(deps.db, actor, id, { lock: false });
  const [materials, clockEvents, extensions, applicationEvents, workflowEvents] = await Promise.all([
    listMaterials(deps.db, row.id),
    listClockEvents(deps.db, row.id),
    listExtensions(deps.db, row.id),
    listRecordEvents(deps.db, 'services.application', row.id, HISTORY_LIMIT),
    listRecordEvents(deps.db, 'services.workflow', row.workflow_instance_id!, HISTORY_LIMIT),
  ]);
  const order = (leaf: string | null) => (leaf === null ? Number.MAX_SAFE_INTEGER : Number(leaf));
  const history = [...applicationEvents, ...workflowEvents]
    .sort((a, b) => a.event.at.localeCompare(b.event.at) || order(a.leafIndex) - order(b.leafIndex))
    .map((entry) => ({
      leafIndex: entry.leafIndex,
      action: entry.event.action,
      record: entry.event.record,
      actor: entry.event.actor,
      onBehalfOf: entry.event.onBehalfOf ?? null,
      reason: entry.event.reason ?? null,
      at: entry.event.at,
    }));
  const iso = (at: Date | null) => at?.toISOString() ?? null;
  return {
    id: row.id,
    number: row.application_number,
    state: row.state,
    itemCode: row.item_code,
    versionNumber: row.version_number,
    divisionCode: row.division_code,
    implementingOrganisationId: row.implementing_organisation_id,
    workflowInstanceId: row.workflow_instance_id,
    submittedAt: iso(row.submitted_at),
    acceptedAt: iso(row.accepted_at),
    decidedAt: iso(row.decided_at),
    statutoryDueAt: iso(row.statutory_due_at),
    promisedDueAt: iso(row.promised_due_at),
    inPersonVisits: row.in_person_visits,
    materials: materials.map((material) => ({
      materialKey: material.material_key,
      kind: material.kind,
      contentType: material.content_type,
      sizeBytes: material.size_bytes,
      sha256: material.sha256,
      credentialIdentifier: material.credential_identifier,
    })),
    clockEvents: clockEvents.map((event) => ({
      kind: event.kind,
      reason: event.reason,
      extensionDays: event.extension_days,
      at: event.at.toISOString(),
    })),
    extensions: extensions.map(extensionView),
    history,
  };
}

/** The extension requests the approver may decide, oldest first. */
export async function listPendingExtensions(deps: ApplicationDeps, actor: AccessActor) {
  const rows = await listPendingExtensionsWithin(deps.db, actor.scopesOf(APPROVE_EXTENSIONS));
  return rows.map((row) => ({
    ...extensionView(row),
    applicationNumber: row.application_number,
    statutoryDueAt: row.statutory_due_at?.toISOString() ?? null,
  }));
}
