import { type Generated, type Kysely, type RawBuilder, type SqlBool, sql } from 'kysely';
import type { Tables } from '../../../platform/db/index.ts';
import type { WorkflowDefinition } from './definition.ts';

declare module '../../../platform/db/tables.ts' {
  interface Tables {
    workflow_instance: WorkflowInstanceRow;
    workflow_task: WorkflowTaskRow;
    workflow_action: Omit<WorkflowActionRow, 'sequence'> & { sequence: Generated<bigint> };
  }
}

export type InstanceState = 'running' | 'awaiting-supplements' | 'approved' | 'rejected' | 'withdrawn';
export type TaskState = 'open' | 'accepted' | 'done' | 'cancelled';
export type ActionKind =
  | 'start'
  | 'accept'
  | 'request-supplements'
  | 'provide-supplements'
  | 'approve'
  | 'reject'
  | 'transfer'
  | 'withdraw';

export type WorkflowInstanceRow = {
  id: string;
  subject_kind: string;
  subject_id: string;
  division_code: string;
  province_code: string;
  definition: WorkflowDefinition;
  bindings: Record<string, string>;
  state: InstanceState;
  due_at: Date | null;
  created_at: Date;
  updated_at: Date;
};

export type WorkflowTaskRow = {
  id: string;
  instance_id: string;
  province_code: string;
  node_key: string;
  name_zh: string;
  name_en: string;
  is_acceptance: boolean;
  department_slot: string;
  organisation_id: string;
  division_code: string;
  division_path: string;
  role_code: string;
  state: TaskState;
  outcome: 'approved' | 'rejected' | null;
  assignee_account_id: string | null;
  version: number;
  opened_at: Date;
  accepted_at: Date | null;
  finished_at: Date | null;
  updated_at: Date;
};

/** A supplement notice lists what is missing; the applicant's answer lists what was provided. */
export type SupplementItem = { material: string; detail: string };

export type WorkflowActionRow = {
  id: string;
  sequence: bigint;
  instance_id: string;
  task_id: string | null;
  province_code: string;
  action: ActionKind;
  actor_kind: 'citizen' | 'enterprise' | 'staff' | 'system';
  actor_id: string;
  on_behalf_of: string | null;
  reasons: string[];
  comment: string | null;
  supplements: SupplementItem[] | null;
  transferred_to_organisation_id: string | null;
  transferred_to_account_id: string | null;
  at: Date;
};

type Db = Kysely<Tables>;

const INSTANCE_COLUMNS = [
  'id',
  'subject_kind',
  'subject_id',
  'division_code',
  'province_code',
  'definition',
  'bindings',
  'state',
  'due_at',
  'created_at',
  'updated_at',
] as const;

export const TASK_COLUMNS = [
  'workflow_task.id',
  'workflow_task.instance_id',
  'workflow_task.province_code',
  'workflow_task.node_key',
  'workflow_task.name_zh',
  'workflow_task.name_en',
  'workflow_task.is_acceptance',
  'workflow_task.department_slot',
  'workflow_task.organisation_id',
  'workflow_task.division_code',
  'workflow_task.division_path',
  'workflow_task.role_code',
  'workflow_task.state',
  'workflow_task.outcome',
  'workflow_task.assignee_account_id',
  'workflow_task.version',
  'workflow_task.opened_at',
  'workflow_task.accepted_at',
  'workflow_task.finished_at',
  'workflow_task.updated_at',
] as const;

const ACTION_COLUMNS = [
  'id',
  'sequence',
  'instance_id',
  'task_id',
  'province_code',
  'action',
  'actor_kind',
  'actor_id',
  'on_behalf_of',
  'reasons',
  'comment',
  'supplements',
  'transferred_to_organisation_id',
  'transferred_to_account_id',
  'at',
] as const;

const jsonb = <T>(value: T) => sql<T>`cast(${JSON.stringify(value)} as jsonb)`;

