import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadAccessActor } from '../../src/modules/identity/index.ts';
import { runSeedSteps } from '../../src/platform/seeding/index.ts';
import { createVault } from '../../src/platform/vault/index.ts';
import { createTestApp, type TestApp } from '../../test/support/test-app.ts';
import { DEMO_HOT_TOPIC_WATCHER, demoGeneratedRequests, demoStream } from './feedback-hot-topics.ts';
import { demoGeneratedSteps, demoSteps } from './index.ts';

describe('demo hot topics: generated requests with bursts, analysed, and their watcher', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({
      authenticate: async (request) => {
        const bearer = request.headers.authorization?.replace(/^Bearer /, '');
        return bearer ? loadAccessActor(t.database.db, t.clock, bearer) : undefined;
      },
    });
    const report = await runSeedSteps(t.database.db, t.clock, [...demoSteps, ...demoGeneratedSteps], {
      vault: createVault(t.config.vaultKeys),
    });
    expect(report.ran).toContain(demoGeneratedRequests.name);
  }, 600_000);
  afterAll(async () => {
    await t.close();
  });

  it('analysed every generated request, and the watcher’s board shows alerts for the injected bursts', async () => {
    const stream = demoStream(t.clock.now());
    expect(stream.requests.length).toBeGreaterThan(2000);
    const results = await t.database.db.selectFrom('feedback_analysis_result').select('request_id').execute();
    expect(results.length).toBeGreaterThanOrEqual(stream.requests.length);
    const queued = await t.database.db.selectFrom('feedback_analysis_queue').select('request_id').execute();
    expect(queued).toEqual([]);

    const watcher = await t.database.db
      .selectFrom('access_grant')
      .innerJoin('role', 'role.id', 'access_grant.role_id')
      .select('access_grant.account_id')
      .where('role.code', '=', DEMO_HOT_TOPIC_WATCHER.role)
      .executeTakeFirstOrThrow();
    const watcherId = watcher.account_id;
    const board = await t.app.inject({
      url: '/api/feedback/hot-topics',
      headers: { authorization: `Bearer ${watcherId}` },
    });
    expect(board.statusCode).toBe(200);
    const shown = new Set((board.json() as { id: string }[]).map((alert) => alert.id));
    const stored = await t.database.db
      .selectFrom('feedback_hot_topic_alert')
      .select(['id', 'extent_divisions', 'started_at', 'ended_at'])
      .execute();
    // Every injected burst (all in 西湖区) has an alert about its township and time on the board.
    for (const burst of stream.bursts) {
      const found = stored.some(
        (alert) =>
          shown.has(alert.id) &&
          alert.extent_divisions.includes(burst.divisionCode) &&
          alert.started_at.getTime() < burst.endAt &&
          (alert.ended_at?.getTime() ?? Number.POSITIVE_INFINITY) > burst.startAt,
      );
      expect(found, `${burst.id} in ${burst.divisionCode}`).toBe(true);
    }
  });

  it('lists the watcher and the authenticator secret in docs/demo.md', () => {
    const doc = fs.readFileSync(new URL('../../docs/demo.md', import.meta.url), 'utf8');
    expect(doc).toContain(DEMO_HOT_TOPIC_WATCHER.phone);
    expect(doc).toContain(DEMO_HOT_TOPIC_WATCHER.totpSecret);
  });
});
