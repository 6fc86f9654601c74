import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/support/test-app.ts';
import { DomainError } from '../../../platform/errors/index.ts';
import { createVault } from '../../../platform/vault/index.ts';
import { listRecordEvents } from '../../ledger/index.ts';
import type { WorkflowDefinition } from './definition.ts';
import { getInstanceHistory, getTaskView, listWorkQueue } from './queue.ts';
import {
  actOnTask,
  provideSupplements,
  setWorkflowDeadline,
  startWorkflow,
  type TaskAction,
  type WorkflowActor,
  withdrawWorkflow,
} from './service.ts';
import { createWorkflowWorld, parallel, serial, task, type WorkflowWorld, XIHU } from './test-world.ts';

const applicant: WorkflowActor = { kind: 'citizen', id: randomUUID() };

/** The domain error a promise rejects with, for asserting its kind and code. */
async function failure(promise: Promise<unknown>): Promise<DomainError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  if (!(error instanceof DomainError)) throw new Error(`expected a DomainError, got ${String(error)}`);
  return error;
}

describe('the workflow engine', () => {
  let t: TestApp;
  let world: WorkflowWorld;
  const db = () => t.database.db;

  beforeAll(async () => {
    t = await createTestApp();
    world = await createWorkflowWorld(db(), { clock: t.clock, vault: createVault(t.config.vaultKeys) });
  });
  afterAll(async () => {
    await t.close();
  });

  const start = (definition: WorkflowDefinition, bindings: Record<string, string> = {}) =>
    startWorkflow(
      db(),
      t.clock,
      {
        subject: { kind: 'application', id: randomUUID() },
        divisionCode: XIHU,
        definition,
        bindings: { implementing: world.xihuMarket, ...bindings },
      },
      applicant,
    );
  const act = async (accountId: string, taskId: string, action: TaskAction & { version?: number }) =>
    actOnTask(db(), t.clock, { ...action, taskId }, await world.actor(accountId));
  const ledgerActions = async (instanceId: string) =>
    (await listRecordEvents(db(), 'services.workflow', instanceId, 100)).map((entry) => entry.event.action);

  it('runs a serial workflow: accept, approve each step, approved with no task left open', async () => {
    const started = await start(serial('receive', 'review', 'decide'));
    expect(started.instance.state).toBe('running');
    expect(started.openedTasks.map((opened) => [opened.nodeKey, opened.isAcceptance, opened.state])).toEqual([
      ['receive', true, 'open'],
    ]);
    const receive = started.openedTasks[0]!;
    const accepted = await act(world.accounts.xihuClerk, receive.id, { action: 'accept' });
    expect(accepted.openedTasks).toEqual([]);
    const afterReceive = await act(world.accounts.xihuClerk, receive.id, { action: 'approve' });
    expect(afterReceive.openedTasks.map((opened) => opened.nodeKey)).toEqual(['review']);
    const afterReview = await act(world.accounts.xihuSecondClerk, afterReceive.openedTasks[0]!.id, {
      action: 'approve',
      comment: '材料齐全',
    });
    expect(afterReview.openedTasks.map((opened) => opened.nodeKey)).toEqual(['decide']);
    const done = await act(world.accounts.xihuClerk, afterReview.openedTasks[0]!.id, { action: 'approve' });
    expect(done.completed).toBe('approved');
    expect(done.instance.state).toBe('approved');

    const history = await getInstanceHistory(
      db(),
      await world.actor(world.accounts.xihuClerk),
      started.instance.id,
    );
    expect(history.tasks.map((row) => [row.nodeKey, row.state, row.outcome])).toEqual([
      ['receive', 'done', 'approved'],
      ['review', 'done', 'approved'],
      ['decide', 'done', 'approved'],
    ]);
    expect(history.actions.map((entry) => entry.action)).toEqual([
      'start',
      'accept',
      'approve',
      'approve',
      'approve',
    ]);
    expect(history.actions[3]!.comment).toBe('材料齐全');
    expect(await ledgerActions(started.instance.id)).toEqual([
      'services.workflow.started',
      'services.workflow.application-accepted',
      'services.workflow.task-approved',
      'services.workflow.task-approved',
      'services.workflow.task-approved',
      'services.workflow.approved',
    ]);
  });

  it('asks for supplements in one notice, refuses a second before the answer, and resumes the same task', async () => {
    const started = await start(serial('receive', 'decide'));
    const receive = started.openedTasks[0]!;
    const items = [
      { material: '营业执照副本', detail: '缺少加盖公章的复印件' },
      { material: '法定代表人身份证明', detail: '身份证复印件不清晰' },
    ];
    const asked = await act(world.accounts.xihuClerk, receive.id, { action: 'request-supplements', items });
    expect(asked.instance.state).toBe('awaiting-supplements');
    expect(asked.awaitingSupplements).toEqual({ taskId: receive.id, items, requestedAt: t.clock.now() });

    const second = await failure(
      act(world.accounts.xihuSecondClerk, receive.id, {
        action: 'request-supplements',
        items: [{ material: '场地证明', detail: '也缺' }],
      }),
    );
    expect([second.kind, second.code]).toEqual(['conflict', 'services.supplements-already-requested']);
    const accepting = await failure(act(world.accounts.xihuClerk, receive.id, { action: 'accept' }));
    expect(accepting.kind).toBe('conflict');

    const partial = await failure(
      provideSupplements(
        db(),
        t.clock,
        { instanceId: started.instance.id, provided: [items[0]!] },
        applicant,
      ),
    );
    expect(partial.kind).toBe('invalid');
    expect(partial.fields.map((field) => field.pointer)).toEqual(['/provided']);
    expect(partial.message).toContain('法定代表人身份证明');
    const resumed = await provideSupplements(
      db(),
      t.clock,
      {
        instanceId: started.instance.id,
        provided: items.map((item) => ({ material: item.material, detail: '已上传' })),
      },
      applicant,
    );
    expect(resumed.instance.state).toBe('running');
    expect(resumed.resumedTaskId).toBe(receive.id);
    const again = await failure(
      provideSupplements(db(), t.clock, { instanceId: started.instance.id, provided: [] }, applicant),
    );
    expect([again.kind, again.code]).toEqual(['conflict', 'services.supplements-not-requested']);

    await act(world.accounts.xihuClerk, receive.id, { action: 'accept' });
    const next = await act(world.accounts.xihuClerk, receive.id, { action: 'approve' });
    const done = await act(world.accounts.xihuClerk, next.openedTasks[0]!.id, { action: 'approve' });
    expect(done.completed).toBe('approved');
    const history = await getInstanceHistory(
      db(),
      await world.actor(world.accounts.xihuClerk),
      started.instance.id,
    );
    expect(history.actions.map((entry) => entry.action)).toEqual([
      'start',
      'request-supplements',
      'provide-supplements',
      'accept',
      'approve',
      'approve',
    ]);
    expect(history.actions[1]!.supplements).toEqual(items);
    expect(await ledgerActions(started.instance.id)).toEqual([
      'services.workflow.started',
      'services.workflow.supplements-requested',
      'services.workflow.supplements-provided',
      'services.workflow.application-accepted',
      'services.workflow.task-approved',
      'services.workflow.task-approved',
      'services.workflow.approved',
    ]);
  });

  it('refuses to approve the first task before it is accepted, and a supplement notice after acceptance', async () => {
    const started = await start(serial('receive', 'decide'));
    const receive = started.openedTasks[0]!;
    const early = await failure(act(world.accounts.xihuClerk, receive.id, { action: 'approve' }));
    expect([early.kind, early.code]).toEqual(['conflict', 'services.action-not-allowed']);
    await act(world.accounts.xihuClerk, receive.id, { action: 'accept' });
    const late = await failure(
      act(world.accounts.xihuClerk, receive.id, {
        action: 'request-supplements',
        items: [{ material: '章程', detail: '缺' }],
      }),
    );
    expect(late.code).toBe('services.action-not-allowed');
    const empty = await failure(
      act(world.accounts.xihuClerk, receive.id, { action: 'request-supplements', items: [] }),
    );
    expect(empty.fields.map((field) => field.pointer)).toEqual(['/items']);
  });

  /** 受理 at the county market bureau, then the market review (two steps) and the city fire check side by side. */
  const jointDefinition: WorkflowDefinition = {
    steps: [
      task('receive'),
      parallel('joint', [[task('market-review'), task('market-sign')], [task('fire-check', 'fire-safety')]]),
      task('issue'),
    ],
  };

  it('joins a parallel node only when every branch, of any length and level, has approved', async () => {
    const started = await start(jointDefinition, { 'fire-safety': world.cityFire });
    const receive = started.openedTasks[0]!;
    await act(world.accounts.xihuClerk, receive.id, { action: 'accept' });
    const split = await act(world.accounts.xihuClerk, receive.id, { action: 'approve' });
    expect(
      split.openedTasks.map((opened) => [opened.nodeKey, opened.organisationId, opened.divisionCode]),
    ).toEqual([
      ['market-review', world.xihuMarket, XIHU],
      ['fire-check', world.cityFire, '3301'],
    ]);
    const [review, fire] = split.openedTasks;

    // The county clerk cannot act for the city's fire brigade, nor the fire officer for the market bureau.
    const wrongDepartment = await failure(act(world.accounts.xihuClerk, fire!.id, { action: 'approve' }));
    expect([wrongDepartment.kind, wrongDepartment.code]).toEqual(['forbidden', 'services.not-task-handler']);
    const wrongBureau = await failure(act(world.accounts.cityFireOfficer, review!.id, { action: 'approve' }));
    expect(wrongBureau.kind).toBe('forbidden');

    const fireQueue = await listWorkQueue(
      db(),
      t.clock,
      await world.actor(world.accounts.cityFireOfficer),
      {},
    );
    expect(fireQueue.items.map((item) => item.id)).toContain(fire!.id);
    expect(fireQueue.items.map((item) => item.id)).not.toContain(review!.id);

    const afterFire = await act(world.accounts.cityFireOfficer, fire!.id, { action: 'approve' });
    expect(afterFire.openedTasks).toEqual([]);
    expect(afterFire.instance.state).toBe('running');
    const afterReview = await act(world.accounts.xihuClerk, review!.id, { action: 'approve' });
    expect(afterReview.openedTasks.map((opened) => opened.nodeKey)).toEqual(['market-sign']);
    const joined = await act(world.accounts.xihuSecondClerk, afterReview.openedTasks[0]!.id, {
      action: 'approve',
    });
    expect(joined.openedTasks.map((opened) => opened.nodeKey)).toEqual(['issue']);
    const done = await act(world.accounts.xihuClerk, joined.openedTasks[0]!.id, { action: 'approve' });
    expect(done.completed).toBe('approved');
  });

  it('rejection needs reasons, ends the case and cancels the tasks still open in other branches', async () => {
    const started = await start(jointDefinition, { 'fire-safety': world.cityFire });
    const receive = started.openedTasks[0]!;
    await act(world.accounts.xihuClerk, receive.id, { action: 'accept' });
    const split = await act(world.accounts.xihuClerk, receive.id, { action: 'approve' });
    const fire = split.openedTasks.find((opened) => opened.nodeKey === 'fire-check')!;
    const review = split.openedTasks.find((opened) => opened.nodeKey === 'market-review')!;

    const reasonless = await failure(
      act(world.accounts.cityFireOfficer, fire.id, { action: 'reject', reasons: [' '] }),
    );
    expect(reasonless.kind).toBe('invalid');
    expect(reasonless.fields.map((field) => field.pointer)).toEqual(['/reasons', '/reasons/0']);

    const rejected = await act(world.accounts.cityFireOfficer, fire.id, {
      action: 'reject',
      reasons: ['消防通道被占用', '未配置灭火器'],
    });
    expect(rejected.completed).toBe('rejected');
    expect(rejected.instance.state).toBe('rejected');
    expect(rejected.cancelledTaskIds).toEqual([review.id]);
    const history = await getInstanceHistory(
      db(),
      await world.actor(world.accounts.xihuClerk),
      started.instance.id,
    );
    expect(history.tasks.filter((row) => row.state === 'open' || row.state === 'accepted')).toEqual([]);
    expect(history.tasks.find((row) => row.nodeKey === 'market-review')!.state).toBe('cancelled');
    expect(history.actions.at(-1)!.reasons).toEqual(['消防通道被占用', '未配置灭火器']);
    const closed = await failure(act(world.accounts.xihuClerk, review.id, { action: 'approve' }));
    expect([closed.kind, closed.code]).toEqual(['conflict', 'services.task-closed']);
    expect((await ledgerActions(started.instance.id)).at(-1)).toBe('services.workflow.rejected');
  });

  it('transfers a task to another department, and to another handler within the department', async () => {
    const started = await start(serial('receive', 'review'));
    const receive = started.openedTasks[0]!;
    await act(world.accounts.xihuClerk, receive.id, { action: 'accept' });
    const review = (await act(world.accounts.xihuClerk, receive.id, { action: 'approve' })).openedTasks[0]!;

    const noReason = await failure(
      act(world.accounts.xihuClerk, review.id, {
        action: 'transfer',
        reason: ' ',
        toOrganisationId: world.xihuHealth,
      }),
    );
    expect(noReason.fields.map((field) => field.pointer)).toEqual(['/reason']);
    await act(world.accounts.xihuClerk, review.id, {
      action: 'transfer',
      reason: '涉及食品卫生，由卫健局审查',
      toOrganisationId: world.xihuHealth,
    });
    const lost = await failure(act(world.accounts.xihuClerk, review.id, { action: 'approve' }));
    expect(lost.code).toBe('services.not-task-handler');
    const healthQueue = await listWorkQueue(
      db(),
      t.clock,
      await world.actor(world.accounts.xihuHealthClerk),
      {},
    );
    expect(healthQueue.items.map((item) => [item.id, item.organisationId])).toEqual([
      [review.id, world.xihuHealth],
    ]);

    // Back to the market bureau, handed to one named handler.
    await act(world.accounts.xihuHealthClerk, review.id, {
      action: 'transfer',
      reason: '不涉及卫生审查',
      toOrganisationId: world.xihuMarket,
    });
    const notHandler = await failure(
      act(world.accounts.xihuClerk, review.id, {
        action: 'transfer',
        reason: '请李科长办理',
        toAccountId: world.accounts.xihuHealthClerk,
      }),
    );
    expect(notHandler.fields.map((field) => field.pointer)).toEqual(['/toAccountId']);
    await act(world.accounts.xihuClerk, review.id, {
      action: 'transfer',
      reason: '请李科长办理',
      toAccountId: world.accounts.xihuSecondClerk,
    });
    const elsewhere = await failure(act(world.accounts.xihuClerk, review.id, { action: 'approve' }));
    expect([elsewhere.kind, elsewhere.code]).toEqual(['forbidden', 'services.task-assigned-elsewhere']);
    const firstQueue = await listWorkQueue(db(), t.clock, await world.actor(world.accounts.xihuClerk), {});
    expect(firstQueue.items.map((item) => item.id)).not.toContain(review.id);
    const secondQueue = await listWorkQueue(
      db(),
      t.clock,
      await world.actor(world.accounts.xihuSecondClerk),
      {},
    );
    expect(secondQueue.items.find((item) => item.id === review.id)?.isAssignedToMe).toBe(true);
    const done = await act(world.accounts.xihuSecondClerk, review.id, { action: 'approve' });
    expect(done.completed).toBe('approved');

    const history = await getInstanceHistory(
      db(),
      await world.actor(world.accounts.xihuClerk),
      started.instance.id,
    );
    expect(
      history.actions.filter((entry) => entry.action === 'transfer').map((entry) => entry.reasons),
    ).toEqual([['涉及食品卫生，由卫健局审查'], ['不涉及卫生审查'], ['请李科长办理']]);
    expect(
      (await ledgerActions(started.instance.id)).filter((action) => action.endsWith('transferred')),
    ).toHaveLength(3);
  });

  it('lets one of two handlers acting on the same task at once win; the other gets a conflict', async () => {
    const started = await start(serial('receive', 'review'));
    const receive = started.openedTasks[0]!;
    const results = await Promise.allSettled([
      act(world.accounts.xihuClerk, receive.id, { action: 'accept' }),
      act(world.accounts.xihuSecondClerk, receive.id, { action: 'accept' }),
    ]);
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
    const loser = results.find((result) => result.status === 'rejected') as PromiseRejectedResult;
    expect(loser.reason).toBeInstanceOf(DomainError);
    expect((loser.reason as DomainError).code).toBe('services.task-already-accepted');

    const accepted = await getTaskView(db(), await world.actor(world.accounts.xihuClerk), receive.id);
    const winner = accepted.task.assigneeAccountId!;
    const approvals = await Promise.allSettled([
      act(winner, receive.id, { action: 'approve', version: accepted.task.version }),
      act(winner, receive.id, { action: 'approve', version: accepted.task.version }),
    ]);
    expect(approvals.map((result) => result.status).sort()).toEqual(['fulfilled', 'rejected']);
    const second = approvals.find((result) => result.status === 'rejected') as PromiseRejectedResult;
    expect((second.reason as DomainError).kind).toBe('conflict');
    const history = await getInstanceHistory(db(), await world.actor(winner), started.instance.id);
    expect(history.tasks.map((row) => row.nodeKey)).toEqual(['receive', 'review']);
    expect(history.actions.map((entry) => entry.action)).toEqual(['start', 'accept', 'approve']);
  });

  it('lets the owner of the case react in the same transaction, and undoes the action when the reaction fails', async () => {
    const started = await start(serial('receive'));
    const receive = started.openedTasks[0]!;
    const clerk = await world.actor(world.accounts.xihuClerk);
    const seen: string[] = [];
    await actOnTask(
      db(),
      t.clock,
      { taskId: receive.id, action: 'accept' },
      clerk,
      async (tx, outcome, context) => {
        expect(tx.isTransaction).toBe(true);
        seen.push(`${context.action.action}:${outcome.instance.state}`);
      },
    );
    const failing = actOnTask(db(), t.clock, { taskId: receive.id, action: 'approve' }, clerk, async () => {
      throw new Error('the certificate could not be issued');
    });
    await expect(failing).rejects.toThrow('the certificate could not be issued');
    const view = await getTaskView(db(), clerk, receive.id);
    expect([view.task.state, view.instance.state]).toEqual(['accepted', 'running']);
    expect(view.actions.map((entry) => entry.action)).toEqual(['start', 'accept']);
    expect(await ledgerActions(started.instance.id)).toEqual([
      'services.workflow.started',
      'services.workflow.application-accepted',
    ]);
    expect(seen).toEqual(['accept:running']);
  });

  it('refuses a stale version', async () => {
    const started = await start(serial('receive'));
    const receive = started.openedTasks[0]!;
    await act(world.accounts.xihuClerk, receive.id, { action: 'accept', version: 0 });
    const stale = await failure(act(world.accounts.xihuClerk, receive.id, { action: 'approve', version: 0 }));
    expect([stale.kind, stale.code]).toEqual(['conflict', 'services.task-changed']);
    const done = await act(world.accounts.xihuClerk, receive.id, { action: 'approve', version: 1 });
    expect(done.completed).toBe('approved');
  });

  it('hides a case from another county’s clerk: no queue entry, no task, no history', async () => {
    const started = await start(serial('receive'));
    const receive = started.openedTasks[0]!;
    const outsider = await world.actor(world.accounts.shangchengClerk);
    const acting = await failure(
      actOnTask(db(), t.clock, { taskId: receive.id, action: 'accept' }, outsider),
    );
    expect([acting.kind, acting.code]).toEqual(['not-found', 'services.task-not-found']);
    const queue = await listWorkQueue(db(), t.clock, outsider, {});
    expect(queue.items.map((item) => item.instanceId)).not.toContain(started.instance.id);
    expect((await failure(getTaskView(db(), outsider, receive.id))).kind).toBe('not-found');
    expect((await failure(getInstanceHistory(db(), outsider, started.instance.id))).kind).toBe('not-found');
    const history = await getInstanceHistory(
      db(),
      await world.actor(world.accounts.xihuClerk),
      started.instance.id,
    );
    expect(history.actions.map((entry) => entry.action)).toEqual(['start']);
  });

  it('withdraws a case, cancelling its open tasks', async () => {
    const started = await start(serial('receive', 'review'));
    const withdrawn = await withdrawWorkflow(
      db(),
      t.clock,
      { instanceId: started.instance.id, reason: '申请人撤回' },
      applicant,
    );
    expect(withdrawn.completed).toBe('withdrawn');
    expect(withdrawn.cancelledTaskIds).toEqual([started.openedTasks[0]!.id]);
    const again = await failure(
      withdrawWorkflow(db(), t.clock, { instanceId: started.instance.id, reason: '再撤' }, applicant),
    );
    expect(again.code).toBe('services.workflow-not-running');
    expect((await ledgerActions(started.instance.id)).at(-1)).toBe('services.workflow.withdrawn');
  });

  it('pages the queue oldest first and filters by state, department and deadline', async () => {
    const clerk = await world.actor(world.accounts.xihuClerk);
    const before = (await listWorkQueue(db(), t.clock, clerk, { limit: 200 })).items.length;
    const subjects: string[] = [];
    for (let index = 0; index < 5; index += 1) {
      t.clock.advance(1000);
      const started = await start(serial('receive', 'review'));
      subjects.push(started.instance.id);
      await setWorkflowDeadline(
        db(),
        t.clock,
        {
          instanceId: started.instance.id,
          dueAt: new Date(t.clock.now().getTime() + (index % 2 === 0 ? -1 : 1) * 86_400_000),
          reason: '法定办结时限',
        },
        { kind: 'system', id: 'statutory-clock' },
      );
    }
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await listWorkQueue(db(), t.clock, clerk, { limit: 2, ...(cursor ? { cursor } : {}) });
      seen.push(...page.items.map((item) => item.instanceId));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toHaveLength(before + 5);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.slice(-5)).toEqual(subjects);

    const overdue = await listWorkQueue(db(), t.clock, clerk, { isOverdue: true });
    expect(overdue.items.map((item) => item.instanceId)).toEqual([subjects[0], subjects[2], subjects[4]]);
    expect(overdue.items.every((item) => item.isOverdue)).toBe(true);
    const health = await listWorkQueue(db(), t.clock, clerk, { organisationId: world.xihuHealth });
    expect(health.items).toEqual([]);
    const accepted = await listWorkQueue(db(), t.clock, clerk, { state: 'accepted' });
    expect(accepted.items.map((item) => item.instanceId)).not.toContain(subjects[0]);
    const forged = await failure(listWorkQueue(db(), t.clock, clerk, { cursor: 'bm90LWEtY3Vyc29y' }));
    expect(forged.fields.map((field) => field.pointer)).toEqual(['/cursor']);
  });

  it('refuses to start with a bad definition, an unbound slot, an unknown organisation or a second time', async () => {
    const badDefinition = await failure(
      start({ steps: [parallel('p', [[task('a')], []]), task('a')] } as WorkflowDefinition),
    );
    expect(badDefinition.kind).toBe('invalid');
    expect(badDefinition.fields.map((field) => field.pointer)).toEqual([
      '/definition/steps/0/branches/1',
      '/definition/steps/1/key',
      '/definition/steps/0/kind',
    ]);
    const unbound = await failure(start({ steps: [task('receive'), task('fire', 'fire-safety')] }));
    expect(unbound.fields).toEqual([
      { pointer: '/bindings/fire-safety', detail: 'is used by a task but not bound to an organisation' },
    ]);
    const unknown = await failure(start(serial('receive'), { implementing: randomUUID() }));
    expect(unknown.fields.map((field) => field.pointer)).toEqual(['/bindings/implementing']);
    const subject = { kind: 'application', id: randomUUID() };
    const input = {
      subject,
      divisionCode: XIHU,
      definition: serial('receive'),
      bindings: { implementing: world.xihuMarket },
    };
    await startWorkflow(db(), t.clock, input, applicant);
    const twice = await failure(startWorkflow(db(), t.clock, input, applicant));
    expect([twice.kind, twice.code]).toEqual(['conflict', 'services.workflow-already-started']);
    const noDivision = await failure(
      startWorkflow(
        db(),
        t.clock,
        { ...input, subject: { kind: 'application', id: 'x' }, divisionCode: '999999' },
        applicant,
      ),
    );
    expect(noDivision.fields.map((field) => field.pointer)).toEqual(['/divisionCode']);
  });
});
