import type { FastifyInstance } from 'fastify';
import { PROBLEM_CONTENT_TYPE, toProblem } from '../errors/index.ts';

/** The one place where errors become HTTP: RFC 9457 problem+json, no stack traces to clients. */
export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error, request, reply) => {
    const problem = toProblem(error, { url: request.url, id: request.id });
    if (problem.status >= 500) {
      request.log.error({ err: error }, 'request failed');
    } else {
      request.log.info({ problem: problem.code, status: problem.status }, 'request rejected');
    }
    if (problem.status === 429 || problem.status === 503) {
      reply.header('retry-after', reply.getHeader('retry-after') ?? '60');
    }
    return reply.status(problem.status).type(PROBLEM_CONTENT_TYPE).send(problem);
  });
}
