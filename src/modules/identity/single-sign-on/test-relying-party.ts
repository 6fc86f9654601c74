/**
 * Test helpers for single sign-on: a browser-like cookie jar that follows redirects by hand, and a
 * second relying party (another government system) on a loopback server, built on openid-client.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as client from 'openid-client';

/** Cookies by name for one host, as a browser keeps them (attributes other than expiry are not needed here). */
export class Browser {
  readonly cookies = new Map<string, string>();

  #store(response: Response) {
    for (const line of response.headers.getSetCookie()) {
      const [pair, ...attributes] = line.split(';');
      const [name, ...value] = pair!.split('=');
      const isRemoval = attributes.some((attribute) => {
        const [key, setting] = attribute.trim().split('=');
        return (
          (key?.toLowerCase() === 'max-age' && Number(setting) <= 0) ||
          (key?.toLowerCase() === 'expires' && new Date(setting ?? '').getTime() < Date.now())
        );
      });
      if (isRemoval) this.cookies.delete(name!.trim());
      else this.cookies.set(name!.trim(), value.join('='));
    }
  }

  cookieHeader(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  async fetch(url: string | URL, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.cookies.size > 0) headers.set('cookie', this.cookieHeader());
    const response = await fetch(url, { ...init, headers, redirect: 'manual' });
    this.#store(response);
    return response;
  }

  async json(url: string | URL, method: string, body?: unknown): Promise<Response> {
    return this.fetch(url, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? null : JSON.stringify(body),
    });
  }

  /**
   * Follows redirects until a page answers, or until the next address satisfies `stopAt` (a page of the
   * web app, or a service's callback whose code a test wants for itself). Returns the last address.
   */
  async follow(
    url: string | URL,
    stopAt: (next: URL) => boolean = () => false,
  ): Promise<{ url: URL; response: Response | undefined }> {
    let current = new URL(url);
    for (let hop = 0; hop < 20; hop += 1) {
      if (stopAt(current)) return { url: current, response: undefined };
      const response = await this.fetch(current);
      const location = response.headers.get('location');
      if (response.status < 300 || response.status >= 400 || !location) return { url: current, response };
      current = new URL(location, current);
    }
    throw new Error(`too many redirects from ${url}`);
  }
}

/** A page of the platform's web app that an interaction opens (the browser would run the app there). */
export const isInteractionPage = (url: URL) =>
  (url.pathname === '/account/sign-in' || url.pathname === '/sso/consent') &&
  url.searchParams.has('interaction');

export type RelyingParty = {
  origin: string;
  redirectUri: string;
  postLogoutRedirectUri: string;
  /** Points the party at a client registered at the platform. */
  configure(clientId: string, clientSecret: string): Promise<client.Configuration>;
  close(): Promise<void>;
};

/**
 * Another government system: /login starts the authorization code flow with PKCE, /callback exchanges
 * the code and keeps the tokens in its own server-side session, /me answers for a signed-in session,
 * /logout ends its session and starts RP-initiated logout at the platform.
 */
export async function startRelyingParty(
  issuer: string,
  options: { scope?: string } = {},
): Promise<RelyingParty> {
  type Pending = { verifier: string; state: string };
  type Session = { claims: Record<string, unknown>; idToken: string; accessToken: string };
  const pending = new Map<string, Pending>();
  const sessions = new Map<string, Session>();
  let config: client.Configuration | undefined;
  const server: Server = createServer((request, response) => {
    handle(request.url ?? '/', request.headers.cookie ?? '').then(
      ({ status, headers, body }) => {
        response.writeHead(status, headers);
        response.end(body);
      },
      (error: Error) => {
        response.writeHead(502, { 'content-type': 'text/plain' });
        response.end(`${error.name}: ${error.message}`);
      },
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const redirectUri = `${origin}/callback`;
  const postLogoutRedirectUri = `${origin}/signed-out`;
  const cookieOf = (header: string) => /(?:^|; )rp=([^;]+)/.exec(header)?.[1];

  async function handle(
    path: string,
    cookie: string,
  ): Promise<{ status: number; headers: Record<string, string>; body: string }> {
    const url = new URL(path, origin);
    const sessionId = cookieOf(cookie);
    if (url.pathname === '/login') {
      const verifier = client.randomPKCECodeVerifier();
      const state = client.randomState();
      const id = randomUUID();
      pending.set(id, { verifier, state });
      const extra = Object.fromEntries(url.searchParams);
      const target = client.buildAuthorizationUrl(config!, {
        redirect_uri: redirectUri,
        scope: options.scope ?? 'openid profile division organisation roles',
        code_challenge: await client.calculatePKCECodeChallenge(verifier),
        code_challenge_method: 'S256',
        state,
        ...extra,
      });
      return {
        status: 303,
        headers: { location: target.href, 'set-cookie': `rp-login=${id}; Path=/` },
        body: '',
      };
    }
    if (url.pathname === '/callback') {
      const loginId = /(?:^|; )rp-login=([^;]+)/.exec(cookie)?.[1];
      const started = loginId ? pending.get(loginId) : undefined;
      if (!started) return { status: 400, headers: {}, body: 'no login in progress' };
      pending.delete(loginId!);
      const tokens = await client.authorizationCodeGrant(config!, url, {
        pkceCodeVerifier: started.verifier,
        expectedState: started.state,
      });
      const id = randomUUID();
      sessions.set(id, {
        claims: tokens.claims() as Record<string, unknown>,
        idToken: tokens.id_token!,
        accessToken: tokens.access_token,
      });
      return {
        status: 200,
        headers: { 'content-type': 'application/json', 'set-cookie': `rp=${id}; Path=/` },
        body: JSON.stringify(sessions.get(id)),
      };
    }
    if (url.pathname === '/me') {
      const session = sessionId ? sessions.get(sessionId) : undefined;
      return session
        ? {
            status: 200,
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify(session.claims),
          }
        : { status: 401, headers: {}, body: 'not signed in' };
    }
    if (url.pathname === '/logout') {
      const session = sessionId ? sessions.get(sessionId) : undefined;
      if (sessionId) sessions.delete(sessionId);
      const target = client.buildEndSessionUrl(config!, {
        post_logout_redirect_uri: postLogoutRedirectUri,
        ...(session ? { id_token_hint: session.idToken } : {}),
      });
      return {
        status: 303,
        headers: { location: target.href, 'set-cookie': 'rp=; Path=/; Max-Age=0' },
        body: '',
      };
    }
    if (url.pathname === '/signed-out') return { status: 200, headers: {}, body: 'signed out' };
    return { status: 404, headers: {}, body: '' };
  }

  return {
    origin,
    redirectUri,
    postLogoutRedirectUri,
    async configure(clientId, clientSecret) {
      config = await client.discovery(new URL(issuer), clientId, clientSecret, undefined, {
        execute: [client.allowInsecureRequests],
      });
      return config;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A free loopback port, for a server whose own address must be known before it starts (the issuer). */
export async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}
