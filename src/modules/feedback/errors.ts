import { DomainError, type FieldProblem } from '../../platform/errors/index.ts';

export const feedbackErrors = {
  invalidRequest: (fields: readonly FieldProblem[]) =>
    new DomainError({
      kind: 'invalid',
      code: 'feedback.invalid-request',
      title: 'The request is not valid',
      detail: `${fields.length} problem${fields.length === 1 ? '' : 's'}: ${fields
        .map((field) => `${field.pointer} ${field.detail}`)
        .join('; ')}`,
      fields,
    }),
  idempotencyKeyReused: () =>
    new DomainError({
      kind: 'conflict',
      code: 'idempotency-key-reused',
      title: 'Idempotency-Key already used',
      detail:
        'This Idempotency-Key was already used for a different request. Use a new key for a new submission.',
    }),
  requestNotFound: (id: string) =>
    new DomainError({
      kind: 'not-found',
      code: 'feedback.request-not-found',
      title: 'Not found',
      detail: `There is no request ${id}.`,
    }),
  photoNotFound: () =>
    new DomainError({
      kind: 'not-found',
      code: 'feedback.photo-not-found',
      title: 'Not found',
      detail: 'There is no such photo of this request.',
    }),
  // Said the same way whether the request exists or not: a handler elsewhere learns nothing from it.
  notHandler: () =>
    new DomainError({
      kind: 'not-found',
      code: 'feedback.request-not-found',
      title: 'Not found',
      detail: 'There is no such request among those your department holds or is offered.',
    }),
  enterOutsideScope: () =>
    new DomainError({
      kind: 'forbidden',
      code: 'feedback.outside-scope',
      title: 'Outside your area',
      detail: 'You may enter calls only about places in the area of your grant of feedback.requests.enter.',
    }),
  phoneEntryNeedsPermission: () =>
    new DomainError({
      kind: 'forbidden',
      code: 'permission-denied',
      title: 'Permission denied',
      detail: 'Entering a phone call needs the permission feedback.requests.enter.',
    }),
  onlyCitizensSubmit: () =>
    new DomainError({
      kind: 'forbidden',
      code: 'feedback.citizens-only',
      title: 'Only citizens submit on the web',
      detail:
        'Staff and enterprise accounts enter calls with channel "phone" and the permission feedback.requests.enter.',
    }),
  statusChange: (from: string, to: string) =>
    new DomainError({
      kind: 'conflict',
      code: 'feedback.status-not-allowed',
      title: 'That status change is not allowed',
      detail: `A request that is ${from} cannot become ${to}: a status only moves forward, and closed is final.`,
      fields: [{ pointer: '/status', detail: `cannot follow ${from}` }],
    }),
  transferPending: () =>
    new DomainError({
      kind: 'conflict',
      code: 'feedback.transfer-pending',
      title: 'A transfer is already under way',
      detail:
        'This request already has a transfer waiting for an answer or a decision; finish that one first.',
    }),
  transferNotFound: (id: string) =>
    new DomainError({
      kind: 'not-found',
      code: 'feedback.transfer-not-found',
      title: 'Not found',
      detail: `There is no transfer ${id} waiting on your department.`,
    }),
  transferState: (status: string, action: string) =>
    new DomainError({
      kind: 'conflict',
      code: 'feedback.transfer-state',
      title: 'Not possible in this state',
      detail: `The transfer is ${status}; it cannot be ${action} now.`,
    }),
  noArbiter: () =>
    new DomainError({
      kind: 'conflict',
      code: 'feedback.no-arbiter',
      title: 'No office above to decide',
      detail:
        'No general office is registered at a division above both departments; register one as a handling unit first.',
    }),
  requestClosed: () =>
    new DomainError({
      kind: 'conflict',
      code: 'feedback.request-closed',
      title: 'The request is closed',
      detail: 'A closed request is not transferred or changed.',
    }),
  outsideRoutingScope: () =>
    new DomainError({
      kind: 'forbidden',
      code: 'feedback.outside-scope',
      title: 'Outside your area',
      detail: 'You may manage handling units and routing rules only within the area of your grant.',
    }),
  unitTaken: (divisionCode: string, functionCode: string) =>
    new DomainError({
      kind: 'conflict',
      code: 'feedback.unit-function-taken',
      title: 'Function already served',
      detail: `Division ${divisionCode} already has a handling unit for ${functionCode}.`,
      fields: [{ pointer: '/functionCode', detail: 'is already served at this division' }],
    }),
  clientNotFound: (id: string) =>
    new DomainError({
      kind: 'not-found',
      code: 'feedback.open311-client-not-found',
      title: 'Not found',
      detail: `There is no active Open311 client ${id}.`,
    }),
  previewOutdated: () =>
    new DomainError({
      kind: 'conflict',
      code: 'feedback.reply-preview-outdated',
      title: 'Preview the reply again',
      detail:
        'The redacted text sent is not what the public would see of this reply now; preview it again and publish what the preview shows.',
      fields: [{ pointer: '/previewedText', detail: 'differs from the redaction of /text' }],
    }),
  clockNotRunning: (kind: string) =>
    new DomainError({
      kind: 'conflict',
      code: 'feedback.clock-not-running',
      title: 'That clock is not running',
      detail: `The ${kind} clock of this request has stopped or was never started, so it cannot be extended.`,
      fields: [{ pointer: '/clock', detail: 'is not running' }],
    }),
  extensionPending: () =>
    new DomainError({
      kind: 'conflict',
      code: 'feedback.extension-pending',
      title: 'An extension is already waiting',
      detail: 'This clock already has an extension waiting for a decision.',
    }),
  extensionNotFound: (id: string) =>
    new DomainError({
      kind: 'not-found',
      code: 'feedback.extension-not-found',
      title: 'Not found',
      detail: `There is no extension ${id} waiting for your decision.`,
    }),
  notOwnRequest: () =>
    new DomainError({
      kind: 'not-found',
      code: 'feedback.request-not-found',
      title: 'Not found',
      detail: 'There is no such request among those you submitted.',
    }),
  notClosed: () =>
    new DomainError({
      kind: 'conflict',
      code: 'feedback.request-not-closed',
      title: 'The request is not closed',
      detail: 'A request is rated or reopened once it has been closed.',
    }),
  alreadyRated: () =>
    new DomainError({
      kind: 'conflict',
      code: 'feedback.already-rated',
      title: 'Already rated',
      detail:
        'This answer has already been rated; it can be rated again if the request is reopened and closed again.',
    }),
  reopenNotAllowed: (reason: string) =>
    new DomainError({
      kind: 'conflict',
      code: 'feedback.reopen-not-allowed',
      title: 'The request cannot be reopened',
      detail: reason,
    }),
};
