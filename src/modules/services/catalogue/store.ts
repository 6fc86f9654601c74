import { type Kysely, sql } from 'kysely';
import type { Tables } from '../../../platform/db/index.ts';
import type { ItemType } from './item-code.ts';
import type { DepartmentSlot, FormUi, GuideContent } from './schemas.ts';

declare module '../../../platform/db/tables.ts' {
  interface Tables {
    service_item: ServiceItemRow;
    service_item_version: ServiceItemVersionRow;
    service_item_implementation: ImplementationRow;
  }
}

export type ServiceItemRow = {
  id: string;
  code: string;
  main_code: string;
  item_type: ItemType;
  level: 'national' | 'provincial';
  authority_division_code: string;
  province_code: string;
  published_version_id: string | null;
  created_at: Date;
  created_by: string;
};

export type ServiceItemVersionRow = {
  id: string;
  item_id: string;
  version_number: number;
  status: 'draft' | 'published' | 'superseded';
  name_zh: string;
  name_en: string;
  applicant_type: 'person' | 'organisation' | 'both';
  statutory_limit_days: number;
  promised_limit_days: number;
  max_in_person_visits: number;
  is_free: boolean;
  department_slots: DepartmentSlot[];
  guide: GuideContent;
  form_schema: Record<string, unknown>;
  form_ui: FormUi;
  workflow: Record<string, unknown>;
  search_tokens: string[];
  name_tokens: string[];
  created_at: Date;
  created_by: string;
  updated_at: Date;
  published_at: Date | null;
  published_by: string | null;
  superseded_at: Date | null;
};

export type ImplementationRow = {
  id: string;
  item_id: string;
  division_code: string;
  province_code: string;
  implementing_organisation_id: string;
  slot_bindings: Record<string, string>;
  offline_place_zh: string;
  offline_place_en: string;
  office_hours_zh: string;
  office_hours_en: string;
  enquiry_phone: string;
  complaint_phone: string;
  promised_limit_days: number;
  is_online_enabled: boolean;
  published_at: Date;
  published_by: string;
};

type Db = Kysely<Tables>;

const ITEM_COLUMNS = [
  'id',
  'code',
  'main_code',
  'item_type',
  'level',
  'authority_division_code',
  'province_code',
  'published_version_id',
  'created_at',
  'created_by',
] as const;

const VERSION_COLUMNS = [
  'id',
  'item_id',
  'version_number',
  'status',
  'name_zh',
  'name_en',
  'applicant_type',
  'statutory_limit_days',
  'promised_limit_days',
  'max_in_person_visits',
  'is_free',
  'department_slots',
  'guide',
  'form_schema',
  'form_ui',
  'workflow',
  'created_at',
  'created_by',
  'updated_at',
  'published_at',
  'published_by',
  'superseded_at',
] as const;

const IMPLEMENTATION_COLUMNS = [
  'id',
  'item_id',
  'division_code',
  'province_code',
  'implementing_organisation_id',
  'slot_bindings',
  'offline_place_zh',
  'offline_place_en',
  'office_hours_zh',
  'office_hours_en',
  'enquiry_phone',
  'complaint_phone',
  'promised_limit_days',
  'is_online_enabled',
  'published_at',
  'published_by',
] as const;

export type VersionRecord = Omit<ServiceItemVersionRow, 'search_tokens' | 'name_tokens'>;

export async function insertItem(db: Db, row: ServiceItemRow): Promise<boolean> {
  const inserted = await db
    .insertInto('service_item')
    .values(row)
    .onConflict((oc) => oc.column('code').doNothing())
    .returning('id')
    .executeTakeFirst();
  return inserted !== undefined;
}

export async function findItemByCode(db: Db, code: string): Promise<ServiceItemRow | undefined> {
  return db.selectFrom('service_item').select(ITEM_COLUMNS).where('code', '=', code).executeTakeFirst();
}

export async function findItemById(db: Db, id: string): Promise<ServiceItemRow> {
  return db.selectFrom('service_item').select(ITEM_COLUMNS).where('id', '=', id).executeTakeFirstOrThrow();
}

/** The item, locked for the rest of the transaction so that two publications cannot interleave. */
export async function lockItem(db: Db, id: string): Promise<ServiceItemRow> {
  return db
    .selectFrom('service_item')
    .select(ITEM_COLUMNS)
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirstOrThrow();
}

