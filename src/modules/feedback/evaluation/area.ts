import type { Kysely } from 'kysely';
import type { Tables } from '../../../platform/db/index.ts';
import { type AccessActor, getDivision } from '../../identity/index.ts';
import { evaluationErrors } from './errors.ts';

export type Area = { code: string; path: string; nameZh: string; level: number };

/**
 * The division a leader looks at: the one asked for, if the actor's grants of `permission` cover it,
 * or else the widest area the grants cover.
 */
export async function resolveArea(
  db: Kysely<Tables>,
  actor: AccessActor,
  permission: string,
  divisionCode: string | undefined,
): Promise<Area> {
  let code = divisionCode;
  if (code === undefined) {
    const widest = [...actor.scopesOf(permission)].sort(
      (a, b) => a.divisionPath.length - b.divisionPath.length,
    )[0];
    if (!widest) throw evaluationErrors.outsideArea(permission);
    code = widest.divisionPath.split('.').at(-1) as string;
  }
  const division = await getDivision(db, code).catch(() => undefined);
  if (!division || division.isPlaceholder)
    throw evaluationErrors.invalid([{ pointer: '/divisionCode', detail: `${code} is not a division` }]);
  const path = [...division.ancestors.map((ancestor) => ancestor.code), division.code].join('.');
  if (!actor.can(permission, { divisionPath: path })) throw evaluationErrors.outsideArea(permission);
  return { code: division.code, path, nameZh: division.name, level: division.level };
}
