import type { AccessActor } from '../../identity/index.ts';
import type { HandlerScope, WorkflowTaskRow } from './store.ts';

/** The permission a grant must carry, next to the task's role, for its holder to handle cases. */
export const HANDLE_CASES = 'services.cases.handle';

/**
 * Where the actor may handle cases: each grant that carries services.cases.handle, with its role and
 * reach (a division subtree and, for staff, perhaps one department). A task names a role and a
 * department, so both must match one grant: a county clerk of the market bureau handles neither the
 * health commission's task nor another county's.
 */
export function handlerScopesOf(actor: AccessActor): HandlerScope[] {
  return actor.grants
    .filter((grant) => grant.permissions.has(HANDLE_CASES))
    .map((grant) => ({
      roleCode: grant.roleCode,
      divisionPath: grant.divisionPath,
      organisationId: grant.organisationId,
    }));
}

export function isWithinScope(
  task: Pick<WorkflowTaskRow, 'role_code' | 'division_path' | 'organisation_id'>,
  scope: HandlerScope,
): boolean {
  return (
    scope.roleCode === task.role_code &&
    (task.division_path === scope.divisionPath || task.division_path.startsWith(`${scope.divisionPath}.`)) &&
    (scope.organisationId === null || scope.organisationId === task.organisation_id)
  );
}

export function canHandle(
  actor: AccessActor,
  task: Pick<WorkflowTaskRow, 'role_code' | 'division_path' | 'organisation_id'>,
): boolean {
  return handlerScopesOf(actor).some((scope) => isWithinScope(task, scope));
}
