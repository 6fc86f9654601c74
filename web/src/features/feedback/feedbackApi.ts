import { requestJson } from '../../app/api.ts';

export type Category = { code: string; nameZh: string; nameEn: string; groupZh: string; groupEn: string };
export type RequestKind = 'complaint' | 'demand' | 'suggestion' | 'enquiry' | 'praise';
export type PublicRequest = {
  id: string;
  categoryNameZh: string;
  categoryNameEn: string;
  kind: RequestKind;
  status: 'open' | 'acknowledged' | 'in-progress' | 'closed';
  holder: { nameZh: string; nameEn: string | null } | null;
  submittedAt: string;
};
export type DivisionMatch = { code: string; fullName: string; isPlaceholder?: boolean };

export function fetchCategories(signal: AbortSignal) {
  return requestJson<Category[]>('/api/feedback/categories', { signal });
}

export function fetchLatestRequests(signal: AbortSignal) {
  return requestJson<{ items: PublicRequest[] }>('/api/feedback/requests?limit=20', { signal });
}

export async function searchPlaces(query: string, signal: AbortSignal): Promise<readonly DivisionMatch[]> {
  const parameters = new URLSearchParams({ q: query, limit: '10' });
  return (await requestJson<{ results: DivisionMatch[] }>(`/api/divisions?${parameters}`, { signal }))
    .results;
}

export type Submission = {
  categoryCode: string;
  kind: RequestKind;
  description: string;
  divisionCode: string;
  address?: string;
  isIdentityDisclosed: boolean;
};

export function submitRequest(submission: Submission, idempotencyKey: string) {
  return requestJson<PublicRequest>('/api/feedback/requests', {
    method: 'POST',
    body: submission,
    headers: { 'Idempotency-Key': idempotencyKey },
  });
}

export type RequestStatus = PublicRequest['status'];
export type Organisation = { id: string; nameZh: string; nameEn: string | null };
export type ListedRequest = PublicRequest & {
  categoryCode: string;
  divisionCode: string;
  latitude: number | null;
  longitude: number | null;
  holder: Organisation | null;
};
export type Page<T> = { items: T[]; nextCursor: string | null };
export type SlaClock = {
  kind: 'contact' | 'feedback' | 'resolution';
  state: 'running' | 'paused' | 'warning' | 'overdue' | 'stopped';
  dueAt: string;
  completedAt: string | null;
  completedInTime: boolean | null;
};
export type Satisfaction = 'satisfied' | 'basically-satisfied' | 'dissatisfied';
export type RequestDetail = ListedRequest & {
  view: 'public' | 'own' | 'handler';
  description: string;
  address: string | null;
  statusNotes: string | null;
  closedAt: string | null;
  history?: { id: string; kind: string; status: RequestStatus; publicNote: string | null; at: string }[];
  replies: {
    id: string;
    kind: 'interim' | 'final';
    text: string;
    organisation: Organisation | null;
    at: string;
  }[];
  sla?: SlaClock[];
  followUp?: {
    rating: { satisfaction: Satisfaction; score: number | null; comment: string | null } | null;
    canRate: boolean;
    canReopen: boolean;
    reopenUntil: string | null;
  };
};

export type RequestFilters = {
  categoryCode?: string;
  status?: string;
  divisionCode?: string;
  cursor?: string;
};

const queryOf = (filters: Record<string, string | undefined>) => {
  const parameters = new URLSearchParams();
  for (const [name, value] of Object.entries(filters)) if (value) parameters.set(name, value);
  return parameters.toString();
};

export function fetchPublicRequests(filters: RequestFilters, signal: AbortSignal) {
  return requestJson<Page<ListedRequest>>(`/api/feedback/requests?${queryOf({ ...filters, limit: '20' })}`, {
    signal,
  });
}

export function fetchMyRequests(cursor: string | undefined, signal: AbortSignal) {
  return requestJson<Page<ListedRequest>>(`/api/feedback/my-requests?${queryOf({ cursor, limit: '20' })}`, {
    signal,
  });
}

export function fetchRequest(id: string, signal?: AbortSignal) {
  return requestJson<RequestDetail>(
    `/api/feedback/requests/${encodeURIComponent(id)}`,
    signal ? { signal } : {},
  );
}

export function rateRequest(
  id: string,
  body: { satisfaction: Satisfaction; score?: number; comment?: string },
) {
  return requestJson<RequestDetail>(`/api/feedback/requests/${encodeURIComponent(id)}/rating`, {
    method: 'POST',
    body,
  });
}

export function reopenRequest(id: string, reason: string) {
  return requestJson<RequestDetail>(`/api/feedback/requests/${encodeURIComponent(id)}/reopening`, {
    method: 'POST',
    body: { reason },
  });
}
