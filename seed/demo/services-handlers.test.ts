import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { totpCodeAt } from '../../src/modules/identity/index.ts';
import { runSeedSteps } from '../../src/platform/seeding/index.ts';
import { createVault } from '../../src/platform/vault/index.ts';
import { createTestApp, type TestApp } from '../../test/support/test-app.ts';
import { DEMO_CITIZENS, DEMO_PASSWORD } from './identity.ts';
import { demoSteps } from './index.ts';
import { DEMO_SERVICE_STAFF } from './services-applications.ts';
import { DEMO_ITEM_CODES } from './services-catalogue.ts';
import { DEMO_EXAMINING_STAFF } from './services-handlers.ts';

/** A tiny real PNG (1×1) and a minimal PDF: file questions read the kind from the bytes. */
const PNG_1X1 =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGNgYGD4DwABBAEAwS2OUAAAAABJRU5ErkJggg==';
const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n',
).toString('base64');

type Cookie = string[];
type QueueTask = {
  id: string;
  instanceId: string;
  nodeKey: string;
  roleCode: string;
  organisationId: string;
};

/**
 * Every demo item whose workflow names 材料审查, 现场核查 or 户籍 acceptance, applied for by a demo citizen
 * and carried through each task of its workflow by the documented demo staff, through the app's routes.
 */
