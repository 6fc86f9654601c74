import { DomainError, type FieldProblem } from '../../platform/errors/index.ts';
import type { IdentifierRejection } from './identifier.ts';

const IDENTIFIER_REASONS: Record<IdentifierRejection, string> = {
  'bad-shape': 'does not look like <issuer code>-<type code>-<serial><check character>',
  'bad-check-character': 'has a wrong check character: a character was mistyped or two were swapped',
};

export const credentialErrors = {
  invalidIssue: (fields: readonly FieldProblem[]) =>
    new DomainError({
      kind: 'invalid',
      code: 'credentials.invalid-issue',
      title: 'The credential cannot be issued as asked',
      detail: `${fields.length} problem${fields.length === 1 ? '' : 's'}: ${fields
        .map((field) => `${field.pointer} ${field.detail}`)
        .join('; ')}`,
      fields,
    }),
  invalidIdentifier: (reason: IdentifierRejection) =>
    new DomainError({
      kind: 'invalid',
      code: 'credentials.invalid-identifier',
      title: 'Not a credential identifier',
      detail: `The identifier ${IDENTIFIER_REASONS[reason]} (${reason}).`,
      fields: [{ pointer: '/identifier', detail: `${IDENTIFIER_REASONS[reason]} (${reason})` }],
    }),
  notFound: (identifier: string) =>
    new DomainError({
      kind: 'not-found',
      code: 'credentials.not-found',
      title: 'No such credential',
      detail: `No credential ${identifier} was issued here.`,
    }),
  outsideScope: (permission: string) =>
    new DomainError({
      kind: 'forbidden',
      code: 'credentials.outside-scope',
      title: 'Outside your area',
      detail: `You do not hold ${permission} over the organisation that issues this credential.`,
    }),
  notYours: () =>
    new DomainError({
      kind: 'forbidden',
      code: 'credentials.not-yours',
      title: 'Not your credential',
      detail:
        'Only the holder of a credential, and staff of the issuing area with credentials.read, may download it.',
    }),
  statusConflict: (identifier: string, status: string, wanted: string) =>
    new DomainError({
      kind: 'conflict',
      code: 'credentials.status-conflict',
      title: 'Not possible in the credential’s status',
      detail: `Credential ${identifier} is ${status}; it cannot be ${wanted}.`,
    }),
  issuerCodesExhausted: (divisionCode: string) =>
    new DomainError({
      kind: 'conflict',
      code: 'credentials.issuer-codes-exhausted',
      title: 'No issuer code left',
      detail: `Division ${divisionCode} already has 99 issuing organisations; the identifier grammar has room for no more.`,
    }),
};
