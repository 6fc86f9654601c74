import { useCallback, useEffect, useState } from 'react';
import { ApiError } from '../../app/api.ts';

export type Loaded<T> =
  | { kind: 'loading' }
  | { kind: 'failed'; status: number | undefined }
  | { kind: 'loaded'; value: T };

/** Loads once per visit and again on `reload()`, after a change the page made. */
export function useLoad<T>(load: (signal: AbortSignal) => Promise<T>, key = ''): [Loaded<T>, () => void] {
  const [state, setState] = useState<Loaded<T>>({ kind: 'loading' });
  const [round, setRound] = useState(0);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `load` may be a fresh closure each render; `key` and `round` say when to load again.
  useEffect(() => {
    const controller = new AbortController();
    load(controller.signal).then(
      (value) => setState({ kind: 'loaded', value }),
      (error: unknown) => {
        if (controller.signal.aborted) return;
        setState({ kind: 'failed', status: error instanceof ApiError ? error.status : undefined });
      },
    );
    return () => controller.abort();
  }, [key, round]);
  return [state, useCallback(() => setRound((n) => n + 1), [])];
}
