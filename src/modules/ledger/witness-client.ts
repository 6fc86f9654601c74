import type { Kysely } from 'kysely';
import { type Clock, systemClock } from '../../platform/clock/index.ts';
import type { Tables } from '../../platform/db/index.ts';
import type { LedgerKeys } from './keys.ts';
import { openNote, parseCheckpoint, parseVerifierKey } from './note.ts';
import { witnessCheckpoint } from './service.ts';
import { findWitnessedLog } from './store.ts';

/**
 * The witness's side of the exchange over HTTP: fetch the other log's checkpoint and, when it has
 * grown since we last cosigned, a consistency proof from that size; cosign only if it is consistent;
 * post the cosignature back to the log.
 */
export async function witnessRemoteLog(
  db: Kysely<Tables>,
  keys: LedgerKeys,
  baseUrl: string,
  logVerifierKey: string,
  clock: Clock = systemClock,
): Promise<{ origin: string; treeSize: string; accepted: boolean }> {
  const base = baseUrl.replace(/\/+$/, '');
  const latest = (await getJson(`${base}/api/ledger/checkpoint`)) as { note: string };
  const logVerifier = parseVerifierKey(logVerifierKey);
  const checkpoint = parseCheckpoint(openNote(latest.note, [logVerifier]).text);
  const previous = await findWitnessedLog(db, checkpoint.origin);
  let proof: Uint8Array[] = [];
  if (previous && previous.tree_size < checkpoint.size) {
    const consistency = (await getJson(
      `${base}/api/ledger/proofs/consistency?from=${previous.tree_size}&to=${checkpoint.size}`,
    )) as { proof: string[] };
    proof = consistency.proof.map((hash) => new Uint8Array(Buffer.from(hash, 'base64')));
  }
  const cosigned = await witnessCheckpoint(db, keys, clock, {
    logVerifierKey,
    checkpointNote: logSignatureOnly(latest.note, logVerifier.name),
    consistencyProof: proof,
  });
  const response = await fetch(`${base}/api/ledger/cosignatures`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ note: cosigned.cosignedNote }),
  });
  return { origin: checkpoint.origin, treeSize: cosigned.treeSize, accepted: response.ok };
}

/** The served note may already carry other witnesses' lines; we cosign the log's own signed note. */
function logSignatureOnly(note: string, logKeyName: string): string {
  const [text, signatures = ''] = note.split('\n\n');
  const own = signatures
    .split('\n')
    .filter((line) => line.startsWith(`\u2014 ${logKeyName} `))
    .map((line) => `${line}\n`)
    .join('');
  return `${text}\n\n${own}`;
}

async function getJson(url: string): Promise<unknown> {
  const response = await fetch(url, { headers: { accept: 'application/json' } });
  if (!response.ok) throw new Error(`GET ${url} answered ${response.status}: ${await response.text()}`);
  return response.json();
}
