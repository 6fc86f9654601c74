import { type Kysely, sql } from 'kysely';
import type { Tables } from '../../../platform/db/index.ts';

declare module '../../../platform/db/tables.ts' {
  interface Tables {
    feedback_evaluation_scheme: SchemeRow;
    feedback_evaluation_exclusion: ExclusionRow;
  }
}

type Db = Kysely<Tables>;

export type UnitClass = 'township' | 'district' | 'department';
export const UNIT_CLASSES: readonly UnitClass[] = ['township', 'district', 'department'];
export const EXCLUSION_REASONS = ['withdrawn', 'duplicate', 'out-of-remit', 'malicious'] as const;
export type ExclusionReason = (typeof EXCLUSION_REASONS)[number];

export type SchemeRow = {
  id: string;
  division_code: string;
  division_path: string;
  unit_class: UnitClass;
  response_within_hours: number;
  resolution_within_days: number;
  satisfied_min_score: number;
  excluded_kinds: string[];
  excluded_reasons: string[];
  /** numeric: strings from both drivers. */
  weight_response: string;
  weight_resolution: string;
  weight_satisfaction: string;
  created_by: string | null;
  created_at: Date;
  updated_by: string | null;
  updated_at: Date;
};

export type ExclusionRow = {
  request_id: string;
  province_code: string;
  reason: ExclusionReason;
  recorded_at: Date;
};

const SCHEME_COLUMNS = [
  'id',
  'division_code',
  'division_path',
  'unit_class',
  'response_within_hours',
  'resolution_within_days',
  'satisfied_min_score',
  'excluded_kinds',
  'excluded_reasons',
  'weight_response',
  'weight_resolution',
  'weight_satisfaction',
  'created_by',
  'created_at',
  'updated_by',
  'updated_at',
] as const;

export async function findScheme(db: Db, divisionCode: string, unitClass: UnitClass) {
  return db
    .selectFrom('feedback_evaluation_scheme')
    .select(SCHEME_COLUMNS)
    .where('division_code', '=', divisionCode)
    .where('unit_class', '=', unitClass)
    .executeTakeFirst();
}

/** The deepest scheme of the class at `divisionPath` or above: the one that evaluates units there. */
export async function findApplicableScheme(db: Db, divisionPath: string, unitClass: UnitClass) {
  return db
    .selectFrom('feedback_evaluation_scheme')
    .select(SCHEME_COLUMNS)
    .where('unit_class', '=', unitClass)
    .where(sql<boolean>`(division_path = ${divisionPath} or ${divisionPath} like division_path || '.%')`)
    .orderBy(sql`length(division_path)`, 'desc')
    .executeTakeFirst();
}

/** Schemes set at `divisionPath`, above it (those that apply there) or below it (its parts' own). */
export async function listSchemesAround(db: Db, divisionPath: string): Promise<SchemeRow[]> {
  return db
    .selectFrom('feedback_evaluation_scheme')
    .select(SCHEME_COLUMNS)
    .where(
      sql<boolean>`(division_path = ${divisionPath} or ${divisionPath} like division_path || '.%' or division_path like ${`${divisionPath}.%`})`,
    )
    .orderBy('division_path')
    .orderBy('unit_class')
    .execute();
}

export async function upsertScheme(db: Db, row: SchemeRow): Promise<SchemeRow> {
  return db
    .insertInto('feedback_evaluation_scheme')
    .values(row)
    .onConflict((conflict) =>
      conflict.columns(['division_code', 'unit_class']).doUpdateSet({
        response_within_hours: row.response_within_hours,
        resolution_within_days: row.resolution_within_days,
        satisfied_min_score: row.satisfied_min_score,
        excluded_kinds: row.excluded_kinds,
        excluded_reasons: row.excluded_reasons,
        weight_response: row.weight_response,
        weight_resolution: row.weight_resolution,
        weight_satisfaction: row.weight_satisfaction,
        updated_by: row.updated_by,
        updated_at: row.updated_at,
      }),
    )
    .returning(SCHEME_COLUMNS)
    .executeTakeFirstOrThrow();
}

export type UnitMonthCounts = {
  unit: string;
  month: string;
  eligible: number;
  responded: number;
  resolved: number;
  rated: number;
  satisfied: number;
};

