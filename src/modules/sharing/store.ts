import { type Kysely, sql } from 'kysely';
import type { Tables } from '../../platform/db/index.ts';

declare module '../../platform/db/tables.ts' {
  interface Tables {
    sharing_resource: ResourceRow;
    sharing_local_record: LocalRecordRow;
    sharing_request: RequestRow;
    sharing_agreement: AgreementRow;
    sharing_system: SystemRow;
    sharing_consent: ConsentRow;
    sharing_access: AccessRow;
  }
}

type Db = Kysely<Tables>;

export type FieldGrade = 'core' | 'important' | 'general';
export type FieldType =
  | 'string'
  | 'resident-id'
  | 'phone'
  | 'person-name'
  | 'date'
  | 'number'
  | 'credit-code';

export type ResourceField = {
  name: string;
  type: FieldType;
  description: string;
  grade: FieldGrade;
  isPersonal: boolean;
  isSensitive: boolean;
};

export type SharingType = 'unconditional' | 'conditional' | 'not-shared';
export type OpenType = 'open' | 'conditionally-open' | 'not-open';
export type AccessMethod = 'local' | 'endpoint';
export type UpdateFrequency =
  | 'real-time'
  | 'daily'
  | 'weekly'
  | 'monthly'
  | 'quarterly'
  | 'yearly'
  | 'irregular';

export type ResourceRow = {
  id: string;
  code: string;
  name: string;
  description: string;
  owner_organisation_id: string;
  owner_division_path: string;
  legal_basis: string;
  update_frequency: UpdateFrequency;
  fields: ResourceField[];
  sharing_type: SharingType;
  sharing_conditions: string | null;
  not_shared_reason: string | null;
  open_type: OpenType;
  access_method: AccessMethod;
  endpoint_url: string | null;
  subject_field: string | null;
  requires_consent: boolean;
  created_by: string;
  created_at: Date;
};

export type LocalRecordRow = {
  id: string;
  resource_id: string;
  subject_index: string;
  division_code: string;
  record_ciphertext: string;
  updated_at: Date;
};

export type RequestStatus = 'pending' | 'approved' | 'rejected';

export type RequestRow = {
  id: string;
  resource_id: string;
  consumer_organisation_id: string;
  consumer_division_path: string;
  owner_organisation_id: string;
  owner_division_path: string;
  purpose: string;
  legal_basis: string;
  fields: string[];
  status: RequestStatus;
  due_at: Date;
  reminded_at: Date | null;
  decided_at: Date | null;
  decided_by: string | null;
  rejection_reason: string | null;
  requested_by: string;
  created_at: Date;
};

export type AgreementStatus = 'active' | 'suspended' | 'revoked';

export type AgreementRow = {
  id: string;
  request_id: string | null;
  resource_id: string;
  consumer_organisation_id: string;
  owner_organisation_id: string;
  fields: string[];
  masked_fields: string[];
  purposes: string[];
  division_codes: string[];
  valid_from: Date;
  valid_until: Date;
  rate_limit_per_minute: number;
  status: AgreementStatus;
  status_reason: string | null;
  is_automatic: boolean;
  created_at: Date;
};

export type SystemRow = {
  id: string;
  organisation_id: string;
  name: string;
  key_prefix: string;
  key_hash: string;
  created_by: string;
  created_at: Date;
  revoked_at: Date | null;
};

export type ConsentRow = {
  id: string;
  account_id: string;
  agreement_id: string;
  purpose: string;
  granted_at: Date;
  revoked_at: Date | null;
};

export type AccessRow = {
  id: string;
  resource_id: string;
  agreement_id: string | null;
  system_id: string;
  consumer_organisation_id: string;
  owner_organisation_id: string;
  end_user: string;
  purpose: string;
  case_number: string;
  fields: string[];
  subject_account_id: string | null;
  outcome: 'granted' | 'denied';
  denial_code: string | null;
  response_hash: string | null;
  hidden_basis: string | null;
  hidden_until: Date | null;
  at: Date;
};

const RESOURCE_COLUMNS = [
  'id',
  'code',
  'name',
  'description',
  'owner_organisation_id',
  'owner_division_path',
  'legal_basis',
  'update_frequency',
  'fields',
  'sharing_type',
  'sharing_conditions',
  'not_shared_reason',
  'open_type',
  'access_method',
  'endpoint_url',
  'subject_field',
  'requires_consent',
  'created_by',
  'created_at',
] as const;

const REQUEST_COLUMNS = [
  'id',
  'resource_id',
  'consumer_organisation_id',
  'consumer_division_path',
  'owner_organisation_id',
  'owner_division_path',
  'purpose',
  'legal_basis',
  'fields',
  'status',
  'due_at',
  'reminded_at',
  'decided_at',
  'decided_by',
  'rejection_reason',
  'requested_by',
  'created_at',
] as const;

