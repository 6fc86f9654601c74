import { type Expression, type ExpressionBuilder, type SqlBool, sql } from 'kysely';
import type { AccessActor } from './actor.ts';

/**
 * The SQL condition "this row lies inside one of the actor's scopes for `permission`", for services
 * that list records: the row's division path must be in a granted subtree, and the row's organisation
 * must match where the grant is limited to one. No scope means no rows (deny by default).
 */
export function visibleTo<DB, TB extends keyof DB>(
  eb: ExpressionBuilder<DB, TB>,
  actor: AccessActor,
  permission: string,
  columns: { divisionPath: Expression<string>; organisationId?: Expression<string | null> },
): Expression<SqlBool> {
  const scopes = actor.scopesOf(permission);
  if (scopes.length === 0) return sql<SqlBool>`false`;
  return eb.or(
    scopes.map((scope) => {
      const inSubtree = sql<SqlBool>`(${columns.divisionPath} = ${scope.divisionPath} or ${columns.divisionPath} like ${`${scope.divisionPath}.%`})`;
      if (scope.organisationId === null || !columns.organisationId) return inSubtree;
      return eb.and([inSubtree, sql<SqlBool>`${columns.organisationId} = ${scope.organisationId}`]);
    }),
  );
}
