/**
 * The one way features talk to the server: JSON in, JSON out, and RFC 9457 problem details
 * turned into an ApiError that keeps the server's title, detail and status.
 */

export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  /** The platform's stable code, such as 'identity.sign-in-failed'. */
  code?: string;
  /** One entry per bad input, when the problem is about what was sent. */
  errors?: readonly ProblemField[];
  /** Seconds from the Retry-After header of a 429 or 503, when it gave a number. */
  retryAfterSeconds?: number;
}

/** One bad input: the request part it is `in` and a JSON `pointer` into it, such as '/phone'. */
export interface ProblemField {
  in: string;
  pointer: string;
  detail: string;
}

export class ApiError extends Error {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail: string | undefined;
  readonly instance: string | undefined;
  readonly code: string | undefined;
  readonly errors: readonly ProblemField[];
  readonly retryAfterSeconds: number | undefined;

  constructor(problem: ProblemDetails) {
    super(problem.detail ? `${problem.title}: ${problem.detail}` : problem.title);
    this.name = 'ApiError';
    this.type = problem.type;
    this.title = problem.title;
    this.status = problem.status;
    this.detail = problem.detail;
    this.instance = problem.instance;
    this.code = problem.code;
    this.errors = problem.errors ?? [];
    this.retryAfterSeconds = problem.retryAfterSeconds;
  }
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  signal?: AbortSignal;
  /**
   * Error statuses whose JSON body is still the answer: /api/health replies 503 with a full
   * report when the platform is degraded.
   */
  acceptedErrorStatuses?: readonly number[];
  /** Extra request headers, such as Idempotency-Key. */
  headers?: Readonly<Record<string, string>>;
}

export async function requestJson<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const { method = 'GET', body, signal, acceptedErrorStatuses = [] } = options;
  const headers: Record<string, string> = {
    ...options.headers,
    Accept: 'application/json, application/problem+json',
  };
  if (body !== undefined) headers['Content-Type'] = 'application/json';

  const response = await fetch(path, {
    method,
    headers,
    body: body === undefined ? null : JSON.stringify(body),
    signal: signal ?? null,
    credentials: 'same-origin',
  });
  const mediaType = mediaTypeOf(response);

  if (response.ok || acceptedErrorStatuses.includes(response.status)) {
    // 204 No Content: a change that answers nothing but its success (a revocation, a deactivation).
    if (response.status === 204) return undefined as T;
    if (mediaType === 'application/json') return (await response.json()) as T;
    // 204 No Content: the action succeeded and there is nothing to read.
    if (response.status === 204) return undefined as T;
    // A proxy or the single-page fallback can answer an /api path with HTML; say so plainly.
    throw new ApiError({
      type: 'about:blank',
      title: 'Unexpected response',
      status: response.status,
      detail: `${method} ${path} answered ${mediaType ?? 'without a content type'}, not JSON`,
    });
  }

  if (mediaType === 'application/problem+json') {
    throw new ApiError(readProblem(await response.json(), response));
  }
  throw new ApiError({
    type: 'about:blank',
    title: response.statusText || 'HTTP error',
    status: response.status,
    ...retryAfterOf(response),
  });
}

/** Retry-After in seconds; the HTTP-date form is left out, as the platform never sends it. */
function retryAfterOf(response: Response): { retryAfterSeconds?: number } {
  const header = response.headers.get('Retry-After')?.trim();
  return header && /^\d+$/.test(header) ? { retryAfterSeconds: Number(header) } : {};
}

function mediaTypeOf(response: Response): string | undefined {
  return response.headers.get('Content-Type')?.split(';')[0]?.trim().toLowerCase() || undefined;
}

/** Trusts nothing in the body: a problem from a proxy may lack fields or carry the wrong types. */
function readProblem(body: unknown, response: Response): ProblemDetails {
  const fields = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  const text = (value: unknown) => (typeof value === 'string' && value !== '' ? value : undefined);
  return {
    type: text(fields.type) ?? 'about:blank',
    title: text(fields.title) ?? (response.statusText || 'HTTP error'),
    status: typeof fields.status === 'number' ? fields.status : response.status,
    detail: text(fields.detail),
    instance: text(fields.instance),
    code: text(fields.code),
    errors: Array.isArray(fields.errors) ? fields.errors.filter(isProblemField) : [],
    ...retryAfterOf(response),
  };
}

function isProblemField(value: unknown): value is ProblemField {
  if (typeof value !== 'object' || value === null) return false;
  const field = value as Record<string, unknown>;
  return (
    typeof field.pointer === 'string' && typeof field.detail === 'string' && typeof field.in === 'string'
  );
}
