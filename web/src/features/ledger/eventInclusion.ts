import { type Checkpoint, verifyInclusion } from '../../../../src/modules/ledger/portable.ts';
import { decodeBase64 } from './base64.ts';
import { decodeHashes } from './checkpointAudit.ts';
import { fetchInclusionProof, type InclusionProofResponse } from './ledgerApi.ts';

export type InclusionCheck =
  | { kind: 'verified' | 'failed'; leafIndex: bigint; leafHash: string; proofLength: number }
  | { kind: 'unavailable'; leafIndex: bigint };

/**
 * Is the event at `leafIndex` in the log the signed checkpoint commits to? The proof is asked for
 * at the checkpoint's own size and checked against its signed root, so a log that has grown since
 * cannot answer with a tree the reader never verified.
 */
export async function checkEventInclusion(
  leafIndex: bigint,
  checkpoint: Checkpoint,
  signal: AbortSignal,
): Promise<InclusionCheck> {
  let response: InclusionProofResponse;
  try {
    response = await fetchInclusionProof(leafIndex, checkpoint.size, signal);
  } catch (error) {
    if (signal.aborted) throw error;
    return { kind: 'unavailable', leafIndex };
  }
  const leafHash = decodeBase64(response.leafHash);
  const proof = decodeHashes(response.proof);
  const isIncluded =
    leafHash !== undefined &&
    proof !== undefined &&
    verifyInclusion(leafIndex, checkpoint.size, leafHash, proof, checkpoint.rootHash);
  return {
    kind: isIncluded ? 'verified' : 'failed',
    leafIndex,
    leafHash: response.leafHash,
    proofLength: response.proof.length,
  };
}

export type LeafIndexProblem = 'empty' | 'not-whole-number' | 'too-large';

/** The index a reader typed, or why it cannot be one; positions run from 0 to size − 1. */
export function parseLeafIndex(
  typed: string,
  treeSize: bigint,
): { ok: true; leafIndex: bigint } | { ok: false; problem: LeafIndexProblem } {
  // NFKC turns full-width digits, which Chinese input methods often produce, into ASCII ones.
  const text = typed.normalize('NFKC').trim();
  if (text === '') return { ok: false, problem: 'empty' };
  if (!/^[0-9]+$/.test(text)) return { ok: false, problem: 'not-whole-number' };
  const leafIndex = BigInt(text);
  return leafIndex < treeSize ? { ok: true, leafIndex } : { ok: false, problem: 'too-large' };
}
