import type { Kysely } from 'kysely';
import type { Tables } from '../../../platform/db/index.ts';

type Db = Kysely<Tables>;

/** What other modules may know about an organisation: its names, kind, place and whether it is active. */
export type OrganisationSummary = {
  id: string;
  kind: string;
  nameZh: string;
  nameEn: string | null;
  divisionCode: string;
  divisionPath: string;
  isActive: boolean;
};

/** Organisations by id, for modules that name them (feedback's handling units); unknown ids are absent. */
export async function findOrganisationSummaries(
  db: Db,
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
