/** The credentials feature's face: the wallet and the public verification page. */
import type { RouteObject } from 'react-router';

export { credentialsMessages } from './i18n.ts';

export const credentialsPaths = { wallet: '/account/wallet', verify: '/verify' } as const;

export const credentialsRoutes: readonly RouteObject[] = [
  {
    path: 'account/wallet',
    lazy: async () => ({ Component: (await import('./WalletPage.tsx')).WalletPage }),
  },
  { path: 'verify', lazy: async () => ({ Component: (await import('./VerifyPage.tsx')).VerifyPage }) },
  {
    path: 'verify/:identifier',
    lazy: async () => ({ Component: (await import('./VerifyPage.tsx')).VerifyPage }),
  },
];
