import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/support/test-app.ts';
import { createVault } from '../../../platform/vault/index.ts';
import { pathOfCode } from '../../identity/index.ts';
import { listRecordEvents } from '../../ledger/index.ts';
import { seedOverseer } from '../evaluation/test-leaders.ts';
import {
  bearerActor,
  buildFeedbackWorld,
  COUNTY,
  CUIYUAN,
  type FeedbackWorld,
  XIXI,
} from '../test-fixtures.ts';
import { recomputeHotTopicAlerts } from './recompute.ts';

const HOUR = 3600_000;
const T0 = new Date('2026-11-20T00:00:00+08:00').getTime();
const BURST_HOURS = [80, 88] as const;

let t: TestApp;
let world: FeedbackWorld;
let countyLeader: string;
let cuiyuanLeader: string;
let xixiLeader: string;
let serial = 0;

const as = (accountId: string) => ({ authorization: `Bearer ${accountId}` });

/** Stored requests as the intake leaves them (routing does not matter to the analysis). */
async function storeRequest(spec: {
  at: number;
  category: string;
  divisionCode: string;
  description: string;
  point?: [number, number];
}): Promise<string> {
  serial += 1;
  const id = randomUUID();
  const at = new Date(spec.at);
  await t.database.db
    .insertInto('feedback_request')
    .values({
      id,
      public_id: `FB2026${String(90_000_000 + serial)}`,
      province_code: spec.divisionCode.slice(0, 2),
      category_code: spec.category,
      kind: 'complaint',
      urgency: 'normal',
      description: spec.description,
      attributes: JSON.stringify({}) as never,
      address: null,
      division_code: spec.divisionCode,
      division_path: pathOfCode(spec.divisionCode),
      latitude: spec.point?.[1] ?? null,
      longitude: spec.point?.[0] ?? null,
      media_url: null,
      status: 'open',
      status_notes: null,
      channel: 'web',
      contact_account_id: null,
      is_identity_disclosed: false,
      contact_name_encrypted: null,
      contact_name_masked: null,
      contact_phone_encrypted: null,
      contact_phone_masked: null,
      contact_email_encrypted: null,
      contact_email_masked: null,
      entered_by: null,
      open311_client_id: null,
      device_id: null,
      external_account_id: null,
      external_source: null,
      external_id: null,
      idempotency_scope: null,
      idempotency_key: null,
      request_fingerprint: null,
      holder_organisation_id: null,
      holder_division_path: null,
      expected_at: null,
      submitted_at: at,
      updated_at: at,
      closed_at: null,
    })
    .execute();
  return id;
}

const BACKGROUND = [
  {
    category: 'noise',
    divisionCode: XIXI,
    texts: ['楼上装修电钻声不断，严重影响休息', '夜里广场舞音响太响', '工地夜间施工噪音扰民'],
  },
  {
    category: 'sanitation',
    divisionCode: CUIYUAN,
    texts: ['小区垃圾桶满溢没人清运', '路边垃圾堆放发臭', '公厕卫生太差'],
  },
  {
    category: 'road-damage',
    divisionCode: XIXI,
    texts: ['天目山路人行道砖松动破损', '文三路路面有个大坑', '井盖缺失很危险'],
  },
  {
    category: 'parking',
    divisionCode: CUIYUAN,
    texts: ['丰潭路违章停车占用人行道', '小区门口车辆乱停', '消防通道被占用'],
  },
];

const burstIds: string[] = [];

