import { requestJson } from '../../app/api.ts';

export type QueueState = 'open' | 'accepted' | 'awaiting-supplements';
export type ActionName = 'accept' | 'request-supplements' | 'approve' | 'reject' | 'transfer';

export interface TaskSummary {
  id: string;
  instanceId: string;
  nodeKey: string;
  name: { zh: string; en: string };
  isAcceptance: boolean;
  organisationId: string;
  divisionCode: string;
  roleCode: string;
  state: 'open' | 'accepted' | 'done' | 'cancelled';
  outcome: 'approved' | 'rejected' | null;
  assigneeAccountId: string | null;
  version: number;
  openedAt: string;
  finishedAt: string | null;
}

export interface QueueItem extends TaskSummary {
  subject: { kind: string; id: string };
  instanceState: string;
  dueAt: string | null;
  isOverdue: boolean;
  isAssignedToMe: boolean;
}

export interface ActionEntry {
  id: string;
  taskId: string | null;
  action: string;
  actor: { kind: string; id: string; onBehalfOf: string | null };
  reasons: string[];
  comment: string | null;
  supplements: { material: string; detail: string }[] | null;
  at: string;
}

export interface TaskView {
  instance: { id: string; subject: { kind: string; id: string }; state: string; dueAt: string | null };
  tasks: TaskSummary[];
  actions: ActionEntry[];
  task: TaskSummary;
  allowedActions: ActionName[];
}

export type QueueFilter = {
  state?: QueueState | undefined;
  overdue?: boolean | undefined;
  cursor?: string | undefined;
};

export function fetchQueue(filter: QueueFilter, signal?: AbortSignal) {
  const query = new URLSearchParams();
  if (filter.state) query.set('state', filter.state);
  if (filter.overdue !== undefined) query.set('overdue', String(filter.overdue));
  if (filter.cursor) query.set('cursor', filter.cursor);
  const suffix = query.size > 0 ? `?${query}` : '';
  return requestJson<{ tasks: QueueItem[]; nextCursor: string | null }>(
    `/api/services/workflow/queue${suffix}`,
    {
      ...(signal ? { signal } : {}),
    },
  );
}

export function fetchTask(taskId: string, signal?: AbortSignal) {
  return requestJson<TaskView>(`/api/services/workflow/tasks/${encodeURIComponent(taskId)}`, {
    ...(signal ? { signal } : {}),
  });
}

export type ActionBody =
  | { action: 'accept' | 'approve'; comment?: string; version: number }
  | { action: 'reject'; reasons: string[]; comment?: string; version: number }
  | { action: 'request-supplements'; items: { material: string; detail: string }[]; version: number };

export function actOnTask(taskId: string, body: ActionBody) {
  return requestJson<{ completed?: string }>(
    `/api/services/workflow/tasks/${encodeURIComponent(taskId)}/actions`,
    {
      method: 'POST',
      body,
    },
  );
}
