/**
 * The checks this page runs on the latest checkpoint, all in the reader's browser: is it signed by
 * the log's key, is that the key this browser saw before, and is today's log an append-only
 * extension of the one this browser saw last time. The server supplies data and proofs; every
 * verdict is computed here from what the reader already holds.
 */
import {
  type Checkpoint,
  COSIGNATURE_V1,
  NoteError,
  type NoteErrorCode,
  openNote,
  parseCheckpoint,
  parseVerifierKey,
  verifyConsistency,
} from '../../../../src/modules/ledger/portable.ts';
import { decodeBase64, encodeBase64 } from './base64.ts';
import {
  type RememberedCheckpoint,
  type RememberedKey,
  readRememberedCheckpoint,
  readRememberedKey,
  rememberCheckpoint,
  rememberKey,
} from './deviceMemory.ts';
import { fetchConsistencyProof, fetchLatestCheckpoint, type ServedCheckpoint } from './ledgerApi.ts';

export type SignatureProblem = 'unusable-key' | 'bad-signature' | 'malformed-checkpoint' | 'fields-differ';

export type KeyTrust =
  /** `remembered` is false when the browser refused to store the key. */
  | { kind: 'first-use'; remembered: boolean }
  | { kind: 'known'; rememberedAt: string }
  | { kind: 'changed'; remembered: RememberedKey };

export type InconsistencyReason = 'shrunk' | 'rewritten' | 'proof-failed';

export type AppendOnlyCheck =
  /** `remembered` is false when this checkpoint could not be kept for the next visit. */
  | { kind: 'first-visit'; remembered: boolean }
  | { kind: 'consistent'; previous: RememberedCheckpoint }
  | { kind: 'inconsistent'; previous: RememberedCheckpoint; reason: InconsistencyReason }
  /** The proof could not be fetched: no verdict either way, so the next visit asks again. */
  | { kind: 'unavailable'; previous: RememberedCheckpoint };

export type CheckpointAudit =
  | { kind: 'empty' }
  | { kind: 'rejected'; served: ServedCheckpoint; problem: SignatureProblem }
  | {
      kind: 'verified';
      served: ServedCheckpoint;
      checkpoint: Checkpoint;
      keyTrust: KeyTrust;
      appendOnly: AppendOnlyCheck;
      witnesses: WitnessCheck[];
    };

/**
 * One witness's cosignature as this browser judged it. `verified` carries the signed time and the key
 * that checked it, which the reader can compare with the key the witness itself publishes; the
 * witness keys come from the log's server, so the comparison is what makes the check independent.
 */
export type WitnessCheck =
  | { witness: string; kind: 'verified'; verifierKey: string; cosignedAt: string }
  | { witness: string; kind: 'no-published-key' | 'bad-signature' };

export async function auditLatestCheckpoint(signal: AbortSignal): Promise<CheckpointAudit> {
  const served = await fetchLatestCheckpoint(signal);
  if (served === null) return { kind: 'empty' };
  const opened = openServedCheckpoint(served);
  if (!opened.ok) return { kind: 'rejected', served, problem: opened.problem };

  const { checkpoint } = opened;
  const { origin } = checkpoint;
  const rememberedKey = readRememberedKey(origin);
  const previous = readRememberedCheckpoint(origin);
  const comparison = previous ? await compareWithPrevious(previous, checkpoint, signal) : null;
  // An abandoned audit (the reader left, or React re-ran the effect) must not leave its checkpoint
  // behind as "seen": the next audit would compare against it and skip the real check.
  signal.throwIfAborted();

  const seenAt = new Date().toISOString();
  const keyTrust: KeyTrust =
    rememberedKey === null
      ? {
          kind: 'first-use',
          remembered: rememberKey(origin, { verifierKey: served.verifierKey, rememberedAt: seenAt }),
        }
      : rememberedKey.verifierKey === served.verifierKey
        ? { kind: 'known', rememberedAt: rememberedKey.rememberedAt }
        : { kind: 'changed', remembered: rememberedKey };
  // Kept only when nothing is wrong: after an alarm, the checkpoint the reader saw before stays the
  // one every later visit is checked against, so the alarm cannot be cleared by simply reloading.
  const isTrustworthy =
    keyTrust.kind !== 'changed' && (comparison === null || comparison.kind === 'consistent');
  const isRemembered =
    isTrustworthy &&
    rememberCheckpoint(origin, { size: checkpoint.size, rootHash: checkpoint.rootHash, seenAt });

  return {
    kind: 'verified',
    served,
    checkpoint,
    keyTrust,
    appendOnly: comparison ?? { kind: 'first-visit', remembered: isRemembered },
    witnesses: checkWitnesses(served),
  };
}