/** Months are counted in China Standard Time (UTC+8, no daylight saving). */
const MONTH_OF_SUBMISSION = sql`to_char((submitted_at at time zone 'UTC') + interval '8 hours', 'YYYY-MM')`;

/**
 * Counts per unit and month over feedback_evaluation_input, for units of the class in the area at
 * `areaPath`, for requests submitted in [from, to), under the scheme's definitions and exclusions.
 */
export async function countByUnitAndMonth(
  db: Db,
  input: { unitClass: UnitClass; areaPath: string; from: Date; to: Date; scheme: SchemeRow },
): Promise<UnitMonthCounts[]> {
  const { scheme } = input;
  const unit =
    input.unitClass === 'township'
      ? sql.ref('township_code')
      : input.unitClass === 'district'
        ? sql.ref('district_code')
        : sql.ref('department_id');
  const path =
    input.unitClass === 'department' ? sql.ref('department_division_path') : sql.ref('division_path');
  const result = await sql<{
    unit: string;
    month: string;
    eligible: string | number;
    responded: string | number;
    resolved: string | number;
    rated: string | number;
    satisfied: string | number;
  }>`
    select ${unit}::text as unit, ${MONTH_OF_SUBMISSION} as month,
      count(*) as eligible,
      count(*) filter (where first_response_at <= submitted_at + make_interval(hours => ${scheme.response_within_hours})) as responded,
      count(*) filter (where resolved_at <= submitted_at + make_interval(days => ${scheme.resolution_within_days})) as resolved,
      count(satisfaction_score) as rated,
      count(*) filter (where satisfaction_score >= ${scheme.satisfied_min_score}) as satisfied
    from feedback_evaluation_input
    where submitted_at >= ${input.from} and submitted_at < ${input.to}
      and (${path} = ${input.areaPath} or ${path} like ${`${input.areaPath}.%`})
      and ${unit} is not null
      and kind <> all(${scheme.excluded_kinds}::text[])
      and not (exclusion_reasons && ${scheme.excluded_reasons}::text[])
    group by 1, 2
  `.execute(db);
  return result.rows.map((row) => ({
    unit: row.unit,
    month: row.month,
    eligible: Number(row.eligible),
    responded: Number(row.responded),
    resolved: Number(row.resolved),
    rated: Number(row.rated),
    satisfied: Number(row.satisfied),
  }));
}

export type RecurringRow = {
  division_code: string;
  category_code: string;
  request_count: number;
  after_closure_count: number;
  first_at: Date;
  last_at: Date;
  request_ids: string[];
};

/**
 * Places where one category came back at least `minCount` times in [from, to): per division and
 * category, with how many of those came after an earlier one of them had been closed (the problem
 * returned although it was answered), and the numbers of the latest 20.
 */
export async function listRecurring(
  db: Db,
  input: { areaPath: string; from: Date; to: Date; minCount: number; limit: number },
): Promise<RecurringRow[]> {
  const result = await sql<{
    division_code: string;
    category_code: string;
    request_count: string | number;
    after_closure_count: string | number;
    first_at: Date;
    last_at: Date;
    request_ids: string[];
  }>`
    with recent as (
      select request_id, public_id, division_code, category_code, submitted_at, resolved_at
      from feedback_evaluation_input
      where submitted_at >= ${input.from} and submitted_at < ${input.to}
        and (division_path = ${input.areaPath} or division_path like ${`${input.areaPath}.%`})
    ),
    marked as (
      select r.*, exists (
        select 1 from recent e
        where e.division_code = r.division_code and e.category_code = r.category_code
          and e.resolved_at is not null and e.resolved_at <= r.submitted_at
      ) as is_after_closure
      from recent r
    )
    select division_code, category_code, count(*) as request_count,
      count(*) filter (where is_after_closure) as after_closure_count,
      min(submitted_at) as first_at, max(submitted_at) as last_at,
      (array_agg(public_id order by submitted_at desc, public_id))[1:20] as request_ids
    from marked
    group by division_code, category_code
    having count(*) >= ${input.minCount}
    order by count(*) desc, max(submitted_at) desc, division_code, category_code
    limit ${input.limit}
  `.execute(db);
  return result.rows.map((row) => ({
    ...row,
    request_count: Number(row.request_count),
    after_closure_count: Number(row.after_closure_count),
    first_at: new Date(row.first_at),
    last_at: new Date(row.last_at),
  }));
}
