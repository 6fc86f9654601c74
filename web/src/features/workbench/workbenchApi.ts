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
  deadline: DeadlineMark | null;
  isAssignedToMe: boolean;
}

export type DeadlineState = 'running' | 'warning' | 'overdue' | 'paused';

export interface DeadlineMark {
  state: DeadlineState;
  remainingWorkingDays: number;
  provisional: boolean;
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
  deadline?: Exclude<DeadlineState, 'paused'> | undefined;
  cursor?: string | undefined;
};

export function fetchQueue(filter: QueueFilter, signal?: AbortSignal) {
  const query = new URLSearchParams();
  if (filter.state) query.set('state', filter.state);
  if (filter.deadline) query.set('deadline', filter.deadline);
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

export interface CaseHistoryEntry {
  leafIndex: string | null;
  action: string;
  record: { type: string; id: string };
  actor: { kind: string; id: string | null };
  reason: string | null;
  at: string;
}

export interface CaseView {
  id: string;
  number: string | null;
  state: string;
  itemCode: string;
  statutoryDueAt: string | null;
  promisedDueAt: string | null;
  submittedAt: string | null;
  decidedAt: string | null;
  inPersonVisits: number;
  extensions: { id: string; workingDays: number; reason: string; legalBasis: string; state: string }[];
  history: CaseHistoryEntry[];
}

export function fetchCase(applicationId: string, signal?: AbortSignal) {
  return requestJson<CaseView>(`/api/services/applications/${encodeURIComponent(applicationId)}/case`, {
    ...(signal ? { signal } : {}),
  });
}

export interface Organisation {
  id: string;
  nameZh: string | null;
  nameEn: string | null;
}

export interface OverdueCase {
  applicationId: string;
  number: string;
  itemCode: string;
  organisation: Organisation;
  statutoryDueAt: string;
  workingDaysOverdue: number;
}

export interface Figures {
  received: number;
  inProgress: number;
  withdrawn: number;
  decided: number;
  approved: number;
  rejected: number;
  decidedOnTime: number;
  onTimeRate: number | null;
  noVisitRate: number | null;
  atMostOneVisitRate: number | null;
}

export function fetchOverdue(signal?: AbortSignal) {
  return requestJson<{ asOf: string; cases: OverdueCase[] }>('/api/services/supervision/overdue', {
    ...(signal ? { signal } : {}),
  });
}

export function fetchVolumes(period: { from: string; to: string }, signal?: AbortSignal) {
  const query = new URLSearchParams(period);
  return requestJson<{ departments: (Figures & { organisation: Organisation })[]; total: Figures }>(
    `/api/services/supervision/volumes?${query}`,
    { ...(signal ? { signal } : {}) },
  );
}
