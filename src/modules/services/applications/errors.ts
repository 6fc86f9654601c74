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
};
