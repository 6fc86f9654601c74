import type { Kysely } from 'kysely';
import type { Tables } from '../../../platform/db/index.ts';

/**
 * Where an organisation stands: its division (with the path that grants are scoped by) and whether it
 * still acts. Other modules that route work to departments (the services workflow binds department
 * slots to organisations) need this to scope the work, without reading identity's tables themselves.
 */
export type OrganisationPlacement = {
  id: string;
  kind: 'government-department' | 'ngo' | 'enterprise' | 'public-service';
  nameZh: string;
  nameEn: string | null;
  divisionCode: string;
  divisionPath: string;
  provinceCode: string;
  isActive: boolean;
};

/** The placements of the organisations that exist among `ids`; unknown ids are left out of the map. */
export async function findOrganisationPlacements(
  db: Kysely<Tables>,
  ids: readonly string[],
): Promise<Map<string, OrganisationPlacement>> {
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
        isActive: row.is_active,
      },
    ]),
  );
}
