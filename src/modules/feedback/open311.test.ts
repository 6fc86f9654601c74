import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/test-app.ts';
import { createVault } from '../../platform/vault/index.ts';
import { bearerActor, buildFeedbackWorld, type FeedbackWorld, XIXI } from './test-fixtures.ts';

/**
 * Contract tests written from the GeoReport v2 spec (wiki.open311.org/GeoReport_v2) and mySociety's
 * servicerequestupdates: every endpoint, both formats, the spec's error shape with the HTTP status.
 */
let t: TestApp;
let world: FeedbackWorld;
let apiKey: string;

const as = (accountId: string) => ({ authorization: `Bearer ${accountId}` });
const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();

function post(fields: Record<string, string>, format = 'json', headers: Record<string, string> = {}) {
  return t.app.inject({
    method: 'POST',
    url: `/open311/v2/requests.${format}`,
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    payload: form(fields),
  });
}

const pothole = () => ({
  api_key: apiKey,
  jurisdiction_id: XIXI,
  service_code: 'road-damage',
  lat: '30.2825',
  long: '120.1137',
  address_string: '文三路 100 号',
  description: 'Deep pothole in the cycle lane',
  'attribute[hazard]': 'yes',
  email: 'resident@example.org',
  first_name: 'Ada',
  last_name: 'Lovelace',
  phone: '+44 20 7946 0000',
  device_id: 'device-1',
  account_id: 'acct-7',
});

beforeAll(async () => {
  t = await createTestApp({ authenticate: (request) => bearerActor(t.database.db, t.clock)(request) });
  world = await buildFeedbackWorld(t.database.db, t.clock, createVault(t.config.vaultKeys));
  const client = await t.app.inject({
    method: 'POST',
    url: '/api/feedback/open311/clients',
    headers: as(world.people.admin),
    payload: { name: 'Test city app' },
  });
  expect(client.statusCode).toBe(201);
  apiKey = client.json().apiKey;
});
afterAll(async () => {
  await t.close();
});