beforeAll(async () => {
  t = await createTestApp({ authenticate: (request) => bearerActor(t.database.db, t.clock)(request) });
  const db = t.database.db;
  const vault = createVault(t.config.vaultKeys);
  world = await buildFeedbackWorld(db, t.clock, vault);
  const deps = { clock: t.clock, vault };
  const leader = (organisationId: string, divisionCode: string) =>
    seedOverseer(db, deps, { organisationId, roleCode: 'feedback-leader', divisionCode });
  countyLeader = await leader(world.units.countyOffice, COUNTY);
  cuiyuanLeader = await leader(world.units.cuiyuanOffice, CUIYUAN);
  xixiLeader = await leader(world.units.xixiOffice, XIXI);
  // Four days of steady background (each source once an hour, words varying), and from hour 80 to 88
  // six reports an hour of a gas smell in one estate of 翠苑.
  for (let hour = 0; hour < 96; hour++) {
    for (const [index, source] of BACKGROUND.entries()) {
      await storeRequest({
        at: T0 + hour * HOUR + index * 600_000,
        category: source.category,
        divisionCode: source.divisionCode,
        description: source.texts[(hour + index) % source.texts.length]!,
      });
    }
    if (hour >= BURST_HOURS[0] && hour < BURST_HOURS[1]) {
      for (let k = 0; k < 6; k++) {
        burstIds.push(
          await storeRequest({
            at: T0 + hour * HOUR + k * 500_000 + 60_000,
            category: 'water-drainage',
            divisionCode: CUIYUAN,
            description: `嘉绿苑${k + 1}幢燃气有异味怀疑泄漏，请尽快处理`,
            point: [120.1 + k * 0.0004, 30.29 + k * 0.0002],
          }),
        );
      }
    }
  }
  t.clock.set(new Date(T0 + 100 * HOUR));
});
afterAll(async () => {
  await t.close();
});

async function alertRows() {
  return t.database.db
    .selectFrom('feedback_hot_topic_alert')
    .selectAll()
    .orderBy('detector_alert_id')
    .execute();
}

describe('recomputing hot topics from the stored requests', () => {
  it('stores the burst as an alert with its keywords, trend, extent, samples and responsible level', async () => {
    const report = await recomputeHotTopicAlerts({ db: t.database.db, clock: t.clock });
    expect(report.provinces).toBe(1);
    expect(report.requests).toBe(96 * 4 + 48);
    const rows = await alertRows();
    expect(report.raised).toBe(rows.length);
    expect(rows.length).toBeGreaterThanOrEqual(1);
    // Only the gas smell is hot; the steady background never is.
    expect(new Set(rows.map((row) => row.category_code))).toEqual(new Set(['water-drainage']));
    const place = rows.find((row) => row.key_kind === 'category-place');
    expect(place).toMatchObject({
      division_code: CUIYUAN,
      responsible_division_code: CUIYUAN,
      responsible_division_path: pathOfCode(CUIYUAN),
      extent_divisions: [CUIYUAN],
      started_at: new Date(T0 + BURST_HOURS[0] * HOUR),
      ended_at: new Date(T0 + BURST_HOURS[1] * HOUR),
      request_count: 48,
      acknowledged_at: null,
    });
    expect(place?.keywords.map((keyword) => keyword.term)).toEqual(
      expect.arrayContaining(['燃气', '异味', '泄漏']),
    );
    expect(place?.trend.slice(-8).map((bin) => bin.count)).toEqual(Array(8).fill(6));
    expect(place?.trend[0]?.binStart).toBe(new Date(T0 + (BURST_HOURS[0] - 6) * HOUR).toISOString());
    expect(place?.extent_box?.[0]).toBeCloseTo(120.1, 9);
    expect(place?.extent_box?.[3]).toBeCloseTo(30.291, 9);
    expect(place?.sample_request_ids.every((id) => burstIds.includes(id))).toBe(true);
    const events = await listRecordEvents(t.database.db, 'feedback.hot-topic', place!.id, 10);
    expect(events.map((entry) => entry.event.action)).toEqual(['feedback.hot-topic.raised']);
  });

  it("tells the responsible level — the township's leader, not the county above nor the township beside", async () => {
    const notices = await t.database.db
      .selectFrom('notification')
      .select(['recipient_account_id', 'topic', 'link'])
      .where('topic', '=', 'feedback.hot-topic.raised')
      .execute();
    const rows = await alertRows();
    expect(notices).toHaveLength(rows.length);
    expect(new Set(notices.map((notice) => notice.recipient_account_id))).toEqual(new Set([cuiyuanLeader]));
    expect(notices.map((notice) => notice.link).sort()).toEqual(
      rows.map((row) => `/dashboard/feedback-leaders#alert-${row.id}`).sort(),
    );
  });

  it('is idempotent: running again neither duplicates alerts nor announces them again', async () => {
    const before = await alertRows();
    const again = await recomputeHotTopicAlerts({ db: t.database.db, clock: t.clock });
    expect(again).toMatchObject({ raised: 0, updated: 0 });
    t.clock.set(new Date(T0 + 101 * HOUR));
    const later = await recomputeHotTopicAlerts({ db: t.database.db, clock: t.clock });
    expect(later.raised).toBe(0);
    const after = await alertRows();
    expect(after.map((row) => [row.id, row.detector_alert_id, row.request_count])).toEqual(
      before.map((row) => [row.id, row.detector_alert_id, row.request_count]),
    );
    const notices = await t.database.db
      .selectFrom('notification')
      .select('id')
      .where('topic', '=', 'feedback.hot-topic.raised')
      .execute();
    expect(notices).toHaveLength(before.length);
  });
});

