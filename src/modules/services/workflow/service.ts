import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Clock } from '../../../platform/clock/index.ts';
import type { Tables } from '../../../platform/db/index.ts';
import { DomainError, type FieldProblem } from '../../../platform/errors/index.ts';
import {
  type AccessActor,
  findOrganisationSummaries,
  getDivision,
  loadAccessActor,
  type OrganisationSummary,
} from '../../identity/index.ts';
import { type AuditEvent, hashPayload, recordAuditEvents } from '../../ledger/index.ts';
import { findDefinitionProblems, slotsOf, type TaskNode, type WorkflowDefinition } from './definition.ts';
import { workflowErrors } from './errors.ts';
import { canHandle } from './handlers.ts';
import { advanceAfter, firstTasks, planOf } from './progression.ts';
import {
  cancelActiveTasks,
  findLatestSupplementRequest,
  findTask,
  type InstanceState,
  insertAction,
  insertInstance,
  insertTasks,
  listTasksOfInstance,
  lockInstance,
  type NewAction,
  type SupplementItem,
  updateInstanceDueAt,
  updateInstanceState,
  updateTask,
  type WorkflowInstanceRow,
  type WorkflowTaskRow,
} from './store.ts';
import { type InstanceSummary, instanceSummaryOf, type TaskSummary, taskSummaryOf } from './views.ts';

type Db = Kysely<Tables>;

/**
 * Who acts where the engine cannot check a role: whoever starts a workflow, the applicant answering a
 * supplement notice, withdrawing. The caller (the applications layer) has checked who they are.
 */
export type WorkflowActor = {
  kind: 'citizen' | 'enterprise' | 'staff' | 'system';
  id: string;
  /** The organisation they act for, if any (an enterprise applying, a clerk at a service hall). */
  onBehalfOf?: string | null;
};

/** What an action did, so the caller reacts in the same transaction (pause the clock, issue a certificate). */
export type WorkflowOutcome = {
  instance: InstanceSummary;
  openedTasks: TaskSummary[];
  cancelledTaskIds: string[];
  completed?: 'approved' | 'rejected' | 'withdrawn';
  awaitingSupplements?: { taskId: string; items: SupplementItem[]; requestedAt: Date };
  /** After the applicant's supplements: the task the case went back to. */
  resumedTaskId?: string;
};

const SUBJECT_KIND = /^[a-z][a-z0-9-]*$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The caller's transaction when there is one (the applications layer), else one of our own. */
function inTransaction<T>(db: Db, work: (tx: Db) => Promise<T>): Promise<T> {
  return db.isTransaction ? work(db) : db.transaction().execute(work);
}

function auditEvent(
  action: string,
  instanceId: string,
  actor: { kind: WorkflowActor['kind']; id: string; onBehalfOf?: string | null },
  at: Date,
  payload: unknown,
  extra: { reason?: string | null; requestId?: string | null } = {},
): AuditEvent {
  return {
    action: `services.workflow.${action}`,
    actor: { kind: actor.kind, id: actor.id },
    onBehalfOf: actor.onBehalfOf ?? null,
    record: { type: 'services.workflow', id: instanceId },
    at,
    reason: extra.reason ?? null,
    requestId: extra.requestId ?? null,
    payloadHash: hashPayload(payload),
  };
}

function newTaskRows(
  instance: Pick<WorkflowInstanceRow, 'id' | 'province_code' | 'bindings'>,
  nodes: readonly TaskNode[],
  placements: ReadonlyMap<string, OrganisationSummary>,
  acceptanceKey: string,
  at: Date,
): WorkflowTaskRow[] {
  return nodes.map((node) => {
    const organisationId = instance.bindings[node.department]!;
    const placement = placements.get(organisationId)!;
    return {
      id: randomUUID(),
      instance_id: instance.id,
      province_code: instance.province_code,
      node_key: node.key,
      name_zh: node.name.zh,
      name_en: node.name.en,
      is_acceptance: node.key === acceptanceKey,
      department_slot: node.department,
      organisation_id: organisationId,
      division_code: placement.divisionCode,
      division_path: placement.divisionPath,
      role_code: node.role,
      state: 'open',
      outcome: null,
      assignee_account_id: null,
      version: 0,
      opened_at: at,
      accepted_at: null,
      finished_at: null,
      updated_at: at,
    };
  });
}

