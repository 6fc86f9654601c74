/** Public addresses of the account pages: links in letters and text messages point here. */
export const accountPaths = {
  myAccount: '/account',
  register: '/account/register',
  signIn: '/account/sign-in',
} as const;

/** What the sign-in page says on arrival, passed in the navigation's state. */
export type SignInNotice = 'registered' | 'signedOut' | 'signedOutEverywhere' | 'sessionEnded';

export function signInNoticeOf(state: unknown): SignInNotice | undefined {
  const notice =
    typeof state === 'object' && state !== null ? (state as { notice?: unknown }).notice : undefined;
  return notice === 'registered' ||
    notice === 'signedOut' ||
    notice === 'signedOutEverywhere' ||
    notice === 'sessionEnded'
    ? notice
    : undefined;
}
