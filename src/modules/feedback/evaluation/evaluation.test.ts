import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/support/test-app.ts';
import { createVault } from '../../../platform/vault/index.ts';
import { listRecordEvents } from '../../ledger/index.ts';
import {
  bearerActor,
  buildFeedbackWorld,
  COUNTY,
  CUIYUAN,
  type FeedbackWorld,
  XIXI,
} from '../test-fixtures.ts';
import { seedOverseer } from './test-leaders.ts';

/*
 * A hand-computed month. The county (西湖区) evaluates its townships with
 *   answered  = a handler acted within 24 hours,  resolved = closed within 7 days,
 *   satisfied = rating ≥ 4,  praise left out, and requests found duplicate or malicious left out,
 *   weights   = response 0.3, resolution 0.4, satisfaction 0.3.
 *
 * October 2026 (times +08:00; "ack" = handler acknowledges, "close" = closed; ratings and findings are
 * the evaluation's input tables):
 *   西溪 X1 complaint 10-05 10:00  ack +2h   close +3d   rated 5
 *        X2 demand    10-06 10:00  ack +30h  close +10d  rated 2
 *        X3 complaint 10-10 10:00  ack +1h   —           —
 *        X4 praise    10-11 10:00  —         —           —         (kind praise: left out)
 *        X5 complaint 10-12 10:00  —         —           —         (found duplicate: left out)
 *        X6 complaint 10-20 10:00  ack +5h   close +2d   rated 4
 *     counted 4 (X1 X2 X3 X6); answered 3 (X1 X3 X6) → 3/4 = 0.75; resolved 2 (X1 X6) → 2/4 = 0.5;
 *     rated 3 (X1 X2 X6), satisfied 2 (X1 X6) → 2/3 = 0.6667
 *     composite = 100 × (0.3×0.75 + 0.4×0.5 + 0.3×2/3) / 1.0 = 100 × (0.225 + 0.2 + 0.2) = 62.50
 *   翠苑 C1 complaint 10-08 10:00  ack +3h   close +1d   rated 5
 *        C2 complaint 10-09 15:00  ack +10h  close +5d   —
 *        C3 enquiry   10-15 10:00  ack +48h  —           —         (found withdrawn: this scheme keeps it)
 *     counted 3; answered 2 → 2/3; resolved 2 → 2/3; rated 1, satisfied 1 → 1
 *     composite = 100 × (0.3×2/3 + 0.4×2/3 + 0.3×1) = 100 × (0.2 + 0.26667 + 0.3) = 76.67
 *   Ranking: 翠苑 1st (76.67), 西溪 2nd (62.50).
 *
 * September 2026, for the change since the month before:
 *   西溪 S1 complaint 09-10 10:00  ack +1h  close +1d  rated 5 → every rate 1 → composite 100, 1st
 *   翠苑 S2 complaint 09-12 10:00  nothing                       → response 0, resolution 0, no rating:
 *        composite = 100 × (0.3×0 + 0.4×0) / (0.3 + 0.4) = 0, 2nd
 *   So 翠苑 +76.67 points and up one place; 西溪 −37.50 points and down one place.
 *
 * The district as one unit in October: counted 7, answered 5, resolved 4, rated 4, satisfied 3:
 *   100 × (0.3×5/7 + 0.4×4/7 + 0.3×3/4) = 100 × (0.214286 + 0.228571 + 0.225) = 66.79
 */

let t: TestApp;
let world: FeedbackWorld;
let leader: string;
let townshipLeader: string;
let administrator: string;

const as = (accountId: string) => ({ authorization: `Bearer ${accountId}` });
const HOUR = 3600_000;
const DAY = 24 * HOUR;

type Plan = {
  name: string;
  at: string;
  division: string;
  kind: string;
  ackAfter?: number;
  closeAfter?: number;
  rating?: number;
  finding?: 'duplicate' | 'withdrawn';
};

