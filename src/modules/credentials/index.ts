/**
 * Credentials: electronic licences and certificates (电子证照) as signed, machine-readable records,
 * issued inside the deciding service's transaction, verifiable by anyone, and held in the holder's
 * wallet (docs/credentials.md). Other modules use only what this file exports.
 */
export {
  CREDENTIAL_TYPES,
  type CredentialTypeDefinition,
  type SubjectKind,
} from './credential-types.ts';
export { formatIdentifier, parseIdentifier } from './identifier.ts';
export { credentialsReferenceSteps } from './reference-data.ts';
export { type CredentialsRouteDeps, credentialsRoutes } from './routes.ts';
export {
  type CredentialsDeps,
  changeCredentialStatus,
  effectiveStatus,
  findCredentialsOfHolder,
  type Holder,
  ISSUE_CREDENTIALS,
  type IssuedCredential,
  type IssueInput,
  type IssuingActor,
  issueCredential,
  READ_CREDENTIALS,
  REVOKE_CREDENTIALS,
} from './service.ts';
export { rotateCredentialSigningKey } from './signing-keys.ts';
export { type Verification, verifyIdentifier, verifyPresented } from './verification.ts';