describe('the board', () => {
  it("lists the alerts of the leader's area", async () => {
    const own = await t.app.inject({ url: '/api/feedback/hot-topics/alerts', headers: as(cuiyuanLeader) });
    expect(own.statusCode).toBe(200);
    expect(own.json().items.length).toBeGreaterThanOrEqual(1);
    expect(own.json().items[0]).toMatchObject({
      categoryCode: 'water-drainage',
      responsibleDivision: { code: CUIYUAN, nameZh: '翠苑街道' },
      acknowledgedAt: null,
    });
    const county = await t.app.inject({ url: '/api/feedback/hot-topics/alerts', headers: as(countyLeader) });
    expect(county.json().items).toHaveLength(own.json().items.length);
    const beside = await t.app.inject({ url: '/api/feedback/hot-topics/alerts', headers: as(xixiLeader) });
    expect(beside.json().items).toEqual([]);
    const handler = await t.app.inject({
      url: '/api/feedback/hot-topics/alerts',
      headers: as(world.people.xixiUrbanHandler),
    });
    expect(handler.statusCode).toBe(403);
  });

  it('takes one acknowledgement from the responsible area, audited, and keeps it through recomputation', async () => {
    const [alert] = (await alertRows()).filter((row) => row.key_kind === 'category-place');
    const url = `/api/feedback/hot-topics/alerts/${alert!.id}/acknowledgement`;
    const beside = await t.app.inject({ method: 'POST', url, headers: as(xixiLeader) });
    expect(beside.statusCode).toBe(404);
    const missing = await t.app.inject({
      method: 'POST',
      url: `/api/feedback/hot-topics/alerts/${randomUUID()}/acknowledgement`,
      headers: as(cuiyuanLeader),
    });
    expect(missing.statusCode).toBe(404);
    const notUuid = await t.app.inject({
      method: 'POST',
      url: '/api/feedback/hot-topics/alerts/x/acknowledgement',
      headers: as(cuiyuanLeader),
    });
    expect(notUuid.statusCode).toBe(400);
    const done = await t.app.inject({ method: 'POST', url, headers: as(cuiyuanLeader) });
    expect(done.statusCode).toBe(200);
    expect(done.json()).toMatchObject({
      acknowledgedBy: cuiyuanLeader,
      acknowledgedAt: t.clock.now().toISOString(),
    });
    const twice = await t.app.inject({ method: 'POST', url, headers: as(countyLeader) });
    expect(twice.statusCode).toBe(409);
    const events = await listRecordEvents(t.database.db, 'feedback.hot-topic', alert!.id, 10);
    expect(events.map((entry) => entry.event.action)).toEqual([
      'feedback.hot-topic.raised',
      'feedback.hot-topic.acknowledged',
    ]);
    await recomputeHotTopicAlerts({ db: t.database.db, clock: t.clock });
    const unacknowledged = await t.app.inject({
      url: '/api/feedback/hot-topics/alerts?status=unacknowledged',
      headers: as(cuiyuanLeader),
    });
    expect(unacknowledged.json().items.map((item: { id: string }) => item.id)).not.toContain(alert!.id);
  });
});
