import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { Tables } from '../../../platform/db/index.ts';

type Db = Kysely<Tables>;

export type SupervisionScope = { divisionPath: string; organisationId: string | null };

/** Applications within any of the scopes: the division subtree by path prefix, perhaps one organisation. */
function withinScopes(scopes: readonly SupervisionScope[]): RawBuilder<boolean> {
  const each = scopes.map((scope) => {
    const subtree = sql`(a.division_path = ${scope.divisionPath} or a.division_path like ${`${scope.divisionPath}.%`})`;
    return scope.organisationId === null
      ? subtree
      : sql`(${subtree} and a.implementing_organisation_id = ${scope.organisationId})`;
  });
  return sql<boolean>`(${sql.join(each, sql` or `)})`;
}

export type OverdueRow = {
  id: string;
  application_number: string;
  item_code: string;
  division_code: string;
  implementing_organisation_id: string;
  state: 'submitted' | 'accepted';
  submitted_at: Date;
  statutory_due_at: Date;
};

/**
 * Cases still being handled whose statutory limit ran out before `now`, most overdue first. A case
 * waiting for the applicant's supplements is left out: its clock is stopped.
 */
export async function listOverdueWithin(
  db: Db,
  scopes: readonly SupervisionScope[],
  now: Date,
  limit: number,
): Promise<OverdueRow[]> {
  if (scopes.length === 0) return [];
  const result = await sql<OverdueRow>`
    select a.id, a.application_number, a.item_code, a.division_code, a.implementing_organisation_id,
           a.state, a.submitted_at, a.statutory_due_at
      from service_application a
     where a.state in ('submitted', 'accepted')
       and a.statutory_due_at < ${now}
       and ${withinScopes(scopes)}
     order by a.statutory_due_at, a.id
     limit ${limit}`.execute(db);
  return result.rows;
}

export type VolumeRow = {
  implementing_organisation_id: string;
  received: number;
  in_progress: number;
  decided: number;
  approved: number;
  rejected: number;
  withdrawn: number;
  decided_on_time: number;
  decided_without_visit: number;
  decided_with_at_most_one_visit: number;
};

/**
 * Per implementing organisation, over [from, to): applications received (submitted in the period),
 * of those still in progress now and withdrawn; decisions made in the period (approved, rejected),
 * of them on time and by visits. A decision is on time when it came by the statutory due date as last
 * computed (pauses and extensions counted), or while the clock stood paused for supplements.
 */
export async function countVolumesWithin(
  db: Db,
  scopes: readonly SupervisionScope[],
  from: Date,
  to: Date,
): Promise<VolumeRow[]> {
  if (scopes.length === 0) return [];
  const received = sql`(a.submitted_at >= ${from} and a.submitted_at < ${to})`;
  const decided = sql`(a.state in ('approved', 'rejected') and a.decided_at >= ${from} and a.decided_at < ${to})`;
  const pausedAtDecision = sql`exists (
      select 1 from service_application_clock_event p
       where p.application_id = a.id and p.kind = 'pause' and p.at <= a.decided_at
         and not exists (
           select 1 from service_application_clock_event r
            where r.application_id = a.id and r.kind = 'resume' and r.at >= p.at and r.at <= a.decided_at))`;
  const result = await sql<VolumeRow>`
    select a.implementing_organisation_id,
           count(*) filter (where ${received})::int as received,
           count(*) filter (where ${received} and a.state in ('submitted', 'accepted', 'awaiting-supplements'))::int as in_progress,
           count(*) filter (where ${decided})::int as decided,
           count(*) filter (where ${decided} and a.state = 'approved')::int as approved,
           count(*) filter (where ${decided} and a.state = 'rejected')::int as rejected,
           count(*) filter (where ${received} and a.state = 'withdrawn')::int as withdrawn,
           count(*) filter (where ${decided} and (a.decided_at <= a.statutory_due_at or ${pausedAtDecision}))::int as decided_on_time,
           count(*) filter (where ${decided} and a.in_person_visits = 0)::int as decided_without_visit,
           count(*) filter (where ${decided} and a.in_person_visits <= 1)::int as decided_with_at_most_one_visit
      from service_application a
     where a.state <> 'draft'
       and (${received} or ${decided})
       and ${withinScopes(scopes)}
     group by a.implementing_organisation_id
     order by a.implementing_organisation_id`.execute(db);
  return result.rows;
}
