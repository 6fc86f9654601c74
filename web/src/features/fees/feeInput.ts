import type { TFunction } from 'i18next';
import { ApiError } from '../../app/api.ts';
import { type FieldErrors, fieldOfPointer } from '../account/index.ts';

/** The application number as the API checks it, e.g. 330106-20261127-0000427. */
export const APPLICATION_NUMBER = /^[0-9]{2,12}-[0-9]{8}-[0-9]{6}[0-9X]$/;

type ConflictMessage = 'problems.notPayable' | 'problems.settled' | 'problems.noFee';

/** The conflicts of a fee that staff can act on, by the platform's code, to the message that explains them. */
const CONFLICT_MESSAGES: Readonly<Record<string, ConflictMessage>> = {
  'services.fee-not-payable': 'problems.notPayable',
  'services.fee-settled': 'problems.settled',
  'services.no-fee': 'problems.noFee',
};

function conflictMessageOf(code: string | undefined): ConflictMessage | undefined {
  return code === undefined ? undefined : CONFLICT_MESSAGES[code];
}

/**
 * What a fee page shows for a refused request: the problems of its own fields, and one message for the
 * whole form when the refusal is about the application or the account (or unknown) rather than a field.
 */
export function refusalOf<Field extends string>(
  error: unknown,
  fields: readonly Field[],
  t: TFunction<'fees'>,
  forbidden: 'problems.forbidden' | 'problems.forbiddenWaiver',
): { fields: FieldErrors<Field>; whole: string | undefined } {
  if (!(error instanceof ApiError)) return { fields: {}, whole: t('problems.unreachable') };
  const problems: FieldErrors<Field> = {};
  for (const problem of error.errors) {
    const field = fieldOfPointer(problem.pointer) as Field;
    if (fields.includes(field)) problems[field] = problem.detail;
  }
  const conflict = conflictMessageOf(error.code);
  const whole =
    error.status === 404
      ? t('problems.notFound')
      : error.status === 403
        ? t(forbidden)
        : conflict
          ? t(conflict)
          : Object.keys(problems).length > 0
            ? undefined
            : t('problems.unexpected', { status: error.status, detail: error.detail ?? error.title });
  return { fields: problems, whole };
}
