/** Public addresses of the account pages: links in letters and text messages point here. */
export const accountPaths = {
  myAccount: '/account',
  register: '/account/register',
  signIn: '/account/sign-in',
  secondFactor: '/account/second-factor',
  changePassword: '/account/password',
  passwordReset: '/account/password-reset',
  /** The credentials feature's wallet page, linked from My account. */
  wallet: '/account/wallet',
} as const;

/** What the sign-in page says on arrival, passed in the navigation's state. */
export type SignInNotice = 'registered' | 'signedOutEverywhere' | 'sessionEnded' | 'passwordReset';

const signInNotices: readonly SignInNotice[] = [
  'registered',
  'signedOutEverywhere',
  'sessionEnded',
  'passwordReset',
];

/** What My account says on arrival from a page that changed the account. */
export type AccountNotice = 'passwordChanged' | 'secondFactorEnrolled';

const accountNotices: readonly AccountNotice[] = ['passwordChanged', 'secondFactorEnrolled'];

function noticeOf<Notice extends string>(state: unknown, known: readonly Notice[]): Notice | undefined {
  const notice =
    typeof state === 'object' && state !== null ? (state as { notice?: unknown }).notice : undefined;
  return known.find((candidate) => candidate === notice);
}

export function signInNoticeOf(state: unknown): SignInNotice | undefined {
  return noticeOf(state, signInNotices);
}

export function accountNoticeOf(state: unknown): AccountNotice | undefined {
  return noticeOf(state, accountNotices);
}