const PLANS: Plan[] = [
  {
    name: 'X1',
    at: '2026-10-05T10:00',
    division: XIXI,
    kind: 'complaint',
    ackAfter: 2 * HOUR,
    closeAfter: 3 * DAY,
    rating: 5,
  },
  {
    name: 'X2',
    at: '2026-10-06T10:00',
    division: XIXI,
    kind: 'demand',
    ackAfter: 30 * HOUR,
    closeAfter: 10 * DAY,
    rating: 2,
  },
  { name: 'X3', at: '2026-10-10T10:00', division: XIXI, kind: 'complaint', ackAfter: 1 * HOUR },
  { name: 'X4', at: '2026-10-11T10:00', division: XIXI, kind: 'praise' },
  { name: 'X5', at: '2026-10-12T10:00', division: XIXI, kind: 'complaint', finding: 'duplicate' },
  {
    name: 'X6',
    at: '2026-10-20T10:00',
    division: XIXI,
    kind: 'complaint',
    ackAfter: 5 * HOUR,
    closeAfter: 2 * DAY,
    rating: 4,
  },
  {
    name: 'C1',
    at: '2026-10-08T10:00',
    division: CUIYUAN,
    kind: 'complaint',
    ackAfter: 3 * HOUR,
    closeAfter: 1 * DAY,
    rating: 5,
  },
  {
    name: 'C2',
    at: '2026-10-09T15:00',
    division: CUIYUAN,
    kind: 'complaint',
    ackAfter: 10 * HOUR,
    closeAfter: 5 * DAY,
  },
  {
    name: 'C3',
    at: '2026-10-15T10:00',
    division: CUIYUAN,
    kind: 'enquiry',
    ackAfter: 48 * HOUR,
    finding: 'withdrawn',
  },
  {
    name: 'S1',
    at: '2026-09-10T10:00',
    division: XIXI,
    kind: 'complaint',
    ackAfter: 1 * HOUR,
    closeAfter: 1 * DAY,
    rating: 5,
  },
  { name: 'S2', at: '2026-09-12T10:00', division: CUIYUAN, kind: 'complaint' },
];

const TOWNSHIP_SCHEME = {
  responseWithinHours: 24,
  resolutionWithinDays: 7,
  satisfiedMinScore: 4,
  excludedKinds: ['praise'],
  excludedReasons: ['duplicate', 'malicious'],
  weights: { response: 0.3, resolution: 0.4, satisfaction: 0.3 },
};

async function setScheme(accountId: string, divisionCode: string, unitClass: string, body: object) {
  return t.app.inject({
    method: 'PUT',
    url: `/api/feedback/evaluation/schemes/${divisionCode}/${unitClass}`,
    headers: as(accountId),
    payload: body,
  });
}

async function get(accountId: string, url: string) {
  return t.app.inject({ url, headers: as(accountId) });
}

async function act(handler: string, id: string, status: string, at: number) {
  t.clock.set(new Date(at));
  const response = await t.app.inject({
    method: 'POST',
    url: `/api/feedback/requests/${id}/status`,
    headers: as(handler),
    payload: { status, note: status === 'closed' ? '已修复' : '已受理' },
  });
  expect(response.statusCode).toBe(200);
}

beforeAll(async () => {
  t = await createTestApp({ authenticate: (request) => bearerActor(t.database.db, t.clock)(request) });
  const db = t.database.db;
  const vault = createVault(t.config.vaultKeys);
  world = await buildFeedbackWorld(db, t.clock, vault);
  const deps = { clock: t.clock, vault };
  leader = await seedOverseer(db, deps, {
    organisationId: world.units.countyOffice,
    roleCode: 'feedback-leader',
    divisionCode: COUNTY,
  });
  townshipLeader = await seedOverseer(db, deps, {
    organisationId: world.units.xixiOffice,
    roleCode: 'feedback-leader',
    divisionCode: XIXI,
  });
  administrator = await seedOverseer(db, deps, {
    organisationId: world.units.countyOffice,
    roleCode: 'feedback-evaluation-administrator',
    divisionCode: COUNTY,
  });
  for (const plan of PLANS) {
    const submittedAt = new Date(`${plan.at}:00+08:00`).getTime();
    t.clock.set(new Date(submittedAt));
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/feedback/requests',
      headers: as(world.people.citizen),
      payload: {
        categoryCode: 'road-damage',
        kind: plan.kind,
        description: `${plan.name}：文三路人行道砖松动`,
        divisionCode: plan.division,
        attributes: { hazard: 'no' },
      },
    });
    expect(response.statusCode).toBe(201);
    const publicId = response.json().id as string;
    // Road damage goes to 西溪's own team, and in 翠苑 to the county bureau (test-fixtures' rules).
    const handler = plan.division === XIXI ? world.people.xixiUrbanHandler : world.people.countyUrbanHandler;
    if (plan.ackAfter !== undefined)
      await act(handler, publicId, 'acknowledged', submittedAt + plan.ackAfter);
    if (plan.closeAfter !== undefined) await act(handler, publicId, 'closed', submittedAt + plan.closeAfter);
    const { id, province_code } = await db
      .selectFrom('feedback_request')
      .select(['id', 'province_code'])
      .where('public_id', '=', publicId)
      .executeTakeFirstOrThrow();
    if (plan.rating !== undefined && plan.closeAfter !== undefined) {
      // The citizen confirms the answer through the handling's own follow-up.
      t.clock.set(new Date(submittedAt + plan.closeAfter + HOUR));
      const satisfaction =
        plan.rating >= 5 ? 'satisfied' : plan.rating === 4 ? 'basically-satisfied' : 'dissatisfied';
      const rated = await t.app.inject({
        method: 'POST',
        url: `/api/feedback/requests/${publicId}/rating`,
        headers: as(world.people.citizen),
        payload: { satisfaction, score: plan.rating },
      });
      expect(rated.statusCode).toBe(201);
    }
    if (plan.finding)
      await db
        .insertInto('feedback_evaluation_exclusion')
        .values({
          request_id: id,
          province_code,
          reason: plan.finding,
          recorded_at: new Date(submittedAt + DAY),
        })
        .execute();
  }
  t.clock.set(new Date('2026-10-31T12:00:00+08:00'));
});
afterAll(async () => {
  await t.close();
});

