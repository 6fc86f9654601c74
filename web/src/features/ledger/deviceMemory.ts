/**
 * What this browser remembers about a log between visits, one entry per log origin: the verifier
 * key it first saw (trust on first use) and the last checkpoint it verified (so that the next
 * visit can ask for proof that the log only grew). Nothing here is secret; it is the reader's own
 * record of what the server showed them, kept where the server cannot rewrite it.
 */
import { decodeBase64, encodeBase64 } from './base64.ts';

export interface RememberedKey {
  verifierKey: string;
  rememberedAt: string;
}

export interface RememberedCheckpoint {
  size: bigint;
  rootHash: Uint8Array;
  /** When this browser verified it, which is what the reader recognises as "when I looked". */
  seenAt: string;
}

/** Exported for the browser test, which plants an earlier checkpoint under these keys. */
export const storageKeys = {
  verifierKey: (origin: string) => `shuzhi.ledger.verifierKey:${origin}`,
  checkpoint: (origin: string) => `shuzhi.ledger.checkpoint:${origin}`,
};

// Never 0: an empty tree is a prefix of every tree, so no proof from it means anything and none is stored.
const SIZE_PATTERN = /^[1-9][0-9]*$/;

export function readRememberedKey(origin: string): RememberedKey | null {
  const stored = readJson(storageKeys.verifierKey(origin));
  if (typeof stored?.verifierKey !== 'string' || typeof stored.rememberedAt !== 'string') return null;
  return { verifierKey: stored.verifierKey, rememberedAt: stored.rememberedAt };
}

/** false when the browser refuses to store (privacy settings, a full or blocked storage). */
export function rememberKey(origin: string, key: RememberedKey): boolean {
  return writeJson(storageKeys.verifierKey(origin), key);
}

export function readRememberedCheckpoint(origin: string): RememberedCheckpoint | null {
  const stored = readJson(storageKeys.checkpoint(origin));
  if (
    typeof stored?.size !== 'string' ||
    !SIZE_PATTERN.test(stored.size) ||
    typeof stored.rootHash !== 'string' ||
    typeof stored.seenAt !== 'string'
  ) {
    return null;
  }
  const rootHash = decodeBase64(stored.rootHash);
  return rootHash ? { size: BigInt(stored.size), rootHash, seenAt: stored.seenAt } : null;
}

export function rememberCheckpoint(origin: string, checkpoint: RememberedCheckpoint): boolean {
  return writeJson(storageKeys.checkpoint(origin), {
    size: checkpoint.size.toString(),
    rootHash: encodeBase64(checkpoint.rootHash),
    seenAt: checkpoint.seenAt,
  });
}

function readJson(storageKey: string): Record<string, unknown> | null {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(storageKey) ?? 'null');
    return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : null;
  } catch {
    // Blocked storage or an entry that is no JSON: as if this browser had never been here.
    return null;
  }
}

function writeJson(storageKey: string, value: object): boolean {
  try {
    localStorage.setItem(storageKey, JSON.stringify(value));
    return true;
  } catch {
    return false;
  }
}
