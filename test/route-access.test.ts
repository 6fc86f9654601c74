import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Authenticate } from '../src/platform/http/index.ts';
import { createTestApp, type TestApp } from './support/test-app.ts';

/**
 * Deny by default, shown on the whole route table: every API route declared its access when it
 * registered (a route that does not cannot start), every permission it names is in the catalogue, and
 * every permission-guarded route answers 401 to anonymous callers and 403 to a signed-in caller
 * without the permission — before reading or validating anything.
 */
const withoutRights: Authenticate = async (request) =>
  request.headers.authorization === 'Bearer nobody'
    ? { id: 'nobody', hasPermission: () => false }
    : undefined;

/** The deliberate public surface. A new public route must be added here, knowingly. */
const PUBLIC_ROUTES = [
  // A case's state by number and check code: no personal data (docs/services.md, Applications).
  'GET /api/services/application-status',
  'GET /api/health',
  'GET /api/ready',
  'GET /api/deployment',
  'GET /api/divisions/:code',
  'GET /api/divisions/:code/children',
  'GET /api/divisions',
  'GET /api/ledger/checkpoint',
  'GET /api/ledger/checkpoint/note',
  'GET /api/ledger/keys',
  'GET /api/ledger/leaves/:index',
  'GET /api/ledger/proofs/inclusion',
  'GET /api/ledger/proofs/consistency',
  'POST /api/ledger/cosignatures',
  'POST /api/identity/registrations',
  'POST /api/identity/sessions',
  // Single sign-on: the page asks before anyone has signed in whether to show the sign-in form.
  'GET /api/identity/sso/interactions/:uid',
  'POST /api/identity/password-reset/completion',
  // The working-day calendar is public reference data, like the divisions.
  'GET /api/calendar/years/:year',
  'GET /api/calendar/working-days',
  // Credentials: anyone shown a certificate may check it; the types and keys are what checking needs.
  'GET /api/credentials/types',
  'GET /api/credentials/keys',
  'POST /api/credentials/verify',
  'GET /api/credentials/:identifier/status',
  // The service catalogue and its guides are public information (政务公开).
  'GET /api/services/items',
  'GET /api/services/items/:code',
  // A bundle's members and merged form, like a guide (docs/services.md, Bundles).
  'GET /api/services/bundles/:code',
  // Feedback: the 12345 record is open to all without personal data; a handler or the sender sees more.
  'GET /api/feedback/categories',
  'GET /api/feedback/requests',
  'GET /api/feedback/requests/:id',
  'GET /api/feedback/requests/:id/photos/:photoId',
  // Data sharing: the open part of the catalogue for open-data portals; the hub authenticates the
  // calling system by its key in the service (docs/sharing.md).
  'GET /api/sharing/catalogue/dcat',
  'GET /api/sharing/catalogue/dcat/context',
  'POST /api/sharing/hub/query',
  // Service levels are the government's public promise of how fast it answers.
  'GET /api/feedback/sla-policies',
];

/** Routes about the caller's own account: any signed-in actor, no permission. Also deliberate. */
const SIGNED_IN_ROUTES = [
  'GET /api/identity/me',
  'DELETE /api/identity/sessions/current',
  'DELETE /api/identity/sessions',
  'POST /api/identity/totp',
  'POST /api/identity/totp/confirmation',
  'GET /api/identity/administration',
  'POST /api/identity/sso/interactions/:uid/login',
  'POST /api/identity/sso/interactions/:uid/consent',
  'GET /api/identity/enterprise-accounts/:organisationId',
  'PUT /api/identity/me/password',
  // The holder's own credentials; the PDF is also for the issuing area's staff, checked per credential.
  'GET /api/credentials/wallet',
  'GET /api/credentials/:identifier/pdf',
  'GET /api/identity/me/email',
  'PUT /api/identity/me/email',
  'GET /api/notifications',
  'POST /api/notifications/:id/read',
  'POST /api/notifications/read-all',
  // A citizen submits for themself; staff entering a call need feedback.requests.enter, checked by the service.
  'POST /api/feedback/requests',
  'GET /api/feedback/my-requests',
  // Data sharing: a department's own requests and agreements (filtered by party in the service), and a
  // citizen's own consents and data tracker.
  'GET /api/sharing/requests',
  'GET /api/sharing/requests/:id',
  'GET /api/sharing/agreements',
  'GET /api/sharing/consents',
  'POST /api/sharing/consents',
  'POST /api/sharing/consents/:id/revocation',
  'GET /api/sharing/my-data-accesses',
  // The sender rates or reopens their own request; the service answers 404 for anyone else's.
  'POST /api/feedback/requests/:id/rating',
  'POST /api/feedback/requests/:id/reopening',
  // An applicant's own applications; the service answers 404 for anyone else's.
  'POST /api/services/applications',
  'GET /api/services/applications/drafts',
  'GET /api/services/applications/submitted',
  'GET /api/services/applications/:id',
  'PUT /api/services/applications/:id/answers',
  'DELETE /api/services/applications/:id',
  'GET /api/services/applications/:id/prefill',
  'POST /api/services/applications/:id/submission',
  'POST /api/services/applications/:id/supplements',
  'POST /api/services/applications/:id/withdrawal',
  'GET /api/services/applications/:number/status',
  'POST /api/services/applications/:id/rating',
  'POST /api/services/applications/:id/uploads',
  // An application's fee: its applicant, or staff collecting fees where it is handled (checked by the service).
  'GET /api/services/applications/:id/fee',
  // An applicant's bundle cases; the service answers 404 for anyone else's.
  'POST /api/services/bundles/:code/cases',
  'GET /api/services/bundle-cases/:number',
];