describe('evaluation schemes', () => {
  it('has no official weights until an administrator sets them', async () => {
    const response = await get(leader, '/api/feedback/evaluation/rankings?unitClass=township&month=2026-10');
    expect(response.statusCode).toBe(404);
    expect(response.json()).toMatchObject({ code: 'feedback.evaluation-scheme-missing' });
  });

  it('refuses bad schemes with what is wrong, and stores nothing', async () => {
    const zero = await setScheme(administrator, COUNTY, 'township', {
      ...TOWNSHIP_SCHEME,
      weights: { response: 0, resolution: 0, satisfaction: 0 },
    });
    expect(zero.statusCode).toBe(400);
    expect(zero.json().errors).toEqual([expect.objectContaining({ pointer: '/weights' })]);
    const reason = await setScheme(administrator, COUNTY, 'township', {
      ...TOWNSHIP_SCHEME,
      excludedReasons: ['boring'],
      excludedKinds: ['gossip'],
    });
    expect(reason.statusCode).toBe(400);
    expect(
      reason
        .json()
        .errors.map((error: { pointer: string }) => error.pointer)
        .sort(),
    ).toEqual(['/excludedKinds/0', '/excludedReasons/0']);
    const negative = await setScheme(administrator, COUNTY, 'township', {
      ...TOWNSHIP_SCHEME,
      weights: { response: -1, resolution: 1, satisfaction: 1 },
    });
    expect(negative.statusCode).toBe(400);
    const count = await t.database.db
      .selectFrom('feedback_evaluation_scheme')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(0);
  });

  it('is set only by a permitted administrator within their area, and audited', async () => {
    expect((await setScheme(leader, COUNTY, 'township', TOWNSHIP_SCHEME)).statusCode).toBe(403);
    expect((await setScheme(administrator, '3301', 'township', TOWNSHIP_SCHEME)).statusCode).toBe(403);
    const response = await setScheme(administrator, COUNTY, 'township', TOWNSHIP_SCHEME);
    expect(response.statusCode).toBe(200);
    const scheme = response.json();
    expect(scheme).toMatchObject({ divisionCode: COUNTY, unitClass: 'township', ...TOWNSHIP_SCHEME });
    const events = await listRecordEvents(t.database.db, 'feedback.evaluation-scheme', scheme.id, 10);
    expect(events.map((entry) => entry.event.action)).toEqual(['feedback.evaluation-scheme.set']);
    for (const unitClass of ['district', 'department'])
      expect((await setScheme(administrator, COUNTY, unitClass, TOWNSHIP_SCHEME)).statusCode).toBe(200);
    const listed = await get(leader, '/api/feedback/evaluation/schemes');
    expect(
      listed
        .json()
        .schemes.map((row: { unitClass: string }) => row.unitClass)
        .sort(),
    ).toEqual(['department', 'district', 'township']);
  });
});