const jsonb = <T>(value: T) => sql<T>`cast(${JSON.stringify(value)} as jsonb)`;

/** The columns a version's content fills, derived from it by the service. */
export type VersionContentColumns = Pick<
  ServiceItemVersionRow,
  | 'name_zh'
  | 'name_en'
  | 'applicant_type'
  | 'statutory_limit_days'
  | 'promised_limit_days'
  | 'max_in_person_visits'
  | 'is_free'
  | 'department_slots'
  | 'guide'
  | 'form_schema'
  | 'form_ui'
  | 'workflow'
  | 'search_tokens'
  | 'name_tokens'
>;

function contentValues(content: VersionContentColumns) {
  return {
    ...content,
    department_slots: jsonb(content.department_slots),
    guide: jsonb(content.guide),
    form_schema: jsonb(content.form_schema),
    form_ui: jsonb(content.form_ui),
    workflow: jsonb(content.workflow),
  };
}

/** Inserts a draft; false when the item already has one (a partial unique index decides). */
export async function insertDraft(
  db: Db,
  draft: { id: string; item_id: string; version_number: number; at: Date; by: string },
  content: VersionContentColumns,
): Promise<boolean> {
  const inserted = await db
    .insertInto('service_item_version')
    .values({
      id: draft.id,
      item_id: draft.item_id,
      version_number: draft.version_number,
      status: 'draft',
      ...contentValues(content),
      created_at: draft.at,
      created_by: draft.by,
      updated_at: draft.at,
      published_at: null,
      published_by: null,
      superseded_at: null,
    })
    .onConflict((oc) => oc.column('item_id').where('status', '=', 'draft').doNothing())
    .returning('id')
    .executeTakeFirst();
  return inserted !== undefined;
}

export async function nextVersionNumber(db: Db, itemId: string): Promise<number> {
  const row = await db
    .selectFrom('service_item_version')
    .select((eb) => eb.fn.max('version_number').as('last'))
    .where('item_id', '=', itemId)
    .executeTakeFirst();
  return (row?.last ?? 0) + 1;
}

/** Replaces a draft's content; false when the version is no longer a draft. */
export async function updateDraft(
  db: Db,
  id: string,
  content: VersionContentColumns,
  at: Date,
): Promise<boolean> {
  const updated = await db
    .updateTable('service_item_version')
    .set({ ...contentValues(content), updated_at: at })
    .where('id', '=', id)
    .where('status', '=', 'draft')
    .returning('id')
    .executeTakeFirst();
  return updated !== undefined;
}

