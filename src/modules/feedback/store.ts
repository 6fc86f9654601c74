import { type Generated, type Kysely, sql } from 'kysely';
import type { Tables } from '../../platform/db/index.ts';

declare module '../../platform/db/tables.ts' {
  interface Tables {
    feedback_category: CategoryRow;
    feedback_category_mapping: CategoryMappingRow;
    feedback_request: RequestRow;
    feedback_photo: PhotoRow;
    feedback_request_update: RequestUpdateRow & { seq: Generated<string> };
    feedback_unit: UnitRow;
    feedback_routing_rule: RoutingRuleRow;
    feedback_assignment: AssignmentRow;
    feedback_transfer: TransferRow;
    feedback_open311_client: Open311ClientRow;
  }
}

export type RequestKind = 'complaint' | 'demand' | 'suggestion' | 'enquiry' | 'praise';
export type RequestStatus = 'open' | 'acknowledged' | 'in-progress' | 'closed';
export type Channel = 'web' | 'phone' | 'open311' | 'import';

export type AttributeDefinition = {
  code: string;
  datatype: 'string' | 'number' | 'datetime' | 'text' | 'singlevaluelist' | 'multivaluelist';
  required: boolean;
  variable: boolean;
  order: number;
  description: string;
  datatypeDescription: string | null;
  values: { key: string; name: string }[];
};

export type CategoryRow = {
  code: string;
  name_zh: string;
  name_en: string;
  description_zh: string;
  description_en: string;
  group_zh: string;
  group_en: string;
  keywords: string[];
  attributes: AttributeDefinition[];
  is_active: boolean;
  created_at: Date;
  updated_at: Date;
};

export type CategoryMappingRow = {
  source: string;
  external_type: string;
  category_code: string;
  kind: RequestKind;
};

export type RequestRow = {
  id: string;
  public_id: string;
  province_code: string;
  category_code: string;
  kind: RequestKind;
  urgency: 'normal' | 'urgent' | 'emergency';
  description: string;
  attributes: Record<string, string | string[]>;
  address: string | null;
  division_code: string;
  division_path: string;
  latitude: number | null;
  longitude: number | null;
  media_url: string | null;
  status: RequestStatus;
  status_notes: string | null;
  channel: Channel;
  contact_account_id: string | null;
  is_identity_disclosed: boolean;
  contact_name_encrypted: string | null;
  contact_name_masked: string | null;
  contact_phone_encrypted: string | null;
  contact_phone_masked: string | null;
  contact_email_encrypted: string | null;
  contact_email_masked: string | null;
  entered_by: string | null;
  open311_client_id: string | null;
  device_id: string | null;
  external_account_id: string | null;
  external_source: string | null;
  external_id: string | null;
  idempotency_scope: string | null;
  idempotency_key: string | null;
  request_fingerprint: string | null;
  holder_organisation_id: string | null;
  holder_division_path: string | null;
  expected_at: Date | null;
  submitted_at: Date;
  updated_at: Date;
  closed_at: Date | null;
};

export type PhotoRow = {
  id: string;
  request_id: string;
  province_code: string;
  content_type: string;
  byte_size: number;
  sha256: string;
  content: Uint8Array;
  created_at: Date;
};

export type UpdateKind =
  | 'submitted'
  | 'dispatched'
  | 'status-changed'
  | 'transfer-offered'
  | 'transfer-accepted'
  | 'transfer-refused'
  | 'transfer-withdrawn'
  | 'transfer-disputed'
  | 'transfer-decided'
  | 'imported'
  | 'contacted'
  | 'progress'
  | 'replied'
  | 'extension-requested'
  | 'extension-approved'
  | 'extension-refused'
  | 'rated'
  | 'callback'
  | 'reopened'
  | 'sla-warning'
  | 'sla-overdue';

export type RequestUpdateRow = {
  id: string;
  request_id: string;
  province_code: string;
  kind: UpdateKind;
  status: RequestStatus;
  organisation_id: string | null;
  actor_account_id: string | null;
  public_note: string | null;
  internal_note: string | null;
  created_at: Date;
};

