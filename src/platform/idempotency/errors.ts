import { DomainError } from '../errors/index.ts';

export const idempotencyErrors = {
  invalidKey: (why: string) =>
    new DomainError({
      kind: 'invalid',
      code: 'invalid-idempotency-key',
      title: 'The Idempotency-Key is not valid',
      detail: `The Idempotency-Key header ${why}: send 1 to 200 visible ASCII characters, such as a UUID.`,
    }),
  keyReused: () =>
    new DomainError({
      kind: 'conflict',
      code: 'idempotency-key-reused',
      title: 'Idempotency-Key already used',
      detail:
        'This Idempotency-Key was already used for a different request. Use a new key for a new submission.',
    }),
};
