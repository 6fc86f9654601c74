import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Clock } from '../../../platform/clock/index.ts';
import type { Tables } from '../../../platform/db/index.ts';
import type { FieldProblem } from '../../../platform/errors/index.ts';
import { type AccessActor, findOrganisationSummaries, getDivision } from '../../identity/index.ts';
import { hashPayload, recordAuditEvent } from '../../ledger/index.ts';
import { inTransaction } from '../transaction.ts';
import { type Area, resolveArea } from './area.ts';
import { evaluationErrors } from './errors.ts';
import { rankByComposite, ratesOf, type UnitRates, type Weights, weightsOf } from './rates.ts';
import {
  countByUnitAndMonth,
  EXCLUSION_REASONS,
  findApplicableScheme,
  listRecurring,
  listSchemesAround,
  type SchemeRow,
  type UnitClass,
  upsertScheme,
} from './store.ts';

type Db = Kysely<Tables>;

export const READ_EVALUATION = 'feedback.evaluation.read';
export const CONFIGURE_EVALUATION = 'feedback.evaluation.configure';

const KINDS = ['complaint', 'demand', 'suggestion', 'enquiry', 'praise'];
const HOUR = 3600_000;

export type SchemeInput = {
  responseWithinHours: number;
  resolutionWithinDays: number;
  satisfiedMinScore: number;
  excludedKinds: string[];
  excludedReasons: string[];
  weights: Weights;
};

export type SchemeView = SchemeInput & {
  id: string;
  divisionCode: string;
  unitClass: UnitClass;
  updatedAt: string;
};

export function schemeView(row: SchemeRow): SchemeView {
  return {
    id: row.id,
    divisionCode: row.division_code,
    unitClass: row.unit_class,
    responseWithinHours: row.response_within_hours,
    resolutionWithinDays: row.resolution_within_days,
    satisfiedMinScore: row.satisfied_min_score,
    excludedKinds: row.excluded_kinds,
    excludedReasons: row.excluded_reasons,
    weights: weightsOf(row),
    updatedAt: row.updated_at.toISOString(),
  };
}

/** Sets (or replaces) how the government at `divisionCode` evaluates one class of its units; audited. */
export async function setScheme(
  db: Db,
  clock: Clock,
  actor: AccessActor,
  target: { divisionCode: string; unitClass: UnitClass },
  input: SchemeInput,
  requestId?: string,
): Promise<SchemeView> {
  const problems: FieldProblem[] = [];
  input.excludedKinds.forEach((kind, index) => {
    if (!KINDS.includes(kind))
      problems.push({ pointer: `/excludedKinds/${index}`, detail: `${kind} is not a kind` });
  });
  input.excludedReasons.forEach((reason, index) => {
    if (!(EXCLUSION_REASONS as readonly string[]).includes(reason))
      problems.push({ pointer: `/excludedReasons/${index}`, detail: `${reason} is not an exclusion reason` });
  });
  const { response, resolution, satisfaction } = input.weights;
  if (response + resolution + satisfaction <= 0)
    problems.push({ pointer: '/weights', detail: 'at least one weight must be above zero' });
  if (problems.length > 0) throw evaluationErrors.invalid(problems);
  const area = await resolveArea(db, actor, CONFIGURE_EVALUATION, target.divisionCode);
  const now = clock.now();
  const row: SchemeRow = {
    id: randomUUID(),
    division_code: area.code,
    division_path: area.path,
    unit_class: target.unitClass,
    response_within_hours: input.responseWithinHours,
    resolution_within_days: input.resolutionWithinDays,
    satisfied_min_score: input.satisfiedMinScore,
    excluded_kinds: [...new Set(input.excludedKinds)].sort(),
    excluded_reasons: [...new Set(input.excludedReasons)].sort(),
    weight_response: String(response),
    weight_resolution: String(resolution),
    weight_satisfaction: String(satisfaction),
    created_by: actor.accountId,
    created_at: now,
    updated_by: actor.accountId,
    updated_at: now,
  };
  return inTransaction(db, async (tx) => {
    const stored = await upsertScheme(tx, row);
    await recordAuditEvent(tx, {
      action: 'feedback.evaluation-scheme.set',
      actor: { kind: 'staff', id: actor.accountId },
      onBehalfOf: actor.organisationId,
      record: { type: 'feedback.evaluation-scheme', id: stored.id },
      at: now,
      requestId: requestId ?? null,
      payloadHash: hashPayload({ ...target, ...input }),
    });
    return schemeView(stored);
  });
}

