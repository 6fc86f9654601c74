import { DomainError } from '../../../platform/errors/index.ts';

export const signInErrors = {
  // One answer for an unknown identifier, a wrong password and a disabled account: telling them apart
  // would let anyone find out who has an account.
  failed: () =>
    new DomainError({
      kind: 'unauthenticated',
      code: 'identity.sign-in-failed',
      title: 'Sign-in failed',
      detail: 'The ID number or phone number, or the password, is not right.',
    }),
  throttled: (retryAfterSeconds: number) =>
    new DomainError({
      kind: 'rate-limited',
      code: 'identity.sign-in-throttled',
      title: 'Too many failed sign-ins',
      detail: `Too many failed sign-ins for this account or from this address. Try again in ${retryAfterSeconds} seconds.`,
    }),
  noSession: () =>
    new DomainError({
      kind: 'unauthenticated',
      code: 'sign-in-required',
      title: 'Sign-in required',
      detail: 'This needs a signed-in browser session.',
    }),
};

export const secondFactorErrors = {
  required: () =>
    new DomainError({
      kind: 'unauthenticated',
      code: 'identity.second-factor-required',
      title: 'Code required',
      detail: 'This account signs in with a code from its authenticator app as well: send it as otp.',
    }),
  alreadyEnrolled: () =>
    new DomainError({
      kind: 'conflict',
      code: 'identity.totp-already-enrolled',
      title: 'Already enrolled',
      detail: 'This account already has an authenticator app; ask an administrator to reset it.',
    }),
  notStarted: () =>
    new DomainError({
      kind: 'conflict',
      code: 'identity.totp-not-started',
      title: 'Enrolment not started',
      detail: 'Start the enrolment first (POST /api/identity/totp) to get a secret for the app.',
    }),
  wrongCode: () =>
    new DomainError({
      kind: 'invalid',
      code: 'identity.totp-code-wrong',
      title: 'Wrong code',
      detail: 'The code does not match, or was already used. Enter the code the app shows now.',
      fields: [{ pointer: '/code', detail: 'is not the current code' }],
    }),
};
