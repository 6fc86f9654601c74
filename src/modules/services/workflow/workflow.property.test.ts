import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/support/test-app.ts';
import { createVault } from '../../../platform/vault/index.ts';
import { type AccessActor, seedGrant } from '../../identity/index.ts';
import { listRecordEvents } from '../../ledger/index.ts';
import { tasksOf } from './definition.ts';
import { definitionArbitrary, parallelsBefore } from './definition-arbitrary.ts';
import { planOf } from './progression.ts';
import { getInstanceHistory } from './queue.ts';
import { actOnTask, provideSupplements, startWorkflow, type WorkflowOutcome } from './service.ts';
import { createWorkflowWorld, HANDLER_ROLE, HANGZHOU, type WorkflowWorld, XIHU } from './test-world.ts';

/**
 * Random definitions driven by random sequences of valid actions (accept or ask for supplements at the
 * first task, approve, transfer, now and then reject) through the real engine and database: a parallel
 * node never moves on before every task inside it is approved, and a finished case has no task open.
 */
describe('the workflow engine under random definitions and actions', () => {
  let t: TestApp;
  let world: WorkflowWorld;
  let handler: AccessActor;

  beforeAll(async () => {
    t = await createTestApp();
    world = await createWorkflowWorld(t.database.db, {
      clock: t.clock,
      vault: createVault(t.config.vaultKeys),
    });
    // One handler of the service-handler role over the whole city, every department in it.
    await seedGrant(t.database.db, t.clock, {
      accountId: world.accounts.xihuClerk,
      roleCode: HANDLER_ROLE,
      divisionCode: HANGZHOU,
    });
    handler = await world.actor(world.accounts.xihuClerk);
  });
  afterAll(async () => {
    await t.close();
  });

  it('keeps the join and completion rules', { timeout: 240_000 }, async () => {
    const db = t.database.db;
    await fc.assert(
      fc.asyncProperty(
        definitionArbitrary(['implementing', 'health', 'fire-safety'], HANDLER_ROLE),
        fc.array(fc.nat({ max: 99 }), { minLength: 1, maxLength: 40 }),
        async (definition, choices) => {
          const started = await startWorkflow(
            db,
            t.clock,
            {
              subject: { kind: 'application', id: randomUUID() },
              divisionCode: XIHU,
              definition,
              bindings: {
                implementing: world.xihuMarket,
                health: world.xihuHealth,
                'fire-safety': world.cityFire,
              },
            },
            { kind: 'citizen', id: randomUUID() },
          );
          const instanceId = started.instance.id;
          const required = parallelsBefore(definition);
          const plan = planOf(definition);
          let outcome: WorkflowOutcome = started;
          let hasAskedForSupplements = false;
          let actions = 1;
          for (let step = 0; !outcome.completed; step += 1) {
            // Once the choices run out, only accept and approve: every run ends.
            const choice = choices[step] ?? 1;
            const { tasks } = await getInstanceHistory(db, handler, instanceId);
            const done = new Set(tasks.filter((row) => row.outcome === 'approved').map((row) => row.nodeKey));
            for (const opened of outcome.openedTasks)
              for (const parallel of required.get(opened.nodeKey)!)
                for (const inside of plan.tasksInside.get(parallel)!) expect(done.has(inside)).toBe(true);
            const active = tasks.filter((row) => row.state === 'open' || row.state === 'accepted');
            expect(active.length).toBeGreaterThan(0);
            const target = active[choice % active.length]!;
            const action =
              target.isAcceptance && target.state === 'open'
                ? !hasAskedForSupplements && choice % 3 === 0
                  ? 'request-supplements'
                  : 'accept'
                : choice % 17 === 0
                  ? 'reject'
                  : choice % 7 === 0
                    ? 'transfer'
                    : 'approve';
            if (action === 'request-supplements') {
              hasAskedForSupplements = true;
              const items = [{ material: '申请书', detail: '未签字' }];
              await actOnTask(db, t.clock, { taskId: target.id, action, items }, handler);
              outcome = await provideSupplements(
                db,
                t.clock,
                { instanceId, provided: items },
                { kind: 'citizen', id: randomUUID() },
              );
              actions += 2;
            } else if (action === 'transfer') {
              const toOrganisationId =
                target.organisationId === world.xihuHealth ? world.xihuMarket : world.xihuHealth;
              outcome = await actOnTask(
                db,
                t.clock,
                { taskId: target.id, action, reason: '转办', toOrganisationId },
                handler,
              );
              actions += 1;
            } else if (action === 'reject') {
              outcome = await actOnTask(
                db,
                t.clock,
                { taskId: target.id, action, reasons: ['不符合条件'] },
                handler,
              );
              actions += 1;
            } else {
              outcome = await actOnTask(db, t.clock, { taskId: target.id, action }, handler);
              actions += 1;
            }
          }

          const history = await getInstanceHistory(db, handler, instanceId);
          expect(history.instance.state).toBe(outcome.completed);
          expect(history.tasks.filter((row) => row.state === 'open' || row.state === 'accepted')).toEqual([]);
          if (outcome.completed === 'approved')
            expect(history.tasks.map((row) => row.nodeKey).sort()).toEqual(
              tasksOf(definition)
                .map((node) => node.key)
                .sort(),
            );
          expect(history.actions).toHaveLength(actions);
          const events = await listRecordEvents(db, 'services.workflow', instanceId, 500);
          // One event per action, and one more for the approval of the whole case.
          expect(events).toHaveLength(actions + (outcome.completed === 'approved' ? 1 : 0));
        },
      ),
      { numRuns: 25 },
    );
  });
});