export type UnitRow = {
  organisation_id: string;
  division_code: string;
  division_path: string;
  province_code: string;
  function_code: string;
  created_at: Date;
};

export type RoutingRuleRow = {
  id: string;
  division_code: string;
  division_path: string;
  category_codes: string[];
  handler_level: number;
  handler_function: string;
  is_active: boolean;
  created_by: string | null;
  created_at: Date;
};

export type AssignmentRow = {
  id: string;
  request_id: string;
  province_code: string;
  organisation_id: string;
  reason: 'routed' | 'fallback' | 'transfer' | 'arbitration';
  routing_rule_id: string | null;
  started_at: Date;
  ended_at: Date | null;
  due_at: Date | null;
};

export type TransferStatus = 'offered' | 'accepted' | 'refused' | 'disputed' | 'decided' | 'withdrawn';

export type TransferRow = {
  id: string;
  request_id: string;
  province_code: string;
  from_organisation_id: string;
  to_organisation_id: string;
  to_division_path: string;
  status: TransferStatus;
  reason: string;
  offered_by: string;
  offered_at: Date;
  answered_by: string | null;
  answered_at: Date | null;
  refusal_reason: string | null;
  disputed_by: string | null;
  disputed_at: Date | null;
  dispute_reason: string | null;
  arbiter_organisation_id: string | null;
  arbiter_division_path: string | null;
  decided_by: string | null;
  decided_at: Date | null;
  decided_holder_id: string | null;
  decision_reason: string | null;
};

export type Open311ClientRow = {
  id: string;
  name: string;
  key_prefix: string;
  key_hash: string;
  created_by: string | null;
  created_at: Date;
  revoked_at: Date | null;
};

type Db = Kysely<Tables>;

const CATEGORY_COLUMNS = [
  'code',
  'name_zh',
  'name_en',
  'description_zh',
  'description_en',
  'group_zh',
  'group_en',
  'keywords',
  'attributes',
  'is_active',
  'created_at',
  'updated_at',
] as const;

export async function listCategories(db: Db): Promise<CategoryRow[]> {
  return db.selectFrom('feedback_category').select(CATEGORY_COLUMNS).orderBy('code').execute();
}

export async function findCategory(db: Db, code: string): Promise<CategoryRow | undefined> {
  return db
    .selectFrom('feedback_category')
    .select(CATEGORY_COLUMNS)
    .where('code', '=', code)
    .executeTakeFirst();
}

export async function listCategoryMappings(db: Db, source: string): Promise<CategoryMappingRow[]> {
  return db
    .selectFrom('feedback_category_mapping')
    .select(['source', 'external_type', 'category_code', 'kind'])
    .where('source', '=', source)
    .execute();
}

export const REQUEST_COLUMNS = [
  'id',
  'public_id',
  'province_code',
  'category_code',
  'kind',
  'urgency',
  'description',
  'attributes',
  'address',
  'division_code',
  'division_path',
  'latitude',
  'longitude',
  'media_url',
  'status',
  'status_notes',
  'channel',
  'contact_account_id',
  'is_identity_disclosed',
  'contact_name_encrypted',
  'contact_name_masked',
  'contact_phone_encrypted',
  'contact_phone_masked',
  'contact_email_encrypted',
  'contact_email_masked',
  'entered_by',
  'open311_client_id',
  'device_id',
  'external_account_id',
  'external_source',
  'external_id',
  'idempotency_scope',
  'idempotency_key',
  'request_fingerprint',
  'holder_organisation_id',
  'holder_division_path',
  'expected_at',
  'submitted_at',
  'updated_at',
  'closed_at',
] as const;

/** The next public number for a year: FB2026 then eight digits (more once past a hundred million). */
export async function nextPublicId(db: Db, year: number): Promise<string> {
  const result = await sql<{
    value: string;
  }>`select nextval('feedback_request_number')::text as value`.execute(db);
  return `FB${year}${result.rows[0]!.value.padStart(8, '0')}`;
}

export async function insertRequest(db: Db, row: RequestRow): Promise<void> {
  await db
    .insertInto('feedback_request')
    .values({ ...row, attributes: JSON.stringify(row.attributes) as never })
    .execute();
}

