import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/test-app.ts';
import { createVault } from '../../platform/vault/index.ts';
import { listRecordEvents } from '../ledger/index.ts';
import { bearerActor, buildFeedbackWorld, type FeedbackWorld, XIXI } from './test-fixtures.ts';

let t: TestApp;
let world: FeedbackWorld;

const as = (accountId: string) => ({ authorization: `Bearer ${accountId}` });
const DAY = 24 * 60 * 60 * 1000;

const post = (accountId: string, url: string, payload: Record<string, unknown>) =>
  t.app.inject({ method: 'POST', url, headers: as(accountId), payload });

async function submitAsCitizen(description = '文三路 477 号门口路面有坑') {
  const response = await post(world.people.citizen, '/api/feedback/requests', {
    categoryCode: 'road-damage',
    kind: 'complaint',
    description,
    divisionCode: XIXI,
    attributes: { hazard: 'no' },
  });
  expect(response.statusCode).toBe(201);
  return response.json().id as string;
}

async function publish(id: string, text: string, kind: 'interim' | 'final', names?: string[]) {
  const handler = world.people.xixiUrbanHandler;
  const preview = await post(handler, `/api/feedback/requests/${id}/reply-preview`, {
    text,
    ...(names ? { names } : {}),
  });
  expect(preview.statusCode).toBe(200);
  return post(handler, `/api/feedback/requests/${id}/replies`, {
    kind,
    text,
    ...(names ? { names } : {}),
    previewedText: preview.json().text,
  });
}

async function internalIdOf(publicId: string): Promise<string> {
  return (
    await t.database.db
      .selectFrom('feedback_request')
      .select('id')
      .where('public_id', '=', publicId)
      .executeTakeFirstOrThrow()
  ).id;
}

beforeAll(async () => {
  t = await createTestApp({ authenticate: (request) => bearerActor(t.database.db, t.clock)(request) });
  world = await buildFeedbackWorld(t.database.db, t.clock, createVault(t.config.vaultKeys));
});
afterAll(async () => {
  await t.close();
});

describe('contact and progress', () => {
  it('records the first contact, which stops its clock, and keeps notes from the public', async () => {
    const id = await submitAsCitizen();
    const handler = world.people.xixiUrbanHandler;
    t.clock.advance(60 * 60 * 1000);
    const future = new Date(t.clock.now().getTime() + 60_000).toISOString();
    const bad = await post(handler, `/api/feedback/requests/${id}/contacts`, {
      channel: 'phone',
      contactedAt: future,
      note: '已电话联系',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].pointer).toBe('/contactedAt');
    const contacted = await post(handler, `/api/feedback/requests/${id}/contacts`, {
      channel: 'phone',
      note: '已电话联系市民，约定明天上午到现场',
    });
    expect(contacted.statusCode).toBe(201);
    const detail = contacted.json();
    expect(detail.handlingRole).toBe('holder');
    expect(detail.contacts).toHaveLength(1);
    expect(detail.sla.find((clock: { kind: string }) => clock.kind === 'contact')).toMatchObject({
      state: 'stopped',
      completedInTime: true,
    });
    expect(
      (await post(handler, `/api/feedback/requests/${id}/progress`, { note: '已派维修班组' })).statusCode,
    ).toBe(201);
    const anyone = (await t.app.inject({ url: `/api/feedback/requests/${id}` })).json();
    expect(anyone.view).toBe('public');
    expect(JSON.stringify(anyone)).not.toContain('约定明天上午');
    expect(JSON.stringify(anyone)).not.toContain('已派维修班组');
    expect(anyone.contacts).toBeUndefined();
  });

  it('answers 404 to another township’s handler on every handling action', async () => {
    const id = await submitAsCitizen();
    const other = world.people.cuiyuanUrbanHandler;
    for (const [path, body] of [
      ['contacts', { channel: 'phone', note: '试图联系' }],
      ['progress', { note: '试图记录' }],
      ['reply-preview', { text: '试图答复' }],
      ['replies', { kind: 'final', text: '试图答复', previewedText: '试图答复' }],
      ['callbacks', { satisfaction: 'satisfied' }],
    ] as const) {
      const response = await post(other, `/api/feedback/requests/${id}/${path}`, body);
      expect({ path, status: response.statusCode }).toEqual({ path, status: 404 });
    }
  });
});

