import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { loadWorkingCalendar } from '../../../platform/calendar/index.ts';
import type { Clock } from '../../../platform/clock/index.ts';
import type { Tables } from '../../../platform/db/index.ts';
import { hashRequestBody, withIdempotency } from '../../../platform/idempotency/index.ts';
import { enqueueNotification } from '../../../platform/notifications/index.ts';
import type { Vault } from '../../../platform/vault/index.ts';
import {
  CREDENTIAL_TYPES,
  findCredentialsOfHolder,
  type Holder,
  issueCredential,
} from '../../credentials/index.ts';
import {
  type AccessActor,
  findAccountHolderIdentity,
  findOrganisationSummary,
  pathOfCode,
} from '../../identity/index.ts';
import { hashPayload, recordAuditEvents } from '../../ledger/index.ts';
import { getGuide } from '../catalogue/index.ts';
import {
  provideSupplements as provideWorkflowSupplements,
  type SupplementItem,
  startWorkflow,
  type WorkflowActor,
  type WorkflowDefinition,
  type WorkflowReaction,
  withdrawWorkflow,
} from '../workflow/index.ts';
import { dueDatesOf } from './deadlines.ts';
import { applicationErrors } from './errors.ts';
import { type Answers, answerProblems, partialAnswerProblems, reachedExit, visibleAnswers } from './form.ts';
import { beijingDay, formatApplicationNumber } from './number.ts';
import {
  type ApplicationRow,
  type ApplicationState,
  deleteDraft,
  findApplication,
  insertApplication,
  insertClockEvent,
  insertMaterials,
  listClockEvents,
  listDraftsOf,
  listMaterials,
  lockApplication,
  lockApplicationOfInstance,
  nextSerial,
  updateApplication,
} from './store.ts';
import { type ApprovalGate, summaryOf } from './summary.ts';

type Db = Kysely<Tables>;
export type ApplicationDeps = { db: Db; clock: Clock; vault: Vault };

/** The subject kind the workflow engine knows applications by. */
export const APPLICATION_SUBJECT = 'application';
const RECORD = 'services.application';
const DAY_MS = 86_400_000;

function inTransaction<T>(db: Db, work: (tx: Db) => Promise<T>): Promise<T> {
  return db.isTransaction ? work(db) : db.transaction().execute(work);
}

const answersField = (id: string) => ({
  table: 'service_application',
  column: 'answers_encrypted',
  rowId: id,
});

function answersOf(vault: Vault, row: Pick<ApplicationRow, 'id' | 'answers_encrypted'>): Answers {
  return JSON.parse(vault.decrypt(row.answers_encrypted, answersField(row.id))) as Answers;
}

export function readAnswers(deps: Pick<ApplicationDeps, 'vault'>, row: ApplicationRow): Answers {
  return answersOf(deps.vault, row);
}

/** Stores a draft's answers encrypted for its row. */
export async function writeAnswers(
  tx: Db,
  deps: Pick<ApplicationDeps, 'vault'>,
  row: ApplicationRow,
  answers: Answers,
  at: Date,
): Promise<string> {
  const encrypted = deps.vault.encrypt(JSON.stringify(answers), answersField(row.id));
  await updateApplication(tx, row.id, { answers_encrypted: encrypted, updated_at: at });
  return encrypted;
}

export function workflowActorOf(actor: AccessActor): WorkflowActor {
  return { kind: actor.kind, id: actor.accountId, onBehalfOf: actor.organisationId };
}

export async function audit(
  tx: Db,
  action: string,
  row: Pick<ApplicationRow, 'id'>,
  actor: { kind: WorkflowActor['kind']; id: string; onBehalfOf?: string | null },
  at: Date,
  payload: unknown,
  reason: string | null = null,
) {
  await recordAuditEvents(tx, [
    {
      action: `services.application.${action}`,
      actor: { kind: actor.kind, id: actor.id },
      onBehalfOf: actor.onBehalfOf ?? null,
      record: { type: RECORD, id: row.id },
      at,
      reason,
      payloadHash: hashPayload(payload),
    },
  ]);
}

