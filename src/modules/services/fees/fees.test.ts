import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/support/test-app.ts';
import type { Authenticate } from '../../../platform/http/index.ts';
import { createVault } from '../../../platform/vault/index.ts';
import { loadAccessActor, seedPersonAccount } from '../../identity/index.ts';
import { listRecordEvents } from '../../ledger/index.ts';
import { seedImplementation, seedServiceItem } from '../catalogue/index.ts';
import { sampleContent } from '../catalogue/test-content.ts';
import { createStaffWithRole, residentIdFor } from '../catalogue/test-editors.ts';
import { createWorkflowWorld, SHANGCHENG, task, type WorkflowWorld, XIHU } from '../workflow/test-world.ts';

const CODE = '00-XK-00951';
const t = (zh: string, en: string) => ({ zh, en });

/** A licence charging two fee lines (80 + 20.50 yuan), handled in two serial steps by the county bureau. */
const content = sampleContent({
  nameZh: '收费示范许可',
  nameEn: 'Fee-charging sample licence',
  departmentSlots: [],
  form: {
    schema: { type: 'object', properties: { name: { type: 'string', minLength: 1 } }, required: ['name'] },
    ui: {
      pages: [
        {
          kind: 'question',
          key: 'who',
          title: t('申请人', 'Applicant'),
          fields: [{ pointer: '/name', label: t('姓名', 'Name'), widget: 'text' }],
        },
      ],
    },
  },
  guide: {
    ...sampleContent().guide,
    materials: [],
    fees: [
      {
        name: t('登记费', 'Registration fee'),
        amountYuan: '80',
        basis: t('发改价格规〔2016〕2559号', 'NDRC 2016 No. 2559'),
      },
      {
        name: t('工本费', 'Certificate fee'),
        amountYuan: '20.50',
        basis: t('财税〔2016〕79号', 'MOF 2016 No. 79'),
      },
    ],
  },
  workflow: { steps: [task('receive'), task('decide')] },
});

