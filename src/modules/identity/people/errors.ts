import { DomainError, type FieldProblem } from '../../../platform/errors/index.ts';

export const peopleErrors = {
  invalidRegistration: (fields: readonly FieldProblem[]) =>
    new DomainError({
      kind: 'invalid',
      code: 'identity.invalid-registration',
      title: 'The registration is not valid',
      detail: `${fields.length} problem${fields.length === 1 ? '' : 's'}: ${fields
        .map((field) => `${field.pointer} ${field.detail}`)
        .join('; ')}`,
      fields,
    }),
  // Says that the number is taken, never by whom: the caller typed it, so nothing new is revealed
  // except that it is registered, which the person needs to know to recover their account.
  residentIdRegistered: () =>
    new DomainError({
      kind: 'conflict',
      code: 'identity.resident-id-already-registered',
      title: 'Already registered',
      detail:
        'An account is already registered with this resident identity number. Sign in, or ask the service desk to recover the account.',
      fields: [{ pointer: '/residentId', detail: 'is already registered' }],
    }),
  phoneRegistered: () =>
    new DomainError({
      kind: 'conflict',
      code: 'identity.phone-already-registered',
      title: 'Phone number already in use',
      detail: 'Another account already uses this mobile number; each account needs its own.',
      fields: [{ pointer: '/phone', detail: 'is already used by another account' }],
    }),
};
