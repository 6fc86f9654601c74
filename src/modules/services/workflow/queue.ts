import { type Kysely, sql } from 'kysely';
import { loadWorkingCalendar } from '../../../platform/calendar/index.ts';
import type { Clock } from '../../../platform/clock/index.ts';
import type { Tables } from '../../../platform/db/index.ts';
import { DomainError } from '../../../platform/errors/index.ts';
import type { AccessActor } from '../../identity/index.ts';
import {
  calendarRangeFor,
  DEFAULT_WARNING_DAYS,
  type DeadlineMark,
  deadlineMarkOf,
  warningBounds,
} from './deadline-marks.ts';
import { tasksOf } from './definition.ts';
import { workflowErrors } from './errors.ts';
import { canHandle, handlerScopesOf } from './handlers.ts';
import {
  findInstance,
  findTask,
  listActions,
  listTasksOfInstance,
  TASK_COLUMNS,
  taskHandledWithin,
  type WorkflowTaskRow,
} from './store.ts';
import {
  type ActionEntry,
  actionEntryOf,
  type InstanceSummary,
  instanceSummaryOf,
  type TaskSummary,
  taskSummaryOf,
} from './views.ts';

type Db = Kysely<Tables>;

export const DEFAULT_QUEUE_PAGE = 50;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Which tasks of the queue: not yet accepted, accepted and in review, or waiting for the applicant. */
export type QueueState = 'open' | 'accepted' | 'awaiting-supplements';

export type WorkQueueFilter = {
  state?: QueueState;
  organisationId?: string;
  /** Only cases past their deadline (true) or only those within it (false). */
  isOverdue?: boolean;
  /** Only running cases in this deadline state now (paused cases are neither). */
  deadline?: 'running' | 'warning' | 'overdue';
  /** `warning` once this many working days or fewer are left (default 2). */
  warnWithinDays?: number;
  cursor?: string;
  limit?: number;
};

export type QueueItem = TaskSummary & {
  subject: { kind: string; id: string };
  instanceState: InstanceSummary['state'];
  dueAt: Date | null;
  isOverdue: boolean;
  /** Null when the case has no deadline. */
  deadline: DeadlineMark | null;
  isAssignedToMe: boolean;
};

/**
 * Keyset cursor over (opened_at, id): the queue is oldest first, so a page never skips or repeats a
 * task when others open or close meanwhile. Opaque to clients; a cursor we did not give out is a 400.
 */
function encodeQueueCursor(openedAt: Date, id: string): string {
  return Buffer.from(JSON.stringify([openedAt.toISOString(), id])).toString('base64url');
}

function decodeQueueCursor(cursor: string): [Date, string] {
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    key = undefined;
  }
  if (
    Array.isArray(key) &&
    key.length === 2 &&
    typeof key[0] === 'string' &&
    !Number.isNaN(Date.parse(key[0])) &&
    typeof key[1] === 'string' &&
    UUID.test(key[1])
  )
    return [new Date(key[0]), key[1]];
  throw new DomainError({
    kind: 'invalid',
    code: 'invalid-cursor',
    title: 'The cursor is not valid',
    detail: 'cursor (in the query string) is not one this API gave out; start again without it.',
    fields: [{ pointer: '/cursor', detail: 'is not a cursor this API gave out' }],
  });
}

/**
 * The tasks the actor may act on now, oldest first: open or accepted tasks whose role the actor holds
 * (with services.cases.handle) over the task's department, not handed to someone else. Filtered in
 * SQL, so another county's cases never leave the database.
 */