describe('service discovery', () => {
  it('answers JSON and XML with the endpoint, the spec and both formats', async () => {
    const json = await t.app.inject({ url: '/open311/v2/discovery.json' });
    expect(json.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(json.json()).toMatchObject({
      endpoints: [
        {
          specification: 'http://wiki.open311.org/GeoReport_v2',
          url: `${t.config.publicUrl}/open311/v2`,
          type: 'production',
          formats: ['text/xml', 'application/json'],
        },
      ],
    });
    const xml = await t.app.inject({ url: '/open311/v2/discovery.xml' });
    expect(xml.headers['content-type']).toBe('text/xml; charset=utf-8');
    expect(xml.body).toMatch(/^<\?xml version="1\.0" encoding="utf-8"\?>\n<discovery>/);
    expect(xml.body).toContain(
      '<formats><format>text/xml</format><format>application/json</format></formats>',
    );
  });
});

describe('GET services and service definitions', () => {
  it('lists every active category with the spec fields', async () => {
    const services = (
      await t.app.inject({ url: '/open311/v2/services.json', headers: { 'accept-language': 'en' } })
    ).json();
    expect(services).toContainEqual({
      service_code: 'road-damage',
      service_name: 'Road damage',
      description: 'Potholes, missing manhole covers, broken pavements',
      metadata: true,
      type: 'realtime',
      keywords: '坑洼, 井盖, 路面, pothole, road',
      group: 'Public works',
    });
    expect(
      services.find((service: { service_code: string }) => service.service_code === 'graffiti').metadata,
    ).toBe(false);
    const xml = await t.app.inject({ url: '/open311/v2/services.xml' });
    expect(xml.body).toContain('<services><service><service_code>');
    expect(xml.body).toContain('<service_name>道路破损</service_name>');
  });

  it('defines a service with its attributes, datatypes and values', async () => {
    const definition = (await t.app.inject({ url: '/open311/v2/services/road-damage.json' })).json();
    expect(definition).toEqual({
      service_code: 'road-damage',
      attributes: [
        {
          variable: true,
          code: 'hazard',
          datatype: 'singlevaluelist',
          required: true,
          datatype_description: null,
          order: 1,
          description: 'Is it dangerous to traffic?',
          values: [
            { key: 'yes', name: 'Yes, dangerous' },
            { key: 'no', name: 'No' },
          ],
        },
      ],
    });
    const xml = await t.app.inject({ url: '/open311/v2/services/road-damage.xml' });
    expect(xml.body).toContain(
      '<service_definition><service_code>road-damage</service_code><attributes><attribute><variable>true</variable><code>hazard</code>',
    );
    expect(xml.body).toContain('<values><value><key>yes</key><name>Yes, dangerous</name></value>');
  });

  it('answers an unknown service code 404 in the spec error format, JSON and XML', async () => {
    const json = await t.app.inject({ url: '/open311/v2/services/no-such.json' });
    expect(json.statusCode).toBe(404);
    expect(json.json()).toEqual([{ code: 404, description: 'service_code no-such was not found' }]);
    const xml = await t.app.inject({ url: '/open311/v2/services/no-such.xml' });
    expect(xml.statusCode).toBe(404);
    expect(xml.body).toBe(
      '<?xml version="1.0" encoding="utf-8"?>\n<errors><error><code>404</code><description>service_code no-such was not found</description></error></errors>',
    );
  });
});

describe('POST requests', () => {
  it('creates a request from form fields and answers its id and token', async () => {
    const response = await post(pothole());
    expect(response.statusCode).toBe(201);
    const [created] = response.json();
    expect(created).toEqual({
      service_request_id: expect.stringMatching(/^FB2026\d{8}$/),
      token: expect.stringMatching(/^[0-9a-f-]{36}$/),
      service_notice: null,
      account_id: 'acct-7',
    });
    const stored = await t.database.db
      .selectFrom('feedback_request')
      .select([
        'channel',
        'contact_email_masked',
        'contact_name_masked',
        'contact_email_encrypted',
        'device_id',
      ])
      .where('public_id', '=', created.service_request_id)
      .executeTakeFirstOrThrow();
    expect(stored).toMatchObject({
      channel: 'open311',
      contact_email_masked: 'r***@example.org',
      contact_name_masked: 'A*',
      device_id: 'device-1',
    });
    expect(stored.contact_email_encrypted).not.toContain('resident');
    const token = await t.app.inject({ url: `/open311/v2/tokens/${created.token}.json` });
    expect(token.json()).toEqual([{ service_request_id: created.service_request_id, token: created.token }]);
  });

  it('answers XML as the spec example does', async () => {
    const response = await post(pothole(), 'xml');
    expect(response.statusCode).toBe(201);
    expect(response.body).toMatch(
      /^<\?xml version="1\.0" encoding="utf-8"\?>\n<service_requests><request><service_request_id>FB2026\d{8}<\/service_request_id><token>[0-9a-f-]{36}<\/token><service_notice><\/service_notice><account_id>acct-7<\/account_id><\/request><\/service_requests>$/,
    );
  });

  it('needs an api_key, and a valid one', async () => {
    const { api_key: _omitted, ...withoutKey } = pothole();
    const missing = await post(withoutKey);
    expect(missing.statusCode).toBe(400);
    expect(missing.json()).toEqual([{ code: 400, description: 'api_key is required' }]);
    const wrong = await post({ ...pothole(), api_key: 'o311_not-a-key' });
    expect(wrong.statusCode).toBe(403);
    expect(wrong.json()).toEqual([{ code: 403, description: 'api_key is not valid' }]);
  });

  it('refuses a revoked key', async () => {
    const client = (
      await t.app.inject({
        method: 'POST',
        url: '/api/feedback/open311/clients',
        headers: as(world.people.admin),
        payload: { name: 'Soon revoked' },
      })
    ).json();
    expect((await post({ ...pothole(), api_key: client.apiKey })).statusCode).toBe(201);
    const revoked = await t.app.inject({
      method: 'POST',
      url: `/api/feedback/open311/clients/${client.id}/revocation`,
      headers: as(world.people.admin),
    });
    expect(revoked.statusCode).toBe(204);
    expect((await post({ ...pothole(), api_key: client.apiKey })).statusCode).toBe(403);
  });

  it('lists every missing field, and names bad fields as the spec does', async () => {
    const missing = await post({ api_key: apiKey });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().map((error: { description: string }) => error.description)).toEqual([
      'service_code is required',
      'jurisdiction_id is required: the division code of the place',
      'a location is required: lat and long, address_string or address_id',
      'description is required by this server',
    ]);
    const bad = await post({ ...pothole(), 'attribute[hazard]': 'maybe', lat: '95' });
    expect(bad.statusCode).toBe(400);
    const descriptions = bad.json().map((error: { description: string }) => error.description);
    expect(descriptions).toContain('lat must be a WGS84 latitude between -90 and 90');
    expect(descriptions).toContain('attribute[hazard] must be one of yes, no');
    const unknown = await post({ ...pothole(), service_code: 'no-such' });
    expect(unknown.statusCode).toBe(404);
    const jsonBody = await t.app.inject({
      method: 'POST',
      url: '/open311/v2/requests.json',
      payload: pothole(),
    });
    expect(jsonBody.statusCode).toBe(400);
    expect(jsonBody.json()[0].description).toContain('form-encoded');
  });

  it('takes multi-value attributes as attribute[code][]', async () => {
    await t.database.db
      .updateTable('feedback_category')
      .set({
        attributes: JSON.stringify([
          {
            code: 'kinds',
            datatype: 'multivaluelist',
            required: true,
            variable: true,
            order: 1,
            description: 'What is wrong?',
            datatypeDescription: null,
            values: [
              { key: 'dark', name: 'Out' },
              { key: 'flicker', name: 'Flickering' },
            ],
          },
        ]) as never,
      })
      .where('code', '=', 'street-lighting')
      .execute();
    const body = new URLSearchParams({ ...pothole(), service_code: 'street-lighting' });
    body.delete('attribute[hazard]');
    body.append('attribute[kinds][]', 'dark');
    body.append('attribute[kinds][]', 'flicker');
    const response = await t.app.inject({
      method: 'POST',
      url: '/open311/v2/requests.json',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: body.toString(),
    });
    expect(response.statusCode).toBe(201);
    const stored = await t.database.db
      .selectFrom('feedback_request')
      .select('attributes')
      .where('public_id', '=', response.json()[0].service_request_id)
      .executeTakeFirstOrThrow();
    expect(stored.attributes).toEqual({ kinds: ['dark', 'flicker'] });
  });
});