async function placementsOfBindings(db: Db, bindings: Record<string, string>) {
  return findOrganisationSummaries(db, Object.values(bindings));
}

export type StartWorkflowInput = {
  subject: { kind: string; id: string };
  divisionCode: string;
  definition: WorkflowDefinition;
  /** Department slot → organisation id; every slot the definition's tasks use must be bound. */
  bindings: Record<string, string>;
  /** The statutory deadline, for the overdue filter of work queues. */
  dueAt?: Date | null;
  requestId?: string | null;
};

/** Starts a workflow for a subject and opens its first task (the acceptance task). */
export async function startWorkflow(
  db: Db,
  clock: Clock,
  input: StartWorkflowInput,
  actor: WorkflowActor,
): Promise<WorkflowOutcome> {
  const definitionProblems = findDefinitionProblems(input.definition, '/definition');
  if (definitionProblems.length > 0) throw workflowErrors.invalidDefinition(definitionProblems);
  const problems: FieldProblem[] = [];
  if (!SUBJECT_KIND.test(input.subject.kind) || input.subject.kind.length > 60)
    problems.push({ pointer: '/subject/kind', detail: 'must be lower-case letters, digits and hyphens' });
  if (input.subject.id.length === 0 || input.subject.id.length > 200)
    problems.push({ pointer: '/subject/id', detail: 'must be 1–200 characters' });
  if (input.dueAt && Number.isNaN(input.dueAt.getTime()))
    problems.push({ pointer: '/dueAt', detail: 'must be a valid time' });
  const division = await getDivision(db, input.divisionCode).catch((error: unknown) => {
    if (error instanceof DomainError && error.kind === 'not-found') return undefined;
    throw error;
  });
  if (!division) problems.push({ pointer: '/divisionCode', detail: 'is not a known division code' });
  for (const [slot, organisationId] of Object.entries(input.bindings)) {
    if (!UUID.test(organisationId))
      problems.push({ pointer: `/bindings/${slot}`, detail: 'must be an organisation id (a UUID)' });
  }
  const placements = problems.length === 0 ? await placementsOfBindings(db, input.bindings) : new Map();
  for (const slot of slotsOf(input.definition)) {
    const organisationId = input.bindings[slot];
    if (organisationId === undefined)
      problems.push({
        pointer: `/bindings/${slot}`,
        detail: 'is used by a task but not bound to an organisation',
      });
  }
  if (problems.length === 0) {
    for (const [slot, organisationId] of Object.entries(input.bindings)) {
      const placement = placements.get(organisationId);
      if (!placement) problems.push({ pointer: `/bindings/${slot}`, detail: 'is not a known organisation' });
      else if (!placement.isActive)
        problems.push({ pointer: `/bindings/${slot}`, detail: 'names an organisation that no longer acts' });
    }
  }
  if (problems.length > 0 || !division) throw workflowErrors.invalidStart(problems);

  const now = clock.now();
  const instance: WorkflowInstanceRow = {
    id: randomUUID(),
    subject_kind: input.subject.kind,
    subject_id: input.subject.id,
    division_code: division.code,
    province_code: division.code.slice(0, 2),
    definition: input.definition,
    bindings: { ...input.bindings },
    state: 'running',
    due_at: input.dueAt ?? null,
    created_at: now,
    updated_at: now,
  };
  const plan = planOf(input.definition);
  const opening = firstTasks(plan);
  const tasks = newTaskRows(instance, opening, placements, opening[0]!.key, now);
  return inTransaction(db, async (tx) => {
    if (!(await insertInstance(tx, instance)))
      throw workflowErrors.alreadyStarted(input.subject.kind, input.subject.id);
    await insertTasks(tx, tasks);
    await insertAction(tx, actionRow(instance, null, 'start', actor, now));
    await recordAuditEvents(tx, [
      auditEvent(
        'started',
        instance.id,
        actor,
        now,
        {
          subject: input.subject,
          divisionCode: division.code,
          definition: input.definition,
          bindings: input.bindings,
          dueAt: instance.due_at,
        },
        { requestId: input.requestId ?? null },
      ),
    ]);
    return {
      instance: instanceSummaryOf(instance),
      openedTasks: tasks.map(taskSummaryOf),
      cancelledTaskIds: [],
    };
  });
}

