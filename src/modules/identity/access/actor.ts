import type { Actor } from '../../../platform/http/index.ts';

/** Where an object lives, for object-level checks: its division and, if any, its organisation. */
export type AccessTarget = { divisionPath: string; organisationId?: string | null };

export type ActiveGrant = {
  grantId: string;
  roleCode: string;
  permissions: ReadonlySet<string>;
  divisionCode: string;
  divisionPath: string;
  organisationId: string | null;
};

export type AccountKind = 'citizen' | 'staff' | 'enterprise';

/**
 * Someone signed in, with the grants in force when the request began. Loaded fresh for each
 * request, so a grant or revocation takes effect on the next request.
 */
export type AccessActor = Actor & {
  accountId: string;
  kind: AccountKind;
  organisationId: string | null;
  divisionCode: string;
  grants: readonly ActiveGrant[];
  /** May the actor do `permission` to an object at `target`? */
  can(permission: string, target: AccessTarget): boolean;
  /** The division subtrees (paths) in which the actor holds `permission`, for filtering queries. */
  scopesOf(permission: string): readonly AccessScope[];
};

export type AccessScope = { divisionPath: string; organisationId: string | null };

export function isWithin(path: string, ancestorPath: string): boolean {
  return path === ancestorPath || path.startsWith(`${ancestorPath}.`);
}

export function createAccessActor(
  facts: Omit<AccessActor, 'id' | 'hasPermission' | 'can' | 'scopesOf'>,
): AccessActor {
  const grantsWith = (permission: string) =>
    facts.grants.filter((grant) => grant.permissions.has(permission));
  return {
    ...facts,
    id: facts.accountId,
    hasPermission: (permission) => grantsWith(permission).length > 0,
    can: (permission, target) =>
      grantsWith(permission).some(
        (grant) =>
          isWithin(target.divisionPath, grant.divisionPath) &&
          (grant.organisationId === null || grant.organisationId === (target.organisationId ?? null)),
      ),
    scopesOf: (permission) =>
      grantsWith(permission).map((grant) => ({
        divisionPath: grant.divisionPath,
        organisationId: grant.organisationId,
      })),
  };
}
