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
