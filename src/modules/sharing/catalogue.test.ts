import jsonld from 'jsonld';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/test-app.ts';
import { createVault, type Vault } from '../../platform/vault/index.ts';
import { dcatContextUrl } from './catalogue.ts';
import {
  as,
  bearerActor,
  buildSharingWorld,
  HOUSEHOLD_FIELDS,
  publishHouseholdRegister,
  type SharingWorld,
} from './test-fixtures.ts';

let t: TestApp;
let vault: Vault;
let world: SharingWorld;

beforeAll(async () => {
  t = await createTestApp({ authenticate: (request) => bearerActor(t.database.db, t.clock)(request) });
  vault = createVault(t.config.vaultKeys);
  world = await buildSharingWorld(t.database.db, t.clock, vault);
});
afterAll(async () => {
  await t.close();
});

type JsonLdNode = Record<string, unknown>;

const DCAT = 'http://www.w3.org/ns/dcat#';
const DCT = 'http://purl.org/dc/terms/';
const FOAF = 'http://xmlns.com/foaf/0.1/';

const register = (officer: string, payload: Record<string, unknown>) =>
  t.app.inject({ method: 'POST', url: '/api/sharing/resources', headers: as(officer), payload });

const businessRegistry = (overrides: Record<string, unknown> = {}) => ({
  code: 'XH-SJ-SCZT-001',
  name: '市场主体登记信息',
  description: '西湖区登记的企业、个体工商户的基本登记信息',
  legalBasis: '《中华人民共和国市场主体登记管理条例》',
  updateFrequency: 'real-time',
  fields: [
    {
      name: 'creditCode',
      type: 'credit-code',
      description: '统一社会信用代码',
      grade: 'general',
      isPersonal: false,
      isSensitive: false,
    },
    {
      name: 'entityName',
      type: 'string',
      description: '名称',
      grade: 'general',
      isPersonal: false,
      isSensitive: false,
    },
    {
      name: 'legalRepresentative',
      type: 'person-name',
      description: '法定代表人',
      grade: 'important',
      isPersonal: true,
      isSensitive: false,
    },
  ],
  sharingType: 'unconditional',
  openType: 'open',
  accessMethod: 'endpoint',
  endpointUrl: 'https://scjg.example.gov.cn/api/entities',
  ...overrides,
});

/** Serves the export's context from the platform itself; anything else would be a network fetch. */
const fetchedUrls: string[] = [];
async function localLoader(url: string) {
  fetchedUrls.push(url);
  if (url !== dcatContextUrl(t.config.publicUrl)) throw new Error(`no network in tests: ${url}`);
  const response = await t.app.inject({ url: '/api/sharing/catalogue/dcat/context' });
  expect(response.statusCode).toBe(200);
  expect(response.headers['content-type']).toMatch(/^application\/ld\+json/);
  return { contextUrl: undefined, documentUrl: url, document: response.json() };
}

