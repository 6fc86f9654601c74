import { type Generated, type Kysely, type Selectable, sql } from 'kysely';
import type { Tables } from '../../../platform/db/index.ts';

declare module '../../../platform/db/tables.ts' {
  interface Tables {
    feedback_analysis_queue: { seq: Generated<bigint>; request_id: string };
    feedback_analysis_result: AnalysisResultRow;
    feedback_analysis_state: {
      id: number;
      version: bigint;
      advanced_to: Date | null;
      holder: string | null;
      held_until: Date | null;
    };
    feedback_hot_topic_alert: AlertRow;
  }
}

type Db = Kysely<Tables>;

export type AnalysisResultRow = {
  request_id: string;
  seq: bigint;
  group_id: string;
  duplicate_of: string | null;
  similarity: number;
  counted_at: Date | null;
  analysed_at: Date;
};

export type AlertKeyKind = 'category-place' | 'duplicate-group';
export type AlertDetector = 'burst' | 'surge';

export type AlertRow = {
  id: string;
  alert_key: string;
  key_kind: AlertKeyKind;
  detectors: AlertDetector[];
  category_code: string;
  division_code: string | null;
  group_id: string | null;
  request_count: number;
  keywords: { term: string; score: number }[];
  trend: { binStart: string; count: number }[];
  extent_divisions: string[];
  bounding_box: number[] | null;
  sample_request_ids: string[];
  responsible_division_code: string;
  responsible_division_path: string;
  started_at: Date;
  ended_at: Date | null;
  raised_at: Date;
  updated_at: Date;
  acknowledged_by: string | null;
  acknowledged_at: Date | null;
};

export const ALERT_COLUMNS = [
  'id',
  'alert_key',
  'key_kind',
  'detectors',
  'category_code',
  'division_code',
  'group_id',
  'request_count',
  'keywords',
  'trend',
  'extent_divisions',
  'bounding_box',
  'sample_request_ids',
  'responsible_division_code',
  'responsible_division_path',
  'started_at',
  'ended_at',
  'raised_at',
  'updated_at',
  'acknowledged_by',
  'acknowledged_at',
] as const satisfies readonly (keyof AlertRow)[];

const ANALYSIS_LOCK_KEY = 7_420_150_023n;

/** Only one analysis worker works at a time, across servers; held until the transaction ends. */
export async function tryLockAnalysis(tx: Db): Promise<boolean> {
  const result = await sql<{
    locked: boolean;
  }>`select pg_try_advisory_xact_lock(${ANALYSIS_LOCK_KEY}) as locked`.execute(tx);
  return result.rows[0]?.locked === true;
}

export type AnalysisState = {
  version: bigint;
  advancedTo: Date | null;
  holder: string | null;
  heldUntil: Date | null;
};

export async function readState(tx: Db): Promise<AnalysisState> {
  const row = await tx
    .selectFrom('feedback_analysis_state')
    .select(['version', 'advanced_to', 'holder', 'held_until'])
    .where('id', '=', 1)
    .executeTakeFirstOrThrow();
  return {
    version: BigInt(row.version),
    advancedTo: row.advanced_to,
    holder: row.holder,
    heldUntil: row.held_until,
  };
}

export async function writeState(tx: Db, state: AnalysisState): Promise<void> {
  await tx
    .updateTable('feedback_analysis_state')
    .set({
      version: state.version,
      advanced_to: state.advancedTo,
      holder: state.holder,
      held_until: state.heldUntil,
    })
    .where('id', '=', 1)
    .execute();
}

/** Ends a worker's lease at once (on shutdown), so another server need not wait for it to run out. */
export async function releaseLease(db: Db, holder: string, at: Date): Promise<void> {
  await db
    .updateTable('feedback_analysis_state')
    .set({ held_until: at })
    .where('id', '=', 1)
    .where('holder', '=', holder)
    .execute();
}

/** What the analysis reads of a request. */
export type AnalysedRequest = {
  id: string;
  description: string;
  category_code: string;
  division_code: string;
  latitude: number | null;
  longitude: number | null;
  submitted_at: Date;
};

export type QueuedRequest = AnalysedRequest & { seq: bigint };

/**
 * The oldest queued requests: by submission time, then intake order. Live requests are submitted as
 * they arrive, so this is intake order; an import queued together with live requests is taken in its
 * own time order rather than after them, so the detectors see its hours in sequence.
 */
export async function findQueued(tx: Db, limit: number): Promise<QueuedRequest[]> {
  return tx
    .selectFrom('feedback_analysis_queue as q')
    .innerJoin('feedback_request as r', 'r.id', 'q.request_id')
    .select([
      'q.seq',
      'r.id',
      'r.description',
      'r.category_code',
      'r.division_code',
      'r.latitude',
      'r.longitude',
      'r.submitted_at',
    ])
    .orderBy('r.submitted_at')
    .orderBy('q.seq')
    .limit(limit)
    .execute();
}

