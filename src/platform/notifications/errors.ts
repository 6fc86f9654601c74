import { DomainError, type FieldProblem } from '../errors/index.ts';

export const notificationErrors = {
  invalidNotification: (fields: readonly FieldProblem[]) =>
    new DomainError({
      kind: 'invalid',
      code: 'platform.invalid-notification',
      title: 'The notification is not valid',
      detail: fields.map((field) => `${field.pointer} ${field.detail}`).join('; '),
      fields,
    }),
  notFound: () =>
    new DomainError({
      kind: 'not-found',
      code: 'platform.notification-not-found',
      title: 'Not found',
      // The same answer for another account's notification: ids of others' notices reveal nothing.
      detail: 'You have no notification with this id.',
    }),
  invalidCursor: () =>
    new DomainError({
      kind: 'invalid',
      code: 'invalid-cursor',
      title: 'The cursor is not valid',
      detail: 'cursor (in the query string) is not one this API gave out; start again without it.',
      fields: [{ pointer: '/cursor', detail: 'is not a cursor this API gave out' }],
    }),
};
