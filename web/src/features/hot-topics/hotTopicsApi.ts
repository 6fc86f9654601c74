import { requestJson } from '../../app/api.ts';

/** The shapes of src/modules/feedback/analysis-worker/schemas.ts that the pages use. */
export interface AlertSummary {
  id: string;
  keyKind: 'category-place' | 'duplicate-group';
  detectors: ('burst' | 'surge')[];
  category: { code: string; nameZh: string; nameEn: string };
  responsibleDivision: { code: string; nameZh: string };
  requestCount: number;
  keywords: string[];
  trend: { binStart: string; count: number }[];
  startedAt: string;
  endedAt: string | null;
  raisedAt: string;
  acknowledgedAt: string | null;
}

export interface AlertDetail extends AlertSummary {
  keywordScores: { term: string; score: number }[];
  extent: {
    divisions: { code: string; nameZh: string }[];
    boundingBox: [number, number, number, number] | null;
  };
  samples: {
    id: string;
    publicId: string;
    description: string;
    submittedAt: string;
    address: string | null;
  }[];
  acknowledgedBy: string | null;
}

export function fetchAlerts(
  signal: AbortSignal,
  filter: { state?: 'active' | 'ended'; limit?: number } = {},
): Promise<AlertSummary[]> {
  const query = new URLSearchParams();
  if (filter.state) query.set('state', filter.state);
  if (filter.limit) query.set('limit', String(filter.limit));
  const search = query.size > 0 ? `?${query}` : '';
  return requestJson<AlertSummary[]>(`/api/feedback/hot-topics${search}`, { signal });
}

export function fetchAlert(id: string, signal: AbortSignal): Promise<AlertDetail> {
  return requestJson<AlertDetail>(`/api/feedback/hot-topics/${encodeURIComponent(id)}`, { signal });
}

export function acknowledgeAlert(id: string): Promise<AlertDetail> {
  return requestJson<AlertDetail>(`/api/feedback/hot-topics/${encodeURIComponent(id)}/acknowledge`, {
    method: 'POST',
  });
}
