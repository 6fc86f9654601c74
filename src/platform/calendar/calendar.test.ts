import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/test-app.ts';
import type { Authenticate } from '../http/index.ts';
import { evaluateDeadline, isWorkingDay, loadWorkingCalendar, MANAGE_CALENDAR } from './index.ts';

/**
 * The calendar through the API, on the reference data every deployment loads: the public year view
 * and due-date helper, and audited changes by a calendar administrator. The actor is stood in by the
 * bearer header (the calendar only asks whether the caller holds its permission).
 */
const CALENDAR_ADMIN = '0b5c3a5e-5a70-4c2f-9a38-2f4c1d2e7a11';
const authenticate: Authenticate = async (request) => {
  const bearer = request.headers.authorization;
  if (bearer === `Bearer ${CALENDAR_ADMIN}`)
    return { id: CALENDAR_ADMIN, organisationId: null, hasPermission: (p: string) => p === MANAGE_CALENDAR };
  if (bearer === 'Bearer clerk') return { id: 'clerk', hasPermission: () => false };
  return undefined;
};

describe('the working-day calendar API', () => {
  let t: TestApp;
  const admin = { authorization: `Bearer ${CALENDAR_ADMIN}` };
  const get = (url: string) => t.app.inject({ method: 'GET', url });
  const put = (url: string, payload: object, headers: Record<string, string> = admin) =>
    t.app.inject({ method: 'PUT', url, headers, payload });
  const auditCount = async (recordType: string) => {
    const result = await sql<{ n: number }>`
      select count(*)::int as n from ledger_pending where record_type = ${recordType}`.execute(t.database.db);
    return result.rows[0]!.n;
  };
  const springFestival2027 = { kind: 'holiday', nameZh: '春节', nameEn: 'Spring Festival', notice: '草稿' };

  beforeAll(async () => {
    t = await createTestApp({ authenticate });
  });
  afterAll(async () => {
    await t.close();
  });

  it('shows a published year with its holidays and make-up days, as the reference data loaded them', async () => {
    const response = await get('/api/calendar/years/2025');
    expect(response.statusCode).toBe(200);
    const year = response.json();
    expect(year).toMatchObject({ year: 2025, isPublished: true, notice: '国办发明电〔2024〕12号' });
    expect(year.days).toHaveLength(33);
    expect(year.days[1]).toMatchObject({
      date: '2025-01-26',
      kind: 'workday',
      nameZh: '春节调休上班',
      notice: '国办发明电〔2024〕12号',
    });
    expect(year.days.find((day: { date: string }) => day.date === '2025-01-28')).toMatchObject({
      kind: 'holiday',
      nameZh: '春节',
      nameEn: 'Spring Festival',
    });
    // The reference load is audited like any change: one event per year.
    expect(await auditCount('platform.calendar-year')).toBe(3);
    const unpublished = (await get('/api/calendar/years/2027')).json();
    expect(unpublished).toEqual({ year: 2027, isPublished: false, notice: null, days: [] });
  });

  it('gives other modules the calendar loaded once, to count deadlines on without the database', async () => {
    const calendar = await loadWorkingCalendar(t.database.db, { from: '2025-01-01', to: '2025-12-31' });
    expect([isWorkingDay(calendar, '2025-01-26'), isWorkingDay(calendar, '2025-01-28')]).toEqual([
      true,
      false,
    ]);
    const acceptedAt = new Date('2025-01-27T02:00:00Z');
    const licence = evaluateDeadline(calendar, {
      startedAt: acceptedAt,
      limit: { workingDays: 20 },
      now: acceptedAt,
    });
    expect(licence).toMatchObject({ dueAt: new Date('2025-03-03T16:00:00Z'), provisional: false });
    // Past the loaded range the calendar cannot vouch for the days: the answer says so.
    const lateInYear = new Date('2025-12-22T02:00:00Z');
    expect(
      evaluateDeadline(calendar, { startedAt: lateInYear, limit: { workingDays: 20 }, now: lateInYear })
        .provisional,
    ).toBe(true);
  });

  it('answers due dates, and says when one reaches into an unpublished year', async () => {
    const due = await get('/api/calendar/working-days?from=2025-01-27&days=20');
    expect(due.statusCode).toBe(200);
    expect(due.json()).toEqual({
      from: '2025-01-27',
      workingDays: 20,
      due: '2025-03-03',
      dueAt: '2025-03-03T16:00:00.000Z',
      provisional: false,
      unpublishedYears: [],
    });
    const intoNextYear = (await get('/api/calendar/working-days?from=2026-12-25&days=10')).json();
    expect(intoNextYear).toMatchObject({ due: '2027-01-08', provisional: true, unpublishedYears: [2027] });
  });

  it('refuses bad dates and counts with a 400 that says what is wrong', async () => {
    const cases: [string, string][] = [
      ['/api/calendar/working-days?from=2025-02-30&days=3', 'platform.calendar-date-invalid'],
      ['/api/calendar/working-days?from=2025-1-5&days=3', 'validation-failed'],
      ['/api/calendar/working-days?from=2025-01-05&days=-1', 'validation-failed'],
      ['/api/calendar/working-days?from=2025-01-05', 'validation-failed'],
      ['/api/calendar/working-days?from=2025-01-05&days=2.5', 'validation-failed'],
      ['/api/calendar/years/twenty', 'validation-failed'],
      ['/api/calendar/years/1800', 'validation-failed'],
    ];
    for (const [url, code] of cases) {
      const response = await get(url);
      expect({ url, status: response.statusCode, code: response.json().code }).toEqual({
        url,
        status: 400,
        code,
      });
      expect(response.headers['content-type']).toContain('application/problem+json');
    }
    const notADate = await put('/api/calendar/days/2027-02-30', springFestival2027);
    expect(notADate.statusCode).toBe(400);
    expect(notADate.json().detail).toContain('2027-02-30');
  });

  it('lets a calendar administrator enter a year, audited, and publish it', async () => {
    const before = await auditCount('platform.calendar-day');
    const entered = await put('/api/calendar/days/2027-02-05', springFestival2027);
    expect(entered.statusCode).toBe(200);
    expect(entered.json()).toMatchObject({ date: '2027-02-05', kind: 'holiday', nameZh: '春节' });
    expect(await auditCount('platform.calendar-day')).toBe(before + 1);
    // Entered but not published: still provisional, but the holiday already counts.
    const draft = (await get('/api/calendar/working-days?from=2027-02-04&days=1')).json();
    expect(draft).toMatchObject({ due: '2027-02-08', provisional: true });

    const unpublishedNotice = await put('/api/calendar/years/2027/published', { isPublished: true });
    expect(unpublishedNotice.statusCode).toBe(400);
    expect(unpublishedNotice.json().code).toBe('platform.calendar-notice-required');
    const published = await put('/api/calendar/years/2027/published', {
      isPublished: true,
      notice: '国办发明电〔2026〕9号',
    });
    expect(published.statusCode).toBe(200);
    expect(published.json()).toMatchObject({
      year: 2027,
      isPublished: true,
      notice: '国办发明电〔2026〕9号',
    });
    expect((await get('/api/calendar/working-days?from=2027-02-04&days=1')).json().provisional).toBe(false);
    const withdrawn = await put('/api/calendar/years/2027/published', { isPublished: false });
    expect(withdrawn.json()).toMatchObject({ isPublished: false, notice: '国办发明电〔2026〕9号' });
    expect(await auditCount('platform.calendar-year')).toBe(3 + 2);
    const actions = await sql<{ action: string }>`
      select convert_from(entry, 'UTF8')::json ->> 'action' as action from ledger_pending
      where record_type = 'platform.calendar-year' and record_id = '2027' order by id`.execute(t.database.db);
    expect(actions.rows.map((row) => row.action)).toEqual([
      'platform.calendar-year.published',
      'platform.calendar-year.withdrawn',
    ]);
  });

  it('refuses a make-up working day on a weekday and blank names, storing nothing', async () => {
    const before = await auditCount('platform.calendar-day');
    const weekday = await put('/api/calendar/days/2027-03-03', { ...springFestival2027, kind: 'workday' });
    expect(weekday.statusCode).toBe(400);
    expect(weekday.json()).toMatchObject({
      code: 'platform.calendar-workday-on-weekday',
      errors: [{ in: 'body', pointer: '/kind' }],
    });
    const blank = await put('/api/calendar/days/2027-03-06', { ...springFestival2027, nameZh: '   ' });
    expect(blank.statusCode).toBe(400);
    expect(blank.json().errors).toEqual([{ in: 'body', pointer: '/nameZh', detail: 'must not be blank' }]);
    const extra = await put('/api/calendar/days/2027-03-06', { ...springFestival2027, colour: 'red' });
    expect(extra.statusCode).toBe(400);
    expect(await auditCount('platform.calendar-day')).toBe(before);
    expect((await get('/api/calendar/years/2027')).json().days.map((d: { date: string }) => d.date)).toEqual([
      '2027-02-05',
    ]);
  });

  it('returns a day to the ordinary week, audited; a second removal is a 404', async () => {
    const saturday = await put('/api/calendar/days/2027-02-20', {
      kind: 'workday',
      nameZh: '春节调休上班',
      nameEn: 'Make-up working day (Spring Festival)',
      notice: '草稿',
    });
    expect(saturday.statusCode).toBe(200);
    const before = await auditCount('platform.calendar-day');
    const removed = await t.app.inject({
      method: 'DELETE',
      url: '/api/calendar/days/2027-02-20',
      headers: admin,
    });
    expect(removed.statusCode).toBe(204);
    expect(await auditCount('platform.calendar-day')).toBe(before + 1);
    const again = await t.app.inject({
      method: 'DELETE',
      url: '/api/calendar/days/2027-02-20',
      headers: admin,
    });
    expect(again.statusCode).toBe(404);
    expect(again.json().code).toBe('platform.calendar-day-not-found');
    expect(await auditCount('platform.calendar-day')).toBe(before + 1);
  });

  it('lets only holders of platform.calendar.manage change it', async () => {
    const anonymous = await t.app.inject({
      method: 'PUT',
      url: '/api/calendar/days/2027-02-06',
      payload: springFestival2027,
    });
    expect(anonymous.statusCode).toBe(401);
    const clerk = await put('/api/calendar/days/2027-02-06', springFestival2027, {
      authorization: 'Bearer clerk',
    });
    expect(clerk.statusCode).toBe(403);
    const publish = await put(
      '/api/calendar/years/2027/published',
      { isPublished: true },
      { authorization: 'Bearer clerk' },
    );
    expect(publish.statusCode).toBe(403);
  });
});
