import type { TFunction } from 'i18next';
import { ApiError } from '../../app/api.ts';
import { formatDuration } from '../../app/format.ts';
import type { Language } from '../../app/languages.ts';
import { problemCodes } from './accountApi.ts';

export type AccountT = TFunction<'account'>;

/** A problem with one field, keyed by the field's name; the order of a form's fields orders the summary. */
export type FieldErrors<Field extends string> = Partial<Record<Field, string>>;

const residentIdReasons = ['wrong-length', 'bad-characters', 'bad-birth-date', 'bad-check-digit'] as const;
const phoneReasons = ['wrong-length', 'bad-characters', 'not-mobile'] as const;
const passwordReasons = ['too-short', 'too-long', 'common', 'repetitive', 'personal-data'] as const;

function isOneOf<T extends string>(value: string | undefined, options: readonly T[]): value is T {
  return options.some((option) => option === value);
}

/** The server ends a field's detail with its reason code in brackets: "… (bad-check-digit)". */
export function reasonOf(detail: string): string | undefined {
  return /\(([a-z-]+)\)\s*$/.exec(detail)?.[1];
}

/** '/residentId' → 'residentId'; only top-level body fields name a form field. */
export function fieldOfPointer(pointer: string): string {
  return pointer.replace(/^\//, '').split('/')[0] ?? '';
}

export type RegistrationField = 'name' | 'residentId' | 'phone' | 'password' | 'divisionCode' | 'declaration';

/** The reader's own words for a field problem the server reported; its English detail when unknown. */
function registrationFieldMessage(t: AccountT, field: string, detail: string, code: string | undefined) {
  const reason = reasonOf(detail);
  if (field === 'residentId') {
    if (code === problemCodes.residentIdTaken) return t('problems.residentId.taken');
    if (isOneOf(reason, residentIdReasons)) return t(`problems.residentId.${reason}`);
  }
  if (field === 'phone') {
    if (code === problemCodes.phoneTaken) return t('problems.phone.taken');
    if (isOneOf(reason, phoneReasons)) return t(`problems.phone.${reason}`);
  }
  if (field === 'password' && isOneOf(reason, passwordReasons)) return t(`problems.password.${reason}`);
  if (code === problemCodes.invalidRegistration) {
    if (field === 'name') return t('problems.name.invalid');
    if (field === 'divisionCode') return t('problems.divisionCode.invalid');
  }
  return detail;
}

const registrationFields: readonly string[] = ['name', 'residentId', 'phone', 'password', 'divisionCode'];

/** Field errors from a registration problem, and what is left over for the summary alone. */
export function registrationProblems(
  t: AccountT,
  error: ApiError,
): { fields: FieldErrors<RegistrationField>; other: string | undefined } {
  const fields: FieldErrors<RegistrationField> = {};
  const unplaced: string[] = [];
  for (const problem of error.errors) {
    const field = fieldOfPointer(problem.pointer);
    if (problem.in === 'body' && registrationFields.includes(field)) {
      fields[field as RegistrationField] ??= registrationFieldMessage(t, field, problem.detail, error.code);
    } else {
      unplaced.push(`${problem.pointer} ${problem.detail}`);
    }
  }
  const isPlaced = Object.keys(fields).length > 0;
  const other =
    unplaced.length > 0
      ? unplaced.join('; ')
      : isPlaced
        ? undefined
        : t('form.unexpected', { status: error.status, detail: error.detail ?? error.title });
  return { fields, other };
}

/** A refusal for too many attempts (429): how long to wait, where the server said. */
export function throttledMessage(t: AccountT, error: ApiError, language: Language): string {
  const seconds = error.retryAfterSeconds;
  return seconds === undefined
    ? t('problems.throttledNoTime')
    : t('problems.throttled', { wait: formatDuration(seconds, language) });
}

/** fetch rejects with a TypeError when the network or server is down; an ApiError has an answer. */
export function isUnreachable(error: unknown): boolean {
  return !(error instanceof ApiError) && !(error instanceof DOMException && error.name === 'AbortError');
}

export type PasswordField = 'currentPassword' | 'newPassword' | 'code';

/**
 * Field errors from a password change or reset problem, in the reader's words: the new password's
 * reason code (as at registration), a wrong current password, an unusable reset code.
 */
export function passwordProblems(
  t: AccountT,
  error: ApiError,
  fields: readonly PasswordField[],
): { fields: FieldErrors<PasswordField>; other: string | undefined } {
  const placed: FieldErrors<PasswordField> = {};
  const unplaced: string[] = [];
  for (const problem of error.errors) {
    const field = fieldOfPointer(problem.pointer) as PasswordField;
    if (problem.in !== 'body' || !fields.includes(field)) {
      unplaced.push(`${problem.pointer} ${problem.detail}`);
      continue;
    }
    const reason = reasonOf(problem.detail);
    placed[field] ??=
      field === 'code'
        ? t('problems.resetCodeInvalid')
        : field === 'currentPassword'
          ? t('problems.currentPasswordWrong')
          : isOneOf(reason, passwordReasons)
            ? t(`problems.password.${reason}`)
            : reason === 'unchanged'
              ? t('problems.passwordUnchanged')
              : problem.detail;
  }
  const other =
    unplaced.length > 0
      ? unplaced.join('; ')
      : Object.keys(placed).length > 0
        ? undefined
        : t('form.unexpected', { status: error.status, detail: error.detail ?? error.title });
  return { fields: placed, other };
}
