/**
 * The audit ledger: every module records its state changes here (see docs/ledger.md).
 * Other modules use `auditedWrite` / `recordAuditEvent`; the portable verifier is for clients.
 */
export type { ActorKind, AuditEvent, DecodedAuditEvent } from './audit-event.ts';
export { AuditEventError, decodeAuditEvent, encodeAuditEvent, hashPayload } from './audit-event.ts';
export type { IntegrationResult, LogIdentity, RunningIntegrator } from './integrator.ts';
export { integrateBatch, startIntegrator } from './integrator.ts';
export type { LedgerKeys } from './keys.ts';
export { logVerifiers, ownVerifier, resolveLedgerKeys } from './keys.ts';
export {
  COSIGNATURE_V1,
  formatSignerKey,
  formatVerifierKey,
  generateSigner,
  parseVerifierKey,
  signNote,
  verifierOf,
} from './note.ts';
export { type LedgerRouteDeps, ledgerRoutes } from './routes.ts';
export {
  acceptCosignature,
  auditedWrite,
  computeRootAtSize,
  getConsistencyProof,
  getInclusionProof,
  getLatestCheckpoint,
  getSigningKeys,
  listRecordEvents,
  recordAuditEvent,
  recordAuditEvents,
  witnessCheckpoint,
  witnessVerifierKey,
} from './service.ts';
export { verifyConsistency, verifyInclusion } from './verify.ts';
export type { LedgerProblem, LedgerVerificationReport } from './verify-log.ts';
export { verifyLedger } from './verify-log.ts';
export { witnessRemoteLog } from './witness-client.ts';
