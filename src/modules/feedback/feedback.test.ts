import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/test-app.ts';
import { createVault } from '../../platform/vault/index.ts';
import { listRecordEvents } from '../ledger/index.ts';
import {
  bearerActor,
  buildFeedbackWorld,
  CUIYUAN,
  type FeedbackWorld,
  PNG_1X1,
  XIXI,
} from './test-fixtures.ts';

let t: TestApp;
let world: FeedbackWorld;

const as = (accountId: string) => ({ authorization: `Bearer ${accountId}` });

function roadDamage(overrides: Record<string, unknown> = {}) {
  return {
    categoryCode: 'road-damage',
    kind: 'complaint',
    description: '文三路口有一个很深的坑，晚上看不见。',
    divisionCode: XIXI,
    address: '文三路与古墩路交叉口',
    latitude: 30.2825,
    longitude: 120.1137,
    attributes: { hazard: 'yes' },
    ...overrides,
  };
}

async function submit(accountId: string, body: Record<string, unknown>, key?: string) {
  return t.app.inject({
    method: 'POST',
    url: '/api/feedback/requests',
    headers: { ...as(accountId), ...(key ? { 'idempotency-key': key } : {}) },
    payload: body,
  });
}

beforeAll(async () => {
  t = await createTestApp({ authenticate: (request) => bearerActor(t.database.db, t.clock)(request) });
  world = await buildFeedbackWorld(t.database.db, t.clock, createVault(t.config.vaultKeys));
});
afterAll(async () => {
  await t.close();
});

