import { DomainError, type FieldProblem } from '../../platform/errors/index.ts';

/** Why the hub refused an exchange: each is a 403 problem whose code and detail say which rule held. */
const refused = (code: string, title: string, detail: string) =>
  new DomainError({ kind: 'forbidden', code: `sharing.${code}`, title, detail });

export const sharingErrors = {
  invalid: (fields: readonly FieldProblem[]) =>
    new DomainError({
      kind: 'invalid',
      code: 'sharing.invalid-input',
      title: 'The input is not valid',
      detail: fields.map((field) => `${field.pointer} ${field.detail}`).join('; '),
      fields,
    }),
  codeTaken: (code: string) =>
    new DomainError({
      kind: 'conflict',
      code: 'sharing.resource-code-taken',
      title: 'Resource code taken',
      detail: `A resource with the code ${code} is already registered.`,
      fields: [{ pointer: '/code', detail: 'is already registered' }],
    }),
  noDepartment: () =>
    new DomainError({
      kind: 'forbidden',
      code: 'sharing.no-department',
      title: 'Not acting for a department',
      detail: 'Only staff of a government department register, request and decide data resources.',
    }),
  resourceNotFound: (key: string) =>
    new DomainError({
      kind: 'not-found',
      code: 'sharing.resource-not-found',
      title: 'Not found',
      detail: `There is no data resource ${key}.`,
    }),
  // The same answer whether the request exists or the reader is not party to it.
  requestNotFound: () =>
    new DomainError({
      kind: 'not-found',
      code: 'sharing.request-not-found',
      title: 'Not found',
      detail: 'There is no such request among those your department is party to.',
    }),
  agreementNotFound: () =>
    new DomainError({
      kind: 'not-found',
      code: 'sharing.agreement-not-found',
      title: 'Not found',
      detail: 'There is no such agreement among those your department is party to.',
    }),
  notOwner: () =>
    new DomainError({
      kind: 'forbidden',
      code: 'sharing.not-owner',
      title: 'Not the owner',
      detail: 'Only the owning department, with sharing.requests.decide over it, decides this.',
    }),
  notShared: (reason: string) =>
    new DomainError({
      kind: 'conflict',
      code: 'sharing.resource-not-shared',
      title: 'This resource is not shared',
      detail: `The owner does not share this resource: ${reason}`,
    }),
  ownResource: () =>
    new DomainError({
      kind: 'conflict',
      code: 'sharing.own-resource',
      title: 'Your own resource',
      detail: 'A department does not request its own resource; it reads it directly.',
    }),
  alreadyDecided: (status: string) =>
    new DomainError({
      kind: 'conflict',
      code: 'sharing.request-decided',
      title: 'Already decided',
      detail: `This request is already ${status}.`,
    }),
  agreementRevoked: () =>
    new DomainError({
      kind: 'conflict',
      code: 'sharing.agreement-revoked',
      title: 'Agreement revoked',
      detail: 'A revoked agreement does not change any more; the consumer asks again.',
    }),
  consentNotFound: () =>
    new DomainError({
      kind: 'not-found',
      code: 'sharing.consent-not-found',
      title: 'Not found',
      detail: 'There is no such consent of yours that is still in force.',
    }),
  consentNotNeeded: () =>
    new DomainError({
      kind: 'conflict',
      code: 'sharing.consent-not-needed',
      title: 'No consent asked',
      detail: 'This agreement is not on a resource that asks for consent, or it is no longer in force.',
    }),
  citizensOnly: () =>
    new DomainError({
      kind: 'forbidden',
      code: 'sharing.citizens-only',
      title: 'Citizens only',
      detail: 'Only a citizen consents to the use of their own data.',
    }),
  systemKeyMissing: () =>
    new DomainError({
      kind: 'unauthenticated',
      code: 'sharing.system-key-required',
      title: 'System key required',
      detail: 'Call the hub with the system key the department registered, in the header X-Sharing-Key.',
    }),
  systemNotFound: () =>
    new DomainError({
      kind: 'not-found',
      code: 'sharing.system-not-found',
      title: 'Not found',
      detail: 'There is no such system of your department.',
    }),
  noAgreement: () =>
    refused(
      'no-agreement',
      'No agreement',
      'Your department has no agreement on this resource: the hub denies by default. Request the resource first.',
    ),
  agreementSuspended: (reason: string | null) =>
    refused(
      'agreement-suspended',
      'Agreement suspended',
      `The agreement is suspended: ${reason ?? 'no reason given'}.`,
    ),
  agreementRevokedAtHub: (reason: string | null) =>
    refused(
      'agreement-revoked',
      'Agreement revoked',
      `The agreement was revoked: ${reason ?? 'no reason given'}.`,
    ),
  agreementExpired: (until: Date) =>
    refused('agreement-expired', 'Agreement expired', `The agreement ended at ${until.toISOString()}.`),
  agreementNotYetValid: (from: Date) =>
    refused(
      'agreement-not-yet-valid',
      'Agreement not yet valid',
      `The agreement starts at ${from.toISOString()}.`,
    ),
  purposeNotAgreed: (purpose: string, purposes: readonly string[]) =>
    refused(
      'purpose-not-agreed',
      'Purpose not agreed',
      `The purpose "${purpose}" is not one the agreement allows (${purposes.join('; ')}).`,
    ),
  fieldsNotAgreed: (fields: readonly string[]) =>
    refused(
      'fields-not-agreed',
      'Fields not agreed',
      `The agreement does not cover the fields ${fields.join(', ')}.`,
    ),
  divisionNotAgreed: () =>
    refused(
      'division-not-agreed',
      'Division not agreed',
      'The record lies outside the divisions the agreement covers.',
    ),
  consentMissing: () =>
    refused(
      'consent-missing',
      'Consent missing',
      "This resource needs the citizen's consent for your department and this purpose, and there is none.",
    ),
  consentRevoked: (at: Date) =>
    refused(
      'consent-revoked',
      'Consent revoked',
      `The citizen withdrew their consent for your department and this purpose at ${at.toISOString()}.`,
    ),
  rateLimited: (limit: number) =>
    new DomainError({
      kind: 'rate-limited',
      code: 'sharing.rate-limited',
      title: 'Rate limit reached',
      detail: `The agreement allows ${limit} exchanges a minute; try again in a minute.`,
    }),
  recordNotFound: () =>
    new DomainError({
      kind: 'not-found',
      code: 'sharing.record-not-found',
      title: 'No record',
      detail: 'The owner holds no record for this subject.',
    }),
  providerFailed: (detail: string) =>
    new DomainError({
      kind: 'unavailable',
      code: 'sharing.provider-failed',
      title: 'Provider failed',
      detail: `The provider's endpoint did not answer usably: ${detail}`,
    }),
  notRecorded: () =>
    new DomainError({
      kind: 'unavailable',
      code: 'sharing.not-recorded',
      title: 'Exchange not recorded',
      detail: 'The ledger could not record this exchange, so no data was exchanged (no log, no exchange).',
    }),
};
