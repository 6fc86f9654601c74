import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CaseWorld, createCaseWorld } from '../applications/test-case-world.ts';

/**
 * Six cases of 西湖区's market bureau, all submitted Friday 27 November 2026 with ten working days
 * (due at the end of Friday 11 December): A approved at once; B visited twice and approved late;
 * C asked for supplements and rejected while the clock stood paused; D withdrawn; E visited once and
 * left open past its limit; F left waiting for supplements.
 */
describe('supervision and the queue’s deadline marks', () => {
  let w: CaseWorld;
  const cases: Record<'a' | 'b' | 'c' | 'd' | 'e' | 'f', { id: string; instanceId: string }> = {} as never;
  const at = (iso: string) => w.app.clock.set(new Date(iso));
  let clerk: string;

  beforeAll(async () => {
    w = await createCaseWorld(980);
    clerk = w.world.accounts.xihuClerk;
    for (const key of ['a', 'b', 'c', 'd', 'e', 'f'] as const) cases[key] = await w.submitted();
  });
  afterAll(async () => {
    await w?.close();
  });

  const approveAll = async (instanceId: string) => {
    const receive = await w.openTask(instanceId, 'receive', clerk);
    expect((await w.act(clerk, receive, { action: 'accept' })).statusCode).toBe(200);
    expect((await w.act(clerk, receive, { action: 'approve' })).statusCode).toBe(200);
    const review = await w.openTask(instanceId, 'review', clerk);
    expect((await w.act(clerk, review, { action: 'approve' })).statusCode).toBe(200);
  };
  const askSupplements = async (instanceId: string) => {
    const receive = await w.openTask(instanceId, 'receive', clerk);
    const asked = await w.act(clerk, receive, {
      action: 'request-supplements',
      items: [{ material: 'lease', detail: '请上传租赁合同' }],
    });
    expect(asked.statusCode).toBe(200);
    return receive;
  };
  const visit = (id: string) =>
    w.call(clerk, 'POST', `/api/services/applications/${id}/visits`, { purpose: '现场核验' });
  type Mark = {
    instanceId: string;
    instanceState: string;
    deadline: { state: string; remainingWorkingDays: number };
  };
  const queue = async (query = '') =>
    (await w.call(clerk, 'GET', `/api/services/workflow/queue?limit=200${query}`)).json().tasks as Mark[];
  const markOf = (tasks: Mark[], key: keyof typeof cases) =>
    tasks.find((task) => task.instanceId === cases[key].instanceId)?.deadline;

  it('marks each task of the queue with its working days left, warning, overdue or paused, and filters by them', async () => {
    await approveAll(cases.a.instanceId);
    await visit(cases.b.id);
    await visit(cases.b.id);
    await visit(cases.e.id);
    const receiveC = await askSupplements(cases.c.instanceId);
    await askSupplements(cases.f.instanceId);
    const withdrawn = await w.call(w.citizen, 'POST', `/api/services/applications/${cases.d.id}/withdrawal`, {
      reason: '不再需要',
    });
    expect(withdrawn.statusCode).toBe(200);

    at('2026-12-08T09:00:00+08:00'); // Tuesday: 8, 9, 10 and 11 December are left.
    expect(markOf(await queue(), 'e')).toEqual({
      state: 'running',
      remainingWorkingDays: 4,
      provisional: false,
    });
    expect(markOf(await queue('&warnWithinDays=4'), 'e')?.state).toBe('warning');
    expect(markOf(await queue(), 'f')?.state).toBe('paused');

    at('2026-12-10T09:00:00+08:00'); // Thursday: two working days left.
    const all = await queue();
    expect(markOf(all, 'e')).toEqual({ state: 'warning', remainingWorkingDays: 2, provisional: false });
    expect(markOf(all, 'b')?.state).toBe('warning');
    const warning = (await queue('&deadline=warning')).map((task) => task.instanceId);
    expect(warning).toEqual(expect.arrayContaining([cases.b.instanceId, cases.e.instanceId]));
    expect(warning).not.toContain(cases.f.instanceId);
    expect((await queue('&deadline=running')).map((task) => task.instanceId)).not.toContain(
      cases.e.instanceId,
    );
    const badThreshold = await w.call(clerk, 'GET', '/api/services/workflow/queue?warnWithinDays=-1');
    expect(badThreshold.statusCode).toBe(400);

    at('2026-12-14T09:00:00+08:00'); // Monday after the due Friday.
    const overdue = await queue('&deadline=overdue');
    expect(markOf(overdue, 'e')).toEqual({ state: 'overdue', remainingWorkingDays: 0, provisional: false });
    expect(overdue.map((task) => task.instanceId)).not.toContain(cases.f.instanceId);
    expect((await queue('&deadline=warning')).map((task) => task.instanceId)).not.toContain(
      cases.e.instanceId,
    );

    const list = await w.call(w.xihuSupervisor, 'GET', '/api/services/supervision/overdue');
    expect(list.statusCode).toBe(200);
    const listed = list.json().cases;
    expect(listed.map((item: { applicationId: string }) => item.applicationId).sort()).toEqual(
      [cases.b.id, cases.e.id].sort(),
    );
    expect(listed[0]).toMatchObject({
      statutoryDueAt: '2026-12-11T16:00:00.000Z',
      workingDaysOverdue: 1,
      organisation: { id: w.world.xihuMarket, nameZh: '西湖区市场监督管理局' },
    });

    // B is decided late; C is rejected after the due day but while its clock stood paused.
    await approveAll(cases.b.instanceId);
    const rejected = await w.act(clerk, receiveC, { action: 'reject', reasons: ['逾期未补正材料'] });
    expect(rejected.statusCode).toBe(200);
  });

  it('counts volumes, the on-time rate and visits per department over the supervisor’s subtree only', async () => {
    const volumes = (by: string, from: string, to: string) =>
      w.call(by, 'GET', `/api/services/supervision/volumes?from=${from}&to=${to}`);
    const figures = await volumes(w.xihuSupervisor, '2026-11-01', '2026-12-31');
    expect(figures.statusCode).toBe(200);
    const expected = {
      received: 6,
      inProgress: 2,
      withdrawn: 1,
      decided: 3,
      approved: 2,
      rejected: 1,
      decidedOnTime: 2,
      decidedWithoutVisit: 2,
      decidedWithAtMostOneVisit: 2,
      onTimeRate: 2 / 3,
      noVisitRate: 2 / 3,
      atMostOneVisitRate: 2 / 3,
    };
    expect(figures.json().departments).toEqual([
      {
        organisation: {
          id: w.world.xihuMarket,
          nameZh: '西湖区市场监督管理局',
          nameEn: 'Xihu Market Supervision Bureau',
        },
        ...expected,
      },
    ]);
    expect(figures.json().total).toEqual(expected);

    // From Saturday 28 November: nothing was received; B (late) and C (paused) were decided in December.
    const later = (await volumes(w.xihuSupervisor, '2026-11-28', '2026-12-31')).json().total;
    expect(later).toMatchObject({ received: 0, decided: 2, decidedOnTime: 1, onTimeRate: 0.5 });
    // Only 27 November: received six, and A was decided that day.
    expect((await volumes(w.xihuSupervisor, '2026-11-27', '2026-11-27')).json().total).toMatchObject({
      received: 6,
      decided: 1,
      onTimeRate: 1,
    });

    const elsewhere = (await volumes(w.shangchengSupervisor, '2026-11-01', '2026-12-31')).json();
    expect(elsewhere.departments).toEqual([]);
    expect(elsewhere.total).toMatchObject({ received: 0, decided: 0, onTimeRate: null });
    expect(
      (await w.call(w.shangchengSupervisor, 'GET', '/api/services/supervision/overdue')).json().cases,
    ).toEqual([]);
    for (const url of [
      '/api/services/supervision/overdue',
      '/api/services/supervision/volumes?from=2026-11-01&to=2026-11-30',
    ])
      expect((await w.call(w.world.accounts.shangchengClerk, 'GET', url)).statusCode).toBe(403);

    const backwards = await volumes(w.xihuSupervisor, '2026-12-31', '2026-11-01');
    expect(backwards.statusCode).toBe(400);
    expect(backwards.json().errors).toEqual([
      expect.objectContaining({ pointer: '/to', detail: 'must not be before from' }),
    ]);
    const unreal = await volumes(w.xihuSupervisor, '2026-02-30', '2026-03-01');
    expect(unreal.json().errors).toEqual([
      expect.objectContaining({ pointer: '/from', detail: 'must be a real date, YYYY-MM-DD' }),
    ]);
    expect((await volumes(w.xihuSupervisor, '2025-01-01', '2026-12-31')).statusCode).toBe(400);
  });
});