describe('intake', () => {
  it('takes a citizen request, routes it to the township team and records both in the ledger', async () => {
    const response = await submit(
      world.people.citizen,
      roadDamage({ photos: [PNG_1X1], isIdentityDisclosed: true }),
    );
    expect(response.statusCode).toBe(201);
    const created = response.json();
    expect(created).toMatchObject({
      view: 'own',
      categoryCode: 'road-damage',
      kind: 'complaint',
      status: 'open',
      channel: 'web',
      divisionCode: XIXI,
      holder: { id: world.units.xixiUrban },
      attributes: { hazard: 'yes' },
    });
    expect(created.id).toMatch(/^FB2026\d{8}$/);
    expect(created.photoUrls).toHaveLength(1);
    const photo = await t.app.inject({ url: created.photoUrls[0] });
    expect(photo.statusCode).toBe(200);
    expect(photo.headers['content-type']).toBe('image/png');
    expect(photo.rawPayload.equals(Buffer.from(PNG_1X1, 'base64'))).toBe(true);

    const internal = await t.database.db
      .selectFrom('feedback_request')
      .select('id')
      .where('public_id', '=', created.id)
      .executeTakeFirstOrThrow();
    const events = await listRecordEvents(t.database.db, 'feedback.request', internal.id, 50);
    expect(events.map((entry) => entry.event.action)).toEqual([
      'feedback.request.submitted',
      'feedback.request.dispatched',
    ]);
  });

  it('answers the same request to the same Idempotency-Key, and refuses the key with another body', async () => {
    const first = await submit(
      world.people.citizen,
      roadDamage({ description: '路灯坏了', categoryCode: 'street-lighting', attributes: {} }),
      'key-1',
    );
    const again = await submit(
      world.people.citizen,
      roadDamage({ description: '路灯坏了', categoryCode: 'street-lighting', attributes: {} }),
      'key-1',
    );
    expect(first.statusCode).toBe(201);
    expect(again.statusCode).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json().id).toBe(first.json().id);
    const other = await submit(world.people.citizen, roadDamage({ description: '另一件事' }), 'key-1');
    expect(other.statusCode).toBe(409);
    expect(other.json().code).toBe('idempotency-key-reused');
  });

  it('says everything that is wrong at once, as problem+json with pointers, and stores nothing', async () => {
    const before = await sql<{ n: string }>`select count(*)::text as n from feedback_request`.execute(
      t.database.db,
    );
    const response = await submit(
      world.people.citizen,
      roadDamage({
        categoryCode: 'no-such',
        description: '   ',
        divisionCode: '330100',
        latitude: 95,
        photos: ['aGVsbG8gd29ybGQ='],
        attributes: {},
      }),
    );
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
    const pointers = response.json().errors.map((error: { pointer: string }) => error.pointer);
    expect(pointers).toEqual(
      expect.arrayContaining(['/categoryCode', '/description', '/latitude', '/photos/0']),
    );
    const missingAttribute = await submit(
      world.people.citizen,
      roadDamage({ attributes: { hazard: 'maybe', colour: 'red' } }),
    );
    expect(missingAttribute.statusCode).toBe(400);
    expect(
      missingAttribute
        .json()
        .errors.map((e: { pointer: string }) => e.pointer)
        .sort(),
    ).toEqual(['/attributes/colour', '/attributes/hazard']);
    const after = await sql<{ n: string }>`select count(*)::text as n from feedback_request`.execute(
      t.database.db,
    );
    expect(after.rows[0]!.n).toBe(before.rows[0]!.n);
  });

  it('lets staff enter a phone call only with feedback.requests.enter, storing the caller encrypted and masked', async () => {
    const refused = await submit(world.people.xixiUrbanHandler, { ...roadDamage(), channel: 'web' });
    expect(refused.statusCode).toBe(403);
    const call = await submit(world.people.callTaker, {
      ...roadDamage({ categoryCode: 'noise', attributes: { time_of_day: 'night' } }),
      channel: 'phone',
      isIdentityDisclosed: true,
      contact: { name: '赵大伯', phone: '13912345678' },
    });
    expect(call.statusCode).toBe(201);
    // No rule for noise: the general office of the township takes it.
    expect(call.json()).toMatchObject({ channel: 'phone', holder: { id: world.units.xixiOffice } });
    const stored = await t.database.db
      .selectFrom('feedback_request')
      .select(['contact_phone_encrypted', 'contact_phone_masked', 'contact_name_masked', 'entered_by'])
      .where('public_id', '=', call.json().id)
      .executeTakeFirstOrThrow();
    expect(stored.contact_phone_masked).toBe('139****5678');
    expect(stored.contact_name_masked).toBe('赵*');
    expect(stored.contact_phone_encrypted).not.toContain('13912345678');
    expect(stored.entered_by).toBe(world.people.callTaker);

    const handlerView = await t.app.inject({
      url: `/api/feedback/requests/${call.json().id}`,
      headers: as(world.people.xixiOfficeHandler),
    });
    expect(handlerView.json()).toMatchObject({
      view: 'handler',
      contact: { maskedPhone: '139****5678', maskedName: '赵*' },
    });
    const publicView = await t.app.inject({ url: `/api/feedback/requests/${call.json().id}` });
    expect(publicView.json().view).toBe('public');
    expect(publicView.body).not.toContain('139****5678');
    expect(publicView.body).not.toContain('赵');
  });
});

describe('routing and object-level access', () => {
  it('sends road damage in 翠苑 to the county bureau: the deeper rule wins', async () => {
    const response = await submit(world.people.citizen, roadDamage({ divisionCode: CUIYUAN }));
    expect(response.json().holder.id).toBe(world.units.countyUrban);
  });

  it('hides a request from the handlers of another township, in the queue, the full view and every action', async () => {
    const created = (await submit(world.people.citizen, roadDamage({ isIdentityDisclosed: true }))).json();
    const own = await t.app.inject({
      url: '/api/feedback/queue?limit=200',
      headers: as(world.people.xixiUrbanHandler),
    });
    expect(own.json().items.map((item: { id: string }) => item.id)).toContain(created.id);
    const other = await t.app.inject({
      url: '/api/feedback/queue?limit=200',
      headers: as(world.people.cuiyuanUrbanHandler),
    });
    expect(other.json().items.map((item: { id: string }) => item.id)).not.toContain(created.id);
    const view = await t.app.inject({
      url: `/api/feedback/requests/${created.id}`,
      headers: as(world.people.cuiyuanUrbanHandler),
    });
    expect(view.json().view).toBe('public');
    expect(view.json().contact).toBeUndefined();
    const act = await t.app.inject({
      method: 'POST',
      url: `/api/feedback/requests/${created.id}/status`,
      headers: as(world.people.cuiyuanUrbanHandler),
      payload: { status: 'acknowledged' },
    });
    expect(act.statusCode).toBe(404);
  });

  it('moves status forward only, with the note public', async () => {
    const created = (await submit(world.people.citizen, roadDamage())).json();
    const step = (status: string, note?: string) =>
      t.app.inject({
        method: 'POST',
        url: `/api/feedback/requests/${created.id}/status`,
        headers: as(world.people.xixiUrbanHandler),
        payload: note ? { status, note } : { status },
      });
    expect((await step('in-progress')).statusCode).toBe(200);
    expect((await step('acknowledged')).statusCode).toBe(409);
    const closed = await step('closed', '已修复路面。');
    expect(closed.json()).toMatchObject({ status: 'closed', statusNotes: '已修复路面。' });
    expect(closed.json().closedAt).not.toBeNull();
  });
});

