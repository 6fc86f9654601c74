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
  startedAt: string;
  endedAt: string | null;
  raisedAt: string;
  acknowledgedAt: string | null;
}

export interface AlertDetail extends AlertSummary {
  trend: { binStart: string; count: number }[];
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

export function fetchAlerts(signal: AbortSignal, state?: 'active' | 'ended'): Promise<AlertSummary[]> {
  return requestJson<AlertSummary[]>(`/api/feedback/hot-topics${state ? `?state=${state}` : ''}`, { signal });
}

export function fetchAlert(id: string, signal: AbortSignal): Promise<AlertDetail> {
  return requestJson<AlertDetail>(`/api/feedback/hot-topics/${encodeURIComponent(id)}`, { signal });
}

export function acknowledgeAlert(id: string): Promise<AlertDetail> {
  return requestJson<AlertDetail>(`/api/feedback/hot-topics/${encodeURIComponent(id)}/acknowledge`, {
    method: 'POST',
  });
}