describe('route table sweep', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ authenticate: withoutRights });
  });
  afterAll(async () => {
    await t.close();
  });

  const guarded = () =>
    t.app.routeAccessTable.filter(
      (route) => route.access !== 'public' && route.access !== 'signed-in' && route.method !== 'HEAD',
    );
  const signedInOnly = () =>
    t.app.routeAccessTable.filter((route) => route.access === 'signed-in' && route.method !== 'HEAD');

  it('knows every route, and public ones are exactly the deliberate list', () => {
    const publicRoutes = t.app.routeAccessTable
      .filter((route) => route.access === 'public' && route.method !== 'HEAD')
      .map((route) => `${route.method} ${route.url}`);
    expect(publicRoutes.sort()).toEqual([...PUBLIC_ROUTES].sort());
    expect(guarded().length).toBeGreaterThan(0);
    expect(
      signedInOnly()
        .map((route) => `${route.method} ${route.url}`)
        .sort(),
    ).toEqual([...SIGNED_IN_ROUTES].sort());
  });

  it('mounts the OpenID Connect provider under /oidc as public protocol endpoints, deliberately', async () => {
    // The protocol authenticates clients and people itself; these routes sit outside /api and its table.
    const routes = t.app.printRoutes({ commonPrefix: false });
    expect(routes).toMatch(/^[├└]── \/oidc \([^)]*\bPOST\b[^)]*\)\n[│\s]+└── \* \([^)]*\bPOST\b/m);
    const discovery = await t.app.inject({ url: '/oidc/.well-known/openid-configuration' });
    expect(discovery.statusCode).toBe(200);
    expect(discovery.json().issuer).toBe(`${t.config.publicUrl}/oidc`);
  });

  it('mounts Open311 GeoReport v2 under /open311/v2 as public protocol endpoints, deliberately', async () => {
    // Outside /api and its table: the spec's shapes and errors; POST requests checks the client's api_key.
    const discovery = await t.app.inject({ url: '/open311/v2/discovery.json' });
    expect(discovery.statusCode).toBe(200);
    const post = await t.app.inject({
      method: 'POST',
      url: '/open311/v2/requests.json',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'service_code=road-damage',
    });
    expect(post.statusCode).toBe(400);
    expect(post.json()).toEqual([{ code: 400, description: 'api_key is required' }]);
  });

  it('answers 401 to anonymous callers on every signed-in route', async () => {
    for (const route of signedInOnly()) {
      const response = await t.app.inject({ method: route.method as 'GET', url: route.url });
      expect({ route: `${route.method} ${route.url}`, status: response.statusCode }).toEqual({
        route: `${route.method} ${route.url}`,
        status: 401,
      });
    }
  });

  it('names only permissions that are in the catalogue', async () => {
    const catalogue = await sql<{ code: string }>`select code from permission`.execute(t.database.db);
    const known = new Set(catalogue.rows.map((row) => row.code));
    for (const route of guarded()) {
      const { permission } = route.access as { permission: string };
      expect({ route: route.url, known: known.has(permission) }).toEqual({ route: route.url, known: true });
    }
  });

  it('answers 401 to anonymous callers and 403 to callers without the permission, on every guarded route', async () => {
    for (const route of guarded()) {
      const url = route.url.replace(/:[a-zA-Z]+/g, 'x');
      const method = route.method as 'GET';
      const anonymous = await t.app.inject({
        method,
        url,
        payload: route.method === 'GET' ? undefined : '{not json',
      });
      expect({ route: `${route.method} ${route.url}`, status: anonymous.statusCode }).toEqual({
        route: `${route.method} ${route.url}`,
        status: 401,
      });
      expect(anonymous.headers['content-type']).toContain('problem+json');
      const unpermitted = await t.app.inject({ method, url, headers: { authorization: 'Bearer nobody' } });
      expect({ route: `${route.method} ${route.url}`, status: unpermitted.statusCode }).toEqual({
        route: `${route.method} ${route.url}`,
        status: 403,
      });
    }
  });
});
