/** SQL for the handling tables of migration 0021: service levels, clocks, extensions, contacts, replies, ratings. */
import { type Kysely, sql } from 'kysely';
import type { Tables } from '../../platform/db/index.ts';

declare module '../../platform/db/tables.ts' {
  interface Tables {
    feedback_sla_policy: SlaPolicyRow;
    feedback_sla_clock: SlaClockRow;
    feedback_sla_extension: ExtensionRow;
    feedback_contact: ContactRow;
    feedback_reply: ReplyRow;
    feedback_satisfaction: SatisfactionRow;
  }
}

export type Urgency = 'normal' | 'urgent' | 'emergency';
export type LimitUnit = 'hours' | 'calendarDays' | 'workingDays';
export type ClockKind = 'contact' | 'feedback' | 'resolution';
export const CLOCK_KINDS: readonly ClockKind[] = ['contact', 'feedback', 'resolution'];

export type SlaPolicyRow = {
  id: string;
  category_code: string | null;
  urgency: Urgency | null;
  contact_unit: LimitUnit;
  contact_amount: number;
  feedback_unit: LimitUnit;
  feedback_amount: number;
  resolution_unit: LimitUnit;
  resolution_amount: number;
  warn_percent: number;
  restarts_on_transfer: boolean;
  updated_by: string | null;
  created_at: Date;
  updated_at: Date;
};

export type SlaClockRow = {
  request_id: string;
  kind: ClockKind;
  province_code: string;
  policy_id: string | null;
  limit_unit: LimitUnit;
  limit_amount: number;
  warn_when_remaining: number;
  started_at: Date;
  due_at: Date;
  warn_at: Date;
  completed_at: Date | null;
  warned_at: Date | null;
  overdue_at: Date | null;
};

export type ExtensionRow = {
  id: string;
  request_id: string;
  province_code: string;
  clock_kind: ClockKind;
  amount: number;
  reason: string;
  status: 'requested' | 'approved' | 'refused';
  organisation_id: string;
  requested_by: string;
  requested_at: Date;
  decided_by: string | null;
  decided_at: Date | null;
  decision_reason: string | null;
};

export type ContactRow = {
  id: string;
  request_id: string;
  province_code: string;
  organisation_id: string;
  channel: 'phone' | 'sms' | 'visit' | 'online' | 'letter';
  contacted_at: Date;
  note: string;
  recorded_by: string;
  created_at: Date;
};

export type ReplyRow = {
  id: string;
  request_id: string;
  province_code: string;
  organisation_id: string;
  kind: 'interim' | 'final';
  original_text: string;
  published_text: string;
  redaction_count: number;
  published_by: string;
  published_at: Date;
};

export type Satisfaction = 'satisfied' | 'basically-satisfied' | 'dissatisfied';

export type SatisfactionRow = {
  id: string;
  request_id: string;
  province_code: string;
  organisation_id: string | null;
  closed_at: Date;
  source: 'citizen' | 'callback';
  satisfaction: Satisfaction;
  score: number | null;
  comment: string | null;
  recorded_by: string;
  created_at: Date;
};

type Db = Kysely<Tables>;

const POLICY_COLUMNS = [
  'id',
  'category_code',
  'urgency',
  'contact_unit',
  'contact_amount',
  'feedback_unit',
  'feedback_amount',
  'resolution_unit',
  'resolution_amount',
  'warn_percent',
  'restarts_on_transfer',
  'updated_by',
  'created_at',
  'updated_at',
] as const;

export async function listPolicies(db: Db): Promise<SlaPolicyRow[]> {
  return db
    .selectFrom('feedback_sla_policy')
    .select(POLICY_COLUMNS)
    .orderBy(sql`category_code nulls first`)
    .orderBy(sql`urgency nulls first`)
    .execute();
}

export async function findPolicy(
  db: Db,
  categoryCode: string | null,
  urgency: Urgency | null,
): Promise<SlaPolicyRow | undefined> {
  return db
    .selectFrom('feedback_sla_policy')
    .select(POLICY_COLUMNS)
    .where((eb) =>
      categoryCode === null ? eb('category_code', 'is', null) : eb('category_code', '=', categoryCode),
    )
    .where((eb) => (urgency === null ? eb('urgency', 'is', null) : eb('urgency', '=', urgency)))
    .executeTakeFirst();
}

/** The policies that could apply to a request of this category and urgency (the service picks one). */
export async function listApplicablePolicies(
  db: Db,
  categoryCode: string,
  urgency: Urgency,
): Promise<SlaPolicyRow[]> {
  return db
    .selectFrom('feedback_sla_policy')
    .select(POLICY_COLUMNS)
    .where((eb) => eb.or([eb('category_code', 'is', null), eb('category_code', '=', categoryCode)]))
    .where((eb) => eb.or([eb('urgency', 'is', null), eb('urgency', '=', urgency)]))
    .execute();
}

export async function insertPolicy(db: Db, row: SlaPolicyRow): Promise<void> {
  await db.insertInto('feedback_sla_policy').values(row).execute();
}

export async function updatePolicy(db: Db, id: string, change: Partial<SlaPolicyRow>): Promise<void> {
  await db.updateTable('feedback_sla_policy').set(change).where('id', '=', id).execute();
}

