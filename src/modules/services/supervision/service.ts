/**
 * Supervision of handling (行政审批监管) over the supervisor's division subtree: cases past their
 * statutory limit, and per department for a period the volumes, the on-time rate and how often
 * applicants had to come in person (最多跑一次). Counted in SQL; definitions in docs/services.md.
 */
import type { Kysely } from 'kysely';
import { loadWorkingCalendar, workingDaysBetween } from '../../../platform/calendar/index.ts';
import type { Clock } from '../../../platform/clock/index.ts';
import type { Tables } from '../../../platform/db/index.ts';
import { DomainError, type FieldProblem } from '../../../platform/errors/index.ts';
import { type AccessActor, findOrganisationSummaries } from '../../identity/index.ts';
import { countVolumesWithin, listOverdueWithin } from './store.ts';

type Db = Kysely<Tables>;

export const READ_SUPERVISION = 'services.supervision.read';
const DAY_MS = 86_400_000;
const MAX_PERIOD_DAYS = 366;
const OVERDUE_PAGE = 200;

const beijingDay = (at: Date) => new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
const startOfBeijingDay = (day: string) => new Date(`${day}T00:00:00+08:00`);

async function organisationNames(db: Db, ids: readonly string[]) {
  const summaries = await findOrganisationSummaries(db, ids);
  return (id: string) => {
    const summary = summaries.get(id);
    return { id, nameZh: summary?.nameZh ?? null, nameEn: summary?.nameEn ?? null };
  };
}

/** Open cases past the statutory limit, most overdue first, with how many working days over. */
export async function listOverdueCases(db: Db, clock: Clock, actor: AccessActor) {
  const now = clock.now();
  const rows = await listOverdueWithin(db, actor.scopesOf(READ_SUPERVISION), now, OVERDUE_PAGE);
  if (rows.length === 0) return { asOf: now.toISOString(), cases: [] };
  const today = beijingDay(now);
  const calendar = await loadWorkingCalendar(db, {
    from: beijingDay(rows[0]!.statutory_due_at),
    to: today,
  });
  const nameOf = await organisationNames(
    db,
    rows.map((row) => row.implementing_organisation_id),
  );
  return {
    asOf: now.toISOString(),
    cases: rows.map((row) => {
      // The limit runs out at the end of its last day (16:00 UTC); that day is the due day.
      const dueDay = beijingDay(new Date(row.statutory_due_at.getTime() - 1));
      return {
        applicationId: row.id,
        number: row.application_number,
        itemCode: row.item_code,
        divisionCode: row.division_code,
        organisation: nameOf(row.implementing_organisation_id),
        state: row.state,
        submittedAt: row.submitted_at.toISOString(),
        statutoryDueAt: row.statutory_due_at.toISOString(),
        // Working days after the due day up to today: due on Friday and read on Monday is one day over.
        workingDaysOverdue: workingDaysBetween(calendar, dueDay, today).workingDays,
      };
    }),
  };
}

function periodOf(input: { from: string; to: string }): { from: Date; to: Date } {
  const problems: FieldProblem[] = [];
  const valid = (day: string) =>
    !Number.isNaN(startOfBeijingDay(day).getTime()) && beijingDay(startOfBeijingDay(day)) === day;
  if (!valid(input.from)) problems.push({ pointer: '/from', detail: 'must be a real date, YYYY-MM-DD' });
  if (!valid(input.to)) problems.push({ pointer: '/to', detail: 'must be a real date, YYYY-MM-DD' });
  if (problems.length === 0) {
    const days =
      (startOfBeijingDay(input.to).getTime() - startOfBeijingDay(input.from).getTime()) / DAY_MS + 1;
    if (days < 1) problems.push({ pointer: '/to', detail: 'must not be before from' });
    else if (days > MAX_PERIOD_DAYS)
      problems.push({ pointer: '/to', detail: `the period may span at most ${MAX_PERIOD_DAYS} days` });
  }
  if (problems.length > 0)
    throw new DomainError({
      kind: 'invalid',
      code: 'services.period-invalid',
      title: 'The period is not valid',
      detail: problems.map((problem) => `${problem.pointer} ${problem.detail}`).join('; '),
      fields: problems,
    });
  // Both days are Beijing calendar days and both count: the period ends at the start of the day after `to`.
  return {
    from: startOfBeijingDay(input.from),
    to: new Date(startOfBeijingDay(input.to).getTime() + DAY_MS),
  };
}

const share = (part: number, whole: number) => (whole === 0 ? null : part / whole);

type Figures = {
  received: number;
  inProgress: number;
  withdrawn: number;
  decided: number;
  approved: number;
  rejected: number;
  decidedOnTime: number;
  decidedWithoutVisit: number;
  decidedWithAtMostOneVisit: number;
};

function withRates(figures: Figures) {
  return {
    ...figures,
    onTimeRate: share(figures.decidedOnTime, figures.decided),
    noVisitRate: share(figures.decidedWithoutVisit, figures.decided),
    atMostOneVisitRate: share(figures.decidedWithAtMostOneVisit, figures.decided),
  };
}

/** Per department and in total, for the Beijing-time days `from` to `to` inclusive. */
export async function getVolumes(db: Db, actor: AccessActor, input: { from: string; to: string }) {
  const period = periodOf(input);
  const rows = await countVolumesWithin(db, actor.scopesOf(READ_SUPERVISION), period.from, period.to);
  const nameOf = await organisationNames(
    db,
    rows.map((row) => row.implementing_organisation_id),
  );
  const departments = rows.map((row) => ({
    organisation: nameOf(row.implementing_organisation_id),
    ...withRates({
      received: row.received,
      inProgress: row.in_progress,
      withdrawn: row.withdrawn,
      decided: row.decided,
      approved: row.approved,
      rejected: row.rejected,
      decidedOnTime: row.decided_on_time,
      decidedWithoutVisit: row.decided_without_visit,
      decidedWithAtMostOneVisit: row.decided_with_at_most_one_visit,
    }),
  }));
  const keys = [
    'received',
    'inProgress',
    'withdrawn',
    'decided',
    'approved',
    'rejected',
    'decidedOnTime',
    'decidedWithoutVisit',
    'decidedWithAtMostOneVisit',
  ] as const;
  const total = Object.fromEntries(
    keys.map((key) => [key, departments.reduce((sum, department) => sum + department[key], 0)]),
  ) as Figures;
  return { from: input.from, to: input.to, departments, total: withRates(total) };
}
