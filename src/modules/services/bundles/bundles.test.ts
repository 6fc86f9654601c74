import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/support/test-app.ts';
import type { Authenticate } from '../../../platform/http/index.ts';
import {
  creditCodeCheckCharacter,
  organisationCodeCheckCharacter,
} from '../../../platform/identifiers/index.ts';
import { createVault } from '../../../platform/vault/index.ts';
import { loadAccessActor, seedEnterpriseAccount, seedOrganisation } from '../../identity/index.ts';
import { listRecordEvents } from '../../ledger/index.ts';
import { seedImplementation, seedServiceItem, type VersionContent } from '../catalogue/index.ts';
import { sampleContent } from '../catalogue/test-content.ts';
import { createStaffWithRole } from '../catalogue/test-editors.ts';
import { createWorkflowWorld, SHANGCHENG, task, type WorkflowWorld, XIHU } from '../workflow/test-world.ts';
import { aggregateStatus } from './service.ts';

const t = (zh: string, en: string) => ({ zh, en });
const LICENCE = '00-XK-00961';
const HYGIENE = '00-XK-00962';
const TAX = '00-GG-00963';

/** An organisation item asking the given string properties (all required), handled in one step. */
function item(nameZh: string, properties: string[]): VersionContent {
  return sampleContent({
    nameZh,
    nameEn: nameZh,
    applicantType: 'organisation',
    departmentSlots: [],
    guide: { ...sampleContent().guide, materials: [] },
    form: {
      schema: {
        type: 'object',
        properties: Object.fromEntries(properties.map((name) => [name, { type: 'string', minLength: 2 }])),
        required: properties,
      },
      ui: {
        pages: [
          {
            kind: 'question',
            key: 'main',
            title: t('信息', 'Details'),
            fields: properties.map((name) => ({
              pointer: `/${name}`,
              label: t(name, name),
              widget: 'text' as const,
            })),
          },
        ],
      },
    },
    workflow: { steps: [task('receive')] },
  });
}

const merged = {
  schema: {
    type: 'object',
    properties: {
      enterpriseName: { type: 'string', minLength: 2 },
      address: { type: 'string', minLength: 2 },
      contact: { type: 'string', pattern: '^1[3-9][0-9]{9}$' },
    },
    required: ['enterpriseName', 'address', 'contact'],
  },
  ui: {
    pages: [
      {
        kind: 'question' as const,
        key: 'enterprise',
        title: t('企业', 'Enterprise'),
        fields: [
          { pointer: '/enterpriseName', label: t('名称', 'Name'), widget: 'text' as const },
          { pointer: '/address', label: t('住所', 'Address'), widget: 'text' as const },
          { pointer: '/contact', label: t('电话', 'Phone'), widget: 'text' as const },
        ],
      },
    ],
  },
};
const definition = {
  nameZh: '开店一件事',
  nameEn: 'Opening a shop',
  members: [
    { itemCode: LICENCE, fields: { name: 'enterpriseName', domicile: 'address' } },
    { itemCode: HYGIENE, fields: { shopName: 'enterpriseName', phone: 'contact' } },
    { itemCode: TAX, fields: { taxpayerName: 'enterpriseName' } },
  ],
  form: merged,
};
const answers = { enterpriseName: '西溪小店有限公司', address: '西溪路 1 号', contact: '13912345678' };

