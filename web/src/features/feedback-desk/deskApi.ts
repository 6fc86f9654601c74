import { requestJson } from '../../app/api.ts';

export type Organisation = { id: string; nameZh: string; nameEn: string | null };
export type SlaClock = {
  kind: 'contact' | 'feedback' | 'resolution';
  state: 'running' | 'paused' | 'warning' | 'overdue' | 'stopped';
  dueAt: string;
  completedAt: string | null;
  completedInTime: boolean | null;
};
export type RequestStatus = 'open' | 'acknowledged' | 'in-progress' | 'closed';
export type QueueItem = {
  id: string;
  categoryNameZh: string;
  categoryNameEn: string;
  status: RequestStatus;
  urgency: 'normal' | 'urgent' | 'emergency';
  submittedAt: string;
  sla: SlaClock[];
};
export type HandlerView = QueueItem & {
  view: 'public' | 'own' | 'handler';
  handlingRole?: 'holder' | 'offered' | 'arbiter';
  description: string;
  address: string | null;
  holder: Organisation | null;
  contact?: { maskedName: string | null; maskedPhone: string | null; maskedEmail: string | null } | null;
  history?: {
    id: string;
    kind: string;
    status: RequestStatus;
    publicNote: string | null;
    internalNote?: string | null;
    at: string;
  }[];
  replies: { id: string; kind: 'interim' | 'final'; text: string; originalText?: string; at: string }[];
  contacts?: { id: string; channel: string; contactedAt: string; note: string }[];
  pendingTransfer?: {
    id: string;
    status: string;
    from: Organisation;
    to: Organisation;
    reason: string;
  } | null;
};
export type QueueFilter = { status?: string; sla?: string; cursor?: string };

export function fetchQueue(filter: QueueFilter, signal: AbortSignal) {
  const parameters = new URLSearchParams({ limit: '50' });
  for (const [name, value] of Object.entries(filter)) if (value) parameters.set(name, value);
  return requestJson<{ items: QueueItem[]; nextCursor: string | null }>(`/api/feedback/queue?${parameters}`, {
    signal,
  });
}

const base = (id: string) => `/api/feedback/requests/${encodeURIComponent(id)}`;

export function fetchHandlerView(id: string, signal?: AbortSignal) {
  return requestJson<HandlerView>(base(id), signal ? { signal } : {});
}

export function postAction<T = HandlerView>(id: string, action: string, body: unknown) {
  return requestJson<T>(`${base(id)}/${action}`, { method: 'POST', body });
}
