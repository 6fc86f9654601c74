import { DomainError, type FieldProblem } from '../../../platform/errors/index.ts';

export const evaluationErrors = {
  invalid: (fields: readonly FieldProblem[]) =>
    new DomainError({
      kind: 'invalid',
      code: 'feedback.evaluation-invalid',
      title: 'The evaluation request is not valid',
      detail: fields.map((field) => `${field.pointer} ${field.detail}`).join('; '),
      fields,
    }),
  outsideArea: (permission: string) =>
    new DomainError({
      kind: 'forbidden',
      code: 'feedback.outside-scope',
      title: 'Outside your area',
      detail: `Your grants of ${permission} do not cover that division.`,
    }),
  noScheme: (divisionCode: string, unitClass: string) =>
    new DomainError({
      kind: 'not-found',
      code: 'feedback.evaluation-scheme-missing',
      title: 'No evaluation scheme',
      detail: `No evaluation scheme for ${unitClass} units applies at division ${divisionCode}; an administrator with feedback.evaluation.configure sets one (definitions, exclusions and weights).`,
    }),
  alertNotFound: (id: string) =>
    new DomainError({
      kind: 'not-found',
      code: 'feedback.hot-topic-not-found',
      title: 'Not found',
      detail: `There is no hot-topic alert ${id} in your area.`,
    }),
  alreadyAcknowledged: () =>
    new DomainError({
      kind: 'conflict',
      code: 'feedback.hot-topic-acknowledged',
      title: 'Already acknowledged',
      detail: 'This alert was already acknowledged; the first acknowledgement stands.',
    }),
};
