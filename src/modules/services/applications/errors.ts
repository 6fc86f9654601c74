import { DomainError, type FieldProblem } from '../../../platform/errors/index.ts';

const listed = (fields: readonly FieldProblem[]) =>
  fields.map((field) => `${field.pointer} ${field.detail}`).join('; ');

export const applicationErrors = {
  notFound: (id: string) =>
    new DomainError({
      kind: 'not-found',
      code: 'services.application-not-found',
      title: 'No such application',
      detail: `There is no application ${id} of yours.`,
    }),
  notServed: (code: string, divisionCode: string) =>
    new DomainError({
      kind: 'invalid',
      code: 'services.item-not-served',
      title: 'This item cannot be applied for online here',
      detail: `No implementation of ${code} serving division ${divisionCode} accepts online applications.`,
    }),
  wrongApplicant: (detail: string) =>
    new DomainError({
      kind: 'forbidden',
      code: 'services.wrong-applicant',
      title: 'Not for this applicant',
      detail,
    }),
  notDraft: (state: string) =>
    new DomainError({
      kind: 'conflict',
      code: 'services.application-not-draft',
      title: 'The application is no longer a draft',
      detail: `The application is ${state}; only a draft can be changed, discarded or submitted.`,
    }),
  invalidAnswers: (fields: readonly FieldProblem[]) =>
    new DomainError({
      kind: 'invalid',
      code: 'services.answers-invalid',
      title: 'Some answers are not valid',
      detail: listed(fields),
      fields,
    }),
  declarationRequired: () =>
    new DomainError({
      kind: 'invalid',
      code: 'services.declaration-required',
      title: 'The declaration must be accepted',
      detail: 'Confirm that the answers and materials are true before submitting.',
      fields: [{ pointer: '/declarationAccepted', detail: 'must be true' }],
    }),
  ineligible: (pageKey: string) =>
    new DomainError({
      kind: 'invalid',
      code: 'services.applicant-ineligible',
      title: 'The answers end the application',
      detail: `The answers lead to the exit page ${pageKey}: this item cannot be applied for in this case.`,
      fields: [{ pointer: `/form/ui/pages/${pageKey}`, detail: 'is an exit page the answers reach' }],
    }),
  notAwaitingSupplements: (state: string) =>
    new DomainError({
      kind: 'conflict',
      code: 'services.application-not-awaiting-supplements',
      title: 'No supplements are asked for',
      detail: `The application is ${state}.`,
    }),
  notDecided: (state: string) =>
    new DomainError({
      kind: 'conflict',
      code: 'services.application-not-decided',
      title: 'The application is not decided yet',
      detail: `The application is ${state}; it can be rated once approved or rejected.`,
    }),
  alreadyRated: () =>
    new DomainError({
      kind: 'conflict',
      code: 'services.application-already-rated',
      title: 'The application is rated already',
      detail: 'An application is rated once.',
    }),
  invalidUpload: (pointer: string, detail: string) =>
    new DomainError({
      kind: 'invalid',
      code: 'services.upload-invalid',
      title: 'The file cannot be taken',
      detail: `${pointer} ${detail}`,
      fields: [{ pointer, detail }],
    }),
  uploadsClosed: (state: string) =>
    new DomainError({
      kind: 'conflict',
      code: 'services.uploads-closed',
      title: 'Files cannot be added now',
      detail: `The application is ${state}; files are taken for a draft or while supplements are asked for.`,
    }),
  caseNotFound: (id: string) =>
    new DomainError({
      kind: 'not-found',
      code: 'services.case-not-found',
      title: 'No such case',
      detail: `There is no case ${id} that you handle.`,
    }),
  notOpen: (state: string, what: string) =>
    new DomainError({
      kind: 'conflict',
      code: 'services.application-not-open',
      title: 'The case is not being handled',
      detail: `The application is ${state}; ${what} only while it is submitted, accepted or awaiting supplements.`,
    }),
  extensionNotFound: (id: string) =>
    new DomainError({
      kind: 'not-found',
      code: 'services.extension-not-found',
      title: 'No such extension request',
      detail: `There is no extension request ${id} that you may decide.`,
    }),
  extensionPending: () =>
    new DomainError({
      kind: 'conflict',
      code: 'services.extension-pending',
      title: 'An extension request is already waiting',
      detail:
        'The case has an extension request awaiting a decision; one is decided before another is asked.',
    }),
  extensionDecided: (state: string) =>
    new DomainError({
      kind: 'conflict',
      code: 'services.extension-decided',
      title: 'The extension request is decided already',
      detail: `The request was ${state}.`,
    }),
  ownExtension: () =>
    new DomainError({
      kind: 'forbidden',
      code: 'services.extension-own-request',
      title: 'You asked for this extension',
      detail: 'An extension is approved or refused by someone other than the handler who asked for it.',
    }),
  invalidInput: (fields: readonly FieldProblem[]) =>
    new DomainError({
      kind: 'invalid',
      code: 'services.input-invalid',
      title: 'Some fields are not valid',
      detail: listed(fields),
      fields,
    }),
};