function actionRow(
  instance: Pick<WorkflowInstanceRow, 'id' | 'province_code'>,
  taskId: string | null,
  action: NewAction['action'],
  actor: WorkflowActor,
  at: Date,
  details: Partial<
    Pick<
      NewAction,
      'reasons' | 'comment' | 'supplements' | 'transferred_to_organisation_id' | 'transferred_to_account_id'
    >
  > = {},
): NewAction {
  return {
    id: randomUUID(),
    instance_id: instance.id,
    task_id: taskId,
    province_code: instance.province_code,
    action,
    actor_kind: actor.kind,
    actor_id: actor.id,
    on_behalf_of: actor.onBehalfOf ?? null,
    reasons: details.reasons ?? [],
    comment: details.comment ?? null,
    supplements: details.supplements ?? null,
    transferred_to_organisation_id: details.transferred_to_organisation_id ?? null,
    transferred_to_account_id: details.transferred_to_account_id ?? null,
    at,
  };
}

/**
 * What the owner of the subject does about an action, in the action's own transaction (the
 * applications layer pauses the statutory clock on a supplement notice, issues the certificate on
 * approval). If it throws, the action is undone with it.
 */
export type WorkflowReaction = (
  tx: Db,
  outcome: WorkflowOutcome,
  context: { action: TaskAction; taskId: string; actor: AccessActor },
) => Promise<void>;

export type TaskAction =
  | { action: 'accept'; comment?: string }
  | { action: 'request-supplements'; items: SupplementItem[]; comment?: string }
  | { action: 'approve'; comment?: string }
  | { action: 'reject'; reasons: string[]; comment?: string }
  | { action: 'transfer'; reason: string; toOrganisationId?: string; toAccountId?: string };

export type ActOnTaskInput = TaskAction & {
  taskId: string;
  /** The task version the handler saw; when given, a task changed since is refused (409). */
  version?: number;
  requestId?: string | null;
};

const isBlank = (text: string) => text.trim().length === 0;

/** Problems with an action's own fields, for callers that did not come through the HTTP schema. */
function actionProblems(input: TaskAction): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if ('comment' in input && input.comment !== undefined && input.comment.length > 2000)
    problems.push({ pointer: '/comment', detail: 'must be at most 2000 characters' });
  if (input.action === 'request-supplements') {
    if (input.items.length === 0)
      problems.push({ pointer: '/items', detail: 'must list every missing material, in one notice' });
    const seen = new Set<string>();
    input.items.forEach((item, index) => {
      if (isBlank(item.material))
        problems.push({ pointer: `/items/${index}/material`, detail: 'must be named' });
      if (isBlank(item.detail))
        problems.push({ pointer: `/items/${index}/detail`, detail: 'must say what is missing or wrong' });
      if (seen.has(item.material))
        problems.push({ pointer: `/items/${index}/material`, detail: 'is listed twice' });
      seen.add(item.material);
    });
  }
  if (input.action === 'reject') {
    if (input.reasons.length === 0 || input.reasons.every(isBlank))
      problems.push({ pointer: '/reasons', detail: 'a rejection must give its reasons' });
    input.reasons.forEach((reason, index) => {
      if (isBlank(reason)) problems.push({ pointer: `/reasons/${index}`, detail: 'must not be blank' });
    });
  }
  if (input.action === 'transfer') {
    if (isBlank(input.reason)) problems.push({ pointer: '/reason', detail: 'a transfer must say why' });
    if ((input.toOrganisationId === undefined) === (input.toAccountId === undefined))
      problems.push({
        pointer: '/toOrganisationId',
        detail: 'give exactly one of toOrganisationId (another department) and toAccountId (another handler)',
      });
    for (const field of ['toOrganisationId', 'toAccountId'] as const) {
      const value = input[field];
      if (value !== undefined && !UUID.test(value))
        problems.push({ pointer: `/${field}`, detail: 'must be a UUID' });
    }
  }
  return problems;
}

