import type {} from '@fastify/cookie';
import type { FastifyRequest } from 'fastify';
import type { Authenticate } from '../../../platform/http/index.ts';
import { resolveSession, type SessionDeps } from './sessions.ts';

/** `__Host-`: the browser accepts it only over HTTPS, for path /, from this exact host (no Domain). */
export const SESSION_COOKIE = '__Host-shuzhi-session';

/** 32 random bytes in base64url; anything else cannot be a token and is not looked up. */
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export function sessionTokenOf(request: FastifyRequest): string | undefined {
  const token = request.cookies?.[SESSION_COOKIE];
  return token !== undefined && TOKEN_PATTERN.test(token) ? token : undefined;
}

/** The platform's `authenticate`: the session cookie, checked against the session table on each request. */
export function createSessionAuthenticate(deps: SessionDeps): Authenticate {
  return async (request) => {
    const token = sessionTokenOf(request);
    return token === undefined ? undefined : resolveSession(deps, token);
  };
}