/** The schemes that apply in the actor's area, and those its parts set for themselves. */
export async function listSchemes(db: Db, actor: AccessActor, divisionCode?: string) {
  const area = await resolveArea(db, actor, READ_EVALUATION, divisionCode);
  return { divisionCode: area.code, schemes: (await listSchemesAround(db, area.path)).map(schemeView) };
}

/** 'YYYY-MM' of an instant in China Standard Time. */
export function monthOf(at: Date): string {
  return new Date(at.getTime() + 8 * HOUR).toISOString().slice(0, 7);
}

export function monthStart(month: string): Date {
  return new Date(`${month}-01T00:00:00+08:00`);
}

export function addMonths(month: string, count: number): string {
  const [year, number] = month.split('-').map(Number) as [number, number];
  const index = year * 12 + (number - 1) + count;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

export type UnitRef = { code: string; nameZh: string; nameEn: string | null };

async function namesOf(
  db: Db,
  unitClass: UnitClass,
  codes: readonly string[],
): Promise<Map<string, UnitRef>> {
  const names = new Map<string, UnitRef>();
  if (unitClass === 'department') {
    for (const [id, summary] of await findOrganisationSummaries(db, codes))
      names.set(id, { code: id, nameZh: summary.nameZh, nameEn: summary.nameEn });
    return names;
  }
  for (const code of codes) {
    const division = await getDivision(db, code).catch(() => undefined);
    names.set(code, { code, nameZh: division?.name ?? code, nameEn: null });
  }
  return names;
}

async function schemeFor(db: Db, area: Area, unitClass: UnitClass): Promise<SchemeRow> {
  const scheme = await findApplicableScheme(db, area.path, unitClass);
  if (!scheme) throw evaluationErrors.noScheme(area.code, unitClass);
  return scheme;
}

export type RankingRow = UnitRates & {
  unit: UnitRef;
  rank: number | null;
  previous: { composite: number | null; rank: number | null; eligible: number } | null;
  /** This month's composite minus last month's, in points. */
  compositeChange: number | null;
  /** Places gained since last month (positive: moved up). */
  rankChange: number | null;
};

export type Ranking = {
  divisionCode: string;
  unitClass: UnitClass;
  month: string;
  previousMonth: string;
  scheme: SchemeView;
  rows: RankingRow[];
};

/**
 * This month's ranking of the class's units in the area, with last month's composite and rank.
 * Both months are scored under today's scheme, so a change of weights does not show as a change of
 * performance.
 */
export async function rankUnits(
  db: Db,
  clock: Clock,
  actor: AccessActor,
  query: { divisionCode?: string | undefined; unitClass: UnitClass; month?: string | undefined },
): Promise<Ranking> {
  const area = await resolveArea(db, actor, READ_EVALUATION, query.divisionCode);
  const scheme = await schemeFor(db, area, query.unitClass);
  const month = query.month ?? monthOf(clock.now());
  const previousMonth = addMonths(month, -1);
  const counts = await countByUnitAndMonth(db, {
    unitClass: query.unitClass,
    areaPath: area.path,
    from: monthStart(previousMonth),
    to: monthStart(addMonths(month, 1)),
    scheme,
  });
  const weights = weightsOf(scheme);
  const scoreMonth = (which: string) => {
    const rows = counts
      .filter((row) => row.month === which)
      .map((row) => ({ unit: row.unit, ...ratesOf(row, weights) }));
    const ranks = rankByComposite(rows);
    return new Map(rows.map((row) => [row.unit, { ...row, rank: ranks.get(row) ?? null }]));
  };
  const current = scoreMonth(month);
  const previous = scoreMonth(previousMonth);
  const names = await namesOf(db, query.unitClass, [...current.keys()]);
  const rows: RankingRow[] = [...current.values()].map(({ unit, rank, ...rates }) => {
    const before = previous.get(unit);
    return {
      ...rates,
      unit: names.get(unit) ?? { code: unit, nameZh: unit, nameEn: null },
      rank,
      previous: before ? { composite: before.composite, rank: before.rank, eligible: before.eligible } : null,
      compositeChange:
        before?.composite != null && rates.composite !== null
          ? Math.round((rates.composite - before.composite) * 100) / 100
          : null,
      rankChange: before?.rank != null && rank !== null ? before.rank - rank : null,
    };
  });
  rows.sort(
    (a, b) =>
      (a.rank ?? Number.POSITIVE_INFINITY) - (b.rank ?? Number.POSITIVE_INFINITY) ||
      b.eligible - a.eligible ||
      a.unit.code.localeCompare(b.unit.code),
  );
  return {
    divisionCode: area.code,
    unitClass: query.unitClass,
    month,
    previousMonth,
    scheme: schemeView(scheme),
    rows,
  };
}

export type TrendPoint = UnitRates & { month: string };

/** The whole area's rates month by month (all its units of the class together), oldest first. */
export async function areaTrend(
  db: Db,
  clock: Clock,
  actor: AccessActor,
  query: { divisionCode?: string | undefined; unitClass: UnitClass; months: number; to?: string | undefined },
): Promise<{ divisionCode: string; unitClass: UnitClass; points: TrendPoint[] }> {
  const area = await resolveArea(db, actor, READ_EVALUATION, query.divisionCode);
  const scheme = await schemeFor(db, area, query.unitClass);
  const last = query.to ?? monthOf(clock.now());
  const first = addMonths(last, -(query.months - 1));
  const counts = await countByUnitAndMonth(db, {
    unitClass: query.unitClass,
    areaPath: area.path,
    from: monthStart(first),
    to: monthStart(addMonths(last, 1)),
    scheme,
  });
  const weights = weightsOf(scheme);
  const points: TrendPoint[] = [];
  for (let month = first; month <= last; month = addMonths(month, 1)) {
    const sum = { eligible: 0, responded: 0, resolved: 0, rated: 0, satisfied: 0 };
    for (const row of counts) {
      if (row.month !== month) continue;
      sum.eligible += row.eligible;
      sum.responded += row.responded;
      sum.resolved += row.resolved;
      sum.rated += row.rated;
      sum.satisfied += row.satisfied;
    }
    points.push({ month, ...ratesOf(sum, weights) });
  }
  return { divisionCode: area.code, unitClass: query.unitClass, points };
}

export type RecurringProblem = {
  division: UnitRef;
  /** The township the place lies in (or the place itself above that level): who should act. */
  responsibleDivisionCode: string;
  categoryCode: string;
  requestCount: number;
  afterClosureCount: number;
  firstAt: string;
  lastAt: string;
  requestIds: string[];
};

/**
 * Places in the area where one category was reported at least `minCount` times in the last
 * `withinDays` days, most frequent first.
 */
export async function recurringProblems(
  db: Db,
  clock: Clock,
  actor: AccessActor,
  query: { divisionCode?: string | undefined; withinDays: number; minCount: number },
): Promise<{ divisionCode: string; withinDays: number; minCount: number; items: RecurringProblem[] }> {
  const area = await resolveArea(db, actor, READ_EVALUATION, query.divisionCode);
  const to = clock.now();
  const rows = await listRecurring(db, {
    areaPath: area.path,
    from: new Date(to.getTime() - query.withinDays * 24 * HOUR),
    to: new Date(to.getTime() + 1),
    minCount: query.minCount,
    limit: 200,
  });
  const names = await namesOf(db, 'township', [...new Set(rows.map((row) => row.division_code))]);
  return {
    divisionCode: area.code,
    withinDays: query.withinDays,
    minCount: query.minCount,
    items: rows.map((row) => ({
      division: names.get(row.division_code) ?? {
        code: row.division_code,
        nameZh: row.division_code,
        nameEn: null,
      },
      responsibleDivisionCode:
        row.division_code.length >= 9 ? row.division_code.slice(0, 9) : row.division_code,
      categoryCode: row.category_code,
      requestCount: row.request_count,
      afterClosureCount: row.after_closure_count,
      firstAt: row.first_at.toISOString(),
      lastAt: row.last_at.toISOString(),
      requestIds: row.request_ids,
    })),
  };
}
