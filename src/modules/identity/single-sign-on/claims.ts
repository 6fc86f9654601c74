import type { Kysely } from 'kysely';
import type { Clock } from '../../../platform/clock/index.ts';
import type { Tables } from '../../../platform/db/index.ts';
import { loadAccessActor } from '../access/service.ts';
import { findMaskedPerson } from '../people/store.ts';

type Db = Kysely<Tables>;

/** Authentication context classes, weakest first: a service may ask for one with `acr_values`. */
export const ACR_PASSWORD = 'urn:shuzhi:acr:password';
export const ACR_PASSWORD_TOTP = 'urn:shuzhi:acr:password+totp';
export const ACR_VALUES = [ACR_PASSWORD, ACR_PASSWORD_TOTP] as const;

/** The class a platform session reaches, from how it was established (its `amr`). */
export function acrOf(authenticationMethods: readonly string[]): string {
  return authenticationMethods.includes('otp') ? ACR_PASSWORD_TOTP : ACR_PASSWORD;
}

/**
 * Whether a sign-in of class `acr` satisfies a request's `acr_values` (space-separated, preference
 * order): a stronger class satisfies a request for a weaker one. Values the platform does not know
 * are ignored; a request that names none it knows asks for nothing.
 */
export function satisfiesAcrValues(acr: string | undefined, acrValues: string | undefined): boolean {
  const requested = (acrValues ?? '')
    .split(' ')
    .map((value) => ACR_VALUES.indexOf(value as (typeof ACR_VALUES)[number]))
    .filter((rank) => rank >= 0);
  if (requested.length === 0) return true;
  const reached = ACR_VALUES.indexOf(acr as (typeof ACR_VALUES)[number]);
  return reached >= Math.min(...requested);
}

/** Scopes beyond `openid` and the claims each releases. */
export const SCOPE_CLAIMS = {
  profile: ['name'],
  division: ['division_code', 'division_path'],
  organisation: ['organisation'],
  roles: ['roles'],
} as const;

/**
 * What the platform says about an account to a service: the account id as subject, the masked name
 * (services never receive full personal data through sign-on), the division, the organisation and the
 * roles in force with their scope. Read at the time of each token, so a revoked grant is gone from the
 * next token on. A disabled account has no claims and gets no tokens.
 */
export async function loadAccountClaims(db: Db, clock: Clock, accountId: string) {
  const actor = await loadAccessActor(db, clock, accountId);
  if (!actor) return undefined;
  const person = await findMaskedPerson(db, accountId);
  const division = await db
    .selectFrom('division')
    .select(['path'])
    .where('code', '=', actor.divisionCode)
    .executeTakeFirst();
  const organisation = actor.organisationId
    ? await db
        .selectFrom('organisation')
        .select(['id', 'name_zh', 'name_en', 'kind'])
        .where('id', '=', actor.organisationId)
        .executeTakeFirst()
    : undefined;
  return {
    sub: actor.accountId,
    ...(person ? { name: person.name_masked } : {}),
    division_code: actor.divisionCode,
    division_path: division?.path ?? null,
    organisation: organisation
      ? {
          id: organisation.id,
          name_zh: organisation.name_zh,
          name_en: organisation.name_en,
          kind: organisation.kind,
        }
      : null,
    roles: actor.grants.map((grant) => ({
      role: grant.roleCode,
      division_code: grant.divisionCode,
      organisation_id: grant.organisationId,
    })),
  };
}
