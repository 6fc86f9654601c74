import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { integrateBatch, listRecordEvents, resolveLedgerKeys } from '../../ledger/index.ts';
import { type CaseWorld, createCaseWorld, PDF } from './test-case-world.ts';

describe('handling: extensions, withdrawal, supplements with uploads, visits and the case view', () => {
  let w: CaseWorld;
  beforeAll(async () => {
    w = await createCaseWorld(960);
  });
  afterAll(async () => {
    await w?.close();
  });
  const actions = async (type: string, id: string) =>
    (await listRecordEvents(w.app.database.db, type, id, 100)).map((entry) => entry.event.action);

  it('moves the statutory due date through the calendar when an approver grants an extension', async () => {
    const { id, instanceId } = await w.submitted();
    const clerk = w.world.accounts.xihuClerk;
    // Submitted Friday 27 November 2026: ten working days run out on Friday 11 December.
    expect((await w.call(w.citizen, 'GET', `/api/services/applications/${id}`)).json().statutoryDueAt).toBe(
      '2026-12-11T16:00:00.000Z',
    );
    const ask = (by: string, body: Record<string, unknown>) =>
      w.call(by, 'POST', `/api/services/applications/${id}/extensions`, body);
    const request = { workingDays: 5, reason: '需要现场核查', legalBasis: '《行政许可法》第四十二条' };

    const blank = await ask(clerk, { ...request, legalBasis: '  ' });
    expect(blank.statusCode).toBe(400);
    expect(blank.json().errors).toEqual([
      { in: 'body', pointer: '/legalBasis', detail: 'must name the provision that allows the extension' },
    ]);
    expect((await ask(clerk, { ...request, workingDays: 0 })).statusCode).toBe(400);
    expect((await ask(w.world.accounts.shangchengClerk, request)).statusCode).toBe(404);
    expect((await ask(w.citizen, request)).statusCode).toBe(403);

    const asked = await ask(clerk, request);
    expect(asked.statusCode).toBe(201);
    expect(asked.json()).toMatchObject({ state: 'requested', workingDays: 5, requestedBy: clerk });
    const twice = await ask(w.world.accounts.xihuSecondClerk, request);
    expect(twice.statusCode).toBe(409);
    expect(twice.json().code).toBe('services.extension-pending');

    const decide = (by: string, body: Record<string, unknown>) =>
      w.call(by, 'POST', `/api/services/extensions/${asked.json().id}/decision`, body);
    expect((await decide(clerk, { decision: 'approve' })).statusCode).toBe(403);
    expect((await decide(w.shangchengApprover, { decision: 'approve' })).statusCode).toBe(404);
    const pending = await w.call(w.xihuApprover, 'GET', '/api/services/extensions');
    expect(pending.json().extensions.map((e: { id: string }) => e.id)).toContain(asked.json().id);
    expect((await w.call(w.shangchengApprover, 'GET', '/api/services/extensions')).json().extensions).toEqual(
      [],
    );

    const approved = await decide(w.xihuApprover, { decision: 'approve', note: '同意' });
    expect(approved.statusCode).toBe(200);
    // Five more working days: Friday 18 December.
    expect(approved.json()).toMatchObject({
      extension: { state: 'approved', decidedBy: w.xihuApprover },
      statutoryDueAt: '2026-12-18T16:00:00.000Z',
    });
    expect((await decide(w.xihuApprover, { decision: 'refuse', note: '再议' })).statusCode).toBe(409);
    const mine = (await w.call(w.citizen, 'GET', `/api/services/applications/${id}`)).json();
    expect(mine.statutoryDueAt).toBe('2026-12-18T16:00:00.000Z');
    expect(mine.promisedDueAt).toBe('2026-12-04T16:00:00.000Z');
    const queue = (await w.call(clerk, 'GET', '/api/services/workflow/queue?limit=100')).json();
    expect(queue.tasks.find((item: { instanceId: string }) => item.instanceId === instanceId).dueAt).toBe(
      '2026-12-18T16:00:00.000Z',
    );
    const inbox = JSON.stringify((await w.call(w.citizen, 'GET', '/api/notifications')).json());
    expect(inbox).toContain('services.application.extended');

    // A refusal must say why and leaves the due date alone; nobody decides their own request.
    const second = await ask(w.world.accounts.xihuSecondClerk, { ...request, workingDays: 3 });
    expect(second.statusCode).toBe(201);
    const refuse = (body: Record<string, unknown>) =>
      w.call(w.xihuApprover, 'POST', `/api/services/extensions/${second.json().id}/decision`, body);
    expect((await refuse({ decision: 'refuse' })).json().errors).toEqual([
      { in: 'body', pointer: '/note', detail: 'must say why the extension is refused' },
    ]);
    const refused = await refuse({ decision: 'refuse', note: '核查可在期限内完成' });
    expect(refused.json()).toMatchObject({
      extension: { state: 'refused', decisionNote: '核查可在期限内完成' },
      statutoryDueAt: '2026-12-18T16:00:00.000Z',
    });
    // The second clerk also approves extensions, but not one they asked for themselves.
    const approvingClerk = w.world.accounts.xihuSecondClerk;
    const own = await ask(approvingClerk, { ...request, workingDays: 2 });
    expect(own.statusCode).toBe(201);
    const self = await w.call(approvingClerk, 'POST', `/api/services/extensions/${own.json().id}/decision`, {
      decision: 'approve',
    });
    expect(self.statusCode).toBe(403);
    expect(self.json().code).toBe('services.extension-own-request');

    expect(await actions('services.application', id)).toEqual([
      'services.application.drafted',
      'services.application.answers-saved',
      'services.application.submitted',
      'services.application.extension-requested',
      'services.application.extension-approved',
      'services.application.extension-requested',
      'services.application.extension-refused',
      'services.application.extension-requested',
    ]);
    expect(await actions('services.workflow', instanceId)).toContain('services.workflow.deadline-set');
  });

  it('lets the applicant withdraw before a decision: the workflow is cancelled and they are told', async () => {
    const { id, instanceId } = await w.submitted();
    const withdraw = (by: string, reason: string) =>
      w.call(by, 'POST', `/api/services/applications/${id}/withdrawal`, { reason });
    expect((await withdraw(w.world.accounts.shangchengClerk, '不办了')).statusCode).toBe(404);
    expect((await withdraw(w.world.accounts.xihuClerk, '不办了')).statusCode).toBe(404);
    const blank = await withdraw(w.citizen, '   ');
    expect(blank.statusCode).toBe(400);
    expect(blank.json().errors[0].pointer).toBe('/reason');

    const done = await withdraw(w.citizen, '已在线下办理');
    expect(done.statusCode).toBe(200);
    expect(done.json()).toMatchObject({ state: 'withdrawn', decidedAt: null });
    const again = await withdraw(w.citizen, '已在线下办理');
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('services.application-not-open');
    const queue = (
      await w.call(w.world.accounts.xihuClerk, 'GET', '/api/services/workflow/queue?limit=100')
    ).json();
    expect(queue.tasks.some((item: { instanceId: string }) => item.instanceId === instanceId)).toBe(false);
    const history = await w.call(
      w.world.accounts.xihuClerk,
      'GET',
      `/api/services/workflow/instances/${instanceId}/history`,
    );
    expect(history.json().instance.state).toBe('withdrawn');
    expect(history.json().tasks.every((item: { state: string }) => item.state === 'cancelled')).toBe(true);
    const inbox = JSON.stringify((await w.call(w.citizen, 'GET', '/api/notifications')).json());
    expect(inbox).toContain('services.application.withdrawn');
    expect((await actions('services.application', id)).at(-1)).toBe('services.application.withdrawn');
    expect(await actions('services.workflow', instanceId)).toContain('services.workflow.withdrawn');
  });

  it('takes uploads and corrected answers while supplements are asked, then resumes the clock', async () => {
    const { id, instanceId } = await w.submitted();
    const clerk = w.world.accounts.xihuClerk;
    const upload = () =>
      w.call(w.citizen, 'POST', `/api/services/applications/${id}/uploads`, {
        pointer: '/leaseScan',
        contentBase64: PDF.toString('base64'),
      });
    const early = await upload();
    expect(early.statusCode).toBe(409);
    expect(early.json().code).toBe('services.uploads-closed');

    const receive = await w.openTask(instanceId, 'receive', clerk);
    const asked = await w.act(clerk, receive, {
      action: 'request-supplements',
      items: [
        { material: 'lease', detail: '请上传租赁合同' },
        { material: 'address', detail: '地址缺少门牌号' },
      ],
    });
    expect(asked.statusCode).toBe(200);
    w.app.clock.advance(3 * 86_400_000); // Monday 30 November.

    const uploaded = await upload();
    expect(uploaded.statusCode).toBe(201);
    const provide = (answers: Record<string, unknown>) =>
      w.call(w.citizen, 'POST', `/api/services/applications/${id}/supplements`, {
        provided: [
          { material: 'lease', detail: '已上传' },
          { material: 'address', detail: '已补门牌号' },
        ],
        answers,
      });
    const invalid = await provide({ address: '' });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json().errors.map((field: { pointer: string }) => field.pointer)).toEqual(['/address']);
    expect((await w.call(w.citizen, 'GET', `/api/services/applications/${id}`)).json().state).toBe(
      'awaiting-supplements',
    );

    const resumed = await provide({ address: '西溪路1号2幢' });
    expect(resumed.statusCode).toBe(200);
    expect(resumed.json()).toMatchObject({
      state: 'submitted',
      answers: { name: '王居民', address: '西溪路1号2幢', leaseScan: uploaded.json().id },
    });
    // Paused Friday, resumed Monday: the Monday does not count, so the limit moves one working day.
    expect(resumed.json().statutoryDueAt).toBe('2026-12-14T16:00:00.000Z');
    expect((await upload()).statusCode).toBe(409);

    const view = (await w.call(clerk, 'GET', `/api/services/applications/${id}/case`)).json();
    expect(view.clockEvents.map((event: { kind: string }) => event.kind)).toEqual(['pause', 'resume']);
    expect(view.materials).toEqual([
      expect.objectContaining({ materialKey: 'leaseScan', kind: 'upload', contentType: 'application/pdf' }),
    ]);
    expect(await actions('services.application', id)).toEqual([
      'services.application.drafted',
      'services.application.answers-saved',
      'services.application.submitted',
      'services.application.supplements-requested',
      'services.application.material-uploaded',
      'services.application.supplements-provided',
    ]);
    expect((await w.act(clerk, receive, { action: 'accept' })).statusCode).toBe(200);
  });

  it('records in-person visits and shows the case with its full ledger history and leaf indexes', async () => {
    const { id, instanceId } = await w.submitted();
    const clerk = w.world.accounts.xihuClerk;
    const visit = (by: string, purpose: string) =>
      w.call(by, 'POST', `/api/services/applications/${id}/visits`, { purpose });
    expect((await visit(w.world.accounts.shangchengClerk, '现场核验原件')).statusCode).toBe(404);
    expect((await visit(w.citizen, '现场核验原件')).statusCode).toBe(403);
    expect((await visit(clerk, ' ')).statusCode).toBe(400);
    expect((await visit(clerk, '现场核验原件')).json()).toEqual({ applicationId: id, inPersonVisits: 1 });
    expect((await visit(clerk, '领取证件')).json().inPersonVisits).toBe(2);

    expect(
      (await w.call(w.world.accounts.shangchengClerk, 'GET', `/api/services/applications/${id}/case`))
        .statusCode,
    ).toBe(404);
    expect((await w.call(w.citizen, 'GET', `/api/services/applications/${id}/case`)).statusCode).toBe(403);
    const pending = (await w.call(clerk, 'GET', `/api/services/applications/${id}/case`)).json();
    expect(pending.history.some((entry: { leafIndex: string | null }) => entry.leafIndex === null)).toBe(
      true,
    );

    await integrateBatch(w.app.database.db, resolveLedgerKeys(w.app.config), w.app.clock);
    const view = await w.call(clerk, 'GET', `/api/services/applications/${id}/case`);
    expect(view.statusCode).toBe(200);
    const body = view.json();
    expect(body).toMatchObject({ id, state: 'submitted', inPersonVisits: 2, workflowInstanceId: instanceId });
    expect(body).not.toHaveProperty('answers');
    expect(body.history.map((entry: { action: string }) => entry.action)).toEqual([
      'services.application.drafted',
      'services.application.answers-saved',
      'services.workflow.started',
      'services.application.submitted',
      'services.application.visit-recorded',
      'services.application.visit-recorded',
    ]);
    const leaves = body.history.map((entry: { leafIndex: string }) => BigInt(entry.leafIndex));
    expect(leaves).toEqual([...leaves].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    expect(body.history[4]).toMatchObject({ reason: '现场核验原件', actor: { kind: 'staff', id: clerk } });
  });
});
