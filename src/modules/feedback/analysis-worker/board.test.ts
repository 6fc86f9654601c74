import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/support/test-app.ts';
import { createVault } from '../../../platform/vault/index.ts';
import { pathOfCode, seedGrant } from '../../identity/index.ts';
import { listRecordEvents } from '../../ledger/index.ts';
import { bearerActor, buildFeedbackWorld, CUIYUAN, type FeedbackWorld, XIXI } from '../test-fixtures.ts';
import { type AlertRow, insertAlert } from './store.ts';

let t: TestApp;
let world: FeedbackWorld;
const as = (accountId: string) => ({ authorization: `Bearer ${accountId}` });

function alertAt(divisionCode: string, overrides: Partial<AlertRow> = {}): AlertRow {
  const now = t.clock.now();
  return {
    id: randomUUID(),
    alert_key: `category-place:road-damage:${divisionCode}@${randomUUID()}`,
    key_kind: 'category-place',
    detectors: ['burst', 'surge'],
    category_code: 'road-damage',
    division_code: divisionCode,
    group_id: null,
    request_count: 12,
    keywords: [
      { term: '大坑', score: 6.5 },
      { term: '文三路', score: 4.1 },
    ],
    trend: [
      { binStart: '2026-11-27T00:00:00.000Z', count: 0 },
      { binStart: '2026-11-27T01:00:00.000Z', count: 5 },
      { binStart: '2026-11-27T02:00:00.000Z', count: 7 },
    ],
    extent_divisions: [divisionCode],
    bounding_box: [120.1, 30.27, 120.12, 30.29],
    sample_request_ids: [],
    responsible_division_code: divisionCode,
    responsible_division_path: pathOfCode(divisionCode),
    started_at: new Date('2026-11-27T01:00:00Z'),
    ended_at: null,
    raised_at: now,
    updated_at: now,
    acknowledged_by: null,
    acknowledged_at: null,
    ...overrides,
  };
}

let xixiAlert: AlertRow;
let cuiyuanAlert: AlertRow;

beforeAll(async () => {
  t = await createTestApp({ authenticate: (request) => bearerActor(t.database.db, t.clock)(request) });
  world = await buildFeedbackWorld(t.database.db, t.clock, createVault(t.config.vaultKeys));
  // Built-in: the reference data defines it.
  await seedGrant(t.database.db, t.clock, {
    accountId: world.people.xixiOfficeHandler,
    roleCode: 'hot-topic-watcher',
    divisionCode: XIXI,
  });
  await seedGrant(t.database.db, t.clock, {
    accountId: world.people.countyOfficeHandler,
    roleCode: 'hot-topic-watcher',
    divisionCode: '330106',
  });
  xixiAlert = alertAt(XIXI);
  cuiyuanAlert = alertAt(CUIYUAN, { ended_at: new Date('2026-11-27T05:00:00Z') });
  expect(await insertAlert(t.database.db, xixiAlert)).toBe(true);
  expect(await insertAlert(t.database.db, cuiyuanAlert)).toBe(true);
  expect(await insertAlert(t.database.db, { ...xixiAlert, id: randomUUID() })).toBe(false);
});
afterAll(async () => {
  await t.close();
});

describe('the hot-topics board', () => {
  it('lists the alerts of the reader’s area only, and filters active from ended', async () => {
    const township = await t.app.inject({
      url: '/api/feedback/hot-topics',
      headers: as(world.people.xixiOfficeHandler),
    });
    expect(township.statusCode).toBe(200);
    expect(township.json().map((alert: { id: string }) => alert.id)).toEqual([xixiAlert.id]);
    const county = await t.app.inject({
      url: '/api/feedback/hot-topics',
      headers: as(world.people.countyOfficeHandler),
    });
    expect(
      county
        .json()
        .map((alert: { id: string }) => alert.id)
        .sort(),
    ).toEqual([xixiAlert.id, cuiyuanAlert.id].sort());
    const ended = await t.app.inject({
      url: '/api/feedback/hot-topics?state=ended',
      headers: as(world.people.countyOfficeHandler),
    });
    expect(ended.json()).toMatchObject([
      {
        id: cuiyuanAlert.id,
        category: { code: 'road-damage', nameZh: '道路破损' },
        responsibleDivision: { code: CUIYUAN, nameZh: '翠苑街道' },
        keywords: ['大坑', '文三路'],
        endedAt: '2026-11-27T05:00:00.000Z',
      },
    ]);
    const bad = await t.app.inject({
      url: '/api/feedback/hot-topics?state=soon',
      headers: as(world.people.countyOfficeHandler),
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toContain('application/problem+json');
  });

  it('refuses readers without the permission, and hides alerts outside the area', async () => {
    const handler = await t.app.inject({
      url: '/api/feedback/hot-topics',
      headers: as(world.people.xixiUrbanHandler),
    });
    expect(handler.statusCode).toBe(403);
    const outside = await t.app.inject({
      url: `/api/feedback/hot-topics/${cuiyuanAlert.id}`,
      headers: as(world.people.xixiOfficeHandler),
    });
    expect(outside.statusCode).toBe(404);
  });

  it('shows one alert with its trend, keywords and extent, and acknowledges it once, audited', async () => {
    const detail = await t.app.inject({
      url: `/api/feedback/hot-topics/${xixiAlert.id}`,
      headers: as(world.people.xixiOfficeHandler),
    });
    expect(detail.statusCode).toBe(200);
    expect(detail.json()).toMatchObject({
      trend: xixiAlert.trend,
      keywordScores: xixiAlert.keywords,
      extent: { divisions: [{ code: XIXI, nameZh: '西溪街道' }], boundingBox: [120.1, 30.27, 120.12, 30.29] },
      acknowledgedAt: null,
    });
    const acknowledged = await t.app.inject({
      method: 'POST',
      url: `/api/feedback/hot-topics/${xixiAlert.id}/acknowledge`,
      headers: as(world.people.xixiOfficeHandler),
    });
    expect(acknowledged.statusCode).toBe(200);
    expect(acknowledged.json()).toMatchObject({
      acknowledgedBy: world.people.xixiOfficeHandler,
      acknowledgedAt: t.clock.now().toISOString(),
    });
    const again = await t.app.inject({
      method: 'POST',
      url: `/api/feedback/hot-topics/${xixiAlert.id}/acknowledge`,
      headers: as(world.people.countyOfficeHandler),
    });
    expect(again.statusCode).toBe(409);
    const events = await listRecordEvents(t.database.db, 'feedback.hot-topic-alert', xixiAlert.id, 10);
    expect(events.map((entry) => [entry.event.action, entry.event.actor.id])).toEqual([
      ['feedback.hot-topic.acknowledged', world.people.xixiOfficeHandler],
    ]);
  });
});
