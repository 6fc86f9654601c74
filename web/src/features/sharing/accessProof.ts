import { hashLeaf } from '../../../../src/modules/ledger/portable.ts';
import { auditLatestCheckpoint, checkEventInclusion, decodeBase64 } from '../ledger/index.ts';
import type { DataAccess } from './sharingApi.ts';

export type InclusionVerdict = 'checking' | 'verified' | 'failed' | 'pending' | 'unavailable';

function toBase64(bytes: Uint8Array): string {
  return btoa(String.fromCharCode(...bytes));
}

/**
 * Each access's verdict, checked here rather than trusted: the latest checkpoint's signature is
 * verified, the proof is asked for at that checkpoint's size, and the logged entry the server shows
 * must hash to the leaf the proof is for, so that a proof of some other event cannot pass.
 */
export async function checkAccessInclusion(
  accesses: readonly DataAccess[],
  signal: AbortSignal,
): Promise<Record<string, InclusionVerdict>> {
  const audit = await auditLatestCheckpoint(signal).catch(() => undefined);
  const verdicts: Record<string, InclusionVerdict> = {};
  for (const access of accesses) {
    const { leafIndex, entry } = access.ledger;
    if (!audit) {
      verdicts[access.id] = 'unavailable';
      continue;
    }
    // A checkpoint signed by a key other than the one this device remembers, or one that rewrites
    // history seen before, proves nothing, however well a proof fits its root.
    if (
      audit.kind === 'rejected' ||
      (audit.kind === 'verified' &&
        (audit.keyTrust.kind === 'changed' || audit.appendOnly.kind === 'inconsistent'))
    ) {
      verdicts[access.id] = 'failed';
      continue;
    }
    if (audit.kind === 'empty' || leafIndex === null || BigInt(leafIndex) >= audit.checkpoint.size) {
      verdicts[access.id] = 'pending';
      continue;
    }
    const check = await checkEventInclusion(BigInt(leafIndex), audit.checkpoint, signal);
    const entryBytes = entry === null ? undefined : decodeBase64(entry);
    verdicts[access.id] =
      check.kind === 'unavailable'
        ? 'unavailable'
        : check.kind === 'verified' && entryBytes && toBase64(hashLeaf(entryBytes)) === check.leafHash
          ? 'verified'
          : 'failed';
  }
  return verdicts;
}
