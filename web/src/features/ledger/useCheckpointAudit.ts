import { useEffect, useState } from 'react';
import { ApiError } from '../../app/api.ts';
import { auditLatestCheckpoint, type CheckpointAudit } from './checkpointAudit.ts';

/** A request that hangs is as good as none; the reader should hear so within seconds. */
export const LEDGER_TIMEOUT_MS = 15_000;

export type CheckpointAuditState =
  | { kind: 'checking' }
  /** httpStatus is absent when no HTTP error arrived: network down, timeout, or a body of another shape. */
  | { kind: 'unreachable'; httpStatus: number | undefined }
  | CheckpointAudit;

/** Audits the latest checkpoint once per visit: a reader who wants a fresh verdict reloads the page. */
export function useCheckpointAudit(): CheckpointAuditState {
  const [state, setState] = useState<CheckpointAuditState>({ kind: 'checking' });

  useEffect(() => {
    const controller = new AbortController();
    const signal = AbortSignal.any([controller.signal, AbortSignal.timeout(LEDGER_TIMEOUT_MS)]);
    auditLatestCheckpoint(signal).then(setState, (error: unknown) => {
      if (controller.signal.aborted) return;
      if (!(error instanceof ApiError)) console.warn('Audit ledger checkpoint unavailable:', error);
      const httpStatus = error instanceof ApiError && error.status >= 400 ? error.status : undefined;
      setState({ kind: 'unreachable', httpStatus });
    });
    return () => controller.abort();
  }, []);

  return state;
}
