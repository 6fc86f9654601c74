import { requestJson } from '../../app/api.ts';

/** The shapes of src/modules/identity/people/schemas.ts and sign-in/schemas.ts that the pages use. */
export interface MaskedPerson {
  maskedName: string;
  maskedResidentId: string;
  maskedPhone: string;
}

export interface RegistrationForm {
  name: string;
  residentId: string;
  phone: string;
  password: string;
  divisionCode: string;
}

export interface SessionSummary {
  id: string;
  isCurrent: boolean;
  authenticationMethods: readonly string[];
  userAgent: string | null;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
}

export interface Me {
  accountId: string;
  kind: 'citizen' | 'staff' | 'enterprise';
  divisionCode: string;
  person: MaskedPerson | null;
  /** Staff: their department; enterprise accounts: the organisation they act for. */
  organisation: { id: string; nameZh: string; nameEn: string | null; creditCode: string | null } | null;
  secondFactor: { isEnrolled: boolean; isRequired: boolean; isProvenInThisSession: boolean };
  sessions: readonly SessionSummary[];
}

/** A staff member signed in without an enrolled authenticator may do nothing but enrol one. */
export function mustEnrolSecondFactor(me: Me): boolean {
  return me.secondFactor.isRequired && !me.secondFactor.isEnrolled;
}

export interface TotpEnrolment {
  secret: string;
  otpauthUri: string;
}

export interface DivisionMatch {
  code: string;
  name: string;
  fullName: string;
  isPlaceholder: boolean;
  level: number;
}

/** Codes of the problems the account pages answer in their own words. */
export const problemCodes = {
  invalidRegistration: 'identity.invalid-registration',
  residentIdTaken: 'identity.resident-id-already-registered',
  phoneTaken: 'identity.phone-already-registered',
  validationFailed: 'validation-failed',
  signInFailed: 'identity.sign-in-failed',
  throttled: 'identity.sign-in-throttled',
  secondFactorRequired: 'identity.second-factor-required',
  totpCodeWrong: 'identity.totp-code-wrong',
  totpAlreadyEnrolled: 'identity.totp-already-enrolled',
  invalidPasswordChange: 'identity.invalid-password-change',
  resetCodeInvalid: 'identity.reset-code-invalid',
} as const;

/** The same idempotency key for every retry of one form fill, so that a lost answer never registers twice. */
export function register(form: RegistrationForm, idempotencyKey: string): Promise<unknown> {
  return requestJson('/api/identity/registrations', {
    method: 'POST',
    body: form,
    headers: { 'Idempotency-Key': idempotencyKey },
  });
}

export function signIn(body: { identifier: string; password: string; otp?: string }): Promise<unknown> {
  return requestJson('/api/identity/sessions', { method: 'POST', body });
}

export function fetchMe(signal?: AbortSignal): Promise<Me> {
  return requestJson<Me>('/api/identity/me', signal ? { signal } : {});
}

export function signOutEverywhere(): Promise<unknown> {
  return requestJson('/api/identity/sessions', { method: 'DELETE' });
}

export function startTotpEnrolment(): Promise<TotpEnrolment> {
  return requestJson<TotpEnrolment>('/api/identity/totp', { method: 'POST' });
}

export function confirmTotpEnrolment(code: string): Promise<unknown> {
  return requestJson('/api/identity/totp/confirmation', { method: 'POST', body: { code } });
}

export function changePassword(body: {
  currentPassword: string;
  newPassword: string;
}): Promise<{ endedSessions: number }> {
  return requestJson<{ endedSessions: number }>('/api/identity/me/password', { method: 'PUT', body });
}

export function completePasswordReset(body: { code: string; newPassword: string }): Promise<unknown> {
  return requestJson('/api/identity/password-reset/completion', { method: 'POST', body });
}

export async function searchDivisions(query: string, signal: AbortSignal): Promise<readonly DivisionMatch[]> {
  const parameters = new URLSearchParams({ q: query, limit: '10' });
  const answer = await requestJson<{ results: DivisionMatch[] }>(`/api/divisions?${parameters}`, { signal });
  return answer.results;
}

export async function fetchDivisionName(code: string, signal: AbortSignal): Promise<string> {
  const division = await requestJson<{ fullName: string }>(`/api/divisions/${encodeURIComponent(code)}`, {
    signal,
  });
  return division.fullName;
}