export async function findVersion(db: Db, id: string): Promise<VersionRecord | undefined> {
  return db
    .selectFrom('service_item_version')
    .select(VERSION_COLUMNS)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function findVersionByNumber(
  db: Db,
  itemId: string,
  versionNumber: number,
): Promise<VersionRecord | undefined> {
  return db
    .selectFrom('service_item_version')
    .select(VERSION_COLUMNS)
    .where('item_id', '=', itemId)
    .where('version_number', '=', versionNumber)
    .executeTakeFirst();
}

export async function listVersions(db: Db, itemId: string) {
  return db
    .selectFrom('service_item_version')
    .select([
      'id',
      'version_number',
      'status',
      'name_zh',
      'name_en',
      'updated_at',
      'published_at',
      'superseded_at',
    ])
    .where('item_id', '=', itemId)
    .orderBy('version_number', 'desc')
    .execute();
}

/** The version in force becomes superseded and the draft becomes the one in force, in the caller's transaction. */
export async function markPublished(
  db: Db,
  item: ServiceItemRow,
  versionId: string,
  at: Date,
  by: string,
): Promise<void> {
  if (item.published_version_id !== null) {
    await db
      .updateTable('service_item_version')
      .set({ status: 'superseded', superseded_at: at })
      .where('id', '=', item.published_version_id)
      .execute();
  }
  await db
    .updateTable('service_item_version')
    .set({ status: 'published', published_at: at, published_by: by })
    .where('id', '=', versionId)
    .where('status', '=', 'draft')
    .executeTakeFirstOrThrow();
  await db
    .updateTable('service_item')
    .set({ published_version_id: versionId })
    .where('id', '=', item.id)
    .execute();
}

export async function upsertImplementation(db: Db, row: ImplementationRow): Promise<string> {
  const values = { ...row, slot_bindings: jsonb(row.slot_bindings) };
  const { id: _id, item_id: _item, division_code: _division, province_code: _province, ...changes } = values;
  const saved = await db
    .insertInto('service_item_implementation')
    .values(values)
    .onConflict((oc) => oc.columns(['item_id', 'division_code']).doUpdateSet(changes))
    .returning('id')
    .executeTakeFirstOrThrow();
  return saved.id;
}

/** The implementation at the nearest of `divisionCodes` (the division and its ancestors, nearest first). */
export async function findNearestImplementation(
  db: Db,
  itemId: string,
  divisionCodes: readonly string[],
): Promise<ImplementationRow | undefined> {
  if (divisionCodes.length === 0) return undefined;
  const rows = await db
    .selectFrom('service_item_implementation')
    .select(IMPLEMENTATION_COLUMNS)
    .where('item_id', '=', itemId)
    .where('division_code', 'in', [...divisionCodes])
    .execute();
  return divisionCodes.map((code) => rows.find((row) => row.division_code === code)).find((row) => row);
}

export type ListFilter = {
  terms?: readonly string[];
  /** The division and its ancestors: only items implemented at one of them. */
  divisionChain?: readonly string[];
  itemType?: string;
  applicantType?: string;
  organisationId?: string;
  limit: number;
  offset: number;
};

export type ListedItem = {
  item_id: string;
  code: string;
  item_type: string;
  level: string;
  name_zh: string;
  name_en: string;
  applicant_type: string;
  version_number: number;
  statutory_limit_days: number;
  promised_limit_days: number;
  max_in_person_visits: number;
  is_free: boolean;
  is_name_match: boolean;
  implementation_id: string | null;
  total: number;
};

/**
 * Items in force, filtered and ranked: with search terms, those whose names (or code) hold every term
 * come first, then those whose guide does; then by code. With a division chain, each item appears
 * once, with its implementation at the nearest division of the chain.
 */
export async function listItems(db: Db, filter: ListFilter): Promise<ListedItem[]> {
  const terms = filter.terms && filter.terms.length > 0 ? filter.terms : undefined;
  const chain = filter.divisionChain;
  const nearest = chain
    ? sql`join lateral (
        select m.id from service_item_implementation m
        where m.item_id = i.id and m.division_code = any(${[...chain]}::text[])
          ${filter.organisationId ? sql`and m.implementing_organisation_id = ${filter.organisationId}` : sql``}
        order by length(m.division_code) desc limit 1
      ) impl on true`
    : filter.organisationId
      ? sql`join lateral (
          select m.id from service_item_implementation m
          where m.item_id = i.id and m.implementing_organisation_id = ${filter.organisationId}
          limit 1
        ) impl on true`
      : sql`left join lateral (select null::uuid as id) impl on true`;
  const conditions = [sql`true`];
  if (terms) conditions.push(sql`v.search_tokens @> ${[...terms]}::text[]`);
  if (filter.itemType) conditions.push(sql`i.item_type = ${filter.itemType}`);
  if (filter.applicantType)
    conditions.push(sql`(v.applicant_type = ${filter.applicantType} or v.applicant_type = 'both')`);
  const nameMatch = terms ? sql`(v.name_tokens @> ${[...terms]}::text[])` : sql`false`;
  const result = await sql<ListedItem>`
    select i.id as item_id, i.code, i.item_type, i.level, v.name_zh, v.name_en, v.applicant_type,
      v.version_number, v.statutory_limit_days, v.promised_limit_days, v.max_in_person_visits, v.is_free,
      ${nameMatch} as is_name_match, impl.id as implementation_id,
      (count(*) over ())::int as total
    from service_item i
    join service_item_version v on v.id = i.published_version_id
    ${nearest}
    where ${sql.join(conditions, sql` and `)}
    order by is_name_match desc, i.code
    limit ${filter.limit} offset ${filter.offset}
  `.execute(db);
  return result.rows;
}

export async function listImplementationsById(db: Db, ids: readonly string[]): Promise<ImplementationRow[]> {
  if (ids.length === 0) return [];
  return db
    .selectFrom('service_item_implementation')
    .select(IMPLEMENTATION_COLUMNS)
    .where('id', 'in', [...ids])
    .execute();
}