const NOTICES: Record<string, { zh: string; en: string }> = {
  submitted: { zh: '已提交', en: 'submitted' },
  accepted: { zh: '已受理', en: 'accepted' },
  'supplements-requested': { zh: '需要补正材料', en: 'needs more material' },
  'supplements-provided': { zh: '补正材料已提交', en: 'supplements received' },
  approved: { zh: '已办结（准予）', en: 'approved' },
  rejected: { zh: '已办结（不予）', en: 'refused' },
  withdrawn: { zh: '已撤回', en: 'withdrawn' },
  extended: { zh: '办理期限已延长', en: 'given more time' },
};

export async function notify(
  tx: Db,
  row: ApplicationRow,
  event: keyof typeof NOTICES,
  at: Date,
  details = { zh: '', en: '' },
) {
  const words = NOTICES[event]!;
  const number = row.application_number ?? row.id;
  await enqueueNotification(tx, {
    recipientAccountId: row.applicant_account_id,
    topic: `services.application.${event}`,
    subject: { zh: `办件 ${number} ${words.zh}`, en: `Application ${number} ${words.en}` },
    body: {
      zh: `您的办件 ${number} ${words.zh}。${details.zh}`.trim(),
      en: `Your application ${number} has been ${words.en}. ${details.en}`.trim(),
    },
    link: `/services/applications/${row.id}`,
    channels: ['in-app', 'email'],
    dedupeKey: `${row.id}:${event}:${at.toISOString()}`,
    at,
  });
}

