import type { LocalisedText } from './definition.ts';
import type {
  InstanceState,
  TaskState,
  WorkflowActionRow,
  WorkflowInstanceRow,
  WorkflowTaskRow,
} from './store.ts';

/** What callers and the API see of an instance, a task and an action: names in camelCase, no SQL shapes. */
export type InstanceSummary = {
  id: string;
  subject: { kind: string; id: string };
  divisionCode: string;
  state: InstanceState;
  dueAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
};

export type TaskSummary = {
  id: string;
  instanceId: string;
  nodeKey: string;
  name: LocalisedText;
  isAcceptance: boolean;
  departmentSlot: string;
  organisationId: string;
  divisionCode: string;
  roleCode: string;
  state: TaskState;
  outcome: 'approved' | 'rejected' | null;
  assigneeAccountId: string | null;
  version: number;
  openedAt: Date;
  acceptedAt: Date | null;
  finishedAt: Date | null;
};

export type ActionEntry = {
  id: string;
  taskId: string | null;
  action: WorkflowActionRow['action'];
  actor: { kind: WorkflowActionRow['actor_kind']; id: string; onBehalfOf: string | null };
  reasons: string[];
  comment: string | null;
  supplements: { material: string; detail: string }[] | null;
  transferredToOrganisationId: string | null;
  transferredToAccountId: string | null;
  at: Date;
};

export function instanceSummaryOf(row: WorkflowInstanceRow): InstanceSummary {
  return {
    id: row.id,
    subject: { kind: row.subject_kind, id: row.subject_id },
    divisionCode: row.division_code,
    state: row.state,
    dueAt: row.due_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function taskSummaryOf(row: WorkflowTaskRow): TaskSummary {
  return {
    id: row.id,
    instanceId: row.instance_id,
    nodeKey: row.node_key,
    name: { zh: row.name_zh, en: row.name_en },
    isAcceptance: row.is_acceptance,
    departmentSlot: row.department_slot,
    organisationId: row.organisation_id,
    divisionCode: row.division_code,
    roleCode: row.role_code,
    state: row.state,
    outcome: row.outcome,
    assigneeAccountId: row.assignee_account_id,
    version: row.version,
    openedAt: row.opened_at,
    acceptedAt: row.accepted_at,
    finishedAt: row.finished_at,
  };
}

export function actionEntryOf(row: WorkflowActionRow): ActionEntry {
  return {
    id: row.id,
    taskId: row.task_id,
    action: row.action,
    actor: { kind: row.actor_kind, id: row.actor_id, onBehalfOf: row.on_behalf_of },
    reasons: row.reasons,
    comment: row.comment,
    supplements: row.supplements,
    transferredToOrganisationId: row.transferred_to_organisation_id,
    transferredToAccountId: row.transferred_to_account_id,
    at: row.at,
  };
}
