import type { Kysely } from 'kysely';
import type { Tables } from '../../../platform/db/index.ts';
import type { AccessActor } from './actor.ts';
import { visibleTo } from './visibility.ts';

/** Organisations the actor may read with `permission`, filtered in SQL by the actor's scopes. */
export async function listVisibleOrganisations(db: Kysely<Tables>, actor: AccessActor, permission: string) {
  return db
    .selectFrom('organisation as o')
    .innerJoin('division as d', 'd.code', 'o.division_code')
    .select(['o.id', 'o.kind', 'o.name_zh', 'o.division_code', 'd.path as division_path', 'o.parent_id'])
    .where((eb) =>
      visibleTo(eb, actor, permission, { divisionPath: eb.ref('d.path'), organisationId: eb.ref('o.id') }),
    )
    .orderBy('o.name_zh')
    .execute();
}