export function applicationView(row: ApplicationRow, answers: Answers) {
  const iso = (at: Date | null) => at?.toISOString() ?? null;
  return {
    id: row.id,
    number: row.application_number,
    state: row.state,
    itemCode: row.item_code,
    itemVersionId: row.item_version_id,
    versionNumber: row.version_number,
    divisionCode: row.division_code,
    implementingOrganisationId: row.implementing_organisation_id,
    answers,
    submittedAt: iso(row.submitted_at),
    acceptedAt: iso(row.accepted_at),
    decidedAt: iso(row.decided_at),
    statutoryDueAt: iso(row.statutory_due_at),
    promisedDueAt: iso(row.promised_due_at),
    workflowInstanceId: row.workflow_instance_id,
    credentialIdentifier: row.credential_identifier,
    rejectionReasons: row.rejection_reasons,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}
export type ApplicationView = ReturnType<typeof applicationView>;

/** Who the application is from in the credentials' terms: the organisation an enterprise acts for, or the person. */
function holderOf(row: Pick<ApplicationRow, 'applicant_account_id' | 'applicant_organisation_id'>): Holder {
  return row.applicant_organisation_id
    ? { kind: 'organisation', id: row.applicant_organisation_id }
    : { kind: 'person', id: row.applicant_account_id };
}

/** A draft of the actor's own, locked; anyone else's is "not found" (it reveals nothing of others' cases). */
async function ownApplication(tx: Db, actor: AccessActor, id: string): Promise<ApplicationRow> {
  const row = await lockApplication(tx, id);
  if (!row || row.applicant_account_id !== actor.accountId) throw applicationErrors.notFound(id);
  return row;
}

export async function createDraft(
  deps: ApplicationDeps,
  actor: AccessActor,
  input: { itemCode: string },
  idempotencyKey?: string,
): Promise<{ result: ApplicationView; isReplay: boolean }> {
  const guide = await getGuide(deps.db, input.itemCode, { divisionCode: actor.divisionCode });
  const implementation = guide.implementation;
  if (!implementation?.isOnlineEnabled) throw applicationErrors.notServed(input.itemCode, actor.divisionCode);
  const isOrganisation = actor.kind === 'enterprise';
  if (actor.kind === 'staff')
    throw applicationErrors.wrongApplicant('Staff accounts do not apply for services.');
  if (guide.applicantType === 'person' && isOrganisation)
    throw applicationErrors.wrongApplicant('This item is for people; sign in with a personal account.');
  if (guide.applicantType === 'organisation' && !isOrganisation)
    throw applicationErrors.wrongApplicant(
      'This item is for organisations; sign in with the enterprise account.',
    );
  const now = deps.clock.now();
  const create = async (tx: Db) => {
    const id = randomUUID();
    const row: ApplicationRow = {
      id,
      application_number: null,
      province_code: implementation.divisionCode.slice(0, 2),
      item_code: guide.code,
      item_version_id: guide.versionId,
      version_number: guide.versionNumber,
      division_code: implementation.divisionCode,
      division_path: pathOfCode(implementation.divisionCode),
      implementing_organisation_id: implementation.organisationId,
      applicant_account_id: actor.accountId,
      applicant_organisation_id: isOrganisation ? actor.organisationId : null,
      state: 'draft',
      answers_encrypted: deps.vault.encrypt('{}', answersField(id)),
      declaration_accepted_at: null,
      submitted_at: null,
      accepted_at: null,
      decided_at: null,
      statutory_limit_days: guide.statutoryLimitDays,
      promised_limit_days: implementation.promisedLimitDays,
      statutory_due_at: null,
      promised_due_at: null,
      in_person_visits: 0,
      workflow_instance_id: null,
      credential_identifier: null,
      rejection_reasons: [],
      created_at: now,
      updated_at: now,
    };
    await insertApplication(tx, row);
    await audit(tx, 'drafted', row, workflowActorOf(actor), now, {
      itemCode: guide.code,
      version: guide.versionId,
    });
    return applicationView(row, {});
  };
  return inTransaction(deps.db, (tx) =>
    idempotencyKey === undefined
      ? create(tx).then((result) => ({ result, isReplay: false }))
      : withIdempotency(
          tx,
          {
            scope: 'services.application-draft',
            key: idempotencyKey,
            requestHash: hashRequestBody(input),
            actorId: actor.accountId,
            at: now,
          },
          () => create(tx),
        ),
  );
}

export async function listMyDrafts(deps: ApplicationDeps, actor: AccessActor) {
  const rows = await listDraftsOf(deps.db, actor.accountId);
  return rows.map((row) => applicationView(row, answersOf(deps.vault, row)));
}

export async function getMyApplication(deps: ApplicationDeps, actor: AccessActor, id: string) {
  const row = await findApplication(deps.db, id);
  if (!row || row.applicant_account_id !== actor.accountId) throw applicationErrors.notFound(id);
  return {
    ...applicationView(row, answersOf(deps.vault, row)),
    materials: await listMaterials(deps.db, id),
  };
}

/** Replaces a draft's answers; partial answers are fine, but each given one must fit its question. */
export async function saveAnswers(deps: ApplicationDeps, actor: AccessActor, id: string, answers: Answers) {
  return inTransaction(deps.db, async (tx) => {
    const row = await ownApplication(tx, actor, id);
    if (row.state !== 'draft') throw applicationErrors.notDraft(row.state);
    const guide = await getGuide(tx, row.item_code, { version: row.version_number });
    const problems = partialAnswerProblems(row.item_version_id, guide.form.schema, answers);
    if (problems.length > 0) throw applicationErrors.invalidAnswers(problems);
    const now = deps.clock.now();
    const answersEncrypted = await writeAnswers(tx, deps, row, answers, now);
    await audit(tx, 'answers-saved', row, workflowActorOf(actor), now, { keys: Object.keys(answers).sort() });
    return applicationView({ ...row, answers_encrypted: answersEncrypted, updated_at: now }, answers);
  });
}

export async function discardDraft(deps: ApplicationDeps, actor: AccessActor, id: string): Promise<void> {
  await inTransaction(deps.db, async (tx) => {
    const row = await ownApplication(tx, actor, id);
    if (row.state !== 'draft') throw applicationErrors.notDraft(row.state);
    await deleteDraft(tx, id);
    await audit(tx, 'discarded', row, workflowActorOf(actor), deps.clock.now(), { id });
  });
}

function claimOf(record: string, claim: string): unknown {
  const payload = JSON.parse(Buffer.from(record.split('.')[1] ?? '', 'base64url').toString('utf8')) as {
    claims?: Record<string, unknown>;
  };
  return payload.claims?.[claim];
}

type PrefilledField = { pointer: string; source: string; value: unknown; verified: true };
type UnfilledField = { pointer: string; source: string; reason: string };

/**
 * Answers the government already knows, each with its source: the applicant's division, the
 * organisation they act for, and claims of their valid credentials; and for each material obtainable
 * by sharing, the credential that will be attached instead of an upload.
 */
export async function prefill(deps: ApplicationDeps, actor: AccessActor, id: string) {
  const row = await findApplication(deps.db, id);
  if (!row || row.applicant_account_id !== actor.accountId) throw applicationErrors.notFound(id);
  const guide = await getGuide(deps.db, row.item_code, { version: row.version_number });
  const now = deps.clock.now();
  const holder = holderOf(row);
  const organisation = row.applicant_organisation_id
    ? await findOrganisationSummary(deps.db, row.applicant_organisation_id)
    : undefined;
  // The applicant's own person record only (an enterprise account has none): the draft is theirs.
  const person = await findAccountHolderIdentity(deps, row.applicant_account_id);
  const credentialsOf = async (typeCode: string) =>
    (await findCredentialsOfHolder(deps.db, deps, holder, { typeCode, validAt: now })).filter(
      (credential) => credential.status === 'active',
    );
  const filled: PrefilledField[] = [];
  const unfilled: UnfilledField[] = [];
  for (const page of guide.form.ui.pages) {
    if (page.kind !== 'question') continue;
    for (const field of page.fields) {
      if (!field.prefill) continue;
      const source = field.prefill;
      const put = (value: unknown) =>
        value === undefined || value === null
          ? unfilled.push({ pointer: field.pointer, source, reason: 'not held for this applicant' })
          : filled.push({ pointer: field.pointer, source, value, verified: true });
      if (source === 'identity.division') put(actor.divisionCode);
      else if (source === 'identity.name') put(person?.name);
      else if (source === 'identity.residentId') put(person?.residentId);
      else if (source === 'organisation.name') put(organisation?.nameZh);
      else if (source === 'organisation.creditCode') put(organisation?.creditCode);
      else if (source.startsWith('credential:')) {
        const [typeCode, claim] = source.slice('credential:'.length).split('#') as [string, string];
        const [credential] = await credentialsOf(typeCode);
        put(credential ? claimOf(credential.record, claim) : undefined);
      } else unfilled.push({ pointer: field.pointer, source, reason: 'unknown pre-fill source' });
    }
  }
  return { fields: filled, unfilled, materials: await sharedMaterials(deps.db, deps, guide, holder, now) };
}

/** For each material obtainable by sharing, the holder's valid shareable credential of its type, if any. */
async function sharedMaterials(
  db: Db,
  deps: Pick<ApplicationDeps, 'vault'>,
  guide: Awaited<ReturnType<typeof getGuide>>,
  holder: Holder,
  now: Date,
) {
  const materials = [];
  for (const material of guide.guide.materials) {
    if (!material.obtainableBySharing) continue;
    const typeCode = material.obtainableBySharing.credentialType;
    const [credential] = (await findCredentialsOfHolder(db, deps, holder, { typeCode, validAt: now })).filter(
      (held) => held.status === 'active' && held.isShareable,
    );
    materials.push({
      materialKey: material.key,
      credentialType: typeCode,
      credentialIdentifier: credential?.identifier ?? null,
      isShared: credential !== undefined,
    });
  }
  return materials;
}

export async function recomputeDue(tx: Db, clock: Clock, row: ApplicationRow) {
  const submittedAt = row.submitted_at!;
  const now = clock.now();
  const events = (await listClockEvents(tx, row.id)).map((event) => ({
    kind: event.kind,
    at: event.at,
    extensionDays: event.extension_days,
  }));
  const calendar = await loadWorkingCalendar(tx, {
    from: beijingDay(submittedAt),
    to: beijingDay(new Date(now.getTime() + 3 * 365 * DAY_MS)),
  });
  return dueDatesOf(calendar, {
    submittedAt,
    statutoryLimitDays: row.statutory_limit_days,
    promisedLimitDays: row.promised_limit_days,
    events,
    now,
  });
}

/**
 * Submits a draft: the declaration, the answers against the version's schema (every failing field by
 * pointer), the exit pages; then computes the statutory and promised due dates, starts the workflow
 * with the implementation's bindings, attaches shared materials and numbers it, all in one
 * transaction. The same Idempotency-Key answers with the first submission.
 */
export async function submitApplication(
  deps: ApplicationDeps,
  actor: AccessActor,
  id: string,
  input: { declarationAccepted: boolean },
  idempotencyKey?: string,
): Promise<{ result: ApplicationView; isReplay: boolean }> {
  const now = deps.clock.now();
  return inTransaction(deps.db, async (tx) => {
    const submit = async () => {
      const row = await ownApplication(tx, actor, id);
      if (row.state !== 'draft') throw applicationErrors.notDraft(row.state);
      if (input.declarationAccepted !== true) throw applicationErrors.declarationRequired();
      const guide = await getGuide(tx, row.item_code, {
        version: row.version_number,
        divisionCode: row.division_code,
      });
      const implementation = guide.implementation;
      if (!implementation?.isOnlineEnabled)
        throw applicationErrors.notServed(row.item_code, row.division_code);
      const answers = visibleAnswers(guide.form.ui, answersOf(deps.vault, row));
      const problems = answerProblems(row.item_version_id, guide.form.schema, answers);
      if (problems.length > 0) throw applicationErrors.invalidAnswers(problems);
      const exit = reachedExit(guide.form.ui, answers);
      if (exit) throw applicationErrors.ineligible(exit.key);

      const submitted: ApplicationRow = {
        ...row,
        state: 'submitted',
        answers_encrypted: deps.vault.encrypt(JSON.stringify(answers), answersField(id)),
        declaration_accepted_at: now,
        submitted_at: now,
        promised_limit_days: implementation.promisedLimitDays,
        implementing_organisation_id: implementation.organisationId,
        updated_at: now,
      };
      const due = await recomputeDue(tx, deps.clock, submitted);
      const bindings: Record<string, string> = { implementing: implementation.organisationId };
      for (const slot of implementation.slots)
        if (slot.organisationId) bindings[slot.key] = slot.organisationId;
      const started = await startWorkflow(
        tx,
        deps.clock,
        {
          subject: { kind: APPLICATION_SUBJECT, id },
          divisionCode: row.division_code,
          definition: guide.workflow as WorkflowDefinition,
          bindings,
          dueAt: due.statutoryDueAt,
        },
        workflowActorOf(actor),
      );
      // Only the materials: the answers were given and checked above, so the fields' pre-fill is not read again.
      const shared = (await sharedMaterials(tx, deps, guide, holderOf(row), now)).filter((m) => m.isShared);
      await insertMaterials(
        tx,
        shared.map((material) => ({
          id: randomUUID(),
          application_id: id,
          province_code: row.province_code,
          material_key: material.materialKey,
          kind: 'shared' as const,
          content: null,
          sha256: null,
          content_type: null,
          size_bytes: null,
          credential_identifier: material.credentialIdentifier,
          created_at: now,
        })),
      );
      // The serial row of the division and day is locked until commit and every submission there
      // needs it, so it is taken last: concurrent submissions wait for each other only this long.
      const number = formatApplicationNumber(
        row.division_code,
        beijingDay(now),
        await nextSerial(tx, row.division_code, beijingDay(now)),
      );
      const final: ApplicationRow = {
        ...submitted,
        application_number: number,
        statutory_due_at: due.statutoryDueAt,
        promised_due_at: due.promisedDueAt,
        workflow_instance_id: started.instance.id,
      };
      const { id: _id, created_at: _created, ...changes } = final;
      await updateApplication(tx, id, changes);
      await audit(tx, 'submitted', final, workflowActorOf(actor), now, {
        number,
        version: row.item_version_id,
        statutoryDueAt: due.statutoryDueAt,
        promisedDueAt: due.promisedDueAt,
        shared: shared.map((material) => material.credentialIdentifier),
      });
      await notify(tx, final, 'submitted', now);
      return applicationView(final, answers);
    };
    if (idempotencyKey === undefined) return { result: await submit(), isReplay: false };
    return withIdempotency(
      tx,
      {
        scope: 'services.application-submission',
        key: idempotencyKey,
        requestHash: hashRequestBody({ id, ...input }),
        actorId: actor.accountId,
        at: now,
      },
      submit,
    );
  });
}

/**
 * The applicant answers a supplement notice: files uploaded meanwhile are already among the answers;
 * `answers` changes the fields the notice asked to correct, and the whole form must then be valid
 * again (every failing field by pointer, nothing stored). The case goes back to the task that asked
 * and the clock resumes.
 */
export async function provideSupplements(
  deps: ApplicationDeps,
  actor: AccessActor,
  id: string,
  provided: SupplementItem[],
  changedAnswers: Answers = {},
) {
  return inTransaction(deps.db, async (tx) => {
    const row = await ownApplication(tx, actor, id);
    if (row.state !== 'awaiting-supplements') throw applicationErrors.notAwaitingSupplements(row.state);
    const now = deps.clock.now();
    const changedKeys = Object.keys(changedAnswers).sort();
    let answers = answersOf(deps.vault, row);
    if (changedKeys.length > 0) {
      const guide = await getGuide(tx, row.item_code, { version: row.version_number });
      answers = visibleAnswers(guide.form.ui, { ...answers, ...changedAnswers });
      const problems = answerProblems(row.item_version_id, guide.form.schema, answers);
      if (problems.length > 0) throw applicationErrors.invalidAnswers(problems);
      const exit = reachedExit(guide.form.ui, answers);
      if (exit) throw applicationErrors.ineligible(exit.key);
      await writeAnswers(tx, deps, row, answers, now);
    }
    await provideWorkflowSupplements(
      tx,
      deps.clock,
      { instanceId: row.workflow_instance_id!, provided },
      workflowActorOf(actor),
    );
    await insertClockEvent(tx, {
      id: randomUUID(),
      application_id: id,
      province_code: row.province_code,
      kind: 'resume',
      reason: 'supplements provided',
      extension_days: null,
      approved_by: null,
      actor_id: actor.accountId,
      at: now,
    });
    const due = await recomputeDue(tx, deps.clock, row);
    const changes = {
      state: 'submitted' as const,
      statutory_due_at: due.statutoryDueAt,
      promised_due_at: due.promisedDueAt,
      updated_at: now,
    };
    await updateApplication(tx, id, changes);
    const after = { ...row, ...changes };
    await audit(tx, 'supplements-provided', after, workflowActorOf(actor), now, {
      provided,
      changedKeys,
      due,
    });
    await notify(tx, after, 'supplements-provided', now);
    return applicationView(after, answers);
  });
}

/**
 * The applicant withdraws a case before it is decided: the workflow cancels every open task, the
 * application becomes `withdrawn` (it is neither decided nor counted as decided), and the applicant
 * is told, all in one transaction.
 */
export async function withdrawApplication(
  deps: ApplicationDeps,
  actor: AccessActor,
  id: string,
  input: { reason: string },
) {
  const reason = input.reason.trim();
  if (reason.length === 0)
    throw applicationErrors.invalidInput([
      { pointer: '/reason', detail: 'must say why the case is withdrawn' },
    ]);
  return inTransaction(deps.db, async (tx) => {
    const row = await ownApplication(tx, actor, id);
    if (row.state !== 'submitted' && row.state !== 'accepted' && row.state !== 'awaiting-supplements')
      throw applicationErrors.notOpen(row.state, 'it can be withdrawn');
    const now = deps.clock.now();
    const outcome = await withdrawWorkflow(
      tx,
      deps.clock,
      { instanceId: row.workflow_instance_id!, reason },
      workflowActorOf(actor),
    );
    const after: ApplicationRow = { ...row, state: 'withdrawn', updated_at: now };
    await updateApplication(tx, id, { state: 'withdrawn', updated_at: now });
    await audit(
      tx,
      'withdrawn',
      after,
      workflowActorOf(actor),
      now,
      { cancelledTasks: outcome.cancelledTaskIds },
      reason,
    );
    await notify(tx, after, 'withdrawn', now, { zh: `撤回理由：${reason}`, en: `Reason: ${reason}` });
    return applicationView(after, answersOf(deps.vault, row));
  });
}

/**
 * Claims of the result credential: the answers the form asks under the type's claim names, and the
 * division the case was decided in (`divisionCode`). A claim the type needs and the form never asked
 * makes the final approval fail with the missing claims named, and the approval is undone.
 */
function claimsFrom(answers: Answers, row: ApplicationRow, typeCode: string): Record<string, unknown> {
  const known: Record<string, unknown> = { divisionCode: row.division_code, ...answers };
  const type = CREDENTIAL_TYPES.find((candidate) => candidate.code === typeCode);
  if (!type) return known;
  return Object.fromEntries(
    Object.keys(type.claims)
      .filter((name) => name in known)
      .map((name) => [name, known[name]]),
  );
}

/**
 * The applications layer's reaction to each workflow action, in the action's own transaction: the
 * application's state follows the case, a supplement notice pauses the clock and tells the applicant
 * everything missing, and the final approval issues the result credential into the holder's wallet.
 */
export function applicationReaction(
  deps: Omit<ApplicationDeps, 'db'> & { beforeApproval?: ApprovalGate },
): WorkflowReaction {
  return async (tx, outcome, context) => {
    if (outcome.instance.subject.kind !== APPLICATION_SUBJECT) return;
    // By the instance the application started, so a case whose subject is not (or not yet) an
    // application row here, such as one opened by another system, is simply not ours to follow.
    const row = await lockApplicationOfInstance(tx, outcome.instance.id);
    if (!row) return;
    const now = deps.clock.now();
    const by = {
      kind: context.actor.kind,
      id: context.actor.accountId,
      onBehalfOf: context.actor.organisationId,
    };
    const change = async (
      state: ApplicationState,
      event: keyof typeof NOTICES,
      changes: Partial<ApplicationRow>,
      payload: unknown,
      details?: { zh: string; en: string },
      reason: string | null = null,
    ) => {
      const after = { ...row, ...changes, state, updated_at: now };
      await updateApplication(tx, row.id, { ...changes, state, updated_at: now });
      await audit(tx, event, after, by, now, payload, reason);
      await notify(tx, after, event, now, details);
    };
    const action = context.action;
    if (action.action === 'accept') {
      await change('accepted', 'accepted', { accepted_at: now }, { taskId: context.taskId });
    } else if (outcome.awaitingSupplements) {
      const items = outcome.awaitingSupplements.items;
      await insertClockEvent(tx, {
        id: randomUUID(),
        application_id: row.id,
        province_code: row.province_code,
        kind: 'pause',
        reason: `supplements requested: ${items.map((item) => item.material).join(', ')}`,
        extension_days: null,
        approved_by: null,
        actor_id: context.actor.accountId,
        at: now,
      });
      const list = items.map((item) => `${item.material}: ${item.detail}`).join('; ');
      await change(
        'awaiting-supplements',
        'supplements-requested',
        {},
        { items },
        {
          zh: `请补正以下全部材料：${list}`,
          en: `Please provide all of the following: ${list}`,
        },
      );
    } else if (outcome.completed === 'approved') {
      await deps.beforeApproval?.(tx, summaryOf(row));
      const guide = await getGuide(tx, row.item_code, { version: row.version_number });
      const credentialType = guide.guide.result.credentialType;
      let identifier: string | null = null;
      if (credentialType) {
        const issued = await issueCredential(
          tx,
          deps,
          {
            type: credentialType,
            issuerOrganisationId: row.implementing_organisation_id,
            holder: holderOf(row),
            claims: claimsFrom(answersOf(deps.vault, row), row, credentialType),
            validFrom: now,
            sourceRecord: { type: RECORD, id: row.id },
          },
          { kind: 'system', id: RECORD },
        );
        identifier = issued.identifier;
      }
      await change(
        'approved',
        'approved',
        { decided_at: now, credential_identifier: identifier },
        { credential: identifier },
      );
    } else if (outcome.completed === 'rejected' && action.action === 'reject') {
      const reasons = action.reasons.map((reason) => reason.trim());
      await change(
        'rejected',
        'rejected',
        { decided_at: now, rejection_reasons: reasons },
        { reasons },
        {
          zh: `理由：${reasons.join('；')}`,
          en: `Reasons: ${reasons.join('; ')}`,
        },
        reasons.join('; '),
      );
    }
  };
}