/**
 * A handler acts on a task. Only holders of the task's role at its department may; the instance is
 * locked for the whole action, so of two handlers acting at once one wins and the other is told the
 * task moved on (409).
 */
export async function actOnTask(
  db: Db,
  clock: Clock,
  input: ActOnTaskInput,
  actor: AccessActor,
  react?: WorkflowReaction,
): Promise<WorkflowOutcome> {
  if (!UUID.test(input.taskId)) throw workflowErrors.taskNotFound(input.taskId);
  const problems = actionProblems(input);
  if (problems.length > 0) throw workflowErrors.invalidAction(problems);
  const by: WorkflowActor = { kind: actor.kind, id: actor.accountId, onBehalfOf: actor.organisationId };

  return inTransaction(db, async (tx) => {
    const seen = await findTask(tx, input.taskId);
    if (!seen) throw workflowErrors.taskNotFound(input.taskId);
    const instance = await lockInstance(tx, seen.instance_id);
    const task = (await findTask(tx, input.taskId))!;
    if (!canHandle(actor, task)) {
      const tasks = await listTasksOfInstance(tx, task.instance_id);
      if (tasks.some((other) => canHandle(actor, other))) throw workflowErrors.notHandler();
      throw workflowErrors.taskNotFound(input.taskId);
    }
    if (input.version !== undefined && input.version !== task.version)
      throw workflowErrors.staleTask(input.version, task.version);
    if (task.state === 'done' || task.state === 'cancelled') throw workflowErrors.taskClosed(task.state);
    // Checked before the assignee: of two handlers accepting at once, the later is told it happened.
    if (input.action === 'accept' && task.state === 'accepted') throw workflowErrors.alreadyAccepted();
    if (task.assignee_account_id !== null && task.assignee_account_id !== actor.accountId)
      throw workflowErrors.assignedElsewhere();
    if (!instance) throw workflowErrors.instanceNotFound(task.instance_id);
    if (instance.state === 'awaiting-supplements') {
      if (input.action === 'request-supplements') throw workflowErrors.supplementsAlreadyRequested();
      if (input.action !== 'reject')
        throw workflowErrors.actionNotAllowed(input.action, 'the case waits for the applicant’s supplements');
    } else if (instance.state !== 'running') throw workflowErrors.notRunning(instance.state);

    const now = clock.now();
    const context = { tx, instance, task, by, now, requestId: input.requestId ?? null };
    const outcome = await (() => {
      switch (input.action) {
        case 'accept':
          return accept(context, input);
        case 'request-supplements':
          return requestSupplements(context, input);
        case 'approve':
          return approve(context, input);
        case 'reject':
          return reject(context, input);
        case 'transfer':
          return transfer(context, input, clock);
      }
    })();
    await react?.(tx, outcome, { action: input, taskId: task.id, actor });
    return outcome;
  });
}

type ActionContext = {
  tx: Db;
  instance: WorkflowInstanceRow;
  task: WorkflowTaskRow;
  by: WorkflowActor;
  now: Date;
  requestId: string | null;
};

async function summaryAfter(
  context: ActionContext,
  state: InstanceState,
  extra: Omit<WorkflowOutcome, 'instance'>,
): Promise<WorkflowOutcome> {
  await updateInstanceState(context.tx, context.instance.id, state, context.now);
  return { instance: instanceSummaryOf({ ...context.instance, state, updated_at: context.now }), ...extra };
}

