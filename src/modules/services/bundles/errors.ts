import { DomainError, type FieldProblem } from '../../../platform/errors/index.ts';

const listed = (fields: readonly FieldProblem[]) =>
  fields.map((field) => `${field.pointer} ${field.detail}`).join('; ');

export const bundleErrors = {
  notFound: (code: string, divisionCode: string) =>
    new DomainError({
      kind: 'not-found',
      code: 'services.bundle-not-found',
      title: 'No such bundle here',
      detail: `No bundle ${code} serves division ${divisionCode}.`,
    }),
  caseNotFound: (number: string) =>
    new DomainError({
      kind: 'not-found',
      code: 'services.bundle-case-not-found',
      title: 'No such bundle case',
      detail: `There is no bundle case ${number} of yours.`,
    }),
  invalidDefinition: (fields: readonly FieldProblem[]) =>
    new DomainError({
      kind: 'invalid',
      code: 'services.invalid-bundle',
      title: 'The bundle definition has problems',
      detail: listed(fields),
      fields,
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
      detail: 'Confirm that the answers are true before submitting.',
      fields: [{ pointer: '/declarationAccepted', detail: 'must be true' }],
    }),
  notPermitted: (divisionCode: string) =>
    new DomainError({
      kind: 'forbidden',
      code: 'services.catalogue-not-permitted',
      title: 'Not permitted here',
      detail: `You may not define bundles for division ${divisionCode}.`,
    }),
};