describe('GET requests, one request, tokens and updates', () => {
  it('finds requests by id list, code, status and dates, and pages them', async () => {
    const a = (await post(pothole())).json()[0].service_request_id;
    const { 'attribute[hazard]': _hazard, ...graffitiFields } = pothole();
    const b = (await post({ ...graffitiFields, service_code: 'graffiti' })).json()[0].service_request_id;
    const byIds = (
      await t.app.inject({ url: `/open311/v2/requests.json?service_request_id=${a},${b}` })
    ).json();
    expect(byIds.map((request: { service_request_id: string }) => request.service_request_id).sort()).toEqual(
      [a, b].sort(),
    );
    expect(byIds[0]).toEqual({
      service_request_id: expect.any(String),
      status: 'open',
      status_notes: null,
      service_name: expect.any(String),
      service_code: expect.any(String),
      description: 'Deep pothole in the cycle lane',
      agency_responsible: expect.any(String),
      service_notice: null,
      requested_datetime: '2026-11-27T09:00:00+08:00',
      updated_datetime: '2026-11-27T09:00:00+08:00',
      expected_datetime: null,
      address: '文三路 100 号',
      address_id: null,
      zipcode: null,
      lat: 30.2825,
      long: 120.1137,
      media_url: null,
    });
    const graffiti = (await t.app.inject({ url: '/open311/v2/requests.json?service_code=graffiti' })).json();
    expect(graffiti.map((request: { service_request_id: string }) => request.service_request_id)).toEqual([
      b,
    ]);
    const closed = (await t.app.inject({ url: '/open311/v2/requests.json?status=closed' })).json();
    expect(closed).toEqual([]);
    const before = (
      await t.app.inject({
        url: '/open311/v2/requests.json?start_date=2026-01-01T00:00:00Z&end_date=2026-02-01T00:00:00Z',
      })
    ).json();
    expect(before).toEqual([]);
    const all = (await t.app.inject({ url: '/open311/v2/requests.json' })).json();
    const pages = [];
    for (let page = 1; page <= all.length; page += 1) {
      const [item] = (
        await t.app.inject({ url: `/open311/v2/requests.json?page_size=1&page=${page}` })
      ).json();
      pages.push(item.service_request_id);
    }
    expect(pages).toEqual(all.map((request: { service_request_id: string }) => request.service_request_id));
    const xml = await t.app.inject({ url: `/open311/v2/requests.xml?service_request_id=${a}` });
    expect(xml.body).toContain(
      `<service_requests><request><service_request_id>${a}</service_request_id><status>open</status>`,
    );
    expect(xml.body).toContain(
      '<lat>30.2825</lat><long>120.1137</long><media_url></media_url></request></service_requests>',
    );
  });

  it('refuses bad dates, ranges over 90 days, bad statuses and pages, in the spec format', async () => {
    for (const query of [
      'start_date=yesterday',
      'start_date=2026-01-01T00:00:00Z&end_date=2026-06-01T00:00:00Z',
      'start_date=2026-06-01T00:00:00Z&end_date=2026-01-01T00:00:00Z',
      'status=pending',
      'page=0',
      'page_size=1001',
    ]) {
      const response = await t.app.inject({ url: `/open311/v2/requests.xml?${query}` });
      expect({ query, status: response.statusCode }).toEqual({ query, status: 400 });
      expect(response.body).toMatch(
        /<errors><error><code>400<\/code><description>.+<\/description><\/error><\/errors>$/,
      );
    }
  });

  it('answers one request, 404 for an unknown one, and an unknown token 404', async () => {
    const id = (await post(pothole())).json()[0].service_request_id;
    const one = await t.app.inject({ url: `/open311/v2/requests/${id}.json` });
    expect(one.json()).toHaveLength(1);
    expect(one.json()[0].service_request_id).toBe(id);
    const unknown = await t.app.inject({ url: '/open311/v2/requests/FB202699999999.json' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toEqual([
      { code: 404, description: 'service_request_id FB202699999999 was not found' },
    ]);
    const token = await t.app.inject({ url: '/open311/v2/tokens/00000000-0000-4000-8000-000000000000.xml' });
    expect(token.statusCode).toBe(404);
    expect(token.body).toContain('<errors><error><code>404</code>');
  });

  it("lists a request's public history in mySociety's servicerequestupdates", async () => {
    const id = (await post(pothole())).json()[0].service_request_id;
    t.clock.advance(60_000);
    const closed = await t.app.inject({
      method: 'POST',
      url: `/api/feedback/requests/${id}/status`,
      headers: as(world.people.xixiUrbanHandler),
      payload: { status: 'closed', note: 'Repaired.' },
    });
    expect(closed.statusCode).toBe(200);
    const updates = (
      await t.app.inject({
        url: '/open311/v2/servicerequestupdates.json',
        headers: { 'accept-language': 'en' },
      })
    ).json();
    const mine = updates.filter((update: { service_request_id: string }) => update.service_request_id === id);
    expect(mine).toEqual([
      {
        update_id: expect.any(String),
        service_request_id: id,
        status: 'OPEN',
        updated_datetime: '2026-11-27T09:00:00+08:00',
        description: 'Now handled by Xixi Urban Management Team',
        media_url: null,
      },
      {
        update_id: expect.any(String),
        service_request_id: id,
        status: 'CLOSED',
        updated_datetime: '2026-11-27T09:01:00+08:00',
        description: 'Repaired.',
        media_url: null,
      },
    ]);
    const xml = await t.app.inject({ url: '/open311/v2/servicerequestupdates.xml' });
    expect(xml.body).toContain('<service_request_updates><request_update><update_id>');
    const badRange = await t.app.inject({ url: '/open311/v2/servicerequestupdates.json?start_date=nope' });
    expect(badRange.statusCode).toBe(400);
  });

  it('answers unknown resources and methods 404 in the spec format', async () => {
    const unknown = await t.app.inject({ url: '/open311/v2/widgets.json' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()[0].code).toBe(404);
    const noFormat = await t.app.inject({ url: '/open311/v2/services' });
    expect(noFormat.statusCode).toBe(404);
    expect(noFormat.body).toContain('<errors>');
    const deep = await t.app.inject({ method: 'POST', url: '/open311/v2/services/road-damage.json' });
    expect(deep.statusCode).toBe(404);
  });
});

describe('a client speaking the protocol over HTTP', () => {
  // No maintained Open311 client is on npm (the `open311` package was last published in 2015 and
  // depends on the deprecated `request`), so this client is plain fetch with form-encoded bodies,
  // against a listening server, in the order the spec walks through.
  it('discovers, lists services, reads a definition, posts, and follows its request', async () => {
    // Closed with the app in afterAll.
    const address = await t.app.listen({ port: 0, host: '127.0.0.1' });
    {
      const discovery = (await (await fetch(`${address}/open311/v2/discovery.json`)).json()) as {
        endpoints: { url: string; formats: string[] }[];
      };
      expect(discovery.endpoints[0]!.formats).toContain('application/json');
      const base = `${address}/open311/v2`;
      const services = (await (await fetch(`${base}/services.json`)).json()) as {
        service_code: string;
        metadata: boolean;
      }[];
      const withMetadata = services.find((service) => service.service_code === 'road-damage')!;
      expect(withMetadata.metadata).toBe(true);
      const definition = (await (await fetch(`${base}/services/road-damage.json`)).json()) as {
        attributes: { code: string; values: { key: string }[] }[];
      };
      const attribute = definition.attributes[0]!;
      const body = new URLSearchParams({
        api_key: apiKey,
        jurisdiction_id: XIXI,
        service_code: 'road-damage',
        lat: '30.28',
        long: '120.11',
        description: 'Pothole reported by the fetch client',
        [`attribute[${attribute.code}]`]: attribute.values[0]!.key,
      });
      const posted = await fetch(`${base}/requests.xml`, { method: 'POST', body });
      expect(posted.status).toBe(201);
      expect(posted.headers.get('content-type')).toBe('text/xml; charset=utf-8');
      const id = /<service_request_id>([^<]+)<\/service_request_id>/.exec(await posted.text())![1]!;
      const followed = (await (await fetch(`${base}/requests/${id}.json`)).json()) as {
        status: string;
        description: string;
      }[];
      expect(followed).toEqual([
        expect.objectContaining({ status: 'open', description: 'Pothole reported by the fetch client' }),
      ]);
      const refused = await fetch(`${base}/requests.json`, {
        method: 'POST',
        body: new URLSearchParams({ service_code: 'road-damage' }),
      });
      expect(refused.status).toBe(400);
      expect(await refused.json()).toEqual([{ code: 400, description: 'api_key is required' }]);
    }
  });
});
