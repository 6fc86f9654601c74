/**
 * Test helpers for handling and supervision: the workflow world's departments and handlers, a
 * residence item served by 西湖区 (a ten-working-day statutory limit, a five-day promise, a file
 * question for the lease) whose case is received and then reviewed by the market bureau, a citizen,
 * approvers of extensions and supervisors in two counties, and HTTP helpers through the real app.
 */
import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/support/test-app.ts';
import type { Authenticate } from '../../../platform/http/index.ts';
import { createVault } from '../../../platform/vault/index.ts';
import { loadAccessActor, seedGrant, seedPersonAccount } from '../../identity/index.ts';
import { seedImplementation, seedServiceItem } from '../catalogue/index.ts';
import { sampleContent } from '../catalogue/test-content.ts';
import { residentIdFor } from '../catalogue/test-editors.ts';
import { createWorkflowWorld, SHANGCHENG, task, type WorkflowWorld, XIHU } from '../workflow/test-world.ts';

export const CASE_ITEM = '00-QR-00951';
const t = (zh: string, en: string) => ({ zh, en });

export const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n',
);

const content = sampleContent({
  nameZh: '居住登记（监管测试）',
  nameEn: 'Residence registration (supervision test)',
  statutoryLimitDays: 10,
  promisedLimitDays: 5,
  form: {
    schema: {
      type: 'object',
      properties: {
        name: { type: 'string', minLength: 1, maxLength: 100 },
        address: { type: 'string', minLength: 1, maxLength: 300 },
        leaseScan: { type: 'string' },
      },
      required: ['name', 'address'],
      additionalProperties: false,
    },
    ui: {
      pages: [
        {
          kind: 'question',
          key: 'who',
          title: t('申请人', 'Applicant'),
          fields: [
            { pointer: '/name', label: t('姓名', 'Name'), widget: 'text' },
            { pointer: '/address', label: t('地址', 'Address'), widget: 'text' },
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
  workflow: { steps: [task('receive'), task('review')] },
});

export type CaseWorld = {
  app: TestApp;
  world: WorkflowWorld;
  citizen: string;
  /** 办件延期审批人 granted at 西湖区 for its market bureau (the second 西湖 clerk holds it too). */
  xihuApprover: string;
  /** 办件延期审批人 granted at 上城区. */
  shangchengApprover: string;
  /** 行政审批监管员 granted over 西湖区, and one over 上城区. */
  xihuSupervisor: string;
  shangchengSupervisor: string;
  call(
    accountId: string,
    method: 'GET' | 'POST' | 'PUT',
    url: string,
    payload?: unknown,
  ): Promise<LightMyRequestResponse>;
  /** A submitted application with its workflow instance and the open receive task. */
  submitted(): Promise<{ id: string; instanceId: string }>;
  openTask(instanceId: string, nodeKey: string, handler: string): Promise<string>;
  act(handler: string, taskId: string, body: Record<string, unknown>): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
};

export async function createCaseWorld(serialBase: number): Promise<CaseWorld> {
  let app: TestApp;
  const authenticate: Authenticate = async (request) => {
    const token = request.headers.authorization?.replace(/^Bearer /, '');
    return token ? loadAccessActor(app.database.db, app.clock, token) : undefined;
  };
  app = await createTestApp({ authenticate });
  const db = app.database.db;
  const deps = { clock: app.clock, vault: createVault(app.config.vaultKeys) };
  const world = await createWorkflowWorld(db, deps);
  let serial = serialBase;
  const person = async (kind: 'citizen' | 'staff', organisationId?: string) => {
    serial += 1;
    return seedPersonAccount(db, deps, {
      kind,
      name: kind === 'citizen' ? '王居民' : '赵审批',
      residentId: residentIdFor(serial),
      phone: `1390000${String(serial).padStart(4, '0')}`,
      password: 'plum blossom river 7',
      ...(kind === 'citizen' ? { divisionCode: XIHU } : { organisationId: organisationId! }),
    });
  };
  const staff = async (roleCode: string, divisionCode: string, organisationId: string, scoped: boolean) => {
    const accountId = await person('staff', organisationId);
    await seedGrant(db, app.clock, {
      accountId,
      roleCode,
      divisionCode,
      ...(scoped ? { organisationId } : {}),
    });
    return accountId;
  };
  const citizen = await person('citizen');
  const xihuApprover = await staff('service-extension-approver', XIHU, world.xihuMarket, true);
  const shangchengApprover = await staff(
    'service-extension-approver',
    SHANGCHENG,
    world.shangchengMarket,
    false,
  );
  const xihuSupervisor = await staff('service-supervisor', XIHU, world.xihuHealth, false);
  const shangchengSupervisor = await staff('service-supervisor', SHANGCHENG, world.shangchengMarket, false);
  await seedGrant(db, app.clock, {
    accountId: world.accounts.xihuSecondClerk,
    roleCode: 'service-extension-approver',
    divisionCode: XIHU,
    organisationId: world.xihuMarket,
  });
  await seedServiceItem(db, app.clock, CASE_ITEM, content);
  await seedImplementation(db, app.clock, CASE_ITEM, XIHU, {
    implementingOrganisationId: world.xihuMarket,
    slotBindings: { 'fire-safety': world.cityFire },
    offline: { place: t('西湖区政务服务中心', 'Xihu service centre'), hours: t('工作日', 'Working days') },
    contacts: { enquiry: '12345', complaint: '12345' },
    promisedLimitDays: 5,
    isOnlineEnabled: true,
  });

  const call: CaseWorld['call'] = async (accountId, method, url, payload) =>
    app.app.inject({
      method,
      url,
      headers: { authorization: `Bearer ${accountId}` },
      ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
    });
  const openTask: CaseWorld['openTask'] = async (instanceId, nodeKey, handler) => {
    const queue = await call(handler, 'GET', '/api/services/workflow/queue?limit=100');
    const found = queue
      .json()
      .tasks.find(
        (item: { instanceId: string; nodeKey: string }) =>
          item.instanceId === instanceId && item.nodeKey === nodeKey,
      );
    expect(found).toBeDefined();
    return found.id;
  };
  return {
    app,
    world,
    citizen,
    xihuApprover,
    shangchengApprover,
    xihuSupervisor,
    shangchengSupervisor,
    call,
    openTask,
    act: (handler, taskId, body) =>
      call(handler, 'POST', `/api/services/workflow/tasks/${taskId}/actions`, body),
    async submitted() {
      const created = await call(citizen, 'POST', '/api/services/applications', { itemCode: CASE_ITEM });
      expect(created.statusCode).toBe(201);
      const id = created.json().id;
      const saved = await call(citizen, 'PUT', `/api/services/applications/${id}/answers`, {
        answers: { name: '王居民', address: '西溪路1号' },
      });
      expect(saved.statusCode).toBe(200);
      const submission = await call(citizen, 'POST', `/api/services/applications/${id}/submission`, {
        declarationAccepted: true,
      });
      expect(submission.statusCode).toBe(201);
      return { id, instanceId: submission.json().workflowInstanceId };
    },
    close: () => app.close(),
  };
}
