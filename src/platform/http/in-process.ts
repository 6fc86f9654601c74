import { randomBytes } from 'node:crypto';
import type { FastifyRequest } from 'fastify';

/**
 * The server calling itself in process (the web app's relying party talking to its own OpenID
 * provider) is not a client: counting those calls against the per-address rate limit would put every
 * user's sign-in behind one shared loopback budget. Such calls carry a mark that is random per process,
 * so no outside client can present it.
 */
export const IN_PROCESS_HEADER = 'x-shuzhi-in-process';

export type InProcessMark = { readonly header: typeof IN_PROCESS_HEADER; readonly value: string };

export function createInProcessMark(): InProcessMark {
  return { header: IN_PROCESS_HEADER, value: randomBytes(32).toString('base64url') };
}

export function isMarkedInProcess(request: FastifyRequest, mark: InProcessMark): boolean {
  return request.headers[mark.header] === mark.value;
}