describe('fees', () => {
  let app: TestApp;
  let world: WorkflowWorld;
  let citizen: string;
  let cashier: string;
  let supervisor: string;
  let otherCountyCashier: string;
  const authenticate: Authenticate = async (request) => {
    const token = request.headers.authorization?.replace(/^Bearer /, '');
    return token ? loadAccessActor(app.database.db, app.clock, token) : undefined;
  };
  const call = (accountId: string, method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown) =>
    app.app.inject({
      method,
      url,
      headers: { authorization: `Bearer ${accountId}` },
      ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
    });

  beforeAll(async () => {
    app = await createTestApp({ authenticate });
    const deps = { clock: app.clock, vault: createVault(app.config.vaultKeys) };
    const db = app.database.db;
    world = await createWorkflowWorld(db, deps);
    citizen = await seedPersonAccount(db, deps, {
      kind: 'citizen',
      name: '费居民',
      residentId: residentIdFor(951),
      phone: '13900000951',
      password: 'plum blossom river 7',
      divisionCode: XIHU,
    });
    cashier = await createStaffWithRole(db, deps, {
      organisationId: world.xihuMarket,
      roleCode: 'fee-cashier',
      divisionCode: XIHU,
    });
    supervisor = await createStaffWithRole(db, deps, {
      organisationId: world.xihuMarket,
      roleCode: 'fee-supervisor',
      divisionCode: XIHU,
    });
    otherCountyCashier = await createStaffWithRole(db, deps, {
      organisationId: world.shangchengMarket,
      roleCode: 'fee-cashier',
      divisionCode: SHANGCHENG,
    });
    await seedServiceItem(db, app.clock, CODE, content);
    await seedImplementation(db, app.clock, CODE, XIHU, {
      implementingOrganisationId: world.xihuMarket,
      slotBindings: {},
      offline: { place: t('西湖区政务服务中心', 'Xihu service centre'), hours: t('工作日', 'Working days') },
      contacts: { enquiry: '12345', complaint: '12345' },
      promisedLimitDays: 5,
      isOnlineEnabled: true,
    });
  });
  afterAll(async () => {
    await app?.close();
  });

  /** A submitted application, accepted and with its first step approved: the next approval is the last. */
  async function atFinalStep(): Promise<{ id: string; number: string; decideTask: string }> {
    const id = (await call(citizen, 'POST', '/api/services/applications', { itemCode: CODE })).json().id;
    await call(citizen, 'PUT', `/api/services/applications/${id}/answers`, { answers: { name: '费居民' } });
    const submitted = await call(citizen, 'POST', `/api/services/applications/${id}/submission`, {
      declarationAccepted: true,
    });
    expect(submitted.statusCode).toBe(201);
    const { number, workflowInstanceId } = submitted.json();
    const receive = await openTask(workflowInstanceId, 'receive');
    expect((await act(receive, { action: 'accept' })).statusCode).toBe(200);
    expect((await act(receive, { action: 'approve' })).statusCode).toBe(200);
    return { id, number, decideTask: await openTask(workflowInstanceId, 'decide') };
  }
  async function openTask(instanceId: string, nodeKey: string): Promise<string> {
    const queue = await call(world.accounts.xihuClerk, 'GET', '/api/services/workflow/queue?limit=100');
    return queue
      .json()
      .tasks.find(
        (item: { instanceId: string; nodeKey: string }) =>
          item.instanceId === instanceId && item.nodeKey === nodeKey,
      ).id;
  }
  const act = (taskId: string, body: Record<string, unknown>) =>
    call(world.accounts.xihuClerk, 'POST', `/api/services/workflow/tasks/${taskId}/actions`, body);
  const pay = (accountId: string, body: Record<string, unknown>) =>
    call(accountId, 'POST', '/api/services/fees/counter-payments', body);
  const state = async (id: string) =>
    (await call(citizen, 'GET', `/api/services/applications/${id}`)).json().state;

  it('holds the final approval until the fee is paid in full at the counter, then approves', async () => {
    const { id, number, decideTask } = await atFinalStep();
    const owed = await call(citizen, 'GET', `/api/services/applications/${id}/fee`);
    expect(owed.statusCode).toBe(200);
    expect(owed.json()).toMatchObject({
      state: 'unpaid',
      amountYuan: '100.50',
      outstandingYuan: '100.50',
      payments: [],
    });
    expect(owed.json().lines.map((line: { amountYuan: string }) => line.amountYuan)).toEqual([
      '80.00',
      '20.50',
    ]);

    const refused = await act(decideTask, { action: 'approve' });
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ code: 'services.fee-unpaid' });
    expect(refused.json().detail).toContain('100.50');
    expect(await state(id)).toBe('accepted');

    const part = await pay(cashier, {
      applicationNumber: number,
      amountYuan: '30',
      method: 'cash',
      receiptNumber: 'R-0001',
    });
    expect(part.statusCode).toBe(201);
    expect(part.json()).toMatchObject({ state: 'unpaid', paidYuan: '30.00', outstandingYuan: '70.50' });
    expect((await act(decideTask, { action: 'approve' })).statusCode).toBe(409);

    const tooMuch = await pay(cashier, {
      applicationNumber: number,
      amountYuan: '70.51',
      method: 'pos',
      receiptNumber: 'R-0002',
    });
    expect(tooMuch.statusCode).toBe(400);
    expect(tooMuch.json().errors).toEqual([expect.objectContaining({ pointer: '/amountYuan' })]);
    const reused = await pay(cashier, {
      applicationNumber: number,
      amountYuan: '1',
      method: 'pos',
      receiptNumber: 'R-0001',
    });
    expect(reused.statusCode).toBe(409);
    expect(reused.json().code).toBe('services.receipt-number-used');
    const notMoney = await pay(cashier, {
      applicationNumber: number,
      amountYuan: '1.234',
      method: 'pos',
      receiptNumber: 'R-0003',
    });
    expect(notMoney.statusCode).toBe(400);

    const rest = await pay(cashier, {
      applicationNumber: number,
      amountYuan: '70.50',
      method: 'pos',
      receiptNumber: 'R-0002',
    });
    expect(rest.json()).toMatchObject({ state: 'paid', outstandingYuan: '0.00', provider: 'counter' });
    expect(rest.json().payments.map((payment: { receiptNumber: string }) => payment.receiptNumber)).toEqual([
      'R-0001',
      'R-0002',
    ]);
    const settled = await pay(cashier, {
      applicationNumber: number,
      amountYuan: '1',
      method: 'cash',
      receiptNumber: 'R-0009',
    });
    expect(settled.json().code).toBe('services.fee-settled');

    expect((await act(decideTask, { action: 'approve' })).statusCode).toBe(200);
    expect(await state(id)).toBe('approved');
    const paidAfter = await call(citizen, 'GET', `/api/services/applications/${id}/fee`);
    expect(paidAfter.json().state).toBe('paid');
  });

  it('lets a supervisor waive the fee with a reason, and not a cashier', async () => {
    const { id, number, decideTask } = await atFinalStep();
    const byCashier = await call(cashier, 'POST', '/api/services/fees/waivers', {
      applicationNumber: number,
      reason: '低保户',
    });
    expect(byCashier.statusCode).toBe(403);
    const blank = await call(supervisor, 'POST', '/api/services/fees/waivers', {
      applicationNumber: number,
      reason: '   ',
    });
    expect(blank.statusCode).toBe(400);
    expect(blank.json().errors[0].pointer).toBe('/reason');
    const waived = await call(supervisor, 'POST', '/api/services/fees/waivers', {
      applicationNumber: number,
      reason: '最低生活保障对象，依规减免',
    });
    expect(waived.statusCode).toBe(201);
    expect(waived.json()).toMatchObject({
      state: 'waived',
      outstandingYuan: '0.00',
      waiverReason: '最低生活保障对象，依规减免',
    });
    expect((await act(decideTask, { action: 'approve' })).statusCode).toBe(200);
    expect(await state(id)).toBe('approved');
  });

  it('shows a fee only to its applicant and to cashiers where the case is handled', async () => {
    const { id, number } = await atFinalStep();
    expect((await call(cashier, 'GET', `/api/services/applications/${id}/fee`)).statusCode).toBe(200);
    expect((await call(otherCountyCashier, 'GET', `/api/services/applications/${id}/fee`)).statusCode).toBe(
      404,
    );
    expect(
      (await call(world.accounts.xihuClerk, 'GET', `/api/services/applications/${id}/fee`)).statusCode,
    ).toBe(404);
    const elsewhere = await pay(otherCountyCashier, {
      applicationNumber: number,
      amountYuan: '1',
      method: 'cash',
      receiptNumber: 'S-1',
    });
    expect(elsewhere.statusCode).toBe(404);
    const byCitizen = await pay(citizen, {
      applicationNumber: number,
      amountYuan: '1',
      method: 'cash',
      receiptNumber: 'S-2',
    });
    expect(byCitizen.statusCode).toBe(403);
  });

  it('reconciles a day against the bank statement: matched, missing, unexpected, amount differs; audited', async () => {
    const first = await atFinalStep();
    const second = await atFinalStep();
    // The day before the clock's: earlier tests took cash today, and a clerk may record a past day's receipt.
    const day = '2026-11-26';
    await pay(cashier, {
      applicationNumber: first.number,
      amountYuan: '20',
      method: 'cash',
      receiptNumber: 'D-01',
      receivedOn: day,
    });
    await pay(cashier, {
      applicationNumber: second.number,
      amountYuan: '15.50',
      method: 'cash',
      receiptNumber: 'D-02',
      receivedOn: day,
    });
    await pay(cashier, {
      applicationNumber: first.number,
      amountYuan: '40',
      method: 'pos',
      receiptNumber: 'D-03',
      receivedOn: day,
    });
    await pay(cashier, {
      applicationNumber: second.number,
      amountYuan: '60',
      method: 'bank-transfer',
      receiptNumber: 'D-04',
      receivedOn: day,
    });
    await pay(cashier, {
      applicationNumber: first.number,
      amountYuan: '10',
      method: 'pos',
      receiptNumber: 'D-05',
      receivedOn: day,
    });
    const statement = [
      'date,reference,amount',
      `${day},CASH-20261126,35.50`,
      `${day},D-03,40.00`,
      `${day},D-04,6.00`,
      `${day},X-77,12.00`,
    ].join('\n');
    const reconciled = await call(cashier, 'POST', '/api/services/fees/reconciliations', {
      divisionCode: XIHU,
      statementDate: day,
      statementCsv: statement,
    });
    expect(reconciled.statusCode).toBe(201);
    const report = reconciled.json();
    const outcomes = Object.fromEntries(
      report.lines.map((line: { reference: string; outcome: string }) => [line.reference, line.outcome]),
    );
    expect(outcomes).toMatchObject({
      'CASH-20261126': 'matched',
      'D-03': 'matched',
      'D-04': 'amount-differs',
      'D-05': 'missing',
      'X-77': 'unexpected',
    });
    expect(report.totals).toMatchObject({ missing: 1, unexpected: 1, amountDiffers: 1 });
    expect(report.isBalanced).toBe(false);
    const events = await listRecordEvents(app.database.db, 'services.fee-reconciliation', report.id, 10);
    expect(events.map((event) => event.event.action)).toEqual(['services.fee.reconciled']);

    const badLine = await call(cashier, 'POST', '/api/services/fees/reconciliations', {
      divisionCode: XIHU,
      statementDate: day,
      statementCsv: `date,reference,amount\n2026-11-25,D-03,40.00\n${day},D-04,abc`,
    });
    expect(badLine.statusCode).toBe(400);
    expect(badLine.json().errors.map((error: { pointer: string }) => error.pointer)).toEqual([
      '/statementCsv/lines/2',
      '/statementCsv/lines/3',
    ]);
    const elsewhere = await call(otherCountyCashier, 'POST', '/api/services/fees/reconciliations', {
      divisionCode: XIHU,
      statementDate: day,
      statementCsv: statement,
    });
    expect(elsewhere.statusCode).toBe(403);
  });
});