describe('bundles', () => {
  let app: TestApp;
  let world: WorkflowWorld;
  let enterprise: string;
  let editor: string;
  let otherEditor: string;
  const authenticate: Authenticate = async (request) => {
    const token = request.headers.authorization?.replace(/^Bearer /, '');
    return token ? loadAccessActor(app.database.db, app.clock, token) : undefined;
  };
  const call = (
    accountId: string,
    method: 'GET' | 'POST' | 'PUT',
    url: string,
    payload?: unknown,
    headers = {},
  ) =>
    app.app.inject({
      method,
      url,
      headers: { authorization: `Bearer ${accountId}`, ...headers },
      ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
    });
  const countApplications = async () =>
    (await sql<{ n: number }>`select count(*)::int as n from service_application`.execute(app.database.db))
      .rows[0]!.n;

  beforeAll(async () => {
    app = await createTestApp({ authenticate });
    const deps = { clock: app.clock, vault: createVault(app.config.vaultKeys) };
    const db = app.database.db;
    world = await createWorkflowWorld(db, deps);
    const organisationBody = 'BUND0001';
    const code = `91${XIHU}${organisationBody}${organisationCodeCheckCharacter(organisationBody)}`;
    const organisationId = await seedOrganisation(db, app.clock, {
      kind: 'enterprise',
      nameZh: '西溪小店有限公司',
      nameEn: 'Xixi Shop Ltd',
      divisionCode: XIHU,
      creditCode: code + creditCodeCheckCharacter(code),
    });
    enterprise = await seedEnterpriseAccount(db, deps, { organisationId, password: 'plum blossom river 7' });
    editor = await createStaffWithRole(db, deps, {
      organisationId: world.xihuMarket,
      roleCode: 'services-catalogue-editor',
      divisionCode: XIHU,
    });
    otherEditor = await createStaffWithRole(db, deps, {
      organisationId: world.shangchengMarket,
      roleCode: 'services-catalogue-editor',
      divisionCode: SHANGCHENG,
    });
    const items: [string, VersionContent, string][] = [
      [LICENCE, item('开店执照', ['name', 'domicile']), world.xihuMarket],
      [HYGIENE, item('卫生许可', ['shopName', 'phone']), world.xihuHealth],
      [TAX, item('税务登记', ['taxpayerName']), world.xihuMarket],
    ];
    for (const [itemCode, content, organisation] of items) {
      await seedServiceItem(db, app.clock, itemCode, content);
      await seedImplementation(db, app.clock, itemCode, XIHU, {
        implementingOrganisationId: organisation,
        slotBindings: {},
        offline: { place: t('中心', 'Centre'), hours: t('工作日', 'Working days') },
        contacts: { enquiry: '12345', complaint: '12345' },
        promisedLimitDays: 5,
        isOnlineEnabled: true,
      });
    }
  });
  afterAll(async () => {
    await app?.close();
  });

  it('refuses an unsound definition with a pointer per problem, and editors outside the division', async () => {
    const unsound = await call(editor, 'PUT', `/api/services/catalogue/bundles/shop-opening/${XIHU}`, {
      ...definition,
      members: [
        { itemCode: LICENCE, fields: { name: 'enterpriseName', nickname: 'enterpriseName' } },
        { itemCode: HYGIENE, fields: { shopName: 'brand', phone: 'contact' } },
        { itemCode: '00-XK-99999', fields: {} },
      ],
    });
    expect(unsound.statusCode).toBe(400);
    expect(
      unsound
        .json()
        .errors.map((error: { pointer: string }) => error.pointer)
        .sort(),
    ).toEqual(
      [
        '/members/0/fields',
        '/members/0/fields/nickname',
        '/members/1/fields/shopName',
        '/members/2/itemCode',
      ].sort(),
    );
    const elsewhere = await call(
      otherEditor,
      'PUT',
      `/api/services/catalogue/bundles/shop-opening/${XIHU}`,
      definition,
    );
    expect(elsewhere.statusCode).toBe(403);
    expect(
      (await call(enterprise, 'PUT', `/api/services/catalogue/bundles/shop-opening/${XIHU}`, definition))
        .statusCode,
    ).toBe(403);
  });

  it('submits once into one case of one application per member, each in its own department’s queue', async () => {
    const defined = await call(
      editor,
      'PUT',
      `/api/services/catalogue/bundles/shop-opening/${XIHU}`,
      definition,
    );
    expect(defined.statusCode).toBe(200);
    const published = await app.app.inject({
      method: 'GET',
      url: `/api/services/bundles/shop-opening?divisionCode=${XIHU}004`,
    });
    expect(published.statusCode).toBe(200);
    expect(published.json().members).toHaveLength(3);

    const before = await countApplications();
    const bad = await call(enterprise, 'POST', '/api/services/bundles/shop-opening/cases', {
      answers: { enterpriseName: '西溪小店有限公司', contact: '12' },
      declarationAccepted: true,
    });
    expect(bad.statusCode).toBe(400);
    expect(
      bad
        .json()
        .errors.map((error: { pointer: string }) => error.pointer)
        .sort(),
    ).toEqual(['/address', '/contact']);
    expect(await countApplications()).toBe(before);

    const key = { 'idempotency-key': 'bundle-shop-1' };
    const submitted = await call(
      enterprise,
      'POST',
      '/api/services/bundles/shop-opening/cases',
      { answers, declarationAccepted: true },
      key,
    );
    expect(submitted.statusCode).toBe(201);
    const bundleCase = submitted.json();
    expect(bundleCase.number).toMatch(new RegExp(`^${XIHU}-\\d{8}-Y\\d{6}$`));
    expect(bundleCase).toMatchObject({ status: 'in-progress', approvedCount: 0 });
    expect(
      bundleCase.members.map((member: { itemCode: string; state: string }) => [
        member.itemCode,
        member.state,
      ]),
    ).toEqual([
      [LICENCE, 'submitted'],
      [HYGIENE, 'submitted'],
      [TAX, 'submitted'],
    ]);
    expect(
      new Set(bundleCase.members.map((member: { applicationNumber: string }) => member.applicationNumber))
        .size,
    ).toBe(3);
    const replay = await call(
      enterprise,
      'POST',
      '/api/services/bundles/shop-opening/cases',
      { answers, declarationAccepted: true },
      key,
    );
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.json().number).toBe(bundleCase.number);
    expect(await countApplications()).toBe(before + 3);

    const hygiene = await call(
      enterprise,
      'GET',
      `/api/services/applications/${bundleCase.members[1].applicationId}`,
    );
    expect(hygiene.json().answers).toEqual({ shopName: answers.enterpriseName, phone: answers.contact });
    expect(hygiene.json().implementingOrganisationId).toBe(world.xihuHealth);

    const approve = async (handler: string, applicationId: string) => {
      const instanceId = (await call(enterprise, 'GET', `/api/services/applications/${applicationId}`)).json()
        .workflowInstanceId;
      const queue = (await call(handler, 'GET', '/api/services/workflow/queue?limit=100')).json();
      const found = queue.tasks.find((entry: { instanceId: string }) => entry.instanceId === instanceId);
      expect(found).toBeDefined();
      for (const action of ['accept', 'approve'])
        expect(
          (await call(handler, 'POST', `/api/services/workflow/tasks/${found.id}/actions`, { action }))
            .statusCode,
        ).toBe(200);
    };
    const status = async () =>
      (await call(enterprise, 'GET', `/api/services/bundle-cases/${bundleCase.number}`)).json();

    await approve(world.accounts.xihuHealthClerk, bundleCase.members[1].applicationId);
    expect(await status()).toMatchObject({ status: 'in-progress', approvedCount: 1 });
    await approve(world.accounts.xihuClerk, bundleCase.members[0].applicationId);
    await approve(world.accounts.xihuClerk, bundleCase.members[2].applicationId);
    const done = await status();
    expect(done).toMatchObject({ status: 'completed', approvedCount: 3 });

    expect(
      (await call(world.accounts.xihuClerk, 'GET', `/api/services/bundle-cases/${bundleCase.number}`))
        .statusCode,
    ).toBe(404);
    const caseId = (
      await sql<{
        id: string;
      }>`select id from service_bundle_case where case_number = ${bundleCase.number}`.execute(app.database.db)
    ).rows[0]!.id;
    const events = await listRecordEvents(app.database.db, 'services.bundle-case', caseId, 10);
    expect(events.map((event) => event.event.action)).toEqual(['services.bundle-case.submitted']);
  });

  it('aggregates the members’ states into one status', () => {
    expect(aggregateStatus(['approved', 'approved'])).toBe('completed');
    expect(aggregateStatus(['approved', 'rejected'])).toBe('closed-with-refusals');
    expect(aggregateStatus(['approved', 'awaiting-supplements'])).toBe('awaiting-supplements');
    expect(aggregateStatus(['approved', 'accepted'])).toBe('in-progress');
    expect(aggregateStatus(['rejected', 'submitted'])).toBe('in-progress');
  });
});
