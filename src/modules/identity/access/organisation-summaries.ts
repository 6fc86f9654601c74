import type { Kysely } from 'kysely';
import type { Tables } from '../../../platform/db/index.ts';

type Db = Kysely<Tables>;

/**
 * What other modules may know about an organisation: its names and kind, where it stands (division,
 * the path grants are scoped by, province), its credit code and whether it still acts. Modules name
 * departments in what they publish, bind workflow slots to them and issue credentials in their name,
 * without reading identity's tables themselves.
 */
export type OrganisationSummary = {
  id: string;
  kind: 'government-department' | 'ngo' | 'enterprise' | 'public-service';
  nameZh: string;
  nameEn: string | null;
  divisionCode: string;
  divisionPath: string;
  provinceCode: string;
  creditCode: string | null;
  isActive: boolean;
};

/** The organisations that exist among `ids`; unknown ids are left out of the map. */
export async function findOrganisationSummaries(
  db: Db,
  ids: readonly string[],
): Promise<Map<string, OrganisationSummary>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('organisation as o')
    .innerJoin('division as d', 'd.code', 'o.division_code')
    .select([
      'o.id',
      'o.kind',
      'o.name_zh',
      'o.name_en',
      'o.division_code',
      'd.path as division_path',
      'o.province_code',
      'o.credit_code',
      'o.is_active',
    ])
    .where('o.id', 'in', [...new Set(ids)])
    .execute();
  return new Map(
    rows.map((row) => [
      row.id,
      {
        id: row.id,
        kind: row.kind,
        nameZh: row.name_zh,
        nameEn: row.name_en,
        divisionCode: row.division_code,
        divisionPath: row.division_path,
        provinceCode: row.province_code,
        creditCode: row.credit_code,
        isActive: row.is_active,
      },
    ]),
  );
}

/** One organisation's summary, or undefined when there is none with that id. */
export async function findOrganisationSummary(db: Db, id: string): Promise<OrganisationSummary | undefined> {
  return (await findOrganisationSummaries(db, [id])).get(id);
}