describe('transfers', () => {
  const answer = (
    requestId: string,
    transferId: string,
    accountId: string,
    payload: Record<string, unknown>,
  ) =>
    t.app.inject({
      method: 'POST',
      url: `/api/feedback/requests/${requestId}/transfers/${transferId}/answer`,
      headers: as(accountId),
      payload,
    });
  const offer = (requestId: string, accountId: string, toOrganisationId: string) =>
    t.app.inject({
      method: 'POST',
      url: `/api/feedback/requests/${requestId}/transfers`,
      headers: as(accountId),
      payload: { toOrganisationId, reason: '该路段属于翠苑街道管辖' },
    });

  it('keeps the first receiver responsible until the other unit accepts', async () => {
    const created = (await submit(world.people.citizen, roadDamage())).json();
    const offered = await offer(created.id, world.people.xixiUrbanHandler, world.units.cuiyuanUrban);
    expect(offered.statusCode).toBe(201);
    const meanwhile = await t.app.inject({ url: `/api/feedback/requests/${created.id}` });
    expect(meanwhile.json().holder.id).toBe(world.units.xixiUrban);
    // Only the unit offered it may accept.
    expect(
      (await answer(created.id, offered.json().id, world.people.xixiOfficeHandler, { action: 'accept' }))
        .statusCode,
    ).toBe(404);
    const accepted = await answer(created.id, offered.json().id, world.people.cuiyuanUrbanHandler, {
      action: 'accept',
    });
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json()).toMatchObject({
      view: 'handler',
      status: 'acknowledged',
      holder: { id: world.units.cuiyuanUrban },
    });
    const previous = await t.app.inject({
      url: `/api/feedback/requests/${created.id}`,
      headers: as(world.people.xixiUrbanHandler),
    });
    expect(previous.json().view).toBe('public');
    const events = await listRecordEvents(t.database.db, 'feedback.request', accepted.json().internalId, 50);
    expect(events.map((entry) => entry.event.action)).toEqual([
      'feedback.request.submitted',
      'feedback.request.dispatched',
      'feedback.transfer.offered',
      'feedback.transfer.accepted',
    ]);
  });

  it('sends a refused, disputed transfer to the county office, which decides', async () => {
    const created = (await submit(world.people.citizen, roadDamage())).json();
    const offered = (await offer(created.id, world.people.xixiUrbanHandler, world.units.cuiyuanUrban)).json();
    const refused = await answer(created.id, offered.id, world.people.cuiyuanUrbanHandler, {
      action: 'refuse',
      reason: '不在本辖区',
    });
    expect(refused.statusCode).toBe(200);
    // Disputing is the holder's move, not the refuser's; deciding is nobody's yet.
    expect(
      (
        await answer(created.id, offered.id, world.people.cuiyuanUrbanHandler, {
          action: 'dispute',
          reason: 'x',
        })
      ).statusCode,
    ).toBe(404);
    expect(
      (
        await answer(created.id, offered.id, world.people.countyOfficeHandler, {
          action: 'decide',
          holderOrganisationId: world.units.cuiyuanUrban,
          reason: 'x',
        })
      ).statusCode,
    ).toBe(404);
    const disputed = await answer(created.id, offered.id, world.people.xixiUrbanHandler, {
      action: 'dispute',
      reason: '测绘图显示属翠苑',
    });
    expect(disputed.json().pendingTransfer).toMatchObject({
      status: 'disputed',
      arbiter: { id: world.units.countyOffice },
    });
    const queue = await t.app.inject({
      url: '/api/feedback/queue?limit=200',
      headers: as(world.people.countyOfficeHandler),
    });
    expect(queue.json().items.map((item: { id: string }) => item.id)).toContain(created.id);
    const decided = await answer(created.id, offered.id, world.people.countyOfficeHandler, {
      action: 'decide',
      holderOrganisationId: world.units.cuiyuanUrban,
      reason: '按测绘图属翠苑',
    });
    expect(decided.statusCode).toBe(200);
    // Decided, the county office has nothing more to do with it: it sees the public view.
    expect(decided.json()).toMatchObject({ view: 'public', holder: { id: world.units.cuiyuanUrban } });
    const assignments = await t.database.db
      .selectFrom('feedback_assignment as a')
      .innerJoin('feedback_request as r', 'r.id', 'a.request_id')
      .select(['a.organisation_id', 'a.reason', 'a.ended_at'])
      .where('r.public_id', '=', created.id)
      .orderBy('a.reason', 'desc')
      .execute();
    expect(assignments.map((row) => [row.organisation_id, row.reason, row.ended_at === null])).toEqual([
      [world.units.xixiUrban, 'routed', false],
      [world.units.cuiyuanUrban, 'arbitration', true],
    ]);
  });

  it('refuses a second transfer while one is pending; after a refusal the holder may withdraw and offer elsewhere', async () => {
    const created = (await submit(world.people.citizen, roadDamage())).json();
    const first = await offer(created.id, world.people.xixiUrbanHandler, world.units.cuiyuanUrban);
    expect(first.statusCode).toBe(201);
    const second = await offer(created.id, world.people.xixiUrbanHandler, world.units.countyUrban);
    expect(second.statusCode).toBe(409);
    expect(second.json().code).toBe('feedback.transfer-pending');
    await answer(created.id, first.json().id, world.people.cuiyuanUrbanHandler, {
      action: 'refuse',
      reason: '不在本辖区',
    });
    const withdrawn = await answer(created.id, first.json().id, world.people.xixiUrbanHandler, {
      action: 'withdraw',
    });
    expect(withdrawn.json()).toMatchObject({ holder: { id: world.units.xixiUrban }, pendingTransfer: null });
    expect(withdrawn.json().history.at(-1).kind).toBe('transfer-withdrawn');
    expect((await offer(created.id, world.people.xixiUrbanHandler, world.units.countyUrban)).statusCode).toBe(
      201,
    );
  });
});