async function accept(context: ActionContext, input: { comment?: string }): Promise<WorkflowOutcome> {
  const { tx, instance, task, by, now } = context;
  if (!task.is_acceptance)
    throw workflowErrors.actionNotAllowed('accept', 'only the first task accepts (受理) an application');
  await updateTask(tx, task.id, { state: 'accepted', assignee_account_id: by.id, accepted_at: now }, now);
  await insertAction(tx, actionRow(instance, task.id, 'accept', by, now, { comment: input.comment ?? null }));
  await recordAuditEvents(tx, [
    auditEvent(
      'application-accepted',
      instance.id,
      by,
      now,
      { taskId: task.id, comment: input.comment },
      context,
    ),
  ]);
  return summaryAfter(context, 'running', { openedTasks: [], cancelledTaskIds: [] });
}

async function requestSupplements(
  context: ActionContext,
  input: { items: SupplementItem[]; comment?: string },
): Promise<WorkflowOutcome> {
  const { tx, instance, task, by, now } = context;
  if (!task.is_acceptance || task.state !== 'open')
    throw workflowErrors.actionNotAllowed(
      'request-supplements',
      'supplements are asked for at the first task, before the application is accepted',
    );
  const items = input.items.map((item) => ({ material: item.material.trim(), detail: item.detail.trim() }));
  await insertAction(
    tx,
    actionRow(instance, task.id, 'request-supplements', by, now, {
      supplements: items,
      comment: input.comment ?? null,
    }),
  );
  await recordAuditEvents(tx, [
    auditEvent('supplements-requested', instance.id, by, now, { taskId: task.id, items }, context),
  ]);
  return summaryAfter(context, 'awaiting-supplements', {
    openedTasks: [],
    cancelledTaskIds: [],
    awaitingSupplements: { taskId: task.id, items, requestedAt: now },
  });
}

async function approve(context: ActionContext, input: { comment?: string }): Promise<WorkflowOutcome> {
  const { tx, instance, task, by, now } = context;
  if (task.is_acceptance && task.state === 'open')
    throw workflowErrors.actionNotAllowed('approve', 'accept (受理) the application before approving it');
  await updateTask(tx, task.id, { state: 'done', outcome: 'approved', finished_at: now }, now);
  const active = (await listTasksOfInstance(tx, instance.id)).filter(
    (other) => other.id !== task.id && (other.state === 'open' || other.state === 'accepted'),
  );
  const plan = planOf(instance.definition);
  const advance = advanceAfter(plan, task.node_key, new Set(active.map((other) => other.node_key)));
  const placements = await placementsOfBindings(tx, instance.bindings);
  const opened = newTaskRows(instance, advance.open, placements, plan.definition.steps[0]!.key, now);
  await insertTasks(tx, opened);
  await insertAction(
    tx,
    actionRow(instance, task.id, 'approve', by, now, { comment: input.comment ?? null }),
  );
  const events = [
    auditEvent(
      'task-approved',
      instance.id,
      by,
      now,
      {
        taskId: task.id,
        nodeKey: task.node_key,
        joined: advance.joined,
        opened: opened.map((row) => row.node_key),
      },
      context,
    ),
  ];
  if (advance.isFinished)
    events.push(
      auditEvent(
        'approved',
        instance.id,
        by,
        now,
        { subject: [instance.subject_kind, instance.subject_id] },
        context,
      ),
    );
  await recordAuditEvents(tx, events);
  return summaryAfter(context, advance.isFinished ? 'approved' : 'running', {
    openedTasks: opened.map(taskSummaryOf),
    cancelledTaskIds: [],
    ...(advance.isFinished ? { completed: 'approved' as const } : {}),
  });
}

