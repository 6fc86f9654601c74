import type { FastifyInstance, FastifyRequest, RouteOptions } from 'fastify';
import { DomainError } from '../errors/index.ts';

/**
 * Deny by default: every API route states who may call it. `public` is a deliberate choice written
 * next to the route; `signed-in` admits any authenticated actor, for what concerns only the caller's
 * own account (their profile, their sessions); anything else names a permission that the signed-in
 * actor must hold somewhere in their grants (services then check the object itself). A route that
 * says nothing does not start.
 */
export type RouteAccess = 'public' | 'signed-in' | { permission: string };

export type Actor = {
  id: string;
  hasPermission(permission: string): boolean;
};

/** Supplied by the identity module; until someone signs in it answers `undefined`. */
export type Authenticate = (request: FastifyRequest) => Promise<Actor | undefined>;

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: RouteAccess;
  }
  interface FastifyRequest {
    actor: Actor | undefined;
  }
}

export const anonymousOnly: Authenticate = async () => undefined;

/** What each API route declared, for the route-table sweep test and for review. */
export type RouteAccessEntry = { method: string; url: string; access: RouteAccess };

/** Routes that third-party plugins add (the API docs) and that are public by their nature. */
const PLUGIN_OWNED_PREFIXES = ['/api/docs', '/api/openapi.json'];

export function enforceRouteAccess(app: FastifyInstance, authenticate: Authenticate): RouteAccessEntry[] {
  const table: RouteAccessEntry[] = [];
  app.decorateRequest('actor', undefined);
  app.addHook('onRoute', (route: RouteOptions) => {
    if (!route.url.startsWith('/api') || PLUGIN_OWNED_PREFIXES.some((p) => route.url.startsWith(p))) return;
    const access = (route.config as { access?: RouteAccess } | undefined)?.access;
    if (access === undefined) {
      throw new Error(
        `Route ${String(route.method)} ${route.url} declares no access rule: set config.access to 'public', 'signed-in' or { permission }`,
      );
    }
    for (const method of [route.method].flat())
      table.push({ method: String(method), url: route.url, access });
    if (access === 'public') return;
    // onRequest, not preHandler: a caller without the right is turned away before the body is read
    // or validated, and learns nothing about what a valid request would look like.
    const existing = route.onRequest ? [route.onRequest].flat() : [];
    route.onRequest = [
      async (request: FastifyRequest) => {
        const actor = await authenticate(request);
        if (!actor) {
          throw new DomainError({
            kind: 'unauthenticated',
            code: 'sign-in-required',
            title: 'Sign-in required',
            detail: 'Sign in to use this.',
          });
        }
        if (access !== 'signed-in' && !actor.hasPermission(access.permission)) {
          throw new DomainError({
            kind: 'forbidden',
            code: 'permission-denied',
            title: 'Permission denied',
            detail: `This needs the permission ${access.permission}, which your account does not have.`,
          });
        }
        request.actor = actor;
      },
      ...existing,
    ];
  });
  return table;
}
