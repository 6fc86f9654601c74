import type { Kysely } from 'kysely';
import type { Tables } from '../../../platform/db/index.ts';

export type OrganisationSummary = {
  id: string;
  kind: 'government-department' | 'ngo' | 'enterprise' | 'public-service';
  nameZh: string;
  nameEn: string | null;
  divisionCode: string;
  divisionPath: string;
  isActive: boolean;
};

/**
 * Public facts of organisations by id (names, kind, where they sit, whether active), for modules that
 * name departments in what they publish: a service guide names the bureau that implements the item.
 * Unknown ids are left out of the map.
 */
export async function findOrganisationSummaries(
  db: Kysely<Tables>,
  ids: readonly string[],
): Promise<Map<string, OrganisationSummary>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('organisation as o')
    .innerJoin('division as d', 'd.code', 'o.division_code')
    .select(['o.id', 'o.kind', 'o.name_zh', 'o.name_en', 'o.division_code', 'd.path', 'o.is_active'])
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
        divisionPath: row.path,
        isActive: row.is_active,
      },
    ]),
  );
}
