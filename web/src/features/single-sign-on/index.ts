/** The single sign-on feature's face: the only file the app shell and other features import from it. */
import type { RouteObject } from 'react-router';

export { singleSignOnMessages } from './i18n.ts';
export { singleSignOnPaths, webSignInUrl } from './paths.ts';
/** What the sign-in page needs to finish a waiting sign-on request once the person has signed in. */
export {
  completeLogin,
  fetchInteraction,
  type Interaction,
  problemCodes as singleSignOnProblemCodes,
} from './ssoApi.ts';
export { clientNameOf } from './words.ts';

/** The consent page the provider opens; it loads on first visit. */
export const singleSignOnRoutes: readonly RouteObject[] = [
  {
    path: 'sso/consent',
    lazy: async () => ({ Component: (await import('./ConsentPage.tsx')).ConsentPage }),
  },
];

/** Pages inside the administration area (its layout checks who may see them). */
export const singleSignOnAdministrationRoutes: readonly RouteObject[] = [
  {
    path: 'sso-clients',
    lazy: async () => ({ Component: (await import('./SsoClientsPage.tsx')).SsoClientsPage }),
  },
];