describe('monthly rates and rankings', () => {
  it('ranks the townships of the hand-computed month, with the change since September', async () => {
    const response = await get(leader, '/api/feedback/evaluation/rankings?unitClass=township&month=2026-10');
    expect(response.statusCode).toBe(200);
    const ranking = response.json();
    expect(ranking).toMatchObject({ divisionCode: COUNTY, month: '2026-10', previousMonth: '2026-09' });
    expect(ranking.rows).toEqual([
      expect.objectContaining({
        unit: expect.objectContaining({ code: CUIYUAN, nameZh: '翠苑街道' }),
        eligible: 3,
        responded: 2,
        resolved: 2,
        rated: 1,
        satisfied: 1,
        responseRate: 0.6667,
        resolutionRate: 0.6667,
        satisfactionRate: 1,
        composite: 76.67,
        rank: 1,
        previous: { composite: 0, rank: 2, eligible: 1 },
        compositeChange: 76.67,
        rankChange: 1,
      }),
      expect.objectContaining({
        unit: expect.objectContaining({ code: XIXI, nameZh: '西溪街道' }),
        eligible: 4,
        responded: 3,
        resolved: 2,
        rated: 3,
        satisfied: 2,
        responseRate: 0.75,
        resolutionRate: 0.5,
        satisfactionRate: 0.6667,
        composite: 62.5,
        rank: 2,
        previous: { composite: 100, rank: 1, eligible: 1 },
        compositeChange: -37.5,
        rankChange: -1,
      }),
    ]);
  });

  it('ranks departments by the unit holding each request, and the district as one unit', async () => {
    const departments = (
      await get(leader, '/api/feedback/evaluation/rankings?unitClass=department&month=2026-10')
    ).json();
    expect(
      departments.rows.map((row: { unit: { code: string }; composite: number }) => [
        row.unit.code,
        row.composite,
      ]),
    ).toEqual([
      [world.units.countyUrban, 76.67],
      [world.units.xixiUrban, 62.5],
    ]);
    const district = (
      await get(leader, '/api/feedback/evaluation/rankings?unitClass=district&month=2026-10')
    ).json();
    expect(district.rows).toEqual([
      expect.objectContaining({
        unit: expect.objectContaining({ code: COUNTY }),
        eligible: 7,
        composite: 66.79,
        rank: 1,
      }),
    ]);
  });

  it('gives the area month by month', async () => {
    const response = await get(
      leader,
      '/api/feedback/evaluation/trend?unitClass=township&months=3&to=2026-10',
    );
    expect(response.statusCode).toBe(200);
    // September: 2 counted, 1 answered, 1 resolved, 1 of 1 satisfied → 100 × (0.15 + 0.2 + 0.3) = 65.
    expect(
      response
        .json()
        .points.map((point: { month: string; eligible: number; composite: number | null }) => [
          point.month,
          point.eligible,
          point.composite,
        ]),
    ).toEqual([
      ['2026-08', 0, null],
      ['2026-09', 2, 65],
      ['2026-10', 7, 66.79],
    ]);
  });

  it('keeps a township leader to their township', async () => {
    const own = await get(
      townshipLeader,
      '/api/feedback/evaluation/rankings?unitClass=township&month=2026-10',
    );
    expect(own.statusCode).toBe(200);
    expect(own.json().rows.map((row: { unit: { code: string } }) => row.unit.code)).toEqual([XIXI]);
    const county = await get(
      townshipLeader,
      `/api/feedback/evaluation/rankings?unitClass=township&month=2026-10&divisionCode=${COUNTY}`,
    );
    expect(county.statusCode).toBe(403);
    const handler = await get(
      world.people.xixiUrbanHandler,
      '/api/feedback/evaluation/rankings?unitClass=township',
    );
    expect(handler.statusCode).toBe(403);
  });

  it('says what is wrong with a bad query', async () => {
    const month = await get(leader, '/api/feedback/evaluation/rankings?unitClass=township&month=2026-13');
    expect(month.statusCode).toBe(400);
    const unitClass = await get(leader, '/api/feedback/evaluation/rankings?unitClass=village');
    expect(unitClass.statusCode).toBe(400);
    const division = await get(
      leader,
      '/api/feedback/evaluation/rankings?unitClass=township&divisionCode=999999',
    );
    expect(division.statusCode).toBe(400);
    expect(division.json().errors).toEqual([expect.objectContaining({ pointer: '/divisionCode' })]);
  });
});

describe('recurring problems', () => {
  it('lists places where one category came back at least k times in n days, and how often after closure', async () => {
    const response = await get(leader, '/api/feedback/evaluation/recurring?withinDays=30&minCount=3');
    expect(response.statusCode).toBe(200);
    const { items } = response.json();
    // 西溪: X1…X6 (Oct 5–20); X3–X6 came after X1 was closed on Oct 8.
    // 翠苑: C1–C3; C2 (Oct 9 15:00) and C3 came after C1 was closed on Oct 9 10:00.
    expect(
      items.map(
        (item: {
          division: { code: string };
          requestCount: number;
          afterClosureCount: number;
          categoryCode: string;
        }) => [item.division.code, item.categoryCode, item.requestCount, item.afterClosureCount],
      ),
    ).toEqual([
      [XIXI, 'road-damage', 6, 4],
      [CUIYUAN, 'road-damage', 3, 2],
    ]);
    expect(items[0].requestIds).toHaveLength(6);
    // Newest first.
    expect(items[0].requestIds[0] > items[0].requestIds[5]).toBe(true);
    expect(items[0].requestIds.every((id: string) => /^FB2026\d{8}$/.test(id))).toBe(true);
    const stricter = await get(leader, '/api/feedback/evaluation/recurring?withinDays=30&minCount=4');
    expect(stricter.json().items).toHaveLength(1);
    const fewerDays = await get(leader, '/api/feedback/evaluation/recurring?withinDays=14&minCount=3');
    // From Oct 17 12:00: only X6 remains.
    expect(fewerDays.json().items).toEqual([]);
    const bad = await get(leader, '/api/feedback/evaluation/recurring?minCount=1');
    expect(bad.statusCode).toBe(400);
  });
});
