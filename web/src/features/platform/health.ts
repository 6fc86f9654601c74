import { ApiError, requestJson } from '../../app/api.ts';

/** GET /api/health, as src/platform/status/schemas.ts defines it. */
export interface HealthReport {
  status: 'ok' | 'degraded';
  version: string;
  uptimeSeconds: number;
  checkedAt: string;
  database: {
    kind: 'pglite' | 'postgresql';
    reachable: boolean;
    /** null when the database did not answer. */
    latencyMs: number | null;
  };
  migrations: { applied: number; available: number; isCurrent: boolean };
}

/** A status probe that hangs is as good as down; the reader should hear so within seconds. */
const HEALTH_TIMEOUT_MS = 10_000;

export async function fetchHealth(signal: AbortSignal): Promise<HealthReport> {
  const body = await requestJson<unknown>('/api/health', {
    signal: AbortSignal.any([signal, AbortSignal.timeout(HEALTH_TIMEOUT_MS)]),
    acceptedErrorStatuses: [503],
  });
  if (!isHealthReport(body)) {
    throw new ApiError({
      type: 'about:blank',
      title: 'Unexpected response',
      status: 200,
      detail: '/api/health answered JSON that is not a health report',
    });
  }
  return body;
}

function isHealthReport(body: unknown): body is HealthReport {
  if (typeof body !== 'object' || body === null) return false;
  const report = body as Partial<Record<keyof HealthReport, unknown>>;
  return (
    (report.status === 'ok' || report.status === 'degraded') &&
    typeof report.version === 'string' &&
    typeof report.database === 'object' &&
    report.database !== null &&
    typeof report.migrations === 'object' &&
    report.migrations !== null
  );
}