describe('public list', () => {
  it('pages newest first with a keyset cursor, every request once, without personal data', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { json(): { items: { id: string }[]; nextCursor: string | null }; body: string } =
        await t.app.inject({
          url: `/api/feedback/requests?limit=2&divisionCode=330106${cursor ? `&cursor=${cursor}` : ''}`,
        });
      expect(page.body).not.toContain('139****');
      seen.push(...page.json().items.map((item) => item.id));
      cursor = page.json().nextCursor;
    } while (cursor);
    const total = await sql<{ n: string }>`select count(*)::text as n from feedback_request`.execute(
      t.database.db,
    );
    expect(seen.length).toBe(Number(total.rows[0]!.n));
    expect(new Set(seen).size).toBe(seen.length);
    const forged = await t.app.inject({ url: '/api/feedback/requests?cursor=bm90LWEtY3Vyc29y' });
    expect(forged.statusCode).toBe(400);
    expect(forged.json().errors[0].pointer).toBe('/cursor');
  });
});

describe('schema', () => {
  it('comments every feedback table and column', async () => {
    const missing = await sql<{ name: string }>`
      select c.table_name || '.' || c.column_name as name
      from information_schema.columns c
      where c.table_schema = current_schema() and c.table_name like 'feedback\\_%'
        and col_description((quote_ident(c.table_name))::regclass, c.ordinal_position) is null
    `.execute(t.database.db);
    expect(missing.rows).toEqual([]);
  });
});