const AGREEMENT_COLUMNS = [
  'id',
  'request_id',
  'resource_id',
  'consumer_organisation_id',
  'owner_organisation_id',
  'fields',
  'masked_fields',
  'purposes',
  'division_codes',
  'valid_from',
  'valid_until',
  'rate_limit_per_minute',
  'status',
  'status_reason',
  'is_automatic',
  'created_at',
] as const;

const ACCESS_COLUMNS = [
  'id',
  'resource_id',
  'agreement_id',
  'system_id',
  'consumer_organisation_id',
  'owner_organisation_id',
  'end_user',
  'purpose',
  'case_number',
  'fields',
  'subject_account_id',
  'outcome',
  'denial_code',
  'response_hash',
  'hidden_basis',
  'hidden_until',
  'at',
] as const;

/** Inserts unless the code is taken; false when it is (the unique index decides, not a prior read). */
export async function insertResource(db: Db, row: ResourceRow): Promise<boolean> {
  const inserted = await db
    .insertInto('sharing_resource')
    .values({ ...row, fields: JSON.stringify(row.fields) as unknown as ResourceField[] })
    .onConflict((oc) => oc.column('code').doNothing())
    .returning('id')
    .executeTakeFirst();
  return inserted !== undefined;
}

export async function findResourceById(db: Db, id: string): Promise<ResourceRow | undefined> {
  return db.selectFrom('sharing_resource').select(RESOURCE_COLUMNS).where('id', '=', id).executeTakeFirst();
}

export async function findResourceByCode(db: Db, code: string): Promise<ResourceRow | undefined> {
  return db
    .selectFrom('sharing_resource')
    .select(RESOURCE_COLUMNS)
    .where('code', '=', code)
    .executeTakeFirst();
}

