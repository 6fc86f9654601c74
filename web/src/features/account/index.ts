/** The citizen account feature's face: the only file the app shell imports from it. */
import type { RouteObject } from 'react-router';

export { AccountHeaderLink } from './AccountHeaderLink.tsx';
export { AccountStatusProvider, useAccountStatus } from './AccountStatusContext.tsx';
export { type DivisionOption, DivisionSearchField } from './DivisionSearchField.tsx';
/** Form parts other features' forms share, so every form on the site reports problems alike. */
export {
  ErrorSummary,
  FieldError,
  FormField,
  newIdempotencyKey,
  SelectField,
  type SummaryItem,
  summaryItemsOf,
  TextField,
  textPropsOf,
  useFormProblems,
} from './forms.tsx';
export { accountMessages } from './i18n.ts';
export { accountPaths } from './paths.ts';
export { type FieldErrors, fieldOfPointer, isUnreachable } from './problems.ts';
export { type SignedInFetch, useSignedInFetch } from './useSignedInFetch.ts';

/** The pages load on first visit, so that a reader of the dashboard never downloads the forms. */
export const accountRoutes: readonly RouteObject[] = [
  {
    path: 'account',
    lazy: async () => ({ Component: (await import('./MyAccountPage.tsx')).MyAccountPage }),
  },
  {
    path: 'account/register',
    lazy: async () => ({ Component: (await import('./RegisterPage.tsx')).RegisterPage }),
  },
  {
    path: 'account/sign-in',
    lazy: async () => ({ Component: (await import('./SignInPage.tsx')).SignInPage }),
  },
  {
    path: 'account/second-factor',
    lazy: async () => ({
      Component: (await import('./SecondFactorEnrolmentPage.tsx')).SecondFactorEnrolmentPage,
    }),
  },
  {
    path: 'account/password',
    lazy: async () => ({ Component: (await import('./ChangePasswordPage.tsx')).ChangePasswordPage }),
  },
  {
    path: 'account/password-reset',
    lazy: async () => ({ Component: (await import('./PasswordResetPage.tsx')).PasswordResetPage }),
  },
];