export async function findRequest(db: Db, idOrPublicId: string): Promise<RequestRow | undefined> {
  const isUuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(idOrPublicId);
  return db
    .selectFrom('feedback_request')
    .select(REQUEST_COLUMNS)
    .where(isUuid ? 'id' : 'public_id', '=', isUuid ? idOrPublicId.toLowerCase() : idOrPublicId)
    .executeTakeFirst();
}

/** The request row locked for an update, so two handlers acting at once take turns. */
export async function lockRequest(db: Db, id: string): Promise<RequestRow | undefined> {
  return db
    .selectFrom('feedback_request')
    .select(REQUEST_COLUMNS)
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
}

export async function findRequestByIdempotencyKey(
  db: Db,
  scope: string,
  key: string,
): Promise<RequestRow | undefined> {
  return db
    .selectFrom('feedback_request')
    .select(REQUEST_COLUMNS)
    .where('idempotency_scope', '=', scope)
    .where('idempotency_key', '=', key)
    .executeTakeFirst();
}

export async function updateRequest(
  db: Db,
  id: string,
  change: Partial<
    Pick<
      RequestRow,
      'status' | 'status_notes' | 'holder_organisation_id' | 'holder_division_path' | 'closed_at'
    >
  > & {
    updated_at: Date;
  },
): Promise<void> {
  await db.updateTable('feedback_request').set(change).where('id', '=', id).execute();
}

export async function insertPhotos(db: Db, rows: readonly PhotoRow[]): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insertInto('feedback_photo')
    .values([...rows])
    .execute();
}

export async function listPhotoIds(db: Db, requestIds: readonly string[]): Promise<Map<string, string[]>> {
  const result = new Map<string, string[]>();
  if (requestIds.length === 0) return result;
  const rows = await db
    .selectFrom('feedback_photo')
    .select(['id', 'request_id'])
    .where('request_id', 'in', [...requestIds])
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  for (const row of rows) result.set(row.request_id, [...(result.get(row.request_id) ?? []), row.id]);
  return result;
}

export async function findPhoto(db: Db, requestId: string, photoId: string) {
  return db
    .selectFrom('feedback_photo')
    .select(['id', 'content_type', 'byte_size', 'sha256', 'content'])
    .where('request_id', '=', requestId)
    .where('id', '=', photoId)
    .executeTakeFirst();
}

export async function insertUpdate(db: Db, row: RequestUpdateRow): Promise<void> {
  await db.insertInto('feedback_request_update').values(row).execute();
}

const UPDATE_COLUMNS = [
  'id',
  'request_id',
  'province_code',
  'kind',
  'status',
  'organisation_id',
  'actor_account_id',
  'public_note',
  'internal_note',
  'created_at',
] as const;

export async function listUpdates(db: Db, requestId: string): Promise<RequestUpdateRow[]> {
  return db
    .selectFrom('feedback_request_update')
    .select(UPDATE_COLUMNS)
    .where('request_id', '=', requestId)
    .orderBy('seq')
    .execute();
}

const UNIT_COLUMNS = [
  'organisation_id',
  'division_code',
  'division_path',
  'province_code',
  'function_code',
  'created_at',
] as const;

export async function insertUnit(db: Db, row: UnitRow): Promise<void> {
  await db.insertInto('feedback_unit').values(row).execute();
}

export async function findUnit(db: Db, organisationId: string): Promise<UnitRow | undefined> {
  return db
    .selectFrom('feedback_unit')
    .select(UNIT_COLUMNS)
    .where('organisation_id', '=', organisationId)
    .executeTakeFirst();
}

export async function findUnitByFunction(
  db: Db,
  divisionCode: string,
  functionCode: string,
): Promise<UnitRow | undefined> {
  return db
    .selectFrom('feedback_unit')
    .select(UNIT_COLUMNS)
    .where('division_code', '=', divisionCode)
    .where('function_code', '=', functionCode)
    .executeTakeFirst();
}

