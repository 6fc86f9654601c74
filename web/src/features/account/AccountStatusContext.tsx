import { createContext, type ReactNode, use, useEffect, useMemo, useState } from 'react';
import { fetchMe } from './accountApi.ts';

export type AccountStatus = 'checking' | 'signed-in' | 'signed-out';

interface AccountStatusValue {
  status: AccountStatus;
  /** Pages that sign in or out say so here, so the header follows without asking the server again. */
  setStatus: (status: Exclude<AccountStatus, 'checking'>) => void;
}

const AccountStatusContext = createContext<AccountStatusValue>({ status: 'checking', setStatus: () => {} });

/**
 * Asks GET /api/identity/me once per visit whether this browser is signed in. The session cookie is
 * HttpOnly, so the page cannot read it; the server's answer is the only way to know.
 */
export function AccountStatusProvider({ children }: { children: ReactNode }) {
  const [status, setStatus] = useState<AccountStatus>('checking');

  useEffect(() => {
    const controller = new AbortController();
    fetchMe(controller.signal).then(
      () => setStatus((current) => (current === 'checking' ? 'signed-in' : current)),
      () => {
        // 401 when signed out; any other failure leaves the sign-in link, which still works.
        if (!controller.signal.aborted)
          setStatus((current) => (current === 'checking' ? 'signed-out' : current));
      },
    );
    return () => controller.abort();
  }, []);

  const value = useMemo(() => ({ status, setStatus }), [status]);
  return <AccountStatusContext value={value}>{children}</AccountStatusContext>;
}

export function useAccountStatus(): AccountStatusValue {
  return use(AccountStatusContext);
}
