import { type Kysely, sql } from 'kysely';
import type { Tables } from '../../../platform/db/index.ts';

declare module '../../../platform/db/tables.ts' {
  interface Tables {
    service_application: ApplicationRow;
    service_application_serial: { division_code: string; day: string; last_serial: number };
    service_application_material: MaterialRow;
    service_application_clock_event: ClockEventRow;
    service_application_rating: RatingRow;
    service_application_extension: ExtensionRow;
  }
}

export type ApplicationState =
  | 'draft'
  | 'submitted'
  | 'accepted'
  | 'awaiting-supplements'
  | 'approved'
  | 'rejected'
  | 'withdrawn';

export type ApplicationRow = {
  id: string;
  application_number: string | null;
  province_code: string;
  item_code: string;
  item_version_id: string;
  version_number: number;
  division_code: string;
  division_path: string;
  implementing_organisation_id: string;
  applicant_account_id: string;
  applicant_organisation_id: string | null;
  state: ApplicationState;
  answers_encrypted: string;
  declaration_accepted_at: Date | null;
  submitted_at: Date | null;
  accepted_at: Date | null;
  decided_at: Date | null;
  statutory_limit_days: number;
  promised_limit_days: number;
  statutory_due_at: Date | null;
  promised_due_at: Date | null;
  in_person_visits: number;
  workflow_instance_id: string | null;
  credential_identifier: string | null;
  rejection_reasons: string[];
  created_at: Date;
  updated_at: Date;
};

export type MaterialRow = {
  id: string;
  application_id: string;
  province_code: string;
  material_key: string;
  kind: 'upload' | 'shared';
  content: Buffer | null;
  sha256: string | null;
  content_type: string | null;
  size_bytes: number | null;
  credential_identifier: string | null;
  created_at: Date;
};

export type ClockEventRow = {
  id: string;
  application_id: string;
  province_code: string;
  kind: 'pause' | 'resume' | 'extension';
  reason: string;
  extension_days: number | null;
  approved_by: string | null;
  actor_id: string;
  at: Date;
};

export type RatingRow = {
  application_id: string;
  province_code: string;
  score: number;
  comment: string | null;
  rated_at: Date;
};

export type ExtensionRow = {
  id: string;
  application_id: string;
  province_code: string;
  working_days: number;
  reason: string;
  legal_basis: string;
  state: 'requested' | 'approved' | 'refused';
  requested_by: string;
  requested_at: Date;
  decided_by: string | null;
  decided_at: Date | null;
  decision_note: string | null;
};

type Db = Kysely<Tables>;

const EXTENSION_COLUMNS = [
  'id',
  'application_id',
  'province_code',
  'working_days',
  'reason',
  'legal_basis',
  'state',
  'requested_by',
  'requested_at',
  'decided_by',
  'decided_at',
  'decision_note',
] as const;

const APPLICATION_COLUMNS = [
  'id',
  'application_number',
  'province_code',
  'item_code',
  'item_version_id',
  'version_number',
  'division_code',
  'division_path',
  'implementing_organisation_id',
  'applicant_account_id',
  'applicant_organisation_id',
  'state',
  'answers_encrypted',
  'declaration_accepted_at',
  'submitted_at',
  'accepted_at',
  'decided_at',
  'statutory_limit_days',
  'promised_limit_days',
  'statutory_due_at',
  'promised_due_at',
  'in_person_visits',
  'workflow_instance_id',
  'credential_identifier',
  'rejection_reasons',
  'created_at',
  'updated_at',
] as const;

export async function insertApplication(db: Db, row: ApplicationRow): Promise<void> {
  await db.insertInto('service_application').values(row).execute();
}

export async function findApplication(db: Db, id: string): Promise<ApplicationRow | undefined> {
  return db
    .selectFrom('service_application')
    .select(APPLICATION_COLUMNS)
    .where('id', '=', id)
    .executeTakeFirst();
}

/** The row locked for the rest of the transaction, so two changes to one application run in turn. */
export async function lockApplication(db: Db, id: string): Promise<ApplicationRow | undefined> {
  return db
    .selectFrom('service_application')
    .select(APPLICATION_COLUMNS)
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
}

export async function lockApplicationOfInstance(
  db: Db,
  instanceId: string,
): Promise<ApplicationRow | undefined> {
  return db
    .selectFrom('service_application')
    .select(APPLICATION_COLUMNS)
    .where('workflow_instance_id', '=', instanceId)
    .forUpdate()
    .executeTakeFirst();
}

export async function findApplicationByNumber(db: Db, number: string): Promise<ApplicationRow | undefined> {
  return db
    .selectFrom('service_application')
    .select(APPLICATION_COLUMNS)
    .where('application_number', '=', number)
    .executeTakeFirst();
}

export async function listDraftsOf(db: Db, accountId: string): Promise<ApplicationRow[]> {
  return db
    .selectFrom('service_application')
    .select(APPLICATION_COLUMNS)
    .where('applicant_account_id', '=', accountId)
    .where('state', '=', 'draft')
    .orderBy('updated_at', 'desc')
    .orderBy('id')
    .limit(100)
    .execute();
}

export async function updateApplication(
  db: Db,
  id: string,
  changes: Partial<Omit<ApplicationRow, 'id' | 'created_at'>>,
): Promise<void> {
  await db.updateTable('service_application').set(changes).where('id', '=', id).execute();
}

export async function deleteDraft(db: Db, id: string): Promise<void> {
  await db.deleteFrom('service_application').where('id', '=', id).where('state', '=', 'draft').execute();
}

