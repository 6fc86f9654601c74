/**
 * Platform idempotency (DESIGN rule 6): creating writes accept an Idempotency-Key, so a retried
 * submission is answered with the first result instead of being done twice. See docs/notifications.md.
 */
export {
  DEFAULT_IDEMPOTENCY_TTL_MS,
  findIdempotentReplay,
  hashRequestBody,
  IdempotencyHeaders,
  type IdempotentOutcome,
  type IdempotentRequest,
  purgeExpiredIdempotencyRecords,
  startIdempotencyCleanup,
  withIdempotency,
} from './idempotency.ts';
