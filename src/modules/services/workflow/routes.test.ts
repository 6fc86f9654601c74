import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/support/test-app.ts';
import { buildApp } from '../../../app.ts';
import type { Clock } from '../../../platform/clock/index.ts';
import { type Database, openDatabase } from '../../../platform/db/index.ts';
import type { Authenticate } from '../../../platform/http/index.ts';
import { readMigrationFiles } from '../../../platform/migrations/index.ts';
import { createVault } from '../../../platform/vault/index.ts';
import { MIGRATIONS_DIR, readVersion } from '../../../runtime.ts';
import { loadAccessActor } from '../../identity/index.ts';
import { listRecordEvents } from '../../ledger/index.ts';
import { getTaskView } from './queue.ts';
import { startWorkflow } from './service.ts';
import { createWorkflowWorld, parallel, task, type WorkflowWorld, XIHU } from './test-world.ts';

/** Requests carry `Authorization: Bearer <account id>`; the actor is loaded from the database each time. */
function bearerAuthenticate(current: () => { database: Database; clock: Clock }): Authenticate {
  return async (request) => {
    const token = request.headers.authorization?.replace(/^Bearer /, '');
    const { database, clock } = current();
    return token ? loadAccessActor(database.db, clock, token) : undefined;
  };
}

describe('workflow routes', () => {
  let t: TestApp;
  let world: WorkflowWorld;
  const as = (accountId: string) => ({ authorization: `Bearer ${accountId}` });

  beforeAll(async () => {
    t = await createTestApp({ authenticate: bearerAuthenticate(() => t) });
    world = await createWorkflowWorld(t.database.db, {
      clock: t.clock,
      vault: createVault(t.config.vaultKeys),
    });
  });
  afterAll(async () => {
    await t.close();
  });

  const startCase = () =>
    startWorkflow(
      t.database.db,
      t.clock,
      {
        subject: { kind: 'application', id: randomUUID() },
        divisionCode: XIHU,
        definition: {
          steps: [
            task('receive'),
            parallel('joint', [[task('market-review')], [task('fire-check', 'fire-safety')]]),
          ],
        },
        bindings: { implementing: world.xihuMarket, 'fire-safety': world.cityFire },
      },
      { kind: 'citizen', id: randomUUID() },
    );

  const actOn = (app: FastifyInstance, accountId: string, taskId: string, body: Record<string, unknown>) =>
    app.inject({
      method: 'POST',
      url: `/api/services/workflow/tasks/${taskId}/actions`,
      headers: as(accountId),
      payload: body,
    });

  it('shows the queue, the task with its allowed actions, and acts on it', async () => {
    const started = await startCase();
    const receive = started.openedTasks[0]!;
    const queue = await t.app.inject({
      url: '/api/services/workflow/queue',
      headers: as(world.accounts.xihuClerk),
    });
    expect(queue.statusCode).toBe(200);
    const entry = queue.json().tasks.find((item: { id: string }) => item.id === receive.id);
    expect(entry).toMatchObject({
      nodeKey: 'receive',
      state: 'open',
      instanceState: 'running',
      subject: started.instance.subject,
      isOverdue: false,
      openedAt: t.clock.now().toISOString(),
    });

    const view = await t.app.inject({
      url: `/api/services/workflow/tasks/${receive.id}`,
      headers: as(world.accounts.xihuClerk),
    });
    expect(view.statusCode).toBe(200);
    expect(view.json().allowedActions).toEqual(['accept', 'request-supplements', 'reject', 'transfer']);
    expect(view.json().actions.map((action: { action: string }) => action.action)).toEqual(['start']);

    const accepted = await actOn(t.app, world.accounts.xihuClerk, receive.id, {
      action: 'accept',
      version: 0,
    });
    expect(accepted.statusCode).toBe(200);
    const approved = await actOn(t.app, world.accounts.xihuClerk, receive.id, { action: 'approve' });
    expect(approved.statusCode).toBe(200);
    expect(approved.json().openedTasks.map((opened: { nodeKey: string }) => opened.nodeKey)).toEqual([
      'market-review',
      'fire-check',
    ]);
  });

  it('answers bad actions with a problem naming the field, and stale or repeated ones with 409', async () => {
    const started = await startCase();
    const receive = started.openedTasks[0]!;
    const noReasons = await actOn(t.app, world.accounts.xihuClerk, receive.id, { action: 'reject' });
    expect(noReasons.statusCode).toBe(400);
    expect(noReasons.headers['content-type']).toContain('application/problem+json');
    expect(noReasons.json().errors).toEqual([
      { in: 'body', pointer: '/reasons', detail: 'a rejection must give its reasons' },
    ]);
    const stray = await actOn(t.app, world.accounts.xihuClerk, receive.id, {
      action: 'approve',
      reasons: ['x'],
    });
    expect(stray.json().errors).toEqual([
      { in: 'body', pointer: '/reasons', detail: 'is not used by the approve action' },
    ]);
    const unknownAction = await actOn(t.app, world.accounts.xihuClerk, receive.id, { action: 'stamp' });
    expect(unknownAction.statusCode).toBe(400);
    expect(unknownAction.json().errors.map((error: { pointer: string }) => error.pointer)).toEqual([
      '/action',
    ]);
    const transferBoth = await actOn(t.app, world.accounts.xihuClerk, receive.id, {
      action: 'transfer',
      reason: '转办',
      toOrganisationId: world.xihuHealth,
      toAccountId: world.accounts.xihuSecondClerk,
    });
    expect(transferBoth.statusCode).toBe(400);
    expect(transferBoth.json().errors.map((error: { pointer: string }) => error.pointer)).toEqual([
      '/toOrganisationId',
    ]);

    expect((await actOn(t.app, world.accounts.xihuClerk, receive.id, { action: 'accept' })).statusCode).toBe(
      200,
    );
    const again = await actOn(t.app, world.accounts.xihuSecondClerk, receive.id, { action: 'accept' });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('services.task-already-accepted');
    const stale = await actOn(t.app, world.accounts.xihuClerk, receive.id, { action: 'approve', version: 0 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('services.task-changed');

    const history = await t.app.inject({
      url: `/api/services/workflow/instances/${started.instance.id}/history`,
      headers: as(world.accounts.xihuClerk),
    });
    expect(history.json().actions.map((action: { action: string }) => action.action)).toEqual([
      'start',
      'accept',
    ]);
  });

  it('answers any body and any cursor with a 2xx or 4xx, never a 500, and writes nothing on a 4xx', async () => {
    const started = await startCase();
    const receive = started.openedTasks[0]!;
    const body = fc.oneof(
      fc.anything(),
      fc.record(
        {
          action: fc.constantFrom('accept', 'request-supplements', 'approve', 'reject', 'transfer', 'stamp'),
          comment: fc.string({ maxLength: 3000 }),
          version: fc.oneof(fc.integer(), fc.string()),
          items: fc.array(fc.record({ material: fc.string(), detail: fc.string() }, { requiredKeys: [] })),
          reasons: fc.array(fc.string()),
          reason: fc.string(),
          toOrganisationId: fc.oneof(fc.uuid(), fc.string()),
          toAccountId: fc.oneof(fc.uuid(), fc.string()),
        },
        { requiredKeys: [] },
      ),
    );
    await fc.assert(
      fc.asyncProperty(body, fc.string({ minLength: 1, maxLength: 40 }), async (payload, cursor) => {
        const before = (
          await getTaskView(t.database.db, await world.actor(world.accounts.xihuClerk), receive.id)
        ).actions.length;
        const answer = await t.app.inject({
          method: 'POST',
          url: `/api/services/workflow/tasks/${receive.id}/actions`,
          headers: { ...as(world.accounts.xihuSecondClerk), 'content-type': 'application/json' },
          payload: JSON.stringify(payload) ?? 'null',
        });
        expect(answer.statusCode).toBeLessThan(500);
        if (answer.statusCode >= 400) {
          const after = await getTaskView(
            t.database.db,
            await world.actor(world.accounts.xihuClerk),
            receive.id,
          );
          expect(after.actions.length).toBe(before);
        }
        const queue = await t.app.inject({
          url: `/api/services/workflow/queue?cursor=${encodeURIComponent(cursor)}`,
          headers: as(world.accounts.xihuClerk),
        });
        expect([200, 400]).toContain(queue.statusCode);
      }),
      { numRuns: 60 },
    );
  });

  it('gives another county’s clerk nothing: 404 for the task, the history and any action, an empty queue', async () => {
    const started = await startCase();
    const receive = started.openedTasks[0]!;
    const outsider = as(world.accounts.shangchengClerk);
    const view = await t.app.inject({ url: `/api/services/workflow/tasks/${receive.id}`, headers: outsider });
    expect([view.statusCode, view.json().code]).toEqual([404, 'services.task-not-found']);
    const history = await t.app.inject({
      url: `/api/services/workflow/instances/${started.instance.id}/history`,
      headers: outsider,
    });
    expect(history.statusCode).toBe(404);
    const acting = await actOn(t.app, world.accounts.shangchengClerk, receive.id, { action: 'accept' });
    expect(acting.statusCode).toBe(404);
    const queue = await t.app.inject({ url: '/api/services/workflow/queue', headers: outsider });
    expect(queue.json().tasks).toEqual([]);
    const anonymous = await t.app.inject({ url: '/api/services/workflow/queue' });
    expect(anonymous.statusCode).toBe(401);
    const events = await listRecordEvents(t.database.db, 'services.workflow', started.instance.id, 10);
    expect(events.map((entry) => entry.event.action)).toEqual(['services.workflow.started']);
  });

  // Copying and reloading the embedded database's files (reference data included) takes a while on busy cores.
  it('continues exactly where it stopped after the server stops and the database is reopened', {
    timeout: 240_000,
  }, async () => {
    const started = await startCase();
    const receive = started.openedTasks[0]!;
    expect((await actOn(t.app, world.accounts.xihuClerk, receive.id, { action: 'accept' })).statusCode).toBe(
      200,
    );
    const split = await actOn(t.app, world.accounts.xihuClerk, receive.id, { action: 'approve' });
    const [review, fire] = split.json().openedTasks as { id: string }[];
    expect(
      (await actOn(t.app, world.accounts.cityFireOfficer, fire!.id, { action: 'approve' })).statusCode,
    ).toBe(200);

    // Stop this server; a new one opens the database afresh (PGlite: a copy of its files).
    await t.app.close();
    const reopened = t.database.url
      ? await openDatabase({ kind: 'postgresql', url: t.database.url, poolSize: 2 })
      : await openDatabase({ kind: 'pglite-memory', loadDataDir: await t.database.snapshot!() });
    const restarted = await buildApp({
      config: t.config,
      database: reopened,
      migrations: readMigrationFiles(MIGRATIONS_DIR),
      clock: t.clock,
      version: readVersion(),
      logger: false,
      authenticate: bearerAuthenticate(() => ({ database: reopened, clock: t.clock })),
    });
    try {
      await restarted.ready();
      const view = await restarted.inject({
        url: `/api/services/workflow/tasks/${review!.id}`,
        headers: as(world.accounts.xihuClerk),
      });
      expect(
        view.json().tasks.map((row: { nodeKey: string; state: string }) => [row.nodeKey, row.state]),
      ).toEqual([
        ['receive', 'done'],
        ['market-review', 'open'],
        ['fire-check', 'done'],
      ]);
      const joined = await actOn(restarted, world.accounts.xihuClerk, review!.id, { action: 'approve' });
      expect(joined.statusCode).toBe(200);
      expect(joined.json().completed).toBe('approved');
      const events = await listRecordEvents(reopened.db, 'services.workflow', started.instance.id, 20);
      expect(events.map((entry) => entry.event.action)).toEqual([
        'services.workflow.started',
        'services.workflow.application-accepted',
        'services.workflow.task-approved',
        'services.workflow.task-approved',
        'services.workflow.task-approved',
        'services.workflow.approved',
      ]);
    } finally {
      await restarted.close();
      await reopened.close();
    }
  });
});