/** The next serial of a division's day, counted in the caller's transaction. */
export async function nextSerial(db: Db, divisionCode: string, day: string): Promise<number> {
  const row = await db
    .insertInto('service_application_serial')
    .values({ division_code: divisionCode, day, last_serial: 1 })
    .onConflict((oc) =>
      oc
        .columns(['division_code', 'day'])
        .doUpdateSet({ last_serial: sql`service_application_serial.last_serial + 1` }),
    )
    .returning('last_serial')
    .executeTakeFirstOrThrow();
  return row.last_serial;
}

export async function insertMaterials(db: Db, rows: readonly MaterialRow[]): Promise<void> {
  if (rows.length > 0)
    await db
      .insertInto('service_application_material')
      .values([...rows])
      .execute();
}

export async function listMaterials(db: Db, applicationId: string) {
  return db
    .selectFrom('service_application_material')
    .select(['material_key', 'kind', 'credential_identifier', 'content_type', 'size_bytes', 'sha256'])
    .where('application_id', '=', applicationId)
    .orderBy('material_key')
    .execute();
}

export async function insertClockEvent(db: Db, row: ClockEventRow): Promise<void> {
  await db.insertInto('service_application_clock_event').values(row).execute();
}

export async function listClockEvents(db: Db, applicationId: string): Promise<ClockEventRow[]> {
  return db
    .selectFrom('service_application_clock_event')
    .select([
      'id',
      'application_id',
      'province_code',
      'kind',
      'reason',
      'extension_days',
      'approved_by',
      'actor_id',
      'at',
    ])
    .where('application_id', '=', applicationId)
    .orderBy('at')
    .orderBy('id')
    .execute();
}

/** False when the application was rated already. */
export async function insertRating(db: Db, row: RatingRow): Promise<boolean> {
  const inserted = await db
    .insertInto('service_application_rating')
    .values(row)
    .onConflict((oc) => oc.column('application_id').doNothing())
    .returning('application_id')
    .executeTakeFirst();
  return inserted !== undefined;
}

export async function deleteMaterial(db: Db, applicationId: string, materialKey: string): Promise<void> {
  await db
    .deleteFrom('service_application_material')
    .where('application_id', '=', applicationId)
    .where('material_key', '=', materialKey)
    .execute();
}

/** False when the application already has an extension awaiting a decision (one at a time). */
export async function insertExtension(db: Db, row: ExtensionRow): Promise<boolean> {
  const inserted = await db
    .insertInto('service_application_extension')
    .values(row)
    .onConflict((oc) => oc.column('application_id').where('state', '=', 'requested').doNothing())
    .returning('id')
    .executeTakeFirst();
  return inserted !== undefined;
}

export async function findExtension(db: Db, id: string): Promise<ExtensionRow | undefined> {
  return db
    .selectFrom('service_application_extension')
    .select(EXTENSION_COLUMNS)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function lockExtension(db: Db, id: string): Promise<ExtensionRow | undefined> {
  return db
    .selectFrom('service_application_extension')
    .select(EXTENSION_COLUMNS)
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
}

export async function listExtensions(db: Db, applicationId: string): Promise<ExtensionRow[]> {
  return db
    .selectFrom('service_application_extension')
    .select(EXTENSION_COLUMNS)
    .where('application_id', '=', applicationId)
    .orderBy('requested_at')
    .orderBy('id')
    .execute();
}

export async function decideExtension(
  db: Db,
  id: string,
  decision: Pick<ExtensionRow, 'state' | 'decided_by' | 'decided_at' | 'decision_note'>,
): Promise<void> {
  await db.updateTable('service_application_extension').set(decision).where('id', '=', id).execute();
}

/** One more in-person visit, counted in the database so two clerks recording at once both count. */
export async function incrementVisits(db: Db, id: string, at: Date): Promise<number> {
  const row = await db
    .updateTable('service_application')
    .set({ in_person_visits: sql`in_person_visits + 1`, updated_at: at })
    .where('id', '=', id)
    .returning('in_person_visits')
    .executeTakeFirstOrThrow();
  return row.in_person_visits;
}

/** Extension requests awaiting a decision within the scopes (division subtree, perhaps one organisation). */
export async function listPendingExtensionsWithin(
  db: Db,
  scopes: readonly { divisionPath: string; organisationId: string | null }[],
) {
  if (scopes.length === 0) return [];
  return db
    .selectFrom('service_application_extension as e')
    .innerJoin('service_application as a', 'a.id', 'e.application_id')
    .select([
      'e.id',
      'e.application_id',
      'e.province_code',
      'e.working_days',
      'e.reason',
      'e.legal_basis',
      'e.state',
      'e.requested_by',
      'e.requested_at',
      'e.decided_by',
      'e.decided_at',
      'e.decision_note',
      'a.application_number',
      'a.statutory_due_at',
    ])
    .where('e.state', '=', 'requested')
    .where((eb) =>
      eb.or(
        scopes.map((scope) =>
          eb.and([
            eb.or([
              eb('a.division_path', '=', scope.divisionPath),
              eb('a.division_path', 'like', `${scope.divisionPath}.%`),
            ]),
            ...(scope.organisationId === null
              ? []
              : [eb('a.implementing_organisation_id', '=', scope.organisationId)]),
          ]),
        ),
      ),
    )
    .orderBy('e.requested_at')
    .orderBy('e.id')
    .limit(200)
    .execute();
}
