/**
 * Identity: who everyone is, where they belong and what they may do: the administrative divisions
 * every grant and record is scoped to, people (personal data encrypted), registration and sign-in.
 */

export type { AccessActor, AccessTarget } from './access/actor.ts';
export {
  type AccountProfile,
  findAccountIdByResidentId,
  findAccountProfile,
  findNearestPermissionHolders,
  findOrganisationIdByCreditCode,
} from './access/directory.ts';
export {
  findOrganisationSummaries,
  findOrganisationSummary,
  type OrganisationSummary,
} from './access/organisation-summaries.ts';
export { accessRoutes } from './access/routes.ts';
export { defineRole, grantRole, loadAccessActor, revokeGrant } from './access/service.ts';
export {
  countByLevel,
  countSubtree,
  type DivisionImportProgress,
  divisionRoutes,
  getDivision,
  importDivisions,
  isInSubtree,
  pathOfCode,
} from './divisions/index.ts';
export {
  type AccountHolderIdentity,
  findAccountHolderIdentity,
  findEmailAddress,
  isActingFor,
  type KeyRotationReport,
  peopleRoutes,
  rotatePersonalDataKeys,
  type SeedDeps,
  type SeedPerson,
  seedEnterpriseAccount,
  seedGrant,
  seedOrganisation,
  seedPersonAccount,
} from './people/index.ts';
export { identityReferenceSteps } from './reference-data.ts';
export {
  createSessionAuthenticate,
  endSessionsOfAccount,
  SESSION_COOKIE,
  type SessionActor,
  signInRoutes,
  totpCodeAt,
} from './sign-in/index.ts';
export {
  ACR_PASSWORD,
  ACR_PASSWORD_TOTP,
  FIRST_PARTY_CLIENT_ID,
  firstPartyClientSecret,
  issuerOf,
  type KeyRotationResult,
  PROTOCOL_PREFIX,
  rotateSigningKeys,
  type SingleSignOnDeps,
  singleSignOnRoutes,
} from './single-sign-on/index.ts';