describe('replies', () => {
  it('publishes only what the handler previewed, with personal data taken out', async () => {
    const callTaker = world.people.callTaker;
    const entered = await post(callTaker, '/api/feedback/requests', {
      channel: 'phone',
      categoryCode: 'road-damage',
      kind: 'demand',
      description: '古墩路人行道地砖松动',
      divisionCode: XIXI,
      attributes: { hazard: 'no' },
      isIdentityDisclosed: true,
      contact: { name: '王小明', phone: '13812345678' },
    });
    expect(entered.statusCode).toBe(201);
    const id = entered.json().id as string;
    const text =
      '王小明先生您好：已联系车主（浙A1B234，电话 13912345678）挪车，并于古墩路 88 号修复地砖。如有疑问请致电 0571-87654321。';
    const handler = world.people.xixiUrbanHandler;
    const preview = (await post(handler, `/api/feedback/requests/${id}/reply-preview`, { text })).json();
    // The caller disclosed who they are, so the house number stays; the caller's name goes without being typed in.
    expect(preview.text).toBe(
      '［姓名］先生您好：已联系车主（［车牌］，电话 ［电话］）挪车，并于古墩路 88 号修复地砖。如有疑问请致电 ［电话］。',
    );
    const count = async () =>
      (await sql<{ n: string }>`select count(*)::text as n from feedback_reply`.execute(t.database.db))
        .rows[0]!.n;
    const before = await count();
    const unseen = await post(handler, `/api/feedback/requests/${id}/replies`, {
      kind: 'interim',
      text,
      previewedText: text,
    });
    expect(unseen.statusCode).toBe(409);
    expect(unseen.json().code).toBe('feedback.reply-preview-outdated');
    expect(await count()).toBe(before);

    const published = await post(handler, `/api/feedback/requests/${id}/replies`, {
      kind: 'interim',
      text,
      previewedText: preview.text,
    });
    expect(published.statusCode).toBe(201);
    expect(published.json().replies[0]).toMatchObject({ text: preview.text, originalText: text });
    expect(published.json().sla.find((clock: { kind: string }) => clock.kind === 'feedback').state).toBe(
      'stopped',
    );
    const anyone = (await t.app.inject({ url: `/api/feedback/requests/${id}` })).json();
    expect(anyone.replies).toEqual([
      expect.objectContaining({ kind: 'interim', text: preview.text, organisation: expect.anything() }),
    ]);
    expect(anyone.replies[0].originalText).toBeUndefined();
    for (const secret of ['王小明', '13912345678', '浙A1B234', '87654321'])
      expect(JSON.stringify(anyone)).not.toContain(secret);
    const internal = await internalIdOf(id);
    const actions = (await listRecordEvents(t.database.db, 'feedback.request', internal, 50)).map(
      (entry) => entry.event.action,
    );
    expect(actions).toContain('feedback.request.replied');
  });

  it('takes house numbers out of replies to an anonymous citizen, and a final reply closes the request', async () => {
    const id = await submitAsCitizen();
    const response = await publish(id, '已修复文三路 477 号 2 单元门口的坑洼。', 'final');
    expect(response.statusCode).toBe(201);
    expect(response.json()).toMatchObject({
      status: 'closed',
      replies: [{ kind: 'final', text: '已修复文三路 ［门牌号］门口的坑洼。' }],
    });
    expect(response.json().sla.find((clock: { kind: string }) => clock.kind === 'resolution').state).toBe(
      'stopped',
    );
    const own = (
      await t.app.inject({ url: `/api/feedback/requests/${id}`, headers: as(world.people.citizen) })
    ).json();
    expect(own.view).toBe('own');
    expect(own.followUp).toMatchObject({ canRate: true, canReopen: true, rating: null });
    expect((await publish(id, '再补充一句', 'interim')).statusCode).toBe(409);
  });
});

