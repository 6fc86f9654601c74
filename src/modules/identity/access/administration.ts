import type { Kysely } from 'kysely';
import { MANAGE_CALENDAR } from '../../../platform/calendar/index.ts';
import type { Tables } from '../../../platform/db/index.ts';
import { fullNamesOf } from '../divisions/index.ts';
import { READ_ACCOUNTS } from './account-list.ts';
import { MANAGE_ACCOUNTS } from './accounts.ts';
import { type AccessActor, isWithin } from './actor.ts';
import { MANAGE_GRANTS } from './grant-list.ts';
import { MANAGE_ORGANISATIONS } from './organisations.ts';
import { MANAGE_ROLES } from './roles.ts';

/** Which administration page each permission opens; the division tree is open to any of them. */
const SECTION_PERMISSIONS = [
  ['organisations', MANAGE_ORGANISATIONS],
  ['staff', READ_ACCOUNTS],
  ['roles', MANAGE_ROLES],
  ['grants', MANAGE_GRANTS],
] as const;

export type AdministrationSection = 'divisions' | (typeof SECTION_PERMISSIONS)[number][0] | 'calendar';

const ADMINISTRATION_PERMISSIONS = [
  MANAGE_ORGANISATIONS,
  READ_ACCOUNTS,
  MANAGE_ACCOUNTS,
  MANAGE_ROLES,
  MANAGE_GRANTS,
];

/**
 * What the caller may administer now, so the web app shows only the pages that will work. It decides
 * nothing: every administration route still checks its permission and each object's scope.
 */
export async function describeAdministration(db: Kysely<Tables>, actor: AccessActor) {
  const sections: AdministrationSection[] = SECTION_PERMISSIONS.filter(([, permission]) =>
    actor.hasPermission(permission),
  ).map(([section]) => section);
  if (sections.length > 0) sections.unshift('divisions');
  // The working-day calendar is the platform's, not the identity area's: it needs no division tree.
  if (actor.hasPermission(MANAGE_CALENDAR)) sections.push('calendar');
  const scopes = actor.grants.filter((grant) =>
    ADMINISTRATION_PERMISSIONS.some((permission) => grant.permissions.has(permission)),
  );
  // A township inside a county the actor already administers adds nothing to the tree's roots.
  const roots = [...new Map(scopes.map((grant) => [grant.divisionCode, grant])).values()].filter(
    (grant) =>
      !scopes.some(
        (other) =>
          other.divisionPath !== grant.divisionPath && isWithin(grant.divisionPath, other.divisionPath),
      ),
  );
  const names = await fullNamesOf(
    db,
    roots.map((grant) => grant.divisionCode),
  );
  return {
    sections,
    areas: roots.map((grant) => ({
      divisionCode: grant.divisionCode,
      divisionName: names.get(grant.divisionCode) ?? grant.divisionCode,
    })),
  };
}
