import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/support/test-app.ts';
import type { Authenticate } from '../../../platform/http/index.ts';
import { createVault } from '../../../platform/vault/index.ts';
import { loadAccessActor } from '../../identity/index.ts';
import type { VersionContent } from './schemas.ts';
import { sampleContent } from './test-content.ts';
import { createDepartment, createStaffWithRole } from './test-editors.ts';

const ROLE = 'services-catalogue-editor';
const XIHU = '330106';
const XIXI = '330106004';
const SHANGCHENG = '330102';

/**
 * The catalogue through the API: items and versions by the editors of the catalogue they belong to,
 * publication checked in full and then immutable, divisions' implementations bound to real departments,
 * and the public reading and searching it, in Chinese and English.
 */
describe('service catalogue through the API', () => {
  let t: TestApp;
  let nationalEditor: string;
  let provinceEditor: string;
  let countyEditor: string;
  let countyMarket: string;
  let cityFire: string;
  let townshipOffice: string;
  let shangchengMarket: string;

  const as = (accountId: string) => ({ authorization: `Bearer ${accountId}` });
  const send = (accountId: string, method: 'POST' | 'PUT' | 'GET', url: string, payload?: object) =>
    t.app.inject({ method, url, headers: as(accountId), ...(payload ? { payload } : {}) });
  const get = (url: string) => t.app.inject({ method: 'GET', url });
  const auditActions = async (recordType: string) => {
    const result = await sql<{ action: string }>`
      select convert_from(entry, 'UTF8')::jsonb ->> 'action' as action from ledger_pending
      where record_type = ${recordType} order by id`.execute(t.database.db);
    return result.rows.map((row) => row.action);
  };

  /** Creates an item, drafts and publishes its first version; returns the version id. */
  const publishItem = async (code: string, content: VersionContent, editor = nationalEditor) => {
    expect((await send(editor, 'POST', '/api/services/catalogue/items', { code })).statusCode).toBe(201);
    const draft = await send(editor, 'POST', `/api/services/catalogue/items/${code}/versions`, content);
    expect(draft.statusCode).toBe(201);
    const published = await send(
      editor,
      'POST',
      `/api/services/catalogue/versions/${draft.json().id}/publication`,
    );
    expect(published.statusCode).toBe(204);
    return draft.json().id as string;
  };

  const implementation = (overrides: object = {}) => ({
    implementingOrganisationId: countyMarket,
    slotBindings: { 'fire-safety': cityFire },
    offline: {
      place: { zh: '西湖区政务服务中心二楼', en: 'Xihu service centre, 2nd floor' },
      hours: { zh: '工作日 9:00–17:00', en: 'Working days 9:00–17:00' },
    },
    contacts: { enquiry: '0571-12345', complaint: '0571-12315' },
    promisedLimitDays: 3,
    isOnlineEnabled: true,
    ...overrides,
  });

  beforeAll(async () => {
    const authenticate: Authenticate = async (request) => {
      const bearer = request.headers.authorization?.replace(/^Bearer /, '');
      return bearer ? loadAccessActor(t.database.db, t.clock, bearer) : undefined;
    };
    t = await createTestApp({ authenticate });
    const db = t.database.db;
    const deps = { clock: t.clock, vault: createVault(t.config.vaultKeys) };
    const stateCouncil = await createDepartment(db, t.clock, '国务院办公厅电子政务办公室', '11');
    const provinceData = await createDepartment(db, t.clock, '浙江省数据局', '33');
    countyMarket = await createDepartment(db, t.clock, '西湖区市场监督管理局', XIHU);
    cityFire = await createDepartment(db, t.clock, '杭州市消防救援支队', '3301');
    townshipOffice = await createDepartment(db, t.clock, '西溪街道办事处', XIXI);
    shangchengMarket = await createDepartment(db, t.clock, '上城区市场监督管理局', SHANGCHENG);
    nationalEditor = await createStaffWithRole(db, deps, {
      organisationId: stateCouncil,
      roleCode: ROLE,
      divisionCode: '0',
    });
    provinceEditor = await createStaffWithRole(db, deps, {
      organisationId: provinceData,
      roleCode: ROLE,
      divisionCode: '33',
    });
    countyEditor = await createStaffWithRole(db, deps, {
      organisationId: countyMarket,
      roleCode: ROLE,
      divisionCode: XIHU,
    });
  });
  afterAll(async () => {
    await t.close();
  });

  it('publishes an item and keeps every published version as it was, superseded by the next', async () => {
    const code = '00-XK-00901-SL';
    const first = await publishItem(code, sampleContent());
    const changeDraft = await send(
      nationalEditor,
      'PUT',
      `/api/services/catalogue/versions/${first}`,
      sampleContent({ nameZh: '改名' }),
    );
    expect(changeDraft.statusCode).toBe(409);
    expect(changeDraft.json().code).toBe('services.version-immutable');

    const second = await send(
      nationalEditor,
      'POST',
      `/api/services/catalogue/items/${code}/versions`,
      sampleContent({ nameZh: '示范事项登记（2027版）', statutoryLimitDays: 15 }),
    );
    expect(second.json().versionNumber).toBe(2);
    const another = await send(
      nationalEditor,
      'POST',
      `/api/services/catalogue/items/${code}/versions`,
      sampleContent(),
    );
    expect(another.json().code).toBe('services.draft-exists');
    // The public sees only what is published: the draft changes nothing yet.
    expect((await get(`/api/services/items/${code}`)).json().versionNumber).toBe(1);
    const edited = await send(
      nationalEditor,
      'PUT',
      `/api/services/catalogue/versions/${second.json().id}`,
      sampleContent({ nameZh: '示范事项登记（修订）', statutoryLimitDays: 15 }),
    );
    expect(edited.statusCode).toBe(204);
    expect(
      (await send(nationalEditor, 'POST', `/api/services/catalogue/versions/${second.json().id}/publication`))
        .statusCode,
    ).toBe(204);

    const current = (await get(`/api/services/items/${code}`)).json();
    expect(current).toMatchObject({
      versionNumber: 2,
      nameZh: '示范事项登记（修订）',
      statutoryLimitDays: 15,
      status: 'published',
      isCurrent: true,
      type: 'licence',
      level: 'national',
      handling: 'new',
      mainCode: '00-XK-00901',
    });
    const old = (await get(`/api/services/items/${code}?version=1`)).json();
    expect(old).toMatchObject({
      versionId: first,
      versionNumber: 1,
      nameZh: '示范事项登记',
      statutoryLimitDays: 20,
      status: 'superseded',
      isCurrent: false,
    });
    expect((await get(`/api/services/items/${code}?version=3`)).statusCode).toBe(404);
    const versions = (
      await send(nationalEditor, 'GET', `/api/services/catalogue/items/${code}/versions`)
    ).json().versions;
    expect(versions.map((v: { status: string }) => v.status)).toEqual(['published', 'superseded']);

    expect(await auditActions('services.item')).toContain('services.item.created');
    expect(await auditActions('services.item-version')).toEqual(
      expect.arrayContaining([
        'services.item-version.drafted',
        'services.item-version.edited',
        'services.item-version.published',
      ]),
    );
  });

  it('lets each catalogue be edited only by those granted over it', async () => {
    const national = await send(provinceEditor, 'POST', '/api/services/catalogue/items', {
      code: '00-QR-00902',
    });
    expect(national.statusCode).toBe(403);
    expect(national.json().code).toBe('services.outside-scope');
    expect(
      (await send(provinceEditor, 'POST', '/api/services/catalogue/items', { code: '33-GG-00903' }))
        .statusCode,
    ).toBe(201);
    expect(
      (await send(provinceEditor, 'POST', '/api/services/catalogue/items', { code: '44-GG-00903' }))
        .statusCode,
    ).toBe(403);
    expect(
      (await send(countyEditor, 'POST', '/api/services/catalogue/items', { code: '33-GG-00904' })).statusCode,
    ).toBe(403);
    const taken = await send(provinceEditor, 'POST', '/api/services/catalogue/items', {
      code: '33-GG-00903',
    });
    expect(taken.json().code).toBe('services.item-exists');
    const bad = await send(provinceEditor, 'POST', '/api/services/catalogue/items', { code: '33-XX-1' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0]).toMatchObject({ pointer: '/code' });
    const notProvince = await send(nationalEditor, 'POST', '/api/services/catalogue/items', {
      code: '99-GG-00001',
    });
    expect(notProvince.json().errors[0].detail).toContain('province');
  });

  it('refuses to publish a version whose form or workflow does not hold together, naming each problem', async () => {
    const code = '00-QR-00905';
    expect((await send(nationalEditor, 'POST', '/api/services/catalogue/items', { code })).statusCode).toBe(
      201,
    );
    const base = sampleContent();
    const broken = sampleContent({
      departmentSlots: [...base.departmentSlots, { key: 'fire-safety', name: { zh: '重复', en: 'Again' } }],
      form: {
        schema: base.form.schema,
        ui: {
          pages: [
            ...base.form.ui.pages,
            {
              kind: 'question',
              key: 'who',
              title: { zh: '再问', en: 'Again' },
              fields: [
                {
                  pointer: '/nope',
                  label: { zh: '无', en: 'None' },
                  widget: 'text',
                  prefill: 'identity.shoeSize',
                },
              ],
            },
          ],
        },
      },
      workflow: {
        steps: [
          {
            kind: 'task',
            key: 'accept',
            name: { zh: '受理', en: 'Accept' },
            department: 'health',
            role: 'clerk',
          },
        ],
      },
    });
    const draft = await send(
      nationalEditor,
      'POST',
      `/api/services/catalogue/items/${code}/versions`,
      broken,
    );
    expect(draft.statusCode).toBe(201);
    const refused = await send(
      nationalEditor,
      'POST',
      `/api/services/catalogue/versions/${draft.json().id}/publication`,
    );
    expect(refused.statusCode).toBe(400);
    expect(refused.json().code).toBe('services.invalid-version');
    const pointers = refused.json().errors.map((e: { pointer: string }) => e.pointer);
    expect(pointers).toEqual(
      expect.arrayContaining([
        '/departmentSlots/1/key',
        '/form/ui/pages/3/key',
        '/form/ui/pages/3/fields/0/pointer',
        '/form/ui/pages/3/fields/0/prefill',
        '/workflow/steps/0/department',
      ]),
    );

    const uncompilable = sampleContent({
      form: { schema: { type: 'object', properties: { name: { type: 'strin' } } }, ui: base.form.ui },
    });
    expect(
      (await send(nationalEditor, 'PUT', `/api/services/catalogue/versions/${draft.json().id}`, uncompilable))
        .statusCode,
    ).toBe(204);
    const notCompiled = await send(
      nationalEditor,
      'POST',
      `/api/services/catalogue/versions/${draft.json().id}/publication`,
    );
    expect(notCompiled.json().errors[0].pointer).toBe('/form/schema');
    // Nothing was published: the item has no version in force.
    expect((await get(`/api/services/items/${code}`)).statusCode).toBe(404);

    const overPromised = await send(
      nationalEditor,
      'PUT',
      `/api/services/catalogue/versions/${draft.json().id}`,
      sampleContent({ promisedLimitDays: 30 }),
    );
    expect(overPromised.json().errors).toEqual([
      { in: 'body', pointer: '/promisedLimitDays', detail: 'must not exceed statutoryLimitDays' },
    ]);
    const shape = await send(nationalEditor, 'PUT', `/api/services/catalogue/versions/${draft.json().id}`, {
      ...sampleContent(),
      nameZh: 7,
    });
    expect(shape.json().code).toBe('validation-failed');
  });

  it('publishes a division’s implementation bound to departments at that division or above, and shows it to those it serves', async () => {
    const code = '00-XK-00906-SL';
    await publishItem(code, sampleContent());
    const url = `/api/services/catalogue/items/${code}/implementations/${XIHU}`;
    const problems = await send(
      countyEditor,
      'PUT',
      url,
      implementation({
        slotBindings: { 'fire-safety': townshipOffice, health: cityFire },
        promisedLimitDays: 25,
      }),
    );
    expect(problems.statusCode).toBe(400);
    expect(
      problems
        .json()
        .errors.map((e: { pointer: string }) => e.pointer)
        .sort(),
    ).toEqual(['/promisedLimitDays', '/slotBindings/fire-safety', '/slotBindings/health']);
    const missing = await send(countyEditor, 'PUT', url, implementation({ slotBindings: {} }));
    expect(missing.json().errors).toEqual([
      {
        in: 'body',
        pointer: '/slotBindings/fire-safety',
        detail: 'is required: bind every slot the item declares',
      },
    ]);
    const elsewhere = await send(
      countyEditor,
      'PUT',
      `/api/services/catalogue/items/${code}/implementations/${SHANGCHENG}`,
      implementation({ implementingOrganisationId: shangchengMarket }),
    );
    expect(elsewhere.statusCode).toBe(403);

    expect((await send(countyEditor, 'PUT', url, implementation())).statusCode).toBe(200);
    expect((await send(countyEditor, 'PUT', url, implementation({ promisedLimitDays: 2 }))).statusCode).toBe(
      200,
    );
    expect(await auditActions('services.implementation')).toEqual([
      'services.implementation.published',
      'services.implementation.published',
    ]);

    const guide = (await get(`/api/services/items/${code}?divisionCode=${XIXI}`)).json();
    expect(guide.implementation).toMatchObject({
      divisionCode: XIHU,
      organisationNameZh: '西湖区市场监督管理局',
      promisedLimitDays: 2,
      isOnlineEnabled: true,
      offline: { place: { zh: '西湖区政务服务中心二楼' } },
      slots: [{ key: 'fire-safety', organisationId: cityFire, organisationNameZh: '杭州市消防救援支队' }],
    });
    expect(
      (await get(`/api/services/items/${code}?divisionCode=${SHANGCHENG}`)).json().implementation,
    ).toBeNull();
    const listed = (
      await get(`/api/services/items?divisionCode=${XIXI}&organisationId=${countyMarket}`)
    ).json();
    expect(listed.items.map((i: { code: string }) => i.code)).toEqual([code]);
    expect(listed.items[0].implementation).toMatchObject({ divisionCode: XIHU, promisedLimitDays: 2 });
    expect(
      (await get(`/api/services/items?divisionCode=${SHANGCHENG}&organisationId=${countyMarket}`)).json()
        .items,
    ).toEqual([]);
  });

  it('searches in Chinese and English, names first, and filters by type and applicant', async () => {
    await publishItem(
      '00-GG-00907',
      sampleContent({
        nameZh: '个体工商户年度报告',
        nameEn: 'Annual report of an individual business',
        applicantType: 'organisation',
      }),
    );
    const base = sampleContent();
    await publishItem(
      '00-GG-00908',
      sampleContent({
        nameZh: '经营场所证明',
        nameEn: 'Proof of business premises',
        guide: {
          ...base.guide,
          faq: [
            {
              question: { zh: '个体工商户也要提交吗？', en: 'Does an individual business submit it too?' },
              answer: { zh: '是。', en: 'Yes.' },
            },
          ],
        },
      }),
    );
    const zh = (await get(`/api/services/items?q=${encodeURIComponent('个体')}`)).json();
    const codes = zh.items.map((i: { code: string }) => i.code);
    expect(codes.indexOf('00-GG-00907')).toBeLessThan(codes.indexOf('00-GG-00908'));
    expect(zh.items.find((i: { code: string }) => i.code === '00-GG-00907').isNameMatch).toBe(true);
    expect(zh.items.find((i: { code: string }) => i.code === '00-GG-00908').isNameMatch).toBe(false);
    const en = (await get('/api/services/items?q=Individual%20BUSINESS')).json();
    expect(en.items[0].code).toBe('00-GG-00907');
    const filtered = (
      await get(
        `/api/services/items?q=${encodeURIComponent('个体')}&type=public-service&applicantType=person`,
      )
    ).json();
    expect(filtered.items.map((i: { code: string }) => i.code)).toEqual(['00-GG-00908']);
    expect((await get('/api/services/items?q=%21%21%21')).json().code).toBe('services.search-query-empty');
    expect((await get('/api/services/items?type=bribe')).statusCode).toBe(400);
  });

  it('answers any search text with results or a 4xx, never a 500', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ minLength: 1, maxLength: 40, unit: 'grapheme' }), async (q) => {
        const response = await get(`/api/services/items?q=${encodeURIComponent(q)}`);
        expect(response.statusCode).toBeLessThan(500);
      }),
      { numRuns: 40 },
    );
  });
});