async function reject(
  context: ActionContext,
  input: { reasons: string[]; comment?: string },
): Promise<WorkflowOutcome> {
  const { tx, instance, task, by, now } = context;
  const reasons = input.reasons.map((reason) => reason.trim());
  await updateTask(tx, task.id, { state: 'done', outcome: 'rejected', finished_at: now }, now);
  const cancelled = await cancelActiveTasks(tx, instance.id, now);
  await insertAction(
    tx,
    actionRow(instance, task.id, 'reject', by, now, { reasons, comment: input.comment ?? null }),
  );
  await recordAuditEvents(tx, [
    auditEvent(
      'rejected',
      instance.id,
      by,
      now,
      { taskId: task.id, reasons, cancelled },
      {
        ...context,
        reason: reasons.join('; ').slice(0, 2000),
      },
    ),
  ]);
  return summaryAfter(context, 'rejected', {
    openedTasks: [],
    cancelledTaskIds: cancelled,
    completed: 'rejected',
  });
}

async function transfer(
  context: ActionContext,
  input: { reason: string; toOrganisationId?: string; toAccountId?: string },
  clock: Clock,
): Promise<WorkflowOutcome> {
  const { tx, instance, task, by, now } = context;
  const reason = input.reason.trim();
  if (input.toOrganisationId !== undefined) {
    const placement = (await findOrganisationSummaries(tx, [input.toOrganisationId])).get(
      input.toOrganisationId,
    );
    const problem = !placement
      ? 'is not a known organisation'
      : !placement.isActive
        ? 'names an organisation that no longer acts'
        : placement.id === task.organisation_id
          ? 'is the department that has the task already'
          : undefined;
    if (problem || !placement)
      throw workflowErrors.invalidAction([{ pointer: '/toOrganisationId', detail: problem! }]);
    await updateTask(
      tx,
      task.id,
      {
        organisation_id: placement.id,
        division_code: placement.divisionCode,
        division_path: placement.divisionPath,
        assignee_account_id: null,
      },
      now,
    );
  } else {
    const toAccountId = input.toAccountId!;
    const handler = await loadAccessActor(tx, clock, toAccountId);
    if (!handler || !canHandle(handler, task))
      throw workflowErrors.invalidAction([
        { pointer: '/toAccountId', detail: 'is not an active holder of the task’s role at its department' },
      ]);
    if (toAccountId === task.assignee_account_id)
      throw workflowErrors.invalidAction([{ pointer: '/toAccountId', detail: 'already has the task' }]);
    await updateTask(tx, task.id, { assignee_account_id: toAccountId }, now);
  }
  await insertAction(
    tx,
    actionRow(instance, task.id, 'transfer', by, now, {
      reasons: [reason],
      transferred_to_organisation_id: input.toOrganisationId ?? null,
      transferred_to_account_id: input.toAccountId ?? null,
    }),
  );
  await recordAuditEvents(tx, [
    auditEvent(
      'task-transferred',
      instance.id,
      by,
      now,
      { taskId: task.id, toOrganisationId: input.toOrganisationId, toAccountId: input.toAccountId },
      { ...context, reason },
    ),
  ]);
  return summaryAfter(context, instance.state, { openedTasks: [], cancelledTaskIds: [] });
}

async function lockedInstance(tx: Db, instanceId: string): Promise<WorkflowInstanceRow> {
  const instance = UUID.test(instanceId) ? await lockInstance(tx, instanceId) : undefined;
  if (!instance) throw workflowErrors.instanceNotFound(instanceId);
  return instance;
}

/**
 * The applicant's answer to the supplement notice: it must cover every material the notice listed,
 * and the case goes back to the task that asked.
 */
