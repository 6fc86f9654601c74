import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/support/test-app.ts';
import { buildApp } from '../../../app.ts';
import { openDatabase } from '../../../platform/db/index.ts';
import type { Authenticate } from '../../../platform/http/index.ts';
import { readMigrationFiles } from '../../../platform/migrations/index.ts';
import { createVault } from '../../../platform/vault/index.ts';
import { MIGRATIONS_DIR, readVersion } from '../../../runtime.ts';
import { loadAccessActor, seedPersonAccount } from '../../identity/index.ts';
import { listRecordEvents } from '../../ledger/index.ts';
import { seedImplementation, seedServiceItem } from '../catalogue/index.ts';
import { sampleContent } from '../catalogue/test-content.ts';
import { residentIdFor } from '../catalogue/test-editors.ts';
import {
  createWorkflowWorld,
  HANDLER_ROLE,
  parallel,
  task,
  type WorkflowWorld,
  XIHU,
} from '../workflow/test-world.ts';

const CODE = '00-QR-00901';
const t = (zh: string, en: string) => ({ zh, en });
const RESIDENT_ID = residentIdFor(901);

/** A residence item: the form asks the residence certificate's claims; the fire brigade checks in parallel. */
const content = sampleContent({
  nameZh: '居住登记',
  nameEn: 'Residence registration',
  statutoryLimitDays: 20,
  promisedLimitDays: 5,
  form: {
    schema: {
      type: 'object',
      properties: {
        isCivilServant: { type: 'boolean' },
        name: { type: 'string', minLength: 1, maxLength: 100 },
        residentId: { type: 'string', pattern: '^[0-9]{17}[0-9X]$' },
        address: { type: 'string', minLength: 1, maxLength: 300 },
        division: { type: 'string' },
        leaseScan: { type: 'string' },
      },
      required: ['isCivilServant', 'name', 'residentId', 'address'],
      additionalProperties: false,
    },
    ui: {
      pages: [
        {
          kind: 'question',
          key: 'status',
          title: t('身份', 'Status'),
          fields: [
            { pointer: '/isCivilServant', label: t('是否公务员', 'Civil servant?'), widget: 'yes-no' },
          ],
        },
        {
          kind: 'exit',
          key: 'civil-servant',
          title: t('不能申请', 'Cannot apply'),
          message: t('公务员请向单位申请。', 'Civil servants apply through their employer.'),
          showIf: { pointer: '/isCivilServant', equals: true },
        },
        {
          kind: 'question',
          key: 'who',
          title: t('申请人', 'Applicant'),
          fields: [
            { pointer: '/name', label: t('姓名', 'Name'), widget: 'text', prefill: 'identity.name' },
            {
              pointer: '/residentId',
              label: t('身份证号', 'Resident id'),
              widget: 'text',
              prefill: 'identity.residentId',
            },
            {
              pointer: '/address',
              label: t('地址', 'Address'),
              widget: 'text',
              prefill: 'credential:residence-certificate#address',
            },
            {
              pointer: '/division',
              label: t('区划', 'Division'),
              widget: 'text',
              prefill: 'identity.division',
            },
          ],
        },
        {
          kind: 'question',
          key: 'lease',
          title: t('租赁合同', 'Lease'),
          fields: [
            {
              pointer: '/leaseScan',
              label: t('租赁合同扫描件', 'Scan of the lease'),
              widget: 'file',
              file: { accept: ['application/pdf'], maxBytes: 2000 },
            },
          ],
        },
      ],
    },
  },
  guide: {
    ...sampleContent().guide,
    materials: [
      {
        key: 'residence-proof',
        name: t('居住证', 'Residence certificate'),
        forms: ['electronic'],
        count: 1,
        source: t('公安机关', 'Police'),
        requirement: 'conditional',
        condition: t('已有居住证的', 'Where one is held'),
        obtainableBySharing: { credentialType: 'residence-certificate' },
      },
    ],
    result: {
      name: t('居住证', 'Residence certificate'),
      credentialType: 'residence-certificate',
      validity: t('一年', 'One year'),
      deliveryMethods: ['electronic'],
    },
  },
  workflow: {
    steps: [
      task('receive'),
      parallel('joint', [[task('market-review')], [task('fire-check', 'fire-safety', HANDLER_ROLE)]]),
    ],
  },
});

