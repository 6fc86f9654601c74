/** Addresses of the single sign-on pages. The provider sends browsers to the consent page by this path. */
export const singleSignOnPaths = {
  consent: '/sso/consent',
  clients: '/admin/sso-clients',
  /** Server routes, not pages of the app: the browser navigates to them so the server runs the protocol. */
  signIn: '/auth/sign-in',
  signOut: '/auth/sign-out',
} as const;

/** The server's sign-in through the platform's provider, coming back to `returnTo` (a path on this site). */
export function webSignInUrl(returnTo?: string): string {
  return returnTo
    ? `${singleSignOnPaths.signIn}?${new URLSearchParams({ returnTo })}`
    : singleSignOnPaths.signIn;
}