export async function provideSupplements(
  db: Db,
  clock: Clock,
  input: { instanceId: string; provided: SupplementItem[]; comment?: string; requestId?: string | null },
  actor: WorkflowActor,
): Promise<WorkflowOutcome> {
  return inTransaction(db, async (tx) => {
    const instance = await lockedInstance(tx, input.instanceId);
    if (instance.state !== 'awaiting-supplements')
      throw workflowErrors.notAwaitingSupplements(instance.state);
    const request = (await findLatestSupplementRequest(tx, instance.id))!;
    const asked = new Set((request.supplements ?? []).map((item) => item.material));
    const provided = new Set(input.provided.map((item) => item.material.trim()));
    const problems: FieldProblem[] = [];
    const missing = [...asked].filter((material) => !provided.has(material));
    if (missing.length > 0)
      problems.push({ pointer: '/provided', detail: `the notice also asked for: ${missing.join(', ')}` });
    input.provided.forEach((item, index) => {
      if (!asked.has(item.material.trim()))
        problems.push({ pointer: `/provided/${index}/material`, detail: 'was not asked for in the notice' });
    });
    if (problems.length > 0) throw workflowErrors.invalidAction(problems);
    const now = clock.now();
    const items = input.provided.map((item) => ({
      material: item.material.trim(),
      detail: item.detail.trim(),
    }));
    await insertAction(
      tx,
      actionRow(instance, request.task_id, 'provide-supplements', actor, now, {
        supplements: items,
        comment: input.comment ?? null,
      }),
    );
    await recordAuditEvents(tx, [
      auditEvent(
        'supplements-provided',
        instance.id,
        actor,
        now,
        { taskId: request.task_id, items },
        {
          requestId: input.requestId ?? null,
        },
      ),
    ]);
    await updateInstanceState(tx, instance.id, 'running', now);
    return {
      instance: instanceSummaryOf({ ...instance, state: 'running', updated_at: now }),
      openedTasks: [],
      cancelledTaskIds: [],
      resumedTaskId: request.task_id!,
    };
  });
}

/** The applicant withdraws the case: every open task is cancelled. */
export async function withdrawWorkflow(
  db: Db,
  clock: Clock,
  input: { instanceId: string; reason: string; requestId?: string | null },
  actor: WorkflowActor,
): Promise<WorkflowOutcome> {
  if (isBlank(input.reason) || input.reason.length > 2000)
    throw workflowErrors.invalidAction([
      { pointer: '/reason', detail: 'must say why, in at most 2000 characters' },
    ]);
  return inTransaction(db, async (tx) => {
    const instance = await lockedInstance(tx, input.instanceId);
    if (instance.state !== 'running' && instance.state !== 'awaiting-supplements')
      throw workflowErrors.notRunning(instance.state);
    const now = clock.now();
    const cancelled = await cancelActiveTasks(tx, instance.id, now);
    const reason = input.reason.trim();
    await insertAction(tx, actionRow(instance, null, 'withdraw', actor, now, { reasons: [reason] }));
    await recordAuditEvents(tx, [
      auditEvent(
        'withdrawn',
        instance.id,
        actor,
        now,
        { cancelled },
        { reason, requestId: input.requestId ?? null },
      ),
    ]);
    await updateInstanceState(tx, instance.id, 'withdrawn', now);
    return {
      instance: instanceSummaryOf({ ...instance, state: 'withdrawn', updated_at: now }),
      openedTasks: [],
      cancelledTaskIds: cancelled,
      completed: 'withdrawn',
    };
  });
}

/**
 * Sets the deadline work queues count overdue from. The statutory clock belongs to the caller (it
 * pauses while supplements are awaited); this only records where it now stands.
 */
export async function setWorkflowDeadline(
  db: Db,
  clock: Clock,
  input: { instanceId: string; dueAt: Date | null; reason: string; requestId?: string | null },
  actor: WorkflowActor,
): Promise<InstanceSummary> {
  if (input.dueAt && Number.isNaN(input.dueAt.getTime()))
    throw workflowErrors.invalidAction([{ pointer: '/dueAt', detail: 'must be a valid time' }]);
  return inTransaction(db, async (tx) => {
    const instance = await lockedInstance(tx, input.instanceId);
    const now = clock.now();
    await updateInstanceDueAt(tx, instance.id, input.dueAt, now);
    await recordAuditEvents(tx, [
      auditEvent(
        'deadline-set',
        instance.id,
        actor,
        now,
        { dueAt: input.dueAt },
        {
          reason: input.reason,
          requestId: input.requestId ?? null,
        },
      ),
    ]);
    return instanceSummaryOf({ ...instance, due_at: input.dueAt, updated_at: now });
  });
}