/** General offices at any of these divisions, for the fallback and for arbitration. */
export async function listGeneralOffices(db: Db, divisionCodes: readonly string[]): Promise<UnitRow[]> {
  if (divisionCodes.length === 0) return [];
  return db
    .selectFrom('feedback_unit')
    .select(UNIT_COLUMNS)
    .where('function_code', '=', 'general-office')
    .where('division_code', 'in', [...divisionCodes])
    .execute();
}

export async function insertRule(db: Db, row: RoutingRuleRow): Promise<void> {
  await db.insertInto('feedback_routing_rule').values(row).execute();
}

/** Active rules whose subtree holds `divisionPath` and whose categories include `categoryCode` (or all). */
export async function listMatchingRules(
  db: Db,
  divisionPath: string,
  categoryCode: string,
): Promise<RoutingRuleRow[]> {
  const ancestors = divisionPath.split('.').map((_, index, parts) => parts.slice(0, index + 1).join('.'));
  return db
    .selectFrom('feedback_routing_rule')
    .select([
      'id',
      'division_code',
      'division_path',
      'category_codes',
      'handler_level',
      'handler_function',
      'is_active',
      'created_by',
      'created_at',
    ])
    .where('is_active', '=', true)
    .where('division_path', 'in', ancestors)
    .where((eb) =>
      eb.or([
        sql<boolean>`cardinality(${eb.ref('category_codes')}) = 0`,
        sql<boolean>`${categoryCode} = any(${eb.ref('category_codes')})`,
      ]),
    )
    .execute();
}

export async function insertAssignment(db: Db, row: AssignmentRow): Promise<void> {
  await db.insertInto('feedback_assignment').values(row).execute();
}

export async function endAssignment(db: Db, requestId: string, at: Date): Promise<void> {
  await db
    .updateTable('feedback_assignment')
    .set({ ended_at: at })
    .where('request_id', '=', requestId)
    .where('ended_at', 'is', null)
    .execute();
}

const TRANSFER_COLUMNS = [
  'id',
  'request_id',
  'province_code',
  'from_organisation_id',
  'to_organisation_id',
  'to_division_path',
  'status',
  'reason',
  'offered_by',
  'offered_at',
  'answered_by',
  'answered_at',
  'refusal_reason',
  'disputed_by',
  'disputed_at',
  'dispute_reason',
  'arbiter_organisation_id',
  'arbiter_division_path',
  'decided_by',
  'decided_at',
  'decided_holder_id',
  'decision_reason',
] as const;

export async function insertTransfer(db: Db, row: TransferRow): Promise<void> {
  await db.insertInto('feedback_transfer').values(row).execute();
}

/** The transfer still waiting on someone (offered, refused or disputed), if any. */
export async function findPendingTransfer(db: Db, requestId: string): Promise<TransferRow | undefined> {
  return db
    .selectFrom('feedback_transfer')
    .select(TRANSFER_COLUMNS)
    .where('request_id', '=', requestId)
    .where('status', 'in', ['offered', 'refused', 'disputed'])
    .executeTakeFirst();
}

export async function updateTransfer(db: Db, id: string, change: Partial<TransferRow>): Promise<void> {
  await db.updateTable('feedback_transfer').set(change).where('id', '=', id).execute();
}

export async function insertOpen311Client(db: Db, row: Open311ClientRow): Promise<void> {
  await db.insertInto('feedback_open311_client').values(row).execute();
}

export async function findOpen311ClientByKeyHash(db: Db, keyHash: string) {
  return db
    .selectFrom('feedback_open311_client')
    .select(['id', 'name', 'revoked_at'])
    .where('key_hash', '=', keyHash)
    .executeTakeFirst();
}

export async function listOpen311Clients(db: Db) {
  return db
    .selectFrom('feedback_open311_client')
    .select(['id', 'name', 'key_prefix', 'created_by', 'created_at', 'revoked_at'])
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .execute();
}

export async function markOpen311ClientRevoked(db: Db, id: string, at: Date): Promise<boolean> {
  const result = await db
    .updateTable('feedback_open311_client')
    .set({ revoked_at: at })
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}