describe('the catalogue', () => {
  it('registers a resource with its fields, grades and terms, and finds it by name, code or field', async () => {
    const response = await register(world.officers.market, businessRegistry());
    expect(response.statusCode).toBe(201);
    expect(response.json()).toMatchObject({
      code: 'XH-SJ-SCZT-001',
      owner: { id: world.departments.market, nameZh: '西湖区市场监督管理局' },
      sharingType: 'unconditional',
      openType: 'open',
      accessMethod: 'endpoint',
      endpointUrl: 'https://scjg.example.gov.cn/api/entities',
      requiresConsent: false,
    });
    for (const q of ['市场主体', 'SCZT', 'legalRepresentative']) {
      const found = await t.app.inject({
        url: `/api/sharing/resources?q=${encodeURIComponent(q)}`,
        headers: as(world.officers.civil),
      });
      expect(found.json().map((row: { code: string }) => row.code)).toEqual(['XH-SJ-SCZT-001']);
    }
    const one = await t.app.inject({
      url: '/api/sharing/resources/XH-SJ-SCZT-001',
      headers: as(world.officers.civil),
    });
    expect(one.json().fields).toHaveLength(3);
    const byOwner = await t.app.inject({
      url: `/api/sharing/resources?ownerOrganisationId=${world.departments.market}`,
      headers: as(world.officers.police),
    });
    expect(byOwner.json().map((row: { code: string }) => row.code)).toEqual(['XH-SJ-SCZT-001']);
  });

  it('answers bad resources with 400 naming each field, and stores nothing', async () => {
    const response = await register(
      world.officers.police,
      businessRegistry({
        code: 'XH-GA-BAD-001',
        name: '  ',
        fields: [
          HOUSEHOLD_FIELDS[1],
          HOUSEHOLD_FIELDS[1],
          { ...HOUSEHOLD_FIELDS[2], isPersonal: false, isSensitive: true },
        ],
        sharingType: 'conditional',
        openType: 'open',
        accessMethod: 'endpoint',
        endpointUrl: 'ftp://example',
        subjectField: 'residentId',
        requiresConsent: true,
      }),
    );
    expect(response.statusCode).toBe(400);
    expect(response.json().errors.map((field: { pointer: string }) => field.pointer)).toEqual([
      '/name',
      '/fields/1/name',
      '/fields/2/isSensitive',
      '/sharingConditions',
      '/endpointUrl',
      '/subjectField',
    ]);
    const notShared = await register(
      world.officers.police,
      businessRegistry({ code: 'XH-GA-BAD-002', sharingType: 'not-shared', openType: 'open' }),
    );
    expect(notShared.json().errors.map((field: { pointer: string }) => field.pointer)).toEqual([
      '/notSharedReason',
      '/openType',
    ]);
    const consentWithoutConditions = await register(
      world.officers.police,
      businessRegistry({ code: 'XH-GA-BAD-004', requiresConsent: true }),
    );
    expect(consentWithoutConditions.json().errors.map((field: { pointer: string }) => field.pointer)).toEqual(
      ['/requiresConsent', '/requiresConsent'],
    );
    const unknownGrade = await register(
      world.officers.police,
      businessRegistry({ code: 'XH-GA-BAD-003', fields: [{ ...HOUSEHOLD_FIELDS[0], grade: 'secret' }] }),
    );
    expect(unknownGrade.statusCode).toBe(400);
    expect(unknownGrade.json().errors[0].pointer).toMatch(/^\/fields\/0\/grade/);
    const stored = await t.database.db
      .selectFrom('sharing_resource')
      .select('code')
      .where('code', 'like', 'XH-GA-BAD-%')
      .execute();
    expect(stored).toEqual([]);
  });

  it('refuses a code already taken, and registration by anyone without the permission', async () => {
    await register(world.officers.market, businessRegistry({ code: 'XH-SJ-TAKEN-1' }));
    const taken = await register(world.officers.police, businessRegistry({ code: 'XH-SJ-TAKEN-1' }));
    expect(taken.statusCode).toBe(409);
    expect(taken.json().errors).toEqual([{ in: 'body', pointer: '/code', detail: 'is already registered' }]);
    const citizen = await register(world.citizen.accountId, businessRegistry({ code: 'XH-SJ-CITIZEN' }));
    expect(citizen.statusCode).toBe(403);
    const browse = await t.app.inject({
      url: '/api/sharing/resources',
      headers: as(world.citizen.accountId),
    });
    expect(browse.statusCode).toBe(403);
  });

  it('exports the open catalogue as DCAT that expands, against its published context, to DCAT and DCTerms IRIs', async () => {
    await register(world.officers.market, businessRegistry({ code: 'XH-SJ-DCAT-OPEN' }));
    await register(
      world.officers.market,
      businessRegistry({ code: 'XH-SJ-DCAT-COND', name: '企业年报公示信息', openType: 'conditionally-open' }),
    );
    const closed = await publishHouseholdRegister(t, world, vault);

    const response = await t.app.inject({ url: '/api/sharing/catalogue/dcat' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^application\/ld\+json/);
    const document = response.json();
    expect(document['@context']).toBe(dcatContextUrl(t.config.publicUrl));

    // Safe mode fails on any term the context does not define, so nothing is silently dropped.
    const expanded = (await jsonld.expand(document, {
      documentLoader: localLoader,
      safe: true,
    } as unknown as jsonld.Options.Expand)) as JsonLdNode[];
    expect(fetchedUrls.every((url) => url === dcatContextUrl(t.config.publicUrl))).toBe(true);
    expect(expanded).toHaveLength(1);
    const catalogue = expanded[0] as JsonLdNode;
    expect(catalogue['@type']).toEqual([`${DCAT}Catalog`]);
    const datasets = catalogue[`${DCAT}dataset`] as JsonLdNode[];
    const identifiers = datasets.map(
      (dataset) => (dataset[`${DCT}identifier`] as { '@value': string }[])[0]!['@value'],
    );
    expect(identifiers).toEqual(expect.arrayContaining(['XH-SJ-DCAT-OPEN', 'XH-SJ-DCAT-COND']));
    expect(identifiers).not.toContain(closed);

    const open = datasets.find((dataset) =>
      (dataset[`${DCT}identifier`] as { '@value': string }[]).some((v) => v['@value'] === 'XH-SJ-DCAT-OPEN'),
    )!;
    expect(open['@type']).toEqual([`${DCAT}Dataset`]);
    expect(open[`${DCT}title`]).toEqual([{ '@value': '市场主体登记信息', '@language': 'zh' }]);
    expect(open[`${DCT}accrualPeriodicity`]).toEqual([{ '@id': 'http://purl.org/cld/freq/continuous' }]);
    expect(open[`${DCT}accessRights`]).toEqual([
      { '@id': 'http://publications.europa.eu/resource/authority/access-right/PUBLIC' },
    ]);
    expect(open[`${DCT}issued`]).toEqual([
      { '@value': expect.any(String), '@type': 'http://www.w3.org/2001/XMLSchema#dateTime' },
    ]);
    const [publisher] = open[`${DCT}publisher`] as JsonLdNode[];
    expect(publisher!['@type']).toEqual([`${FOAF}Organization`]);
    expect(publisher![`${FOAF}name`]).toEqual([{ '@value': '西湖区市场监督管理局', '@language': 'zh' }]);
    const [distribution] = open[`${DCAT}distribution`] as JsonLdNode[];
    expect(distribution!['@type']).toEqual([`${DCAT}Distribution`]);
    expect(distribution![`${DCAT}accessURL`]).toEqual([
      { '@id': `${t.config.publicUrl.replace(/\/$/, '')}/api/sharing/hub/query` },
    ]);
    expect(distribution![`${DCAT}mediaType`]).toEqual([{ '@value': 'application/json' }]);

    // Compacting the expansion with the same context gives the export back.
    // The context by its URL, as a harvester passes it.
    const contextByUrl = dcatContextUrl(t.config.publicUrl) as unknown as jsonld.ContextDefinition;
    const compacted = (await jsonld.compact(expanded as jsonld.JsonLdDocument, contextByUrl, {
      documentLoader: localLoader,
    } as unknown as jsonld.Options.Compact)) as JsonLdNode;
    expect(compacted['@type']).toBe('dcat:Catalog');
    expect((compacted.dataset as unknown[]).length).toBe(document.dataset.length);
  });
});