export async function insertInstance(db: Db, row: WorkflowInstanceRow): Promise<boolean> {
  const result = await db
    .insertInto('workflow_instance')
    .values({ ...row, definition: jsonb(row.definition), bindings: jsonb(row.bindings) })
    .onConflict((conflict) => conflict.columns(['subject_kind', 'subject_id']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0n) === 1;
}

export async function findInstance(db: Db, id: string): Promise<WorkflowInstanceRow | undefined> {
  return db.selectFrom('workflow_instance').select(INSTANCE_COLUMNS).where('id', '=', id).executeTakeFirst();
}

/**
 * The instance row, locked until the transaction ends. Every action locks its instance first, so
 * actions on one case run one after another: two handlers on one task cannot both win, and the last
 * two branches of a parallel node finishing at once cannot each miss the other and never join.
 */
export async function lockInstance(db: Db, id: string): Promise<WorkflowInstanceRow | undefined> {
  return db
    .selectFrom('workflow_instance')
    .select(INSTANCE_COLUMNS)
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
}

export async function updateInstanceState(db: Db, id: string, state: InstanceState, at: Date): Promise<void> {
  await db.updateTable('workflow_instance').set({ state, updated_at: at }).where('id', '=', id).execute();
}

export async function updateInstanceDueAt(db: Db, id: string, dueAt: Date | null, at: Date): Promise<void> {
  await db
    .updateTable('workflow_instance')
    .set({ due_at: dueAt, updated_at: at })
    .where('id', '=', id)
    .execute();
}

export async function insertTasks(db: Db, rows: readonly WorkflowTaskRow[]): Promise<void> {
  if (rows.length > 0)
    await db
      .insertInto('workflow_task')
      .values([...rows])
      .execute();
}

export async function findTask(db: Db, id: string): Promise<WorkflowTaskRow | undefined> {
  return db.selectFrom('workflow_task').select(TASK_COLUMNS).where('id', '=', id).executeTakeFirst();
}

export async function listTasksOfInstance(db: Db, instanceId: string): Promise<WorkflowTaskRow[]> {
  return db
    .selectFrom('workflow_task')
    .select(TASK_COLUMNS)
    .where('instance_id', '=', instanceId)
    .orderBy('opened_at')
    .execute();
}

export type TaskChange = Partial<
  Pick<
    WorkflowTaskRow,
    | 'state'
    | 'outcome'
    | 'assignee_account_id'
    | 'organisation_id'
    | 'division_code'
    | 'division_path'
    | 'accepted_at'
    | 'finished_at'
  >
>;

/** Changes a task and bumps its version, so anyone holding the old version is refused. */
export async function updateTask(db: Db, id: string, change: TaskChange, at: Date): Promise<void> {
  await db
    .updateTable('workflow_task')
    .set({ ...change, updated_at: at, version: sql`version + 1` })
    .where('id', '=', id)
    .execute();
}

/** Cancels every task of the instance still open or accepted; returns their ids. */
export async function cancelActiveTasks(db: Db, instanceId: string, at: Date): Promise<string[]> {
  const rows = await db
    .updateTable('workflow_task')
    .set({ state: 'cancelled', finished_at: at, updated_at: at, version: sql`version + 1` })
    .where('instance_id', '=', instanceId)
    .where('state', 'in', ['open', 'accepted'])
    .returning('id')
    .execute();
  return rows.map((row) => row.id);
}

export type NewAction = Omit<WorkflowActionRow, 'sequence'>;

export async function insertAction(db: Db, row: NewAction): Promise<void> {
  await db
    .insertInto('workflow_action')
    .values({ ...row, supplements: row.supplements === null ? null : jsonb(row.supplements) })
    .execute();
}

export async function listActions(db: Db, instanceId: string): Promise<WorkflowActionRow[]> {
  return db
    .selectFrom('workflow_action')
    .select(ACTION_COLUMNS)
    .where('instance_id', '=', instanceId)
    .orderBy('sequence')
    .execute();
}

/** The latest supplement notice of an instance, if any. */
export async function findLatestSupplementRequest(
  db: Db,
  instanceId: string,
): Promise<WorkflowActionRow | undefined> {
  return db
    .selectFrom('workflow_action')
    .select(ACTION_COLUMNS)
    .where('instance_id', '=', instanceId)
    .where('action', '=', 'request-supplements')
    .orderBy('sequence', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/**
 * Handler scopes: for each grant that carries the handling permission, its role and where it reaches.
 * A task is the actor's to handle when one scope has the task's role and covers its department.
 */
export type HandlerScope = { roleCode: string; divisionPath: string; organisationId: string | null };

export function taskHandledWithin(scopes: readonly HandlerScope[]): RawBuilder<SqlBool> {
  if (scopes.length === 0) return sql<SqlBool>`false`;
  const conditions = scopes.map((scope) => {
    const department =
      scope.organisationId === null
        ? sql`true`
        : sql`workflow_task.organisation_id = ${scope.organisationId}`;
    return sql`(workflow_task.role_code = ${scope.roleCode}
      and (workflow_task.division_path = ${scope.divisionPath} or workflow_task.division_path like ${`${scope.divisionPath}.%`})
      and ${department})`;
  });
  return sql<SqlBool>`(${sql.join(conditions, sql` or `)})`;
}
