import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export const REQUEST_ID_HEADER = 'x-request-id';

const ACCEPTABLE_INCOMING_ID = /^[A-Za-z0-9._:-]{8,128}$/;

/**
 * A request id on every response and log line. An id set by a trusted proxy in front of us is kept so
 * one request can be followed across systems; anything odd is replaced rather than echoed into logs.
 */
export function generateRequestId(request: IncomingMessage): string {
  const incoming = request.headers[REQUEST_ID_HEADER];
  if (typeof incoming === 'string' && ACCEPTABLE_INCOMING_ID.test(incoming)) return incoming;
  return randomUUID();
}
