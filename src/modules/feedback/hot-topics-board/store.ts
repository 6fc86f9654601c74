import { type Kysely, sql } from 'kysely';
import type { Tables } from '../../../platform/db/index.ts';

declare module '../../../platform/db/tables.ts' {
  interface Tables {
    feedback_hot_topic_alert: AlertRow;
  }
}

type Db = Kysely<Tables>;

export type AlertRow = {
  id: string;
  detector_alert_id: string;
  province_code: string;
  key_kind: 'category-place' | 'duplicate-group';
  detectors: ('burst' | 'surge')[];
  category_code: string;
  division_code: string | null;
  group_id: string | null;
  keywords: { term: string; score: number }[];
  trend: { binStart: string; count: number }[];
  extent_divisions: string[];
  extent_box: number[] | null;
  sample_request_ids: string[];
  request_count: number;
  responsible_division_code: string;
  responsible_division_path: string;
  started_at: Date;
  ended_at: Date | null;
  raised_at: Date;
  updated_at: Date;
  acknowledged_by: string | null;
  acknowledged_at: Date | null;
};

const ALERT_COLUMNS = [
  'id',
  'detector_alert_id',
  'province_code',
  'key_kind',
  'detectors',
  'category_code',
  'division_code',
  'group_id',
  'keywords',
  'trend',
  'extent_divisions',
  'extent_box',
  'sample_request_ids',
  'request_count',
  'responsible_division_code',
  'responsible_division_path',
  'started_at',
  'ended_at',
  'raised_at',
  'updated_at',
  'acknowledged_by',
  'acknowledged_at',
] as const;

export type AnalysedRequest = {
  id: string;
  province_code: string;
  category_code: string;
  division_code: string;
  latitude: number | null;
  longitude: number | null;
  description: string;
  submitted_at: Date;
};

/** Provinces with requests submitted in [from, to). */
export async function listActiveProvinces(db: Db, from: Date, to: Date): Promise<string[]> {
  const rows = await db
    .selectFrom('feedback_request')
    .select('province_code')
    .distinct()
    .where('submitted_at', '>=', from)
    .where('submitted_at', '<', to)
    .orderBy('province_code')
    .execute();
  return rows.map((row) => row.province_code);
}

/** One province's requests submitted in [from, to), in the order they came. */
export async function listRequestsForAnalysis(
  db: Db,
  provinceCode: string,
  from: Date,
  to: Date,
): Promise<AnalysedRequest[]> {
  return db
    .selectFrom('feedback_request')
    .select([
      'id',
      'province_code',
      'category_code',
      'division_code',
      'latitude',
      'longitude',
      'description',
      'submitted_at',
    ])
    .where('province_code', '=', provinceCode)
    .where('submitted_at', '>=', from)
    .where('submitted_at', '<', to)
    .orderBy('submitted_at')
    .orderBy('id')
    .execute();
}

/** Inserts the alert unless the detector's alert is stored already; true when it was inserted. */
export async function insertAlertIfNew(db: Db, row: AlertRow): Promise<boolean> {
  const inserted = await db
    .insertInto('feedback_hot_topic_alert')
    .values({
      ...row,
      keywords: JSON.stringify(row.keywords) as never,
      trend: JSON.stringify(row.trend) as never,
    })
    .onConflict((conflict) => conflict.column('detector_alert_id').doNothing())
    .returning('id')
    .executeTakeFirst();
  return inserted !== undefined;
}

/** Refreshes what a recomputation may change; true when something did change. */
export async function refreshAlert(db: Db, row: AlertRow): Promise<boolean> {
  const keywords = JSON.stringify(row.keywords);
  const trend = JSON.stringify(row.trend);
  const result = await db
    .updateTable('feedback_hot_topic_alert')
    .set({
      detectors: row.detectors,
      category_code: row.category_code,
      keywords: keywords as never,
      trend: trend as never,
      extent_divisions: row.extent_divisions,
      extent_box: row.extent_box,
      sample_request_ids: row.sample_request_ids,
      request_count: row.request_count,
      responsible_division_code: row.responsible_division_code,
      responsible_division_path: row.responsible_division_path,
      ended_at: row.ended_at,
      updated_at: row.updated_at,
    })
    .where('detector_alert_id', '=', row.detector_alert_id)
    .where(
      sql<boolean>`(request_count, ended_at, trend, keywords, detectors, extent_divisions, extent_box, sample_request_ids)
        is distinct from
        (${row.request_count}::integer, ${row.ended_at}::timestamptz, ${trend}::jsonb, ${keywords}::jsonb,
         ${row.detectors}::text[], ${row.extent_divisions}::text[], ${row.extent_box}::double precision[],
         ${row.sample_request_ids}::uuid[])`,
    )
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function listAlertsInArea(
  db: Db,
  input: { areaPath: string; isUnacknowledgedOnly: boolean; limit: number },
): Promise<AlertRow[]> {
  let query = db
    .selectFrom('feedback_hot_topic_alert')
    .select(ALERT_COLUMNS)
    .where(
      sql<boolean>`(responsible_division_path = ${input.areaPath} or responsible_division_path like ${`${input.areaPath}.%`})`,
    );
  if (input.isUnacknowledgedOnly) query = query.where('acknowledged_at', 'is', null);
  return query.orderBy('started_at', 'desc').orderBy('id').limit(input.limit).execute();
}

export async function findAlertForUpdate(db: Db, id: string): Promise<AlertRow | undefined> {
  return db
    .selectFrom('feedback_hot_topic_alert')
    .select(ALERT_COLUMNS)
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
}

export async function markAcknowledged(db: Db, id: string, by: string, at: Date): Promise<void> {
  await db
    .updateTable('feedback_hot_topic_alert')
    .set({ acknowledged_by: by, acknowledged_at: at })
    .where('id', '=', id)
    .execute();
}