describe('applications', () => {
  let app: TestApp;
  let database: TestApp['database'] | Awaited<ReturnType<typeof openDatabase>>;
  let world: WorkflowWorld;
  let citizen: string;
  const as = (accountId: string) => ({ authorization: `Bearer ${accountId}` });
  const authenticate: Authenticate = async (request) => {
    const token = request.headers.authorization?.replace(/^Bearer /, '');
    return token ? loadAccessActor(database.db, app.clock, token) : undefined;
  };

  beforeAll(async () => {
    app = await createTestApp({ authenticate });
    database = app.database;
    const deps = { clock: app.clock, vault: createVault(app.config.vaultKeys) };
    world = await createWorkflowWorld(app.database.db, deps);
    citizen = await seedPersonAccount(app.database.db, deps, {
      kind: 'citizen',
      name: '王居民',
      residentId: RESIDENT_ID,
      phone: '13900000901',
      password: 'plum blossom river 7',
      divisionCode: XIHU,
    });
    await seedServiceItem(app.database.db, app.clock, CODE, content);
    await seedImplementation(app.database.db, app.clock, CODE, XIHU, {
      implementingOrganisationId: world.xihuMarket,
      slotBindings: { 'fire-safety': world.cityFire },
      offline: { place: t('西湖区政务服务中心', 'Xihu service centre'), hours: t('工作日', 'Working days') },
      contacts: { enquiry: '12345', complaint: '12345' },
      promisedLimitDays: 5,
      isOnlineEnabled: true,
    });
  });
  afterAll(async () => {
    await app?.close();
  });

  const call = (
    accountId: string,
    method: 'GET' | 'POST' | 'PUT' | 'DELETE',
    url: string,
    payload?: unknown,
    headers: Record<string, string> = {},
  ) =>
    app.app.inject({
      method,
      url,
      headers: { ...as(accountId), ...headers },
      ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
    });
  const answers = { isCivilServant: false, name: '王居民', residentId: RESIDENT_ID, address: '西溪路1号' };

  async function draft(): Promise<string> {
    const created = await call(citizen, 'POST', '/api/services/applications', { itemCode: CODE });
    expect(created.statusCode).toBe(201);
    return created.json().id;
  }
  async function submitted(): Promise<{ id: string; instanceId: string; receiveTask: string }> {
    const id = await draft();
    expect(
      (await call(citizen, 'PUT', `/api/services/applications/${id}/answers`, { answers })).statusCode,
    ).toBe(200);
    const submission = await call(citizen, 'POST', `/api/services/applications/${id}/submission`, {
      declarationAccepted: true,
    });
    expect(submission.statusCode).toBe(201);
    const instanceId = submission.json().workflowInstanceId;
    return { id, instanceId, receiveTask: await openTask(instanceId, 'receive', world.accounts.xihuClerk) };
  }
  async function openTask(instanceId: string, nodeKey: string, handler: string): Promise<string> {
    const queue = await call(handler, 'GET', '/api/services/workflow/queue?limit=100');
    const found = queue
      .json()
      .tasks.find(
        (item: { instanceId: string; nodeKey: string }) =>
          item.instanceId === instanceId && item.nodeKey === nodeKey,
      );
    expect(found).toBeDefined();
    return found.id;
  }
  const act = (handler: string, taskId: string, body: Record<string, unknown>) =>
    call(handler, 'POST', `/api/services/workflow/tasks/${taskId}/actions`, body);
  const mine = async (id: string) => (await call(citizen, 'GET', `/api/services/applications/${id}`)).json();

  it('keeps drafts: idempotent creation, partial answers checked per type, resume and discard', async () => {
    const key = randomUUID();
    const first = await call(
      citizen,
      'POST',
      '/api/services/applications',
      { itemCode: CODE },
      { 'idempotency-key': key },
    );
    const again = await call(
      citizen,
      'POST',
      '/api/services/applications',
      { itemCode: CODE },
      { 'idempotency-key': key },
    );
    expect(first.statusCode).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json().id).toBe(first.json().id);
    const id = first.json().id;
    expect(first.json()).toMatchObject({ state: 'draft', number: null, itemCode: CODE, versionNumber: 1 });

    const bad = await call(citizen, 'PUT', `/api/services/applications/${id}/answers`, {
      answers: { residentId: '12345', name: '' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toContain('application/problem+json');
    const pointers = bad
      .json()
      .errors.map((field: { pointer: string }) => field.pointer)
      .sort();
    expect(pointers).toEqual(['/name', '/residentId']);

    const partial = await call(citizen, 'PUT', `/api/services/applications/${id}/answers`, {
      answers: { name: '王居民' },
    });
    expect(partial.statusCode).toBe(200);
    const drafts = await call(citizen, 'GET', '/api/services/applications/drafts');
    expect(drafts.json().drafts.find((d: { id: string }) => d.id === id).answers).toEqual({ name: '王居民' });

    const upload = (pointer: string, bytes: Buffer) =>
      call(citizen, 'POST', `/api/services/applications/${id}/uploads`, {
        pointer,
        contentBase64: bytes.toString('base64'),
      });
    const pdf = Buffer.from(
      '%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n',
    );
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489', 'hex');
    const wrongKind = await upload('/leaseScan', png);
    expect(wrongKind.statusCode).toBe(400);
    expect(wrongKind.json().detail).toBe('/contentBase64 is image/png; this question takes application/pdf');
    const tooLarge = await upload('/leaseScan', Buffer.concat([pdf, Buffer.alloc(2000, 32)]));
    expect(tooLarge.statusCode).toBe(400);
    expect(tooLarge.json().detail).toContain('this question takes at most 2000');
    expect((await upload('/name', pdf)).json().errors).toEqual([
      { in: 'body', pointer: '/pointer', detail: 'is not a file question of this form' },
    ]);
    const stored = await upload('/leaseScan', pdf);
    expect(stored.statusCode).toBe(201);
    expect(stored.json()).toMatchObject({ contentType: 'application/pdf', sizeBytes: pdf.length });
    const withUpload = await mine(id);
    expect(withUpload.answers).toEqual({ name: '王居民', leaseScan: stored.json().id });
    expect(withUpload.materials).toEqual([
      expect.objectContaining({ material_key: 'leaseScan', kind: 'upload', content_type: 'application/pdf' }),
    ]);

    expect((await call(world.accounts.xihuClerk, 'GET', `/api/services/applications/${id}`)).statusCode).toBe(
      404,
    );
    expect((await call(citizen, 'DELETE', `/api/services/applications/${id}`)).statusCode).toBe(204);
    expect((await call(citizen, 'GET', `/api/services/applications/${id}`)).statusCode).toBe(404);
    const events = await listRecordEvents(app.database.db, 'services.application', id, 20);
    expect(events.map((event) => event.event.action)).toEqual([
      'services.application.drafted',
      'services.application.answers-saved',
      'services.application.material-uploaded',
      'services.application.discarded',
    ]);
  });

  it('validates a submission on the server: declaration, every failing field by pointer, exit pages', async () => {
    const id = await draft();
    await call(citizen, 'PUT', `/api/services/applications/${id}/answers`, { answers: { name: '王居民' } });
    const submit = (declarationAccepted: boolean) =>
      call(citizen, 'POST', `/api/services/applications/${id}/submission`, { declarationAccepted });
    const undeclared = await submit(false);
    expect(undeclared.statusCode).toBe(400);
    expect(undeclared.json().code).toBe('services.declaration-required');
    const incomplete = await submit(true);
    expect(incomplete.statusCode).toBe(400);
    expect(
      incomplete
        .json()
        .errors.map((field: { pointer: string }) => field.pointer)
        .sort(),
    ).toEqual(['/address', '/isCivilServant', '/residentId']);
    await call(citizen, 'PUT', `/api/services/applications/${id}/answers`, {
      answers: { ...answers, isCivilServant: true },
    });
    const ineligible = await submit(true);
    expect(ineligible.statusCode).toBe(400);
    expect(ineligible.json().code).toBe('services.applicant-ineligible');
    expect((await mine(id)).state).toBe('draft');
  });

  it('submits once per Idempotency-Key, numbers the case, sets the due dates and starts the workflow', async () => {
    const id = await draft();
    await call(citizen, 'PUT', `/api/services/applications/${id}/answers`, { answers });
    const key = randomUUID();
    const submit = () =>
      call(
        citizen,
        'POST',
        `/api/services/applications/${id}/submission`,
        { declarationAccepted: true },
        { 'idempotency-key': key },
      );
    const [first, second] = [await submit(), await submit()];
    expect(first.statusCode).toBe(201);
    expect(second.headers['idempotent-replayed']).toBe('true');
    expect(second.json().number).toBe(first.json().number);
    expect(first.json().number).toMatch(/^330106-20261127-[0-9]{6}[0-9X]$/);
    // Submitted Friday 27 November 2026: 20 working days run out on Friday 25 December, 5 on Friday 4 December.
    expect(first.json()).toMatchObject({
      state: 'submitted',
      statutoryDueAt: '2026-12-25T16:00:00.000Z',
      promisedDueAt: '2026-12-04T16:00:00.000Z',
    });
    const history = await call(
      world.accounts.xihuClerk,
      'GET',
      `/api/services/workflow/instances/${first.json().workflowInstanceId}/history`,
    );
    expect(history.statusCode).toBe(200);
    const events = await listRecordEvents(app.database.db, 'services.application', id, 20);
    expect(events.filter((event) => event.event.action === 'services.application.submitted')).toHaveLength(1);
    const early = await call(citizen, 'POST', `/api/services/applications/${id}/rating`, { score: 5 });
    expect(early.statusCode).toBe(409);
    expect(early.json().code).toBe('services.application-not-decided');
  });

  it('pauses the clock for supplements, joins two departments in parallel and issues the certificate into the wallet', async () => {
    const { id, instanceId, receiveTask } = await submitted();
    const before = await mine(id);

    const asked = await act(world.accounts.xihuClerk, receiveTask, {
      action: 'request-supplements',
      items: [
        { material: 'lease', detail: '租赁合同缺少签字页' },
        { material: 'photo', detail: '照片背景不符合要求' },
      ],
    });
    expect(asked.statusCode).toBe(200);
    expect((await mine(id)).state).toBe('awaiting-supplements');
    const inbox = JSON.stringify((await call(citizen, 'GET', '/api/notifications')).json());
    expect(inbox).toContain('services.application.supplements-requested');
    expect(inbox).toContain('租赁合同缺少签字页');
    expect(inbox).toContain('照片背景不符合要求');

    app.clock.advance(3 * 86_400_000); // Monday 30 November, three days later: two working days paused.
    const provided = await call(citizen, 'POST', `/api/services/applications/${id}/supplements`, {
      provided: [
        { material: 'lease', detail: '已补签' },
        { material: 'photo', detail: '已重拍' },
      ],
    });
    expect(provided.statusCode).toBe(200);
    expect(provided.json().state).toBe('submitted');
    expect(new Date(provided.json().statutoryDueAt).getTime()).toBeGreaterThan(
      new Date(before.statutoryDueAt).getTime(),
    );

    expect((await act(world.accounts.xihuClerk, receiveTask, { action: 'accept' })).statusCode).toBe(200);
    expect((await mine(id)).state).toBe('accepted');
    expect((await act(world.accounts.xihuClerk, receiveTask, { action: 'approve' })).statusCode).toBe(200);
    const market = await openTask(instanceId, 'market-review', world.accounts.xihuClerk);
    const fire = await openTask(instanceId, 'fire-check', world.accounts.cityFireOfficer);
    expect((await act(world.accounts.xihuClerk, market, { action: 'approve' })).statusCode).toBe(200);
    expect((await mine(id)).state).toBe('accepted');
    expect((await act(world.accounts.cityFireOfficer, fire, { action: 'approve' })).statusCode).toBe(200);

    const decided = await mine(id);
    expect(decided.state).toBe('approved');
    expect(decided.credentialIdentifier).toEqual(expect.any(String));
    const wallet = JSON.stringify((await call(citizen, 'GET', '/api/credentials/wallet')).json());
    expect(wallet).toContain(decided.credentialIdentifier);

    const actions = (await listRecordEvents(app.database.db, 'services.application', id, 50)).map(
      (e) => e.event.action,
    );
    expect(actions).toEqual([
      'services.application.drafted',
      'services.application.answers-saved',
      'services.application.submitted',
      'services.application.supplements-requested',
      'services.application.supplements-provided',
      'services.application.accepted',
      'services.application.approved',
    ]);

    // The certificate now pre-fills the next application and is shared instead of uploaded.
    const next = await draft();
    const prefill = (await call(citizen, 'GET', `/api/services/applications/${next}/prefill`)).json();
    expect(prefill.fields).toContainEqual({
      pointer: '/address',
      source: 'credential:residence-certificate#address',
      value: '西溪路1号',
      verified: true,
    });
    // The applicant's own name and resident number come from their person record, decrypted for them alone.
    expect(prefill.fields).toContainEqual({
      pointer: '/name',
      source: 'identity.name',
      value: '王居民',
      verified: true,
    });
    expect(prefill.fields).toContainEqual({
      pointer: '/residentId',
      source: 'identity.residentId',
      value: RESIDENT_ID,
      verified: true,
    });
    expect(prefill.unfilled).toEqual([]);
    expect(prefill.fields).toContainEqual({
      pointer: '/division',
      source: 'identity.division',
      value: XIHU,
      verified: true,
    });
    expect(prefill.materials).toEqual([
      {
        materialKey: 'residence-proof',
        credentialType: 'residence-certificate',
        credentialIdentifier: decided.credentialIdentifier,
        isShared: true,
      },
    ]);
    await call(citizen, 'PUT', `/api/services/applications/${next}/answers`, { answers });
    await call(citizen, 'POST', `/api/services/applications/${next}/submission`, {
      declarationAccepted: true,
    });
    expect((await mine(next)).materials).toEqual([
      expect.objectContaining({
        material_key: 'residence-proof',
        kind: 'shared',
        credential_identifier: decided.credentialIdentifier,
      }),
    ]);
  });

  it('records a rejection with its reasons, and another county’s clerk can neither see nor act on the case', async () => {
    const { id, receiveTask } = await submitted();
    const outsider = await act(world.accounts.shangchengClerk, receiveTask, { action: 'accept' });
    expect(outsider.statusCode).toBe(404);
    expect(
      (await call(world.accounts.shangchengClerk, 'GET', `/api/services/workflow/tasks/${receiveTask}`))
        .statusCode,
    ).toBe(404);
    expect((await mine(id)).state).toBe('submitted');

    const rejected = await act(world.accounts.xihuClerk, receiveTask, {
      action: 'reject',
      reasons: ['申请人不在本辖区居住'],
    });
    expect(rejected.statusCode).toBe(200);
    const decided = await mine(id);
    expect(decided).toMatchObject({
      state: 'rejected',
      rejectionReasons: ['申请人不在本辖区居住'],
      credentialIdentifier: null,
    });
    const events = await listRecordEvents(app.database.db, 'services.application', id, 20);
    expect(events.at(-1)?.event).toMatchObject({
      action: 'services.application.rejected',
      reason: '申请人不在本辖区居住',
    });

    const number = decided.number;
    const status = await call(citizen, 'GET', `/api/services/applications/${number}/status`);
    expect(status.statusCode).toBe(200);
    expect(status.json()).toMatchObject({
      number,
      state: 'rejected',
      rejectionReasons: ['申请人不在本辖区居住'],
    });
    expect(
      (await call(world.accounts.xihuClerk, 'GET', `/api/services/applications/${number}/status`)).statusCode,
    ).toBe(404);
    const checkCode = status.json().checkCode;
    const open = await app.app.inject({
      url: `/api/services/application-status?number=${number}&checkCode=${checkCode}`,
    });
    expect(open.statusCode).toBe(200);
    expect(Object.keys(open.json()).sort()).toEqual(
      [
        'acceptedAt',
        'decidedAt',
        'divisionCode',
        'isClockPaused',
        'itemCode',
        'number',
        'promisedDueAt',
        'state',
        'statutoryDueAt',
        'submittedAt',
        'versionNumber',
      ].sort(),
    );
    expect(JSON.stringify(open.json())).not.toContain('王居民');
    const wrongCode = checkCode === '00000000' ? '11111111' : '00000000';
    expect(
      (
        await app.app.inject({
          url: `/api/services/application-status?number=${number}&checkCode=${wrongCode}`,
        })
      ).statusCode,
    ).toBe(404);

    const rate = (score: number) =>
      call(citizen, 'POST', `/api/services/applications/${id}/rating`, { score, comment: '办理很快' });
    const tooHigh = await rate(6);
    expect(tooHigh.statusCode).toBe(400);
    expect((await rate(4)).json()).toMatchObject({ score: 4, comment: '办理很快' });
    expect((await rate(5)).statusCode).toBe(409);
    const afterRating = await listRecordEvents(app.database.db, 'services.application', id, 20);
    expect(afterRating.at(-1)?.event.action).toBe('services.application.rated');
  });

  // Last: it stops this test's server.
  it('approves and issues the certificate on a new server after a restart in the middle of the parallel step', {
    timeout: 240_000,
  }, async () => {
    const { id, instanceId, receiveTask } = await submitted();
    await act(world.accounts.xihuClerk, receiveTask, { action: 'accept' });
    await act(world.accounts.xihuClerk, receiveTask, { action: 'approve' });
    const market = await openTask(instanceId, 'market-review', world.accounts.xihuClerk);
    const fire = await openTask(instanceId, 'fire-check', world.accounts.cityFireOfficer);
    expect((await act(world.accounts.cityFireOfficer, fire, { action: 'approve' })).statusCode).toBe(200);

    await app.app.close();
    const reopened = app.database.url
      ? await openDatabase({ kind: 'postgresql', url: app.database.url, poolSize: 2 })
      : await openDatabase({ kind: 'pglite-memory', loadDataDir: await app.database.snapshot!() });
    database = reopened;
    const restarted = await buildApp({
      config: app.config,
      database: reopened,
      migrations: readMigrationFiles(MIGRATIONS_DIR),
      clock: app.clock,
      version: readVersion(),
      logger: false,
      authenticate,
    });
    try {
      await restarted.ready();
      const approved = await restarted.inject({
        method: 'POST',
        url: `/api/services/workflow/tasks/${market}/actions`,
        headers: as(world.accounts.xihuClerk),
        payload: { action: 'approve' },
      });
      expect(approved.statusCode).toBe(200);
      const decided = await restarted.inject({
        url: `/api/services/applications/${id}`,
        headers: as(citizen),
      });
      expect(decided.json()).toMatchObject({ state: 'approved', credentialIdentifier: expect.any(String) });
    } finally {
      await restarted.close();
      await reopened.close();
    }
  });
});