describe('satisfaction and reopening', () => {
  it('takes the citizen’s rating once per answer, and a callback by the holder', async () => {
    const id = await submitAsCitizen();
    const rate = (accountId: string, body: Record<string, unknown>) =>
      post(accountId, `/api/feedback/requests/${id}/rating`, body);
    expect((await rate(world.people.citizen, { satisfaction: 'satisfied' })).statusCode).toBe(409);
    await publish(id, '已修复。', 'final');
    expect((await rate(world.people.citizen, { satisfaction: 'pleased' })).statusCode).toBe(400);
    expect((await rate(world.people.citizen, { satisfaction: 'satisfied', score: 6 })).statusCode).toBe(400);
    // Somebody else's request is not theirs to rate.
    expect((await rate(world.people.xixiUrbanHandler, { satisfaction: 'dissatisfied' })).statusCode).toBe(
      404,
    );
    const rated = await rate(world.people.citizen, {
      satisfaction: 'basically-satisfied',
      score: 4,
      comment: '修得挺快，但路面不平',
    });
    expect(rated.statusCode).toBe(201);
    expect(rated.json().followUp).toMatchObject({
      rating: { satisfaction: 'basically-satisfied', score: 4 },
      canRate: false,
      canReopen: false,
    });
    expect((await rate(world.people.citizen, { satisfaction: 'satisfied' })).statusCode).toBe(409);
    const callback = await post(world.people.xixiUrbanHandler, `/api/feedback/requests/${id}/callbacks`, {
      satisfaction: 'satisfied',
      comment: '电话回访，市民表示满意',
    });
    expect(callback.statusCode).toBe(201);
    expect(callback.json().followUp.callbacks).toEqual([
      { satisfaction: 'satisfied', score: null, comment: '电话回访，市民表示满意' },
    ]);
    const anyone = (await t.app.inject({ url: `/api/feedback/requests/${id}` })).json();
    expect(JSON.stringify(anyone)).not.toContain('路面不平');
    const actions = (
      await listRecordEvents(t.database.db, 'feedback.request', await internalIdOf(id), 50)
    ).map((entry) => entry.event.action);
    expect(actions).toEqual(
      expect.arrayContaining([
        'feedback.request.answered',
        'feedback.request.rated',
        'feedback.request.callback-recorded',
      ]),
    );
  });

  it('reopens within 15 days to the same unit with a fresh resolution clock, and not after', async () => {
    const id = await submitAsCitizen();
    await publish(id, '已修复。', 'final');
    t.clock.advance(3 * DAY);
    const reopen = (body: Record<string, unknown>) =>
      post(world.people.citizen, `/api/feedback/requests/${id}/reopening`, body);
    expect((await reopen({ reason: '  ' })).statusCode).toBe(400);
    const reopened = await reopen({ reason: '坑又出现了' });
    expect(reopened.statusCode).toBe(200);
    expect(reopened.json()).toMatchObject({
      status: 'in-progress',
      closedAt: null,
      holder: { id: world.units.xixiUrban },
    });
    const resolution = reopened.json().sla.find((clock: { kind: string }) => clock.kind === 'resolution');
    expect(resolution).toMatchObject({
      state: 'running',
      startedAt: t.clock.now().toISOString(),
      completedAt: null,
    });
    expect((await reopen({ reason: '再开一次' })).statusCode).toBe(409);
    // The unit answers again; the new answer is rated on its own.
    await publish(id, '已重新铺设路面。', 'final');
    const second = await post(world.people.citizen, `/api/feedback/requests/${id}/rating`, {
      satisfaction: 'dissatisfied',
    });
    expect(second.statusCode).toBe(201);
    t.clock.advance(16 * DAY);
    const late = await reopen({ reason: '还是不行' });
    expect(late.statusCode).toBe(409);
    expect(late.json().code).toBe('feedback.reopen-not-allowed');
    const other = await post(world.people.xixiUrbanHandler, `/api/feedback/requests/${id}/reopening`, {
      reason: '不是我的',
    });
    expect(other.statusCode).toBe(404);
    const actions = (
      await listRecordEvents(t.database.db, 'feedback.request', await internalIdOf(id), 50)
    ).map((entry) => entry.event.action);
    expect(actions).toContain('feedback.request.reopened');
  });
});
