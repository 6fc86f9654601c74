/**
 * Errors that services raise. A service knows nothing of HTTP: it says what kind of failure this is
 * and gives a stable code; the HTTP layer maps kinds to status codes in one place (problem.ts).
 */
export type DomainErrorKind =
  | 'invalid'
  | 'unauthenticated'
  | 'forbidden'
  | 'not-found'
  | 'conflict'
  | 'gone'
  | 'precondition-failed'
  | 'rate-limited'
  | 'unavailable';

/** A field at fault; `in` names the part of the request it is in, the body unless said. */
export type FieldProblem = {
  pointer: string;
  detail: string;
  in?: 'body' | 'querystring' | 'params' | 'headers';
};

export class DomainError extends Error {
  readonly kind: DomainErrorKind;
  /** Stable, kebab-case, e.g. `identity.account-locked`; becomes part of the problem type URI. */
  readonly code: string;
  /** Short, human summary that does not change from occurrence to occurrence. */
  readonly title: string;
  readonly fields: readonly FieldProblem[];

  constructor(options: {
    kind: DomainErrorKind;
    code: string;
    title: string;
    detail: string;
    fields?: readonly FieldProblem[];
  }) {
    super(options.detail);
    this.name = 'DomainError';
    this.kind = options.kind;
    this.code = options.code;
    this.title = options.title;
    this.fields = options.fields ?? [];
  }
}

export class NotFoundError extends DomainError {
  constructor(code: string, detail: string) {
    super({ kind: 'not-found', code, title: 'Not found', detail });
  }
}