const CLOCK_COLUMNS = [
  'request_id',
  'kind',
  'province_code',
  'policy_id',
  'limit_unit',
  'limit_amount',
  'warn_when_remaining',
  'started_at',
  'due_at',
  'warn_at',
  'completed_at',
  'warned_at',
  'overdue_at',
] as const;

export async function insertClocks(db: Db, rows: readonly SlaClockRow[]): Promise<void> {
  if (rows.length > 0)
    await db
      .insertInto('feedback_sla_clock')
      .values([...rows])
      .execute();
}

export async function listClocks(db: Db, requestIds: readonly string[]): Promise<SlaClockRow[]> {
  if (requestIds.length === 0) return [];
  return db
    .selectFrom('feedback_sla_clock')
    .select(CLOCK_COLUMNS)
    .where('request_id', 'in', [...requestIds])
    .execute();
}

export async function updateClock(
  db: Db,
  requestId: string,
  kind: ClockKind,
  change: Partial<SlaClockRow>,
): Promise<void> {
  await db
    .updateTable('feedback_sla_clock')
    .set(change)
    .where('request_id', '=', requestId)
    .where('kind', '=', kind)
    .execute();
}

/** Running clocks whose warning or overdue moment has come and is not yet in the history. */
export async function listClocksToMark(db: Db, now: Date, limit: number): Promise<SlaClockRow[]> {
  return db
    .selectFrom('feedback_sla_clock')
    .select(CLOCK_COLUMNS)
    .where('completed_at', 'is', null)
    .where((eb) =>
      eb.or([
        eb.and([eb('overdue_at', 'is', null), eb('due_at', '<=', now)]),
        eb.and([eb('warned_at', 'is', null), eb('warn_at', '<=', now), eb('due_at', '>', now)]),
      ]),
    )
    .orderBy('due_at')
    .limit(limit)
    .execute();
}

const EXTENSION_COLUMNS = [
  'id',
  'request_id',
  'province_code',
  'clock_kind',
  'amount',
  'reason',
  'status',
  'organisation_id',
  'requested_by',
  'requested_at',
  'decided_by',
  'decided_at',
  'decision_reason',
] as const;

export async function insertExtension(db: Db, row: ExtensionRow): Promise<void> {
  await db.insertInto('feedback_sla_extension').values(row).execute();
}

export async function listExtensions(db: Db, requestIds: readonly string[]): Promise<ExtensionRow[]> {
  if (requestIds.length === 0) return [];
  return db
    .selectFrom('feedback_sla_extension')
    .select(EXTENSION_COLUMNS)
    .where('request_id', 'in', [...requestIds])
    .orderBy('requested_at')
    .orderBy('id')
    .execute();
}

export async function updateExtension(db: Db, id: string, change: Partial<ExtensionRow>): Promise<void> {
  await db.updateTable('feedback_sla_extension').set(change).where('id', '=', id).execute();
}

/** Extensions waiting for a decision on requests held within these division subtrees. */
export async function listPendingExtensions(db: Db, divisionPaths: readonly string[]) {
  if (divisionPaths.length === 0) return [];
  return db
    .selectFrom('feedback_sla_extension as e')
    .innerJoin('feedback_request as r', 'r.id', 'e.request_id')
    .select([
      ...EXTENSION_COLUMNS.map((column) => `e.${column}` as const),
      'r.public_id',
      'r.holder_division_path',
    ])
    .where('e.status', '=', 'requested')
    .where((eb) =>
      eb.or(
        divisionPaths.map(
          (path) =>
            sql<boolean>`(${eb.ref('r.holder_division_path')} = ${path} or ${eb.ref('r.holder_division_path')} like ${`${path}.%`})`,
        ),
      ),
    )
    .orderBy('e.requested_at')
    .limit(200)
    .execute();
}

export async function insertContact(db: Db, row: ContactRow): Promise<void> {
  await db.insertInto('feedback_contact').values(row).execute();
}

export async function listContacts(db: Db, requestId: string): Promise<ContactRow[]> {
  return db
    .selectFrom('feedback_contact')
    .select([
      'id',
      'request_id',
      'province_code',
      'organisation_id',
      'channel',
      'contacted_at',
      'note',
      'recorded_by',
      'created_at',
    ])
    .where('request_id', '=', requestId)
    .orderBy('contacted_at')
    .execute();
}

export async function insertReply(db: Db, row: ReplyRow): Promise<void> {
  await db.insertInto('feedback_reply').values(row).execute();
}

export async function listReplies(db: Db, requestId: string): Promise<ReplyRow[]> {
  return db
    .selectFrom('feedback_reply')
    .select([
      'id',
      'request_id',
      'province_code',
      'organisation_id',
      'kind',
      'original_text',
      'published_text',
      'redaction_count',
      'published_by',
      'published_at',
    ])
    .where('request_id', '=', requestId)
    .orderBy('published_at')
    .orderBy('id')
    .execute();
}

export async function insertSatisfaction(db: Db, row: SatisfactionRow): Promise<void> {
  await db.insertInto('feedback_satisfaction').values(row).execute();
}

export async function listSatisfaction(db: Db, requestId: string): Promise<SatisfactionRow[]> {
  return db
    .selectFrom('feedback_satisfaction')
    .select([
      'id',
      'request_id',
      'province_code',
      'organisation_id',
      'closed_at',
      'source',
      'satisfaction',
      'score',
      'comment',
      'recorded_by',
      'created_at',
    ])
    .where('request_id', '=', requestId)
    .orderBy('created_at')
    .execute();
}
