import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/test-app.ts';
import { createVault } from '../../platform/vault/index.ts';
import { seedGrant } from '../identity/index.ts';
import { listRecordEvents } from '../ledger/index.ts';
import { markDueClocks } from './sla.ts';
import { bearerActor, buildFeedbackWorld, COUNTY, type FeedbackWorld, XIXI } from './test-fixtures.ts';

let t: TestApp;
let world: FeedbackWorld;
let supervisor: string;

const as = (accountId: string) => ({ authorization: `Bearer ${accountId}` });
const HOUR = 60 * 60 * 1000;

type Clock = {
  kind: string;
  state: string;
  dueAt: string;
  startedAt: string;
  total: number;
  remaining: number;
};

async function submit(body: Record<string, unknown>) {
  const response = await t.app.inject({
    method: 'POST',
    url: '/api/feedback/requests',
    headers: as(world.people.citizen),
    payload: { kind: 'complaint', divisionCode: XIXI, ...body },
  });
  expect(response.statusCode).toBe(201);
  return response.json().id as string;
}

async function clocksOf(id: string, accountId: string) {
  const response = await t.app.inject({ url: `/api/feedback/requests/${id}`, headers: as(accountId) });
  expect(response.statusCode).toBe(200);
  return Object.fromEntries((response.json().sla as Clock[]).map((clock) => [clock.kind, clock]));
}

beforeAll(async () => {
  t = await createTestApp({ authenticate: (request) => bearerActor(t.database.db, t.clock)(request) });
  world = await buildFeedbackWorld(t.database.db, t.clock, createVault(t.config.vaultKeys));
  // The county office supervises the district: service levels and the townships' extensions.
  supervisor = world.people.countyOfficeHandler;
  await seedGrant(t.database.db, t.clock, {
    accountId: supervisor,
    roleCode: 'feedback-supervisor',
    divisionCode: COUNTY,
    organisationId: world.units.countyOffice,
  });
});
afterAll(async () => {
  await t.close();
});

