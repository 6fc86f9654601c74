import { STATUS_CODES } from 'node:http';
import { DomainError, type DomainErrorKind, type FieldProblem } from './domain-error.ts';

/** RFC 9457 problem details, as every error leaves the API. */
export type Problem = {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance: string;
  requestId: string;
  code: string;
  errors?: ProblemField[];
};

/** One bad input: where (`in` the request part, `pointer` a JSON pointer into it) and what is wrong. */
export type ProblemField = {
  in: 'body' | 'querystring' | 'params' | 'headers';
  pointer: string;
  detail: string;
};

export const PROBLEM_CONTENT_TYPE = 'application/problem+json; charset=utf-8';

const STATUS_BY_KIND: Record<DomainErrorKind, number> = {
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  'not-found': 404,
  conflict: 409,
  gone: 410,
  'precondition-failed': 412,
  'rate-limited': 429,
  unavailable: 503,
};

export function problemTypeUri(code: string): string {
  return `urn:shuzhi:problem:${code}`;
}

type RequestFacts = { url: string; id: string };

type AjvIssue = {
  instancePath: string;
  keyword: string;
  message?: string;
  params: Record<string, unknown>;
};

type FrameworkError = Error & {
  statusCode?: number;
  code?: string;
  validation?: AjvIssue[];
  validationContext?: ProblemField['in'];
};

export function toProblem(error: unknown, request: RequestFacts): Problem {
  const base = { instance: request.url, requestId: request.id };

  if (error instanceof DomainError) {
    const status = STATUS_BY_KIND[error.kind];
    return {
      type: problemTypeUri(error.code),
      title: error.title,
      status,
      detail: error.message,
      code: error.code,
      ...base,
      ...(error.fields.length > 0 ? { errors: error.fields.map((f) => problemFieldOf(f)) } : {}),
    };
  }

  const framework = error as FrameworkError;
  if (Array.isArray(framework.validation)) {
    const part = framework.validationContext ?? 'body';
    const errors = framework.validation.map((issue) => describeIssue(issue, part));
    return {
      type: problemTypeUri('validation-failed'),
      title: 'The request is not valid',
      status: 400,
      detail: `${errors.length} problem${errors.length === 1 ? '' : 's'} in the request ${part}: ${errors
        .map((e) => `${e.pointer || '(root)'} ${e.detail}`)
        .join('; ')}`,
      code: 'validation-failed',
      errors,
      ...base,
    };
  }

  if (framework instanceof SyntaxError || framework.code === 'FST_ERR_CTP_INVALID_JSON_BODY') {
    return {
      type: problemTypeUri('malformed-json'),
      title: 'The request body is not valid JSON',
      status: 400,
      detail: `The body could not be parsed as JSON: ${framework.message}`,
      code: 'malformed-json',
      ...base,
    };
  }

  const status = framework.statusCode;
  if (status !== undefined && status >= 400 && status < 500) {
    const code = frameworkCode(framework, status);
    return {
      type: problemTypeUri(code),
      title: STATUS_CODES[status] ?? 'Client error',
      status,
      detail: framework.message,
      code,
      ...base,
    };
  }

  return {
    type: problemTypeUri('internal-error'),
    title: 'Internal server error',
    status: 500,
    detail: `Something went wrong on our side. The error is logged; quote request id ${request.id} when you report it.`,
    code: 'internal-error',
    ...base,
  };
}

export function notFoundProblem(request: RequestFacts & { method: string }): Problem {
  return {
    type: problemTypeUri('route-not-found'),
    title: 'Not found',
    status: 404,
    detail: `There is no ${request.method} ${request.url.split('?')[0]} in this API. See /api/docs for what there is.`,
    code: 'route-not-found',
    instance: request.url,
    requestId: request.id,
  };
}

function problemFieldOf(field: FieldProblem): ProblemField {
  return { in: field.in ?? 'body', pointer: field.pointer, detail: field.detail };
}

function describeIssue(issue: AjvIssue, part: ProblemField['in']): ProblemField {
  const missing = issue.params.missingProperty;
  if (issue.keyword === 'required' && typeof missing === 'string') {
    return { in: part, pointer: `${issue.instancePath}/${escapePointer(missing)}`, detail: 'is required' };
  }
  const extra = issue.params.additionalProperty;
  if (issue.keyword === 'additionalProperties' && typeof extra === 'string') {
    return {
      in: part,
      pointer: `${issue.instancePath}/${escapePointer(extra)}`,
      detail: 'is not an allowed property',
    };
  }
  return {
    in: part,
    pointer: issue.instancePath,
    detail: issue.message ?? `fails the ${issue.keyword} rule`,
  };
}

function escapePointer(token: string): string {
  return token.replace(/~/g, '~0').replace(/\//g, '~1');
}

function frameworkCode(error: FrameworkError, status: number): string {
  if (status === 429) return 'rate-limited';
  if (status === 413) return 'payload-too-large';
  if (status === 415) return 'unsupported-media-type';
  if (error.code === 'FST_ERR_CTP_EMPTY_JSON_BODY') return 'empty-json-body';
  return (STATUS_CODES[status] ?? 'client-error').toLowerCase().replace(/[^a-z]+/g, '-');
}
