import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError } from '../../app/api.ts';
import { fetchHealth, type HealthReport } from './health.ts';

/** Also quoted to readers ("refreshes every 30 seconds"), so the text follows when it changes. */
export const HEALTH_REFRESH_SECONDS = 30;

export type HealthSnapshot =
  | { kind: 'checking' }
  | { kind: 'reported'; report: HealthReport }
  /** httpStatus is absent when no HTTP error arrived: network down, timeout, or a body that is no report. */
  | { kind: 'unreachable'; httpStatus: number | undefined };

export type HealthState = 'checking' | 'ok' | 'degraded' | 'unreachable';

export function healthStateOf(snapshot: HealthSnapshot): HealthState {
  return snapshot.kind === 'reported' ? snapshot.report.status : snapshot.kind;
}

/** The platform's health, checked now and every 30 s while the page is visible. */
export function usePlatformHealth(): { snapshot: HealthSnapshot; refresh: () => void } {
  const [snapshot, setSnapshot] = useState<HealthSnapshot>({ kind: 'checking' });
  const inFlight = useRef<AbortController | null>(null);

  const refresh = useCallback(() => {
    // A click while a check is under way would only ask the same question twice.
    if (inFlight.current) return;
    const controller = new AbortController();
    inFlight.current = controller;
    fetchHealth(controller.signal)
      .then(
        (report) => setSnapshot({ kind: 'reported', report }),
        (error: unknown) => {
          if (controller.signal.aborted) return;
          const httpStatus = error instanceof ApiError && error.status >= 400 ? error.status : undefined;
          setSnapshot({ kind: 'unreachable', httpStatus });
        },
      )
      .finally(() => {
        if (inFlight.current === controller) inFlight.current = null;
      });
  }, []);

  useEffect(() => {
    refresh();
    const timer = setInterval(() => {
      // Every open tab in every office polls; background tabs need not add to the load.
      if (document.visibilityState === 'visible') refresh();
    }, HEALTH_REFRESH_SECONDS * 1000);
    return () => {
      clearInterval(timer);
      inFlight.current?.abort();
      inFlight.current = null;
    };
  }, [refresh]);

  return { snapshot, refresh };
}