export async function searchResources(
  db: Db,
  filter: {
    q?: string | undefined;
    ownerOrganisationId?: string | undefined;
    openTypes?: readonly OpenType[];
  },
): Promise<ResourceRow[]> {
  let query = db.selectFrom('sharing_resource').select(RESOURCE_COLUMNS);
  if (filter.q) {
    const like = `%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    query = query.where((eb) =>
      eb.or([
        eb('name', 'ilike', like),
        eb('code', 'ilike', like),
        eb('description', 'ilike', like),
        sql<boolean>`fields::text ilike ${like}`,
      ]),
    );
  }
  if (filter.ownerOrganisationId)
    query = query.where('owner_organisation_id', '=', filter.ownerOrganisationId);
  if (filter.openTypes) query = query.where('open_type', 'in', filter.openTypes);
  return query.orderBy('code').limit(500).execute();
}

export async function insertLocalRecord(db: Db, row: LocalRecordRow): Promise<void> {
  await db
    .insertInto('sharing_local_record')
    .values(row)
    .onConflict((oc) =>
      oc.columns(['resource_id', 'subject_index']).doUpdateSet({
        division_code: row.division_code,
        record_ciphertext: row.record_ciphertext,
        updated_at: row.updated_at,
      }),
    )
    .execute();
}

export async function findLocalRecord(
  db: Db,
  resourceId: string,
  subjectIndex: string,
): Promise<LocalRecordRow | undefined> {
  return db
    .selectFrom('sharing_local_record')
    .select(['id', 'resource_id', 'subject_index', 'division_code', 'record_ciphertext', 'updated_at'])
    .where('resource_id', '=', resourceId)
    .where('subject_index', '=', subjectIndex)
    .executeTakeFirst();
}

export async function insertRequest(db: Db, row: RequestRow): Promise<void> {
  await db.insertInto('sharing_request').values(row).execute();
}

export async function findRequest(db: Db, id: string, forUpdate = false): Promise<RequestRow | undefined> {
  const query = db.selectFrom('sharing_request').select(REQUEST_COLUMNS).where('id', '=', id);
  return (forUpdate ? query.forUpdate() : query).executeTakeFirst();
}

/** Requests the organisation is party to, as consumer or owner, newest first. */
export async function listRequestsOfParty(
  db: Db,
  organisationId: string,
  status: RequestStatus | undefined,
): Promise<RequestRow[]> {
  let query = db
    .selectFrom('sharing_request')
    .select(REQUEST_COLUMNS)
    .where((eb) =>
      eb.or([
        eb('consumer_organisation_id', '=', organisationId),
        eb('owner_organisation_id', '=', organisationId),
      ]),
    );
  if (status) query = query.where('status', '=', status);
  return query.orderBy('created_at', 'desc').orderBy('id').limit(500).execute();
}

export async function decideRequest(
  db: Db,
  id: string,
  decision: { status: 'approved' | 'rejected'; at: Date; by: string; reason: string | null },
): Promise<boolean> {
  const result = await db
    .updateTable('sharing_request')
    .set({
      status: decision.status,
      decided_at: decision.at,
      decided_by: decision.by,
      rejection_reason: decision.reason,
    })
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return result.numUpdatedRows === 1n;
}

/** Pending requests due within `until` and not reminded since `remindedBefore`. */
export async function listRequestsToRemind(db: Db, until: Date, remindedBefore: Date): Promise<RequestRow[]> {
  return db
    .selectFrom('sharing_request')
    .select(REQUEST_COLUMNS)
    .where('status', '=', 'pending')
    .where('due_at', '<=', until)
    .where((eb) => eb.or([eb('reminded_at', 'is', null), eb('reminded_at', '<', remindedBefore)]))
    .orderBy('due_at')
    .execute();
}

export async function markReminded(db: Db, id: string, at: Date): Promise<void> {
  await db.updateTable('sharing_request').set({ reminded_at: at }).where('id', '=', id).execute();
}

export async function insertAgreement(db: Db, row: AgreementRow): Promise<void> {
  await db.insertInto('sharing_agreement').values(row).execute();
}

export async function findAgreement(
  db: Db,
  id: string,
  forUpdate = false,
): Promise<AgreementRow | undefined> {
  const query = db.selectFrom('sharing_agreement').select(AGREEMENT_COLUMNS).where('id', '=', id);
  return (forUpdate ? query.forUpdate() : query).executeTakeFirst();
}

/** The agreement each approved request led to, by request id. */
export async function findAgreementIdsOfRequests(
  db: Db,
  requestIds: readonly string[],
): Promise<Map<string, string>> {
  if (requestIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('sharing_agreement')
    .select(['id', 'request_id'])
    .where('request_id', 'in', requestIds)
    .execute();
  return new Map(rows.map((row) => [row.request_id!, row.id]));
}

/** The consumer's agreements on a resource, newest first; the row lock keeps rate counting exact. */
export async function listAgreementsFor(
  db: Db,
  resourceId: string,
  consumerOrganisationId: string,
): Promise<AgreementRow[]> {
  return db
    .selectFrom('sharing_agreement')
    .select(AGREEMENT_COLUMNS)
    .where('resource_id', '=', resourceId)
    .where('consumer_organisation_id', '=', consumerOrganisationId)
    .orderBy('created_at', 'desc')
    .execute();
}

export async function listAgreementsOfParty(db: Db, organisationId: string): Promise<AgreementRow[]> {
  return db
    .selectFrom('sharing_agreement')
    .select(AGREEMENT_COLUMNS)
    .where((eb) =>
      eb.or([
        eb('consumer_organisation_id', '=', organisationId),
        eb('owner_organisation_id', '=', organisationId),
      ]),
    )
    .orderBy('created_at', 'desc')
    .limit(500)
    .execute();
}

/** Active agreements on resources that need consent: what a citizen may consent to. */
export async function listConsentableAgreements(db: Db, now: Date) {
  return db
    .selectFrom('sharing_agreement as a')
    .innerJoin('sharing_resource as r', 'r.id', 'a.resource_id')
    .select([
      'a.id',
      'a.consumer_organisation_id',
      'a.owner_organisation_id',
      'a.purposes',
      'a.fields',
      'a.valid_until',
      'r.code as resource_code',
      'r.name as resource_name',
    ])
    .where('r.requires_consent', '=', true)
    .where('a.status', '=', 'active')
    .where('a.valid_until', '>', now)
    .orderBy('r.code')
    .execute();
}

export async function setAgreementStatus(
  db: Db,
  id: string,
  status: AgreementStatus,
  reason: string,
): Promise<void> {
  await db
    .updateTable('sharing_agreement')
    .set({ status, status_reason: reason })
    .where('id', '=', id)
    .execute();
}

export async function countGrantedSince(db: Db, agreementId: string, since: Date): Promise<number> {
  const row = await db
    .selectFrom('sharing_access')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('agreement_id', '=', agreementId)
    .where('outcome', '=', 'granted')
    .where('at', '>', since)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function insertSystem(db: Db, row: SystemRow): Promise<void> {
  await db.insertInto('sharing_system').values(row).execute();
}

export async function findSystemByKeyHash(db: Db, keyHash: string): Promise<SystemRow | undefined> {
  return db
    .selectFrom('sharing_system')
    .select([
      'id',
      'organisation_id',
      'name',
      'key_prefix',
      'key_hash',
      'created_by',
      'created_at',
      'revoked_at',
    ])
    .where('key_hash', '=', keyHash)
    .executeTakeFirst();
}

export async function listSystemsOf(db: Db, organisationId: string): Promise<SystemRow[]> {
  return db
    .selectFrom('sharing_system')
    .select([
      'id',
      'organisation_id',
      'name',
      'key_prefix',
      'key_hash',
      'created_by',
      'created_at',
      'revoked_at',
    ])
    .where('organisation_id', '=', organisationId)
    .orderBy('created_at', 'desc')
    .execute();
}

export async function findSystemNames(db: Db, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('sharing_system').select(['id', 'name']).where('id', 'in', ids).execute();
  return new Map(rows.map((row) => [row.id, row.name]));
}

export async function insertConsent(db: Db, row: ConsentRow): Promise<void> {
  await db.insertInto('sharing_consent').values(row).execute();
}

export async function findConsent(db: Db, id: string): Promise<ConsentRow | undefined> {
  return db
    .selectFrom('sharing_consent')
    .select(['id', 'account_id', 'agreement_id', 'purpose', 'granted_at', 'revoked_at'])
    .where('id', '=', id)
    .executeTakeFirst();
}

/** The citizen's consents to an agreement and purpose, newest first. */
export async function listConsentsFor(
  db: Db,
  accountId: string,
  agreementId: string,
  purpose: string,
): Promise<ConsentRow[]> {
  return db
    .selectFrom('sharing_consent')
    .select(['id', 'account_id', 'agreement_id', 'purpose', 'granted_at', 'revoked_at'])
    .where('account_id', '=', accountId)
    .where('agreement_id', '=', agreementId)
    .where('purpose', '=', purpose)
    .orderBy('granted_at', 'desc')
    .execute();
}

export async function listConsentsOf(db: Db, accountId: string) {
  return db
    .selectFrom('sharing_consent as c')
    .innerJoin('sharing_agreement as a', 'a.id', 'c.agreement_id')
    .innerJoin('sharing_resource as r', 'r.id', 'a.resource_id')
    .select([
      'c.id',
      'c.agreement_id',
      'c.purpose',
      'c.granted_at',
      'c.revoked_at',
      'a.consumer_organisation_id',
      'r.code as resource_code',
      'r.name as resource_name',
    ])
    .where('c.account_id', '=', accountId)
    .orderBy('c.granted_at', 'desc')
    .execute();
}

export async function markConsentRevoked(db: Db, id: string, at: Date): Promise<boolean> {
  const result = await db
    .updateTable('sharing_consent')
    .set({ revoked_at: at })
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return result.numUpdatedRows === 1n;
}

export async function insertAccess(db: Db, row: AccessRow): Promise<void> {
  await db.insertInto('sharing_access').values(row).execute();
}

/** Granted accesses to the citizen's data, newest first, leaving out those hidden at `now`. */
export async function listVisibleAccessesOf(db: Db, accountId: string, now: Date, limit: number) {
  return db
    .selectFrom('sharing_access as x')
    .innerJoin('sharing_resource as r', 'r.id', 'x.resource_id')
    .innerJoin('sharing_system as s', 's.id', 'x.system_id')
    .select([
      ...ACCESS_COLUMNS.map((column) => `x.${column}` as const),
      'r.code as resource_code',
      'r.name as resource_name',
      's.name as system_name',
    ])
    .where('x.subject_account_id', '=', accountId)
    .where('x.outcome', '=', 'granted')
    .where((eb) => eb.or([eb('x.hidden_until', 'is', null), eb('x.hidden_until', '<=', now)]))
    .orderBy('x.at', 'desc')
    .orderBy('x.id', 'desc')
    .limit(limit)
    .execute();
}

/** Exchange counts of a department as owner or consumer, per Beijing day and outcome. */
export async function countAccessesPerDay(db: Db, organisationId: string, since: Date) {
  return db
    .selectFrom('sharing_access')
    .select((eb) => [
      sql<string>`to_char(at at time zone 'Asia/Shanghai', 'YYYY-MM-DD')`.as('day'),
      'outcome',
      eb.fn.countAll<string>().as('n'),
    ])
    .where((eb) =>
      eb.or([
        eb('owner_organisation_id', '=', organisationId),
        eb('consumer_organisation_id', '=', organisationId),
      ]),
    )
    .where('at', '>=', since)
    .groupBy(['day', 'outcome'])
    .orderBy('day')
    .execute();
}

/** Per consumer of the department's resources: exchanges in the recent window and in the baseline before it. */
export async function countConsumerWindows(
  db: Db,
  ownerOrganisationId: string,
  recentFrom: Date,
  baselineFrom: Date,
) {
  return db
    .selectFrom('sharing_access')
    .select((eb) => [
      'consumer_organisation_id',
      eb.fn.countAll<string>().filterWhere('at', '>=', recentFrom).as('recent'),
      eb.fn.countAll<string>().filterWhere('at', '<', recentFrom).as('baseline'),
    ])
    .where('owner_organisation_id', '=', ownerOrganisationId)
    .where('outcome', '=', 'granted')
    .where('at', '>=', baselineFrom)
    .groupBy('consumer_organisation_id')
    .execute();
}
