export { findEmailAddress } from './email-address.ts';
export { isActingFor } from './enterprise.ts';
export { type KeyRotationReport, rotatePersonalDataKeys } from './key-rotation.ts';
export { type AccountHolderIdentity, findAccountHolderIdentity } from './own-identity.ts';
export { type PeopleDeps, PHONE_INDEX, RESIDENT_ID_INDEX } from './registration.ts';
export { peopleRoutes } from './routes.ts';
export {
  type SeedDeps,
  type SeedPerson,
  seedEnterpriseAccount,
  seedGrant,
  seedOrganisation,
  seedPersonAccount,
} from './seed-accounts.ts';
