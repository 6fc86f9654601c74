export type { DomainErrorKind, FieldProblem } from './domain-error.ts';
export { DomainError, NotFoundError } from './domain-error.ts';
export type { Problem, ProblemField } from './problem.ts';
export { notFoundProblem, PROBLEM_CONTENT_TYPE, problemTypeUri, toProblem } from './problem.ts';
