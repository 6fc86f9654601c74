import { DomainError, type FieldProblem } from '../../../platform/errors/index.ts';

export const workflowErrors = {
  invalidDefinition: (fields: readonly FieldProblem[]) =>
    new DomainError({
      kind: 'invalid',
      code: 'services.workflow-definition-invalid',
      title: 'The workflow definition is not valid',
      detail: fields.map((field) => `${field.pointer} ${field.detail}`).join('; '),
      fields,
    }),
  invalidStart: (fields: readonly FieldProblem[]) =>
    new DomainError({
      kind: 'invalid',
      code: 'services.workflow-start-invalid',
      title: 'The workflow cannot start with these facts',
      detail: fields.map((field) => `${field.pointer} ${field.detail}`).join('; '),
      fields,
    }),
  alreadyStarted: (subjectKind: string, subjectId: string) =>
    new DomainError({
      kind: 'conflict',
      code: 'services.workflow-already-started',
      title: 'A workflow already runs for this subject',
      detail: `The ${subjectKind} ${subjectId} already has a workflow.`,
    }),
  instanceNotFound: (id: string) =>
    new DomainError({
      kind: 'not-found',
      code: 'services.workflow-not-found',
      title: 'No such workflow',
      detail: `There is no workflow ${id} that you may see.`,
    }),
  taskNotFound: (id: string) =>
    new DomainError({
      kind: 'not-found',
      code: 'services.task-not-found',
      title: 'No such task',
      detail: `There is no task ${id} that you may see.`,
    }),
  notHandler: () =>
    new DomainError({
      kind: 'forbidden',
      code: 'services.not-task-handler',
      title: 'Not a handler of this task',
      detail:
        'Only holders of the task’s role at the task’s department (with services.cases.handle) may act on it.',
    }),
  assignedElsewhere: () =>
    new DomainError({
      kind: 'forbidden',
      code: 'services.task-assigned-elsewhere',
      title: 'The task is with another handler',
      detail: 'This task was handed to another handler in the department; only they may act on it now.',
    }),
  staleTask: (expected: number, actual: number) =>
    new DomainError({
      kind: 'conflict',
      code: 'services.task-changed',
      title: 'The task changed meanwhile',
      detail: `You acted on version ${expected} of the task, but it is now at version ${actual}; reload it and decide again.`,
    }),
  taskClosed: (state: string) =>
    new DomainError({
      kind: 'conflict',
      code: 'services.task-closed',
      title: 'The task is no longer open',
      detail: `The task is ${state}: someone else acted on it first, or the case ended.`,
    }),
  alreadyAccepted: () =>
    new DomainError({
      kind: 'conflict',
      code: 'services.task-already-accepted',
      title: 'The application was already accepted',
      detail: 'Another handler (or you) accepted this application already.',
    }),
  notRunning: (state: string) =>
    new DomainError({
      kind: 'conflict',
      code: 'services.workflow-not-running',
      title: 'The workflow is not running',
      detail: `The workflow is ${state}; no handler can act on it now.`,
    }),
  supplementsAlreadyRequested: () =>
    new DomainError({
      kind: 'conflict',
      code: 'services.supplements-already-requested',
      title: 'Supplements were already requested',
      detail:
        'The applicant was already told everything that is missing in one notice (Administrative Licensing Law art. 32); wait for their answer.',
    }),
  notAwaitingSupplements: (state: string) =>
    new DomainError({
      kind: 'conflict',
      code: 'services.supplements-not-requested',
      title: 'No supplements are awaited',
      detail: `The workflow is ${state}, not waiting for supplements.`,
    }),
  actionNotAllowed: (action: string, reason: string) =>
    new DomainError({
      kind: 'conflict',
      code: 'services.action-not-allowed',
      title: 'That action is not possible on this task now',
      detail: `${action}: ${reason}`,
    }),
  invalidAction: (fields: readonly FieldProblem[]) =>
    new DomainError({
      kind: 'invalid',
      code: 'services.action-invalid',
      title: 'The action is not complete',
      detail: fields.map((field) => `${field.pointer} ${field.detail}`).join('; '),
      fields,
    }),
};
