import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Type } from 'typebox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoSteps } from '../seed/demo/index.ts';
import { createTestApp, type TestApp } from '../test/support/test-app.ts';
import { runSeedSteps } from './platform/seeding/index.ts';
import { createVault } from './platform/vault/index.ts';

const PROBLEM_JSON = 'application/problem+json; charset=utf-8';

describe('HTTP foundation', () => {
  let t: TestApp;
  let webDir: string;

  beforeAll(async () => {
    webDir = fs.mkdtempSync(path.join(os.tmpdir(), 'shuzhi-web-'));
    fs.writeFileSync(
      path.join(webDir, 'index.html'),
      '<!doctype html><title>Shuzhi</title><div id="root"></div>',
    );
    fs.mkdirSync(path.join(webDir, 'assets'));
    fs.writeFileSync(path.join(webDir, 'assets', 'app-abc123.js'), 'console.log(1)');
    t = await createTestApp({
      env: { SHUZHI_WEB_DIR: webDir },
      beforeReady(app) {
        // A route with a typed body, registered the way modules register theirs, to exercise
        // validation, JSON parsing and the error mapping end to end.
        app.post(
          '/api/test/applications',
          {
            config: { access: 'public' },
            schema: {
              body: Type.Object(
                {
                  applicant: Type.Object({
                    name: Type.String({ minLength: 1 }),
                    age: Type.Integer({ minimum: 0 }),
                  }),
                  copies: Type.Integer({ minimum: 1, maximum: 5 }),
                  email: Type.String({ format: 'email' }),
                },
                { additionalProperties: false },
              ),
            },
          },
          async (request) => ({ received: request.body }),
        );
        app.get('/api/test/explode', { config: { access: 'public' } }, async () => {
          throw new Error('database password is hunter2 at /srv/secret/path.ts:12');
        });
      },
    });
  });

  afterAll(async () => {
    await t.close();
    fs.rmSync(webDir, { recursive: true, force: true });
  });

  it('reports health: database reachable, migrations current, version', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body).toMatchObject({
      status: 'ok',
      version: '0.1.0',
      database: { kind: t.database.kind, reachable: true },
      migrations: { isCurrent: true },
    });
    expect(body.migrations.applied).toBe(body.migrations.available);
    expect(body.migrations.applied).toBeGreaterThan(0);
    expect(body.checkedAt).toBe(t.clock.now().toISOString());
  });

  it('is ready for traffic', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/ready' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ isReady: true });
  });

  it('puts a request id on every response, keeping a well-formed incoming one', async () => {
    const fresh = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(fresh.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    const kept = await t.app.inject({
      method: 'GET',
      url: '/api/health',
      headers: { 'x-request-id': 'lb-2026-abcdef' },
    });
    expect(kept.headers['x-request-id']).toBe('lb-2026-abcdef');
    const replaced = await t.app.inject({
      method: 'GET',
      url: '/api/health',
      headers: { 'x-request-id': 'bad id\nwith newline' },
    });
    expect(replaced.headers['x-request-id']).not.toContain('bad id');
  });

  it('sends security headers', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(response.headers['content-security-policy']).toContain("script-src 'self'");
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['x-frame-options']).toBe('SAMEORIGIN');
  });

  it('answers an unknown API route with a 404 problem', async () => {
    const response = await t.app.inject({ method: 'DELETE', url: '/api/no-such-thing?x=1' });
    expect(response.statusCode).toBe(404);
    expect(response.headers['content-type']).toBe(PROBLEM_JSON);
    expect(response.json()).toMatchObject({
      type: 'urn:shuzhi:problem:route-not-found',
      title: 'Not found',
      status: 404,
      instance: '/api/no-such-thing?x=1',
      requestId: response.headers['x-request-id'],
    });
    expect(response.json().detail).toContain('DELETE /api/no-such-thing');
  });

  it('rejects malformed JSON with a 400 problem', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/test/applications',
      headers: { 'content-type': 'application/json' },
      payload: '{"applicant": {"name": "王芳",',
    });
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toBe(PROBLEM_JSON);
    expect(response.json()).toMatchObject({ code: 'malformed-json', status: 400 });
  });

  it('lists every wrongly typed, missing or unknown field as a JSON pointer', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/test/applications',
      payload: { applicant: { age: '41' }, copies: 9, email: 'not-an-email', colour: 'red' },
    });
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toBe(PROBLEM_JSON);
    const problem = response.json();
    expect(problem.code).toBe('validation-failed');
    const pointers = problem.errors.map((e: { pointer: string }) => e.pointer).sort();
    expect(pointers).toEqual(['/applicant/age', '/applicant/name', '/colour', '/copies', '/email']);
    for (const error of problem.errors) {
      expect(error.in).toBe('body');
      expect(error.detail).toEqual(expect.any(String));
    }
    expect(problem.errors.find((e: { pointer: string }) => e.pointer === '/applicant/age').detail).toContain(
      'integer',
    );
  });

  it('accepts a valid body unchanged', async () => {
    const payload = { applicant: { name: '王芳', age: 41 }, copies: 2, email: 'wang.fang@example.cn' };
    const response = await t.app.inject({ method: 'POST', url: '/api/test/applications', payload });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ received: payload });
  });

  it('hides internal errors behind a generic 500 problem with the request id', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/test/explode' });
    expect(response.statusCode).toBe(500);
    expect(response.headers['content-type']).toBe(PROBLEM_JSON);
    expect(response.body).not.toContain('hunter2');
    expect(response.body).not.toContain('.ts');
    expect(response.json().detail).toContain(response.headers['x-request-id']);
  });

  it('publishes OpenAPI 3.1 and the docs UI', async () => {
    const spec = await t.app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(spec.statusCode).toBe(200);
    expect(spec.json().openapi).toBe('3.1.0');
    expect(Object.keys(spec.json().paths)).toEqual(
      expect.arrayContaining(['/api/health', '/api/ready', '/api/deployment']),
    );
    const docs = await t.app.inject({ method: 'GET', url: '/api/docs/' });
    expect(docs.statusCode).toBe(200);
    expect(docs.headers['content-type']).toContain('text/html');
  });

  it('serves the web app with a client-side routing fallback', async () => {
    const home = await t.app.inject({ method: 'GET', url: '/' });
    expect(home.statusCode).toBe(200);
    expect(home.body).toContain('<div id="root">');
    const deepLink = await t.app.inject({ method: 'GET', url: '/dashboard/platform-status' });
    expect(deepLink.statusCode).toBe(200);
    expect(deepLink.headers['content-type']).toContain('text/html');
    expect(deepLink.body).toContain('<div id="root">');
    const asset = await t.app.inject({ method: 'GET', url: '/assets/app-abc123.js' });
    expect(asset.headers['cache-control']).toContain('immutable');
    const missingAsset = await t.app.inject({ method: 'GET', url: '/assets/missing.js' });
    expect(missingAsset.statusCode).toBe(404);
  });

  it('serves the deployment profile once seeded, and a 404 problem before', async () => {
    const before = await t.app.inject({ method: 'GET', url: '/api/deployment' });
    expect(before.statusCode).toBe(404);
    expect(before.json().code).toBe('deployment-profile-missing');
    await runSeedSteps(t.database.db, t.clock, demoSteps, { vault: createVault(t.config.vaultKeys) });
    const after = await t.app.inject({ method: 'GET', url: '/api/deployment' });
    expect(after.statusCode).toBe(200);
    expect(after.json()).toMatchObject({
      name: { 'zh-CN': '西湖区人民政府（演示）' },
      contact: { phone: '12345' },
      accessibilityStatementUpdatedOn: '2026-11-27',
    });
  });
});

describe('global rate limit', () => {
  it('answers 429 problem+json with Retry-After past the limit', async () => {
    const t = await createTestApp({ env: { SHUZHI_RATE_LIMIT_PER_MINUTE: '3' } });
    try {
      for (let i = 0; i < 3; i++) {
        expect((await t.app.inject({ method: 'GET', url: '/api/deployment' })).statusCode).toBe(404);
      }
      const limited = await t.app.inject({ method: 'GET', url: '/api/deployment' });
      expect(limited.statusCode).toBe(429);
      expect(limited.headers['content-type']).toBe(PROBLEM_JSON);
      expect(limited.headers['retry-after']).toBeDefined();
      expect(limited.json().code).toBe('rate-limited');
      // Load-balancer probes are never throttled.
      expect((await t.app.inject({ method: 'GET', url: '/api/health' })).statusCode).toBe(200);
    } finally {
      await t.close();
    }
  });
});
