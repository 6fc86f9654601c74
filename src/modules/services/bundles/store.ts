import { type Kysely, sql } from 'kysely';
import type { Tables } from '../../../platform/db/index.ts';
import type { FormUi } from '../catalogue/index.ts';

declare module '../../../platform/db/tables.ts' {
  interface Tables {
    service_bundle: BundleRow;
    service_bundle_serial: { division_code: string; day: string; last_serial: number };
    service_bundle_case: BundleCaseRow;
    service_bundle_case_member: BundleMemberRow;
  }
}

type Db = Kysely<Tables>;
const jsonb = <T>(value: T) => sql<T>`cast(${JSON.stringify(value)} as jsonb)`;

/** A member item and how its form's properties are filled: member property → merged form property. */
export type BundleMember = { itemCode: string; fields: Record<string, string> };

export type BundleRow = {
  id: string;
  code: string;
  division_code: string;
  province_code: string;
  name_zh: string;
  name_en: string;
  members: BundleMember[];
  form_schema: Record<string, unknown>;
  form_ui: FormUi;
  updated_at: Date;
  updated_by: string;
};

export type BundleCaseRow = {
  id: string;
  case_number: string;
  bundle_id: string;
  province_code: string;
  division_code: string;
  applicant_account_id: string;
  applicant_organisation_id: string | null;
  submitted_at: Date;
};

export type BundleMemberRow = {
  case_id: string;
  item_code: string;
  application_id: string;
  province_code: string;
};

const BUNDLE_COLUMNS = [
  'id',
  'code',
  'division_code',
  'province_code',
  'name_zh',
  'name_en',
  'members',
  'form_schema',
  'form_ui',
  'updated_at',
  'updated_by',
] as const;

/** One definition per code and division: writing again replaces it (cases keep the id they were made under). */
export async function upsertBundle(db: Db, row: BundleRow): Promise<string> {
  const inserted = await db
    .insertInto('service_bundle')
    .values({
      ...row,
      members: jsonb(row.members),
      form_schema: jsonb(row.form_schema),
      form_ui: jsonb(row.form_ui),
    })
    .onConflict((conflict) =>
      conflict.columns(['code', 'division_code']).doUpdateSet({
        name_zh: row.name_zh,
        name_en: row.name_en,
        members: jsonb(row.members),
        form_schema: jsonb(row.form_schema),
        form_ui: jsonb(row.form_ui),
        updated_at: row.updated_at,
        updated_by: row.updated_by,
      }),
    )
    .returning('id')
    .executeTakeFirstOrThrow();
  return inserted.id;
}

/** The bundle of that code at the deepest of the given divisions (the applicant's, then those above). */
export async function findBundleServing(db: Db, code: string, divisionCodes: readonly string[]) {
  if (divisionCodes.length === 0) return undefined;
  const rows = await db
    .selectFrom('service_bundle')
    .select(BUNDLE_COLUMNS)
    .where('code', '=', code)
    .where('division_code', 'in', divisionCodes)
    .execute();
  return rows.sort((a, b) => b.division_code.length - a.division_code.length)[0];
}

export async function findBundleById(db: Db, id: string): Promise<BundleRow | undefined> {
  return db.selectFrom('service_bundle').select(BUNDLE_COLUMNS).where('id', '=', id).executeTakeFirst();
}

export async function nextBundleSerial(db: Db, divisionCode: string, day: string): Promise<number> {
  const row = await db
    .insertInto('service_bundle_serial')
    .values({ division_code: divisionCode, day, last_serial: 1 })
    .onConflict((conflict) =>
      conflict
        .columns(['division_code', 'day'])
        .doUpdateSet({ last_serial: sql`service_bundle_serial.last_serial + 1` }),
    )
    .returning('last_serial')
    .executeTakeFirstOrThrow();
  return row.last_serial;
}

export async function insertCase(
  db: Db,
  row: BundleCaseRow,
  members: readonly BundleMemberRow[],
): Promise<void> {
  await db.insertInto('service_bundle_case').values(row).execute();
  await db
    .insertInto('service_bundle_case_member')
    .values([...members])
    .execute();
}

export async function findCaseByNumber(db: Db, number: string): Promise<BundleCaseRow | undefined> {
  return db
    .selectFrom('service_bundle_case')
    .select([
      'id',
      'case_number',
      'bundle_id',
      'province_code',
      'division_code',
      'applicant_account_id',
      'applicant_organisation_id',
      'submitted_at',
    ])
    .where('case_number', '=', number)
    .executeTakeFirst();
}

export async function listCaseMembers(db: Db, caseId: string): Promise<BundleMemberRow[]> {
  return db
    .selectFrom('service_bundle_case_member')
    .select(['case_id', 'item_code', 'application_id', 'province_code'])
    .where('case_id', '=', caseId)
    .execute();
}
