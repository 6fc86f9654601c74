import { useEffect, useState } from 'react';
import { useNavigate } from 'react-router';
import { ApiError } from '../../app/api.ts';
import { useAccountStatus } from './AccountStatusContext.tsx';
import { accountPaths } from './paths.ts';

export type SignedInFetch<T> = { kind: 'loading' } | { kind: 'loaded'; data: T } | { kind: 'unavailable' };

/**
 * Reads what a page for signed-in people shows. A 401 means the session has ended: the page goes to
 * sign-in saying so. `fetchData` must keep its identity (a module function or a useCallback);
 * `marksSignedIn` tells the rest of the app, on success, that the reader is signed in.
 */
export function useSignedInFetch<T>(
  fetchData: (signal: AbortSignal) => Promise<T>,
  { marksSignedIn = false }: { marksSignedIn?: boolean } = {},
): SignedInFetch<T> {
  const navigate = useNavigate();
  const { setStatus } = useAccountStatus();
  const [fetched, setFetched] = useState<SignedInFetch<T>>({ kind: 'loading' });

  useEffect(() => {
    const controller = new AbortController();
    fetchData(controller.signal).then(
      (data) => {
        if (marksSignedIn) setStatus('signed-in');
        setFetched({ kind: 'loaded', data });
      },
      (error: unknown) => {
        if (controller.signal.aborted) return;
        if (error instanceof ApiError && error.status === 401) {
          setStatus('signed-out');
          void navigate(accountPaths.signIn, { replace: true, state: { notice: 'sessionEnded' } });
          return;
        }
        setFetched({ kind: 'unavailable' });
      },
    );
    return () => controller.abort();
  }, [fetchData, marksSignedIn, navigate, setStatus]);

  return fetched;
}