export async function listWorkQueue(
  db: Db,
  clock: Clock,
  actor: AccessActor,
  filter: WorkQueueFilter,
): Promise<{ items: QueueItem[]; nextCursor: string | null }> {
  const limit = filter.limit ?? DEFAULT_QUEUE_PAGE;
  const after = filter.cursor === undefined ? undefined : decodeQueueCursor(filter.cursor);
  const now = clock.now();
  const taskStates =
    filter.state === 'accepted' ? ['accepted'] : filter.state ? ['open'] : ['open', 'accepted'];
  const instanceStates =
    filter.state === 'awaiting-supplements'
      ? ['awaiting-supplements']
      : filter.state
        ? ['running']
        : ['running', 'awaiting-supplements'];
  let query = db
    .selectFrom('workflow_task')
    .innerJoin('workflow_instance as i', 'i.id', 'workflow_task.instance_id')
    .select([
      ...TASK_COLUMNS,
      'i.subject_kind',
      'i.subject_id',
      'i.state as instance_state',
      'i.due_at',
      'i.created_at as instance_created_at',
    ])
    .where('workflow_task.state', 'in', taskStates as WorkflowTaskRow['state'][])
    .where('i.state', 'in', instanceStates as ('running' | 'awaiting-supplements')[])
    .where(taskHandledWithin(handlerScopesOf(actor)))
    .where((eb) =>
      eb.or([
        eb('workflow_task.assignee_account_id', 'is', null),
        eb('workflow_task.assignee_account_id', '=', actor.accountId),
      ]),
    );
  if (filter.organisationId !== undefined) {
    if (!UUID.test(filter.organisationId)) return { items: [], nextCursor: null };
    query = query.where('workflow_task.organisation_id', '=', filter.organisationId);
  }
  if (filter.isOverdue === true) query = query.where('i.due_at', '<', now);
  if (filter.isOverdue === false)
    query = query.where((eb) => eb.or([eb('i.due_at', 'is', null), eb('i.due_at', '>=', now)]));
  const warnWithinDays = filter.warnWithinDays ?? DEFAULT_WARNING_DAYS;
  if (filter.deadline !== undefined) query = query.where('i.state', '=', 'running');
  if (filter.deadline === 'overdue') query = query.where('i.due_at', '<', now);
  if (filter.deadline === 'running' || filter.deadline === 'warning') {
    const bounds = warningBounds(
      await loadWorkingCalendar(db, calendarRangeFor(now, [])),
      now,
      warnWithinDays,
    );
    const inWarning = sql<boolean>`(i.due_at <= ${bounds.startedEarlierDueBy} or (i.created_at >= ${bounds.startOfToday} and i.due_at <= ${bounds.startedTodayDueBy}))`;
    query = query
      .where('i.due_at', '>=', now)
      .where(filter.deadline === 'warning' ? inWarning : sql<boolean>`not ${inWarning}`);
  }
  if (after)
    query = query.where(
      sql<boolean>`(workflow_task.opened_at, workflow_task.id) > (${after[0]}, ${after[1]})`,
    );
  const rows = await query
    .orderBy('workflow_task.opened_at')
    .orderBy('workflow_task.id')
    .limit(limit + 1)
    .execute();
  const shown = rows.slice(0, limit);
  const last = shown.at(-1);
  const timed = shown.flatMap((row) =>
    row.due_at ? [{ startedAt: row.instance_created_at, dueAt: row.due_at }] : [],
  );
  const calendar = timed.length > 0 ? await loadWorkingCalendar(db, calendarRangeFor(now, timed)) : undefined;
  return {
    items: shown.map((row) => ({
      ...taskSummaryOf(row),
      subject: { kind: row.subject_kind, id: row.subject_id },
      instanceState: row.instance_state,
      dueAt: row.due_at,
      isOverdue: row.due_at !== null && row.due_at < now,
      deadline:
        row.due_at && calendar
          ? deadlineMarkOf(calendar, {
              startedAt: row.instance_created_at,
              dueAt: row.due_at,
              isPaused: row.instance_state === 'awaiting-supplements',
              warnWithinDays,
              now,
            })
          : null,
      isAssignedToMe: row.assignee_account_id === actor.accountId,
    })),
    nextCursor: rows.length > limit && last ? encodeQueueCursor(last.opened_at, last.id) : null,
  };
}

export type ActionName = 'accept' | 'request-supplements' | 'approve' | 'reject' | 'transfer';

/** What the actor could do with the task now; the service decides again when they do it. */
function allowedActions(actor: AccessActor, task: WorkflowTaskRow, instance: InstanceSummary): ActionName[] {
  const isActive = task.state === 'open' || task.state === 'accepted';
  const isMine = task.assignee_account_id === null || task.assignee_account_id === actor.accountId;
  if (!isActive || !isMine || !canHandle(actor, task)) return [];
  if (instance.state === 'awaiting-supplements') return ['reject'];
  if (instance.state !== 'running') return [];
  if (task.is_acceptance && task.state === 'open')
    return ['accept', 'request-supplements', 'reject', 'transfer'];
  return ['approve', 'reject', 'transfer'];
}

export type InstanceHistory = { instance: InstanceSummary; tasks: TaskSummary[]; actions: ActionEntry[] };

/**
 * Who may see a case: anyone who could handle one of its tasks, now or before (the department that
 * handed a task on still sees how it ended). Everyone else is told there is no such case.
 */
async function visibleInstance(db: Db, actor: AccessActor, instanceId: string) {
  const instance = UUID.test(instanceId) ? await findInstance(db, instanceId) : undefined;
  if (!instance) throw workflowErrors.instanceNotFound(instanceId);
  const order = new Map(tasksOf(instance.definition).map((node, index) => [node.key, index]));
  // Tasks opened by one action share their opening time; the definition's order tells them apart.
  const tasks = (await listTasksOfInstance(db, instance.id)).sort(
    (a, b) =>
      a.opened_at.getTime() - b.opened_at.getTime() || order.get(a.node_key)! - order.get(b.node_key)!,
  );
  if (!tasks.some((task) => canHandle(actor, task))) throw workflowErrors.instanceNotFound(instanceId);
  return { instance, tasks };
}

/** The case's tasks and every action on it, in order. */
export async function getInstanceHistory(
  db: Db,
  actor: AccessActor,
  instanceId: string,
): Promise<InstanceHistory> {
  const { instance, tasks } = await visibleInstance(db, actor, instanceId);
  const actions = await listActions(db, instance.id);
  return {
    instance: instanceSummaryOf(instance),
    tasks: tasks.map(taskSummaryOf),
    actions: actions.map(actionEntryOf),
  };
}

/** One task with its case's history and the actions the actor may take on it now. */
export async function getTaskView(
  db: Db,
  actor: AccessActor,
  taskId: string,
): Promise<InstanceHistory & { task: TaskSummary; allowedActions: ActionName[] }> {
  const task = UUID.test(taskId) ? await findTask(db, taskId) : undefined;
  if (!task) throw workflowErrors.taskNotFound(taskId);
  const history = await getInstanceHistory(db, actor, task.instance_id).catch((error: unknown) => {
    if (error instanceof DomainError && error.kind === 'not-found') throw workflowErrors.taskNotFound(taskId);
    throw error;
  });
  return {
    ...history,
    task: taskSummaryOf(task),
    allowedActions: allowedActions(actor, task, history.instance),
  };
}
