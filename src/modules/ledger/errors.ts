import { DomainError } from '../../platform/errors/index.ts';

export const ledgerErrors = {
  emptyLog: () =>
    new DomainError({
      kind: 'not-found',
      code: 'ledger.empty',
      title: 'The ledger has no checkpoint yet',
      detail:
        'Nothing has been integrated into the ledger yet; the first checkpoint follows the first audited change.',
    }),
  leafNotFound: (index: bigint, size: bigint) =>
    new DomainError({
      kind: 'not-found',
      code: 'ledger.leaf-not-found',
      title: 'No such leaf',
      detail: `Leaf ${index} is not in the log, which has ${size} leaves.`,
    }),
  sizeOutOfRange: (what: string, value: bigint, size: bigint) =>
    new DomainError({
      kind: 'invalid',
      code: 'ledger.size-out-of-range',
      title: 'Tree size out of range',
      detail: `${what} is ${value}, but the log has ${size} leaves.`,
    }),
  badProofRequest: (detail: string) =>
    new DomainError({
      kind: 'invalid',
      code: 'ledger.bad-proof-request',
      title: 'Proof request is not valid',
      detail,
    }),
  badCosignature: (detail: string) =>
    new DomainError({
      kind: 'invalid',
      code: 'ledger.bad-cosignature',
      title: 'Cosignature not accepted',
      detail,
    }),
  unknownWitness: () =>
    new DomainError({
      kind: 'forbidden',
      code: 'ledger.unknown-witness',
      title: 'Not a configured witness',
      detail:
        'The note carries no cosignature by a witness this deployment accepts (SHUZHI_LEDGER_WITNESS_KEYS).',
    }),
  inconsistentLog: (detail: string) =>
    new DomainError({
      kind: 'conflict',
      code: 'ledger.inconsistent-log',
      title: 'The witnessed log forked',
      detail,
    }),
};