export async function deleteQueued(tx: Db, requestIds: readonly string[]): Promise<void> {
  if (requestIds.length === 0) return;
  await tx.deleteFrom('feedback_analysis_queue').where('request_id', 'in', requestIds).execute();
}

export async function insertResults(tx: Db, rows: readonly AnalysisResultRow[]): Promise<void> {
  if (rows.length === 0) return;
  await tx.insertInto('feedback_analysis_result').values(rows).execute();
}

export async function nextResultSeq(tx: Db): Promise<bigint> {
  const row = await tx
    .selectFrom('feedback_analysis_result')
    .select(sql<string>`coalesce(max(seq), 0)::text`.as('last'))
    .executeTakeFirstOrThrow();
  return BigInt(row.last) + 1n;
}

/** Requests of merged groups now belong to the group that absorbed them. */
export async function mergeGroups(tx: Db, intoGroupId: string, groupIds: readonly string[]): Promise<void> {
  if (groupIds.length === 0) return;
  await tx
    .updateTable('feedback_analysis_result')
    .set({ group_id: intoGroupId })
    .where('group_id', 'in', groupIds)
    .execute();
}

export type ReplayRow = AnalysedRequest & Pick<AnalysisResultRow, 'group_id' | 'counted_at'>;

/** Analysed requests since `since` (by submission), in the order they were analysed, for a rebuild. */
export async function findAnalysedSince(tx: Db, since: Date): Promise<ReplayRow[]> {
  return tx
    .selectFrom('feedback_analysis_result as a')
    .innerJoin('feedback_request as r', 'r.id', 'a.request_id')
    .select([
      'r.id',
      'r.description',
      'r.category_code',
      'r.division_code',
      'r.latitude',
      'r.longitude',
      'r.submitted_at',
      'a.group_id',
      'a.counted_at',
    ])
    .where((eb) => eb.or([eb('r.submitted_at', '>=', since), eb('a.counted_at', '>=', since)]))
    .orderBy('a.seq')
    .execute();
}

/** The latest time the analysis has seen: the newest counted or submitted request analysed. */
export async function findLatestAnalysedAt(tx: Db): Promise<Date | null> {
  const row = await tx
    .selectFrom('feedback_analysis_result as a')
    .innerJoin('feedback_request as r', 'r.id', 'a.request_id')
    .select((eb) => [eb.fn.max('r.submitted_at').as('submitted'), eb.fn.max('a.counted_at').as('counted')])
    .executeTakeFirst();
  const times = [row?.submitted, row?.counted].filter((at): at is Date => at instanceof Date);
  return times.length === 0 ? null : new Date(Math.max(...times.map((at) => at.getTime())));
}

/** Inserts a new alert; false when one with its key exists already. */
export async function insertAlert(tx: Db, row: AlertRow): Promise<boolean> {
  const inserted = await tx
    .insertInto('feedback_hot_topic_alert')
    .values(toDatabase(row))
    .onConflict((oc) => oc.column('alert_key').doNothing())
    .returning('id')
    .executeTakeFirst();
  return inserted !== undefined;
}

/** The detector's latest view of an alert; who acknowledged it and when it was raised stay. */
export async function updateAlert(
  tx: Db,
  row: Omit<AlertRow, 'id' | 'raised_at' | 'acknowledged_by' | 'acknowledged_at'>,
): Promise<void> {
  const values = toDatabase({
    ...row,
    id: '',
    raised_at: row.updated_at,
    acknowledged_by: null,
    acknowledged_at: null,
  });
  await tx
    .updateTable('feedback_hot_topic_alert')
    .set({
      detectors: values.detectors,
      category_code: values.category_code,
      request_count: values.request_count,
      keywords: values.keywords,
      trend: values.trend,
      extent_divisions: values.extent_divisions,
      bounding_box: values.bounding_box,
      sample_request_ids: values.sample_request_ids,
      responsible_division_code: values.responsible_division_code,
      responsible_division_path: values.responsible_division_path,
      ended_at: values.ended_at,
      updated_at: values.updated_at,
    })
    .where('alert_key', '=', row.alert_key)
    .execute();
}

// jsonb columns take JSON text (PGlite and pg would otherwise send a JS array as a Postgres array).
function toDatabase(row: AlertRow) {
  return {
    ...row,
    keywords: JSON.stringify(row.keywords) as unknown as AlertRow['keywords'],
    trend: JSON.stringify(row.trend) as unknown as AlertRow['trend'],
  };
}

export async function findAlert(db: Db, id: string): Promise<Selectable<AlertRow> | undefined> {
  return db
    .selectFrom('feedback_hot_topic_alert')
    .select(ALERT_COLUMNS)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function acknowledgeAlert(db: Db, id: string, accountId: string, at: Date): Promise<boolean> {
  const result = await db
    .updateTable('feedback_hot_topic_alert')
    .set({ acknowledged_by: accountId, acknowledged_at: at })
    .where('id', '=', id)
    .where('acknowledged_at', 'is', null)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}