describe('demo examining staff: each task of the demo workflows has a documented holder', () => {
  let t: TestApp;
  const sessions = new Map<string, Cookie>();

  beforeAll(async () => {
    t = await createTestApp();
    await runSeedSteps(t.database.db, t.clock, demoSteps, { vault: createVault(t.config.vaultKeys) });
    // The whole demo, with its applications driven through their workflows: on two busy cores this
    // takes longer than the default hook limit.
  }, 180_000);
  afterAll(async () => {
    await t.close();
  });

  const request = async (
    cookie: Cookie,
    method: 'GET' | 'POST' | 'PUT',
    url: string,
    payload?: Record<string, unknown>,
  ) =>
    t.app.inject({
      method,
      url,
      headers: {
        cookie: cookie.map((c) => c.split(';')[0]).join('; '),
        ...(method === 'POST' ? { 'idempotency-key': randomUUID() } : {}),
      },
      ...(payload === undefined ? {} : { payload }),
    });

  /** Signs in once per account: a TOTP code is accepted once, so a second sign-in in the same step would fail. */
  const sessionOf = async (phone: string, totpSecret?: string): Promise<Cookie> => {
    const known = sessions.get(phone);
    if (known) return known;
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/identity/sessions',
      payload: {
        identifier: phone,
        password: DEMO_PASSWORD,
        ...(totpSecret ? { otp: totpCodeAt(totpSecret, t.clock.now()) } : {}),
      },
    });
    expect(response.statusCode).toBe(201);
    const cookie = ([] as string[]).concat(response.headers['set-cookie'] ?? []);
    sessions.set(phone, cookie);
    return cookie;
  };
  const staffSession = (key: string) => {
    const staff = [...DEMO_SERVICE_STAFF, ...DEMO_EXAMINING_STAFF].find((person) => person.key === key)!;
    return sessionOf(staff.phone, staff.totpSecret);
  };
  const citizenSession = (index: number) => sessionOf(DEMO_CITIZENS[index]!.phone);

  /** A citizen's application from draft to submission, with its file questions answered by upload. */
  const apply = async (
    citizen: Cookie,
    itemCode: string,
    answers: Record<string, unknown>,
    uploads: Record<string, string>,
  ) => {
    const draft = await request(citizen, 'POST', '/api/services/applications', { itemCode });
    expect(draft.statusCode).toBe(201);
    const id = draft.json().id as string;
    expect(
      (await request(citizen, 'PUT', `/api/services/applications/${id}/answers`, { answers })).statusCode,
    ).toBe(200);
    for (const [pointer, contentBase64] of Object.entries(uploads)) {
      const upload = await request(citizen, 'POST', `/api/services/applications/${id}/uploads`, {
        pointer,
        contentBase64,
      });
      expect(upload.statusCode).toBe(201);
    }
    const submitted = await request(citizen, 'POST', `/api/services/applications/${id}/submission`, {
      declarationAccepted: true,
    });
    expect(submitted.statusCode).toBe(201);
    return { id, instanceId: submitted.json().workflowInstanceId as string };
  };

  /** The tasks of the case in the member of staff's own queue. */
  const queuedTasks = async (staffKey: string, instanceId: string): Promise<QueueTask[]> => {
    const response = await request(
      await staffSession(staffKey),
      'GET',
      '/api/services/workflow/queue?limit=200',
    );
    expect(response.statusCode).toBe(200);
    return (response.json().tasks as QueueTask[]).filter((task) => task.instanceId === instanceId);
  };

  /** The member of staff finds the case's task `nodeKey` in their queue and takes `actions` on it in turn. */
  const handle = async (staffKey: string, instanceId: string, nodeKey: string, actions: string[]) => {
    const [queued] = (await queuedTasks(staffKey, instanceId)).filter((task) => task.nodeKey === nodeKey);
    expect(queued, `${nodeKey} in ${staffKey}'s queue`).toBeDefined();
    const cookie = await staffSession(staffKey);
    const responses = [];
    for (const action of actions)
      responses.push(
        await request(cookie, 'POST', `/api/services/workflow/tasks/${queued!.id}/actions`, { action }),
      );
    return responses;
  };
  const handleAll = async (staffKey: string, instanceId: string, nodeKey: string, actions: string[]) => {
    for (const response of await handle(staffKey, instanceId, nodeKey, actions))
      expect(response.statusCode, `${staffKey} on ${nodeKey}`).toBe(200);
  };
  const applicationOf = async (citizen: Cookie, id: string) =>
    (await request(citizen, 'GET', `/api/services/applications/${id}`)).json();

  it('carries 出生登记 at 西溪街道 through 许户籍 of 西溪派出所 to approval', async () => {
    const zhang = await citizenSession(0);
    const { id, instanceId } = await apply(
      zhang,
      DEMO_ITEM_CODES.birthRegistration,
      { childName: '张小溪', birthDate: '2026-11-20', parentsMarried: false, declarantName: '张小西' },
      {},
    );
    // 户籍 at the township police station only: the district branch's officer does not see it.
    expect(await queuedTasks('county-household-officer', instanceId)).toEqual([]);
    await handleAll('township-household-officer', instanceId, 'accept', ['accept', 'approve']);
    expect(await applicationOf(zhang, id)).toMatchObject({ state: 'approved' });
  });

  it('carries 居住证申领 at 西湖区 through 韩户籍 and 高审核, and issues the certificate', async () => {
    const chen = await citizenSession(1);
    const { id, instanceId } = await apply(
      chen,
      DEMO_ITEM_CODES.residenceCertificate,
      {
        name: DEMO_CITIZENS[1]!.name,
        residentId: DEMO_CITIZENS[1]!.residentId,
        monthsResident: 14,
        address: '杭州市西湖区文三路 200 号',
        basis: 'work',
      },
      { '/photo': PNG_1X1 },
    );
    expect(await queuedTasks('township-household-officer', instanceId)).toEqual([]);
    await handleAll('county-household-officer', instanceId, 'accept', ['accept', 'approve']);
    await handleAll('county-service-approver', instanceId, 'issue', ['approve']);
    const application = await applicationOf(chen, id);
    expect(application).toMatchObject({ state: 'approved' });
    expect(application.credentialIdentifier).toContain('residence-certificate');
    const wallet = await request(chen, 'GET', '/api/credentials/wallet');
    expect(JSON.stringify(wallet.json())).toContain(application.credentialIdentifier);
  });

  it('carries 食品经营许可 through acceptance and the parallel desk review and site inspection to the decision', async () => {
    const liu = await citizenSession(2);
    const { id, instanceId } = await apply(
      liu,
      DEMO_ITEM_CODES.foodBusiness,
      {
        onlyPrepackaged: false,
        applicantKind: 'individual-business',
        operatorName: DEMO_CITIZENS[2]!.name,
        categories: '热食类食品制售；自制饮品制售',
      },
      { '/layoutPlan': PDF },
    );
    await handleAll('county-service-clerk', instanceId, 'accept', ['accept', 'approve']);
    // Both branches open at once, each in its own department's queue and no one else's.
    const review = await queuedTasks('county-market-reviewer', instanceId);
    const inspection = await queuedTasks('county-food-inspector', instanceId);
    expect(review.map((task) => task.nodeKey)).toEqual(['desk-review']);
    expect(inspection.map((task) => task.nodeKey)).toEqual(['site-inspection']);
    expect(inspection[0]!.organisationId).not.toBe(review[0]!.organisationId);
    await handleAll('county-market-reviewer', instanceId, 'desk-review', ['approve']);
    await handleAll('county-food-inspector', instanceId, 'site-inspection', ['approve']);

    // The decision is offered to 高审核; approving it would issue the permit, which an organisation holds
    // and whose claims (credit code, legal representative, premises, business form and items) this form
    // does not ask (docs/services.md), so the approval is refused and undone and the case waits there.
    const [decision] = await handle('county-service-approver', instanceId, 'decide', ['approve']);
    const refusal = decision!.json() as { code: string; errors: { pointer: string }[] };
    expect(refusal).toMatchObject({ code: 'credentials.invalid-issue', status: 400 });
    const pointers = refusal.errors.map((field) => field.pointer);
    expect(pointers).toContain('/holder/kind');
    expect(pointers.filter((pointer) => pointer.startsWith('/claims/'))).not.toEqual([]);
    expect((await queuedTasks('county-service-approver', instanceId)).map((task) => task.nodeKey)).toEqual([
      'decide',
    ]);
    expect(await applicationOf(liu, id)).toMatchObject({ state: 'accepted' });
  });

  it('documents every examining member of staff in docs/demo.md', () => {
    const doc = fs.readFileSync(new URL('../../docs/demo.md', import.meta.url), 'utf8');
    for (const staff of DEMO_EXAMINING_STAFF) {
      expect(doc, staff.key).toContain(staff.phone);
      expect(doc, staff.key).toContain(staff.residentId);
      expect(doc, staff.key).toContain(staff.totpSecret);
      expect(doc, staff.key).toContain(`\`${staff.role}\``);
    }
  });
});
