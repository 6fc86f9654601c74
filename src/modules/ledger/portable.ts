/**
 * The ledger's browser-safe face: what a reader needs to check a checkpoint and its proofs without
 * trusting the server. index.ts cannot serve here, because it also exports the integrator, the
 * routes and the key derivation, which pull in node:crypto and the database; a bundler following
 * it would fail or drag the server into the web app. Only verify.ts and note.ts are re-exported,
 * and both import nothing but @noble/* and Web APIs; keep it that way when adding to this list.
 */

export type {
  Checkpoint,
  NoteErrorCode,
  NoteSignature,
  NoteVerifier,
  OpenedNote,
  SignatureType,
  VerifiedSignature,
} from './note.ts';
export { COSIGNATURE_V1, NoteError, openNote, parseCheckpoint, parseVerifierKey } from './note.ts';
export { HASH_SIZE, hashLeaf, verifyConsistency, verifyInclusion } from './verify.ts';