/**
 * Checks each cosignature line of the note against the witness keys the log publishes, one key at
 * a time, so that one bad line cannot hide the verdict on the others.
 */
function checkWitnesses(served: ServedCheckpoint): WitnessCheck[] {
  const logVerifier = parseVerifierKey(served.verifierKey);
  const witnessKeys = served.witnessKeys.flatMap((verifierKey) => {
    try {
      const verifier = parseVerifierKey(verifierKey);
      return verifier.signatureType === COSIGNATURE_V1 ? [{ verifierKey, verifier }] : [];
    } catch {
      return [];
    }
  });
  return served.cosignatures.map(({ witness }): WitnessCheck => {
    const candidates = witnessKeys.filter((key) => key.verifier.name === witness);
    if (candidates.length === 0) return { witness, kind: 'no-published-key' };
    for (const { verifierKey, verifier } of candidates) {
      try {
        const signature = openNote(served.note, [logVerifier, verifier]).verified.find(
          (entry) => entry.name === witness && entry.timestamp !== undefined,
        );
        if (signature?.timestamp !== undefined) {
          const cosignedAt = new Date(Number(signature.timestamp) * 1000).toISOString();
          return { witness, kind: 'verified', verifierKey, cosignedAt };
        }
      } catch (error) {
        if (!(error instanceof NoteError)) throw error;
      }
    }
    return { witness, kind: 'bad-signature' };
  });
}

const signatureProblemOf: Record<NoteErrorCode, SignatureProblem> = {
  'malformed-key': 'unusable-key',
  'ambiguous-verifiers': 'unusable-key',
  'malformed-note': 'bad-signature',
  'invalid-signature': 'bad-signature',
  'unverified-note': 'bad-signature',
  'malformed-checkpoint': 'malformed-checkpoint',
};

function openServedCheckpoint(
  served: ServedCheckpoint,
): { ok: true; checkpoint: Checkpoint } | { ok: false; problem: SignatureProblem } {
  try {
    const checkpoint = parseCheckpoint(openNote(served.note, [parseVerifierKey(served.verifierKey)]).text);
    // The page shows the signed values; a server whose plain fields say otherwise is not to be believed.
    const fieldsAgree =
      checkpoint.origin === served.origin &&
      checkpoint.size.toString() === served.treeSize &&
      encodeBase64(checkpoint.rootHash) === served.rootHash;
    return fieldsAgree ? { ok: true, checkpoint } : { ok: false, problem: 'fields-differ' };
  } catch (error) {
    if (error instanceof NoteError) return { ok: false, problem: signatureProblemOf[error.code] };
    throw error;
  }
}

async function compareWithPrevious(
  previous: RememberedCheckpoint,
  checkpoint: Checkpoint,
  signal: AbortSignal,
): Promise<AppendOnlyCheck> {
  if (checkpoint.size < previous.size) return { kind: 'inconsistent', previous, reason: 'shrunk' };
  if (checkpoint.size === previous.size) {
    const isSameTree = verifyConsistency(
      previous.size,
      checkpoint.size,
      [],
      previous.rootHash,
      checkpoint.rootHash,
    );
    return isSameTree
      ? { kind: 'consistent', previous }
      : { kind: 'inconsistent', previous, reason: 'rewritten' };
  }

  let encodedProof: readonly string[];
  try {
    ({ proof: encodedProof } = await fetchConsistencyProof(previous.size, checkpoint.size, signal));
  } catch (error) {
    if (signal.aborted) throw error;
    return { kind: 'unavailable', previous };
  }
  const proof = decodeHashes(encodedProof);
  // Both roots come from what the reader holds: the one remembered from last time and the signed
  // one. The roots in the proof response are the server's word, and a log showing two histories
  // would simply send roots that fit its proof.
  const isAppendOnly =
    proof !== undefined &&
    verifyConsistency(previous.size, checkpoint.size, proof, previous.rootHash, checkpoint.rootHash);
  return isAppendOnly
    ? { kind: 'consistent', previous }
    : { kind: 'inconsistent', previous, reason: 'proof-failed' };
}

/** undefined when any hash is not base64, which makes the whole proof a failed one. */
export function decodeHashes(encoded: readonly string[]): Uint8Array[] | undefined {
  const hashes = encoded.map(decodeBase64);
  return hashes.every((hash) => hash !== undefined) ? hashes : undefined;
}