describe('service levels', () => {
  it('counts working days across a weekend: a housing complaint on Friday must be contacted by Monday night', async () => {
    t.clock.set(new Date('2026-03-06T10:00:00+08:00')); // Friday
    const id = await submit({ categoryCode: 'housing', description: '楼道墙皮脱落' });
    const clocks = await clocksOf(id, world.people.xixiOfficeHandler);
    // One working day: Saturday and Sunday do not count, Monday does, and the limit ends at its end.
    expect(clocks.contact).toMatchObject({ state: 'running', dueAt: '2026-03-09T16:00:00.000Z', total: 1 });
    // Five working days: Monday 9 to Friday 13 March.
    expect(clocks.feedback!.dueAt).toBe('2026-03-13T16:00:00.000Z');
    // Fifteen working days: to Friday 27 March.
    expect(clocks.resolution!.dueAt).toBe('2026-03-27T16:00:00.000Z');
    t.clock.set(new Date('2026-03-08T12:00:00+08:00')); // Sunday: no working day has ended yet
    expect((await clocksOf(id, world.people.xixiOfficeHandler)).contact).toMatchObject({
      state: 'running',
      remaining: 1,
    });
    t.clock.set(new Date('2026-03-10T00:30:00+08:00'));
    expect((await clocksOf(id, world.people.xixiOfficeHandler)).contact!.state).toBe('overdue');
  });

  it('counts hours around the clock across a night, and warns in the last quarter', async () => {
    t.clock.set(new Date('2026-03-02T22:00:00+08:00'));
    const id = await submit({
      categoryCode: 'street-lighting',
      description: '路灯不亮',
      attributes: {},
    });
    const handler = world.people.xixiUrbanHandler;
    const clocks = await clocksOf(id, handler);
    expect(clocks.contact!.dueAt).toBe(new Date('2026-03-03T06:00:00+08:00').toISOString());
    expect(clocks.feedback!.dueAt).toBe(new Date('2026-03-03T22:00:00+08:00').toISOString());
    t.clock.set(new Date('2026-03-03T03:59:00+08:00'));
    expect((await clocksOf(id, handler)).contact!.state).toBe('running');
    t.clock.set(new Date('2026-03-03T04:00:00+08:00'));
    expect((await clocksOf(id, handler)).contact!.state).toBe('warning');
    t.clock.set(new Date('2026-03-03T06:00:01+08:00'));
    expect((await clocksOf(id, handler)).contact!.state).toBe('overdue');
  });

  it('takes an emergency policy over the category, lists overdue requests and marks them in the history once', async () => {
    t.clock.set(new Date('2026-04-01T09:00:00+08:00'));
    const id = await submit({
      categoryCode: 'road-damage',
      urgency: 'emergency',
      description: '路面塌陷',
      attributes: { hazard: 'yes' },
    });
    const handler = world.people.xixiUrbanHandler;
    expect((await clocksOf(id, handler)).contact!.dueAt).toBe(
      new Date('2026-04-01T10:00:00+08:00').toISOString(),
    );
    const overdueQueue = async (accountId: string) =>
      (await t.app.inject({ url: '/api/feedback/queue?sla=overdue', headers: as(accountId) })).json()
        .items as {
        id: string;
        sla: Clock[];
      }[];
    expect((await overdueQueue(handler)).map((item) => item.id)).not.toContain(id);
    t.clock.advance(HOUR + 1000);
    const listed = (await overdueQueue(handler)).find((item) => item.id === id);
    expect(listed?.sla.find((clock) => clock.kind === 'contact')?.state).toBe('overdue');
    // Another township's handler never sees it in their queue.
    expect((await overdueQueue(world.people.cuiyuanUrbanHandler)).map((item) => item.id)).not.toContain(id);

    expect(await markDueClocks({ db: t.database.db, clock: t.clock })).toBeGreaterThanOrEqual(1);
    expect(await markDueClocks({ db: t.database.db, clock: t.clock })).toBe(0);
    const view = (await t.app.inject({ url: `/api/feedback/requests/${id}`, headers: as(handler) })).json();
    expect(view.history.filter((entry: { kind: string }) => entry.kind === 'sla-overdue')).toHaveLength(1);
    const internal = view.internalId as string;
    const actions = (await listRecordEvents(t.database.db, 'feedback.request', internal, 50)).map(
      (entry) => entry.event.action,
    );
    expect(actions).toContain('feedback.sla.overdue');
  });

  it('lets a handler ask for more time and only a unit above approve it, moving the due date', async () => {
    t.clock.set(new Date('2026-03-02T09:00:00+08:00')); // Monday
    const id = await submit({ categoryCode: 'housing', description: '小区电梯经常故障' });
    const handler = world.people.xixiOfficeHandler;
    const before = (await clocksOf(id, handler)).resolution!;
    expect(before.dueAt).toBe('2026-03-23T16:00:00.000Z'); // 15 working days: Monday 23 March
    const asked = await t.app.inject({
      method: 'POST',
      url: `/api/feedback/requests/${id}/extensions`,
      headers: as(handler),
      payload: { clock: 'resolution', amount: 5, reason: '需要协调物业和维保公司' },
    });
    expect(asked.statusCode).toBe(201);
    const extensionId = asked.json().id;
    const again = await t.app.inject({
      method: 'POST',
      url: `/api/feedback/requests/${id}/extensions`,
      headers: as(handler),
      payload: { clock: 'resolution', amount: 1, reason: '再等等' },
    });
    expect(again.statusCode).toBe(409);
    const decide = (accountId: string) =>
      t.app.inject({
        method: 'POST',
        url: `/api/feedback/requests/${id}/extensions/${extensionId}/decision`,
        headers: as(accountId),
        payload: { approve: true, reason: '同意' },
      });
    // Handlers lack the permission; the other township's handler too.
    expect((await decide(handler)).statusCode).toBe(403);
    expect((await decide(world.people.cuiyuanUrbanHandler)).statusCode).toBe(403);
    const pending = (await t.app.inject({ url: '/api/feedback/extensions', headers: as(supervisor) })).json();
    expect(pending.map((row: { id: string }) => row.id)).toContain(extensionId);
    const approved = await decide(supervisor);
    expect(approved.statusCode).toBe(200);
    const resolution = (approved.json().sla as Clock[]).find((clock) => clock.kind === 'resolution')!;
    expect(resolution).toMatchObject({ total: 20, dueAt: '2026-03-30T16:00:00.000Z' });
    expect((await decide(supervisor)).statusCode).toBe(404);
    const internal = await internalIdOf(id);
    const actions = (await listRecordEvents(t.database.db, 'feedback.request', internal, 50)).map(
      (entry) => entry.event.action,
    );
    expect(actions).toEqual(
      expect.arrayContaining(['feedback.sla.extension-requested', 'feedback.sla.extension-approved']),
    );
  });

  it('keeps the clocks running through a transfer, unless the policy restarts them', async () => {
    t.clock.set(new Date('2026-05-06T09:00:00+08:00'));
    const id = await submit({ categoryCode: 'graffiti', description: '墙上小广告', attributes: {} });
    const started = (await clocksOf(id, world.people.xixiOfficeHandler)).resolution!.startedAt;
    const transfer = async () => {
      const offered = await t.app.inject({
        method: 'POST',
        url: `/api/feedback/requests/${id}/transfers`,
        headers: as(world.people.xixiOfficeHandler),
        payload: { toOrganisationId: world.units.xixiUrban, reason: '属城管职责' },
      });
      t.clock.advance(2 * HOUR);
      const accepted = await t.app.inject({
        method: 'POST',
        url: `/api/feedback/requests/${id}/transfers/${offered.json().id}/answer`,
        headers: as(world.people.xixiUrbanHandler),
        payload: { action: 'accept' },
      });
      expect(accepted.statusCode).toBe(200);
    };
    await transfer();
    expect((await clocksOf(id, world.people.xixiUrbanHandler)).resolution!.startedAt).toBe(started);

    const policy = await t.app.inject({
      method: 'PUT',
      url: '/api/feedback/sla-policies',
      headers: as(supervisor),
      payload: {
        categoryCode: 'graffiti',
        urgency: null,
        contact: { unit: 'hours', amount: 24 },
        feedback: { unit: 'workingDays', amount: 2 },
        resolution: { unit: 'calendarDays', amount: 10 },
        warnPercent: 20,
        restartsOnTransfer: true,
      },
    });
    expect(policy.statusCode).toBe(200);
    const second = await submit({ categoryCode: 'graffiti', description: '又有小广告', attributes: {} });
    const offered = await t.app.inject({
      method: 'POST',
      url: `/api/feedback/requests/${second}/transfers`,
      headers: as(world.people.xixiOfficeHandler),
      payload: { toOrganisationId: world.units.xixiUrban, reason: '属城管职责' },
    });
    t.clock.advance(3 * HOUR);
    await t.app.inject({
      method: 'POST',
      url: `/api/feedback/requests/${second}/transfers/${offered.json().id}/answer`,
      headers: as(world.people.xixiUrbanHandler),
      payload: { action: 'accept' },
    });
    const restarted = (await clocksOf(second, world.people.xixiUrbanHandler)).resolution!;
    expect(restarted.startedAt).toBe(t.clock.now().toISOString());
    expect(restarted.total).toBe(10);
  });

  it('lets only a supervisor set service levels, checks them and records each change', async () => {
    const body = {
      categoryCode: 'noise',
      urgency: 'urgent',
      contact: { unit: 'hours', amount: 2 },
      feedback: { unit: 'hours', amount: 12 },
      resolution: { unit: 'workingDays', amount: 3 },
      warnPercent: 25,
      restartsOnTransfer: false,
    };
    const put = (accountId: string, payload: Record<string, unknown>) =>
      t.app.inject({ method: 'PUT', url: '/api/feedback/sla-policies', headers: as(accountId), payload });
    expect((await put(world.people.xixiUrbanHandler, body)).statusCode).toBe(403);
    const unknown = await put(supervisor, { ...body, categoryCode: 'no-such' });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().errors[0].pointer).toBe('/categoryCode');
    expect((await put(supervisor, { ...body, contact: { unit: 'weeks', amount: 2 } })).statusCode).toBe(400);
    const created = await put(supervisor, body);
    expect(created.statusCode).toBe(200);
    const updated = await put(supervisor, { ...body, contact: { unit: 'hours', amount: 3 } });
    expect(updated.json()).toMatchObject({ id: created.json().id, contact: { unit: 'hours', amount: 3 } });
    const listed = (await t.app.inject({ url: '/api/feedback/sla-policies' })).json();
    expect(listed.filter((policy: { categoryCode: string }) => policy.categoryCode === 'noise')).toHaveLength(
      1,
    );
    const events = await listRecordEvents(t.database.db, 'feedback.sla-policy', created.json().id, 10);
    expect(events.map((entry) => entry.event.action)).toEqual([
      'feedback.sla-policy.created',
      'feedback.sla-policy.updated',
    ]);
  });

  it('gives another township’s handler the public view without clocks, and 404 on asking for time', async () => {
    t.clock.set(new Date('2026-06-01T09:00:00+08:00'));
    const id = await submit({ categoryCode: 'housing', description: '楼顶漏水' });
    const other = world.people.cuiyuanUrbanHandler;
    const view = (await t.app.inject({ url: `/api/feedback/requests/${id}`, headers: as(other) })).json();
    expect(view.view).toBe('public');
    expect(view.sla).toBeUndefined();
    const asked = await t.app.inject({
      method: 'POST',
      url: `/api/feedback/requests/${id}/extensions`,
      headers: as(other),
      payload: { clock: 'resolution', amount: 1, reason: '试试' },
    });
    expect(asked.statusCode).toBe(404);
  });
});

async function internalIdOf(publicId: string): Promise<string> {
  const row = await t.database.db
    .selectFrom('feedback_request')
    .select('id')
    .where('public_id', '=', publicId)
    .executeTakeFirstOrThrow();
  return row.id;
}
