import type { Kysely } from 'kysely';
import type { Clock } from '../../platform/clock/index.ts';
import type { Tables } from '../../platform/db/index.ts';
import {
  type AuditEvent,
  type DecodedAuditEvent,
  decodeAuditEvent,
  encodeAuditEvent,
} from './audit-event.ts';
import { ledgerErrors } from './errors.ts';
import { type LedgerKeys, logVerifiers, ownVerifier } from './keys.ts';
import {
  consistencyProof,
  consistencyProofNodeIds,
  frontierNodeIds,
  inclusionProof,
  inclusionProofNodeIds,
  type NodeHashSource,
  type NodeId,
  rootAtSize,
} from './merkle.ts';
import {
  COSIGNATURE_V1,
  formatNote,
  formatVerifierKey,
  type NoteVerifier,
  openNote,
  parseCheckpoint,
  parseNote,
  parseVerifierKey,
  signNote,
} from './note.ts';
import {
  findCheckpoint,
  findLatestCheckpoint,
  findLeaf,
  findNodes,
  findWitnessedLog,
  insertPending,
  listCosignatures,
  listLeavesForRecord,
  listPendingForRecord,
  listSigningKeys,
  nodeKey,
  upsertCosignature,
  upsertWitnessedLog,
} from './store.ts';
import { verifyConsistency } from './verify.ts';

type Db = Kysely<Tables>;

/**
 * Records an audit event in the caller's transaction. It becomes a leaf when the integrator next
 * runs (within about a second); if the business transaction rolls back, so does the event.
 */
export async function recordAuditEvent(tx: Db, event: AuditEvent): Promise<void> {
  await recordAuditEvents(tx, [event]);
}

/** Several events of one business transaction (a batch approval, an import) in one statement. */
export async function recordAuditEvents(tx: Db, events: readonly AuditEvent[]): Promise<void> {
  await insertPending(
    tx,
    events.map((event) => ({
      entry: encodeAuditEvent(event),
      recordType: event.record.type,
      recordId: event.record.id,
      recordedAt: event.at,
    })),
  );
}

/**
 * The one way a service changes state: the change and its audit event commit together or not at
 * all, so a state change without its audit record cannot be written.
 */
export async function auditedWrite<T>(db: Db, event: AuditEvent, write: (tx: Db) => Promise<T>): Promise<T> {
  const work = async (tx: Db) => {
    const result = await write(tx);
    await recordAuditEvent(tx, event);
    return result;
  };
  // Inside a caller's transaction (a seed step, a larger service operation) the write joins it.
  return db.isTransaction ? work(db) : db.transaction().execute(work);
}

/**
 * The keys a client may meet on this log's checkpoints. Only keys the configuration trusts are
 * listed (the current signer and the retired ones); the database contributes just when each took
 * over, so someone who can write to it cannot slip in a key of their own.
 */
export async function getSigningKeys(db: Db, keys: LedgerKeys) {
  const periods = await listSigningKeys(db);
  const current = formatVerifierKey(ownVerifier(keys));
  const trusted = [...keys.retired.map(formatVerifierKey), current];
  const listed = trusted.map((verifierKey) => {
    const position = periods.findIndex((period) => period.verifier_key === verifierKey);
    const period = periods[position];
    const next = periods[position + 1];
    return {
      verifierKey,
      state: verifierKey === current ? ('current' as const) : ('retired' as const),
      firstTreeSize: period ? period.first_tree_size.toString() : null,
      lastTreeSize: period && next ? (next.first_tree_size - 1n).toString() : null,
      firstSignedAt: period ? period.first_signed_at.toISOString() : null,
    };
  });
  // Oldest first; a key that has signed nothing here yet (just configured) goes last.
  const byFirstSize = (a: (typeof listed)[number], b: (typeof listed)[number]) => {
    if (a.firstTreeSize === null || b.firstTreeSize === null) {
      return Number(a.firstTreeSize === null) - Number(b.firstTreeSize === null);
    }
    const difference = BigInt(a.firstTreeSize) - BigInt(b.firstTreeSize);
    return difference === 0n ? 0 : difference < 0n ? -1 : 1;
  };
  return { origin: keys.origin, keys: listed.sort(byFirstSize) };
}

const toBase64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

export async function getLatestCheckpoint(db: Db, keys: LedgerKeys) {
  const checkpoint = await findLatestCheckpoint(db);
  if (!checkpoint) throw ledgerErrors.emptyLog();
  const cosignatures = await listCosignatures(db, checkpoint.tree_size);
  const note = withCosignatures(
    checkpoint.note,
    cosignatures.map((c) => c.signature_line),
  );
  return {
    origin: keys.origin,
    treeSize: checkpoint.tree_size.toString(),
    rootHash: toBase64(checkpoint.root_hash),
    createdAt: checkpoint.created_at.toISOString(),
    note,
    verifierKey: formatVerifierKey(ownVerifier(keys)),
    witnessKeys: keys.witnesses.map(formatVerifierKey),
    cosignatures: cosignatures.map((c) => ({
      witness: c.witness_name,
      cosignedAt: c.cosigned_at.toISOString(),
    })),
  };
}

function withCosignatures(note: string, lines: string[]): string {
  return lines.length === 0 ? note : `${note}${lines.map((line) => `${line}\n`).join('')}`;
}

async function currentSize(db: Db): Promise<bigint> {
  return (await findLatestCheckpoint(db))?.tree_size ?? 0n;
}

export async function getLeafSummary(db: Db, index: bigint) {
  // Checked before the lookup: an index past the log may also be past what an int8 column holds.
  const size = await currentSize(db);
  const leaf = index < size ? await findLeaf(db, index) : undefined;
  if (!leaf) throw ledgerErrors.leafNotFound(index, size);
  return {
    index: leaf.leaf_index.toString(),
    leafHash: toBase64(leaf.leaf_hash),
    integratedAt: leaf.integrated_at.toISOString(),
  };
}

async function storedNodes(db: Db, ids: NodeId[]): Promise<NodeHashSource> {
  return nodeSource(await findNodes(db, ids));
}

function nodeSource(nodes: Map<string, Uint8Array>): NodeHashSource {
  return (level, index) => {
    const hash = nodes.get(nodeKey(level, index));
    if (!hash) throw new Error(`ledger subtree (level ${level}, index ${index}) is missing from the store`);
    return hash;
  };
}

/** Sizes past 2^53 are valid uint64s but far beyond any stored log; refuse them before any arithmetic. */
async function checkStorableSize(db: Db, size: bigint, what: string): Promise<void> {
  if (size > BigInt(Number.MAX_SAFE_INTEGER))
    throw ledgerErrors.sizeOutOfRange(what, size, await currentSize(db));
}

/**
 * The stored subtrees a proof at `size` needs, in one round trip. A subtree is stored only once it is
 * complete, so the frontier of `size` is all there exactly when the log has reached `size`: a client
 * that names the size of its checkpoint needs no separate look-up of the latest one.
 */
async function nodesAtSize(db: Db, size: bigint, ids: NodeId[], what: string): Promise<NodeHashSource> {
  const frontier = frontierNodeIds(Number(size));
  const nodes = await findNodes(db, [...ids, ...frontier]);
  if (size === 0n || frontier.some((id) => !nodes.has(nodeKey(id.level, id.index)))) {
    throw ledgerErrors.sizeOutOfRange(what, size, await currentSize(db));
  }
  return nodeSource(nodes);
}

/** An inclusion proof for leaf `index` in the tree of `treeSize` leaves (default: the latest checkpoint). */
export async function getInclusionProof(db: Db, index: bigint, treeSize: bigint | undefined) {
  const size = treeSize ?? (await currentSize(db));
  await checkStorableSize(db, size, 'treeSize');
  if (index >= size) throw ledgerErrors.badProofRequest(`leaf ${index} is not in a tree of ${size} leaves`);
  const [i, n] = [Number(index), Number(size)];
  // The leaf hash is the level-0 node, so one query fetches it with the proof's subtrees.
  const nodes = await nodesAtSize(
    db,
    size,
    [{ level: 0, index: i }, ...inclusionProofNodeIds(i, n)],
    'treeSize',
  );
  return {
    leafIndex: index.toString(),
    treeSize: size.toString(),
    leafHash: toBase64(nodes(0, i)),
    rootHash: toBase64(rootAtSize(n, nodes)),
    proof: inclusionProof(i, n, nodes).map(toBase64),
  };
}

export async function getConsistencyProof(db: Db, from: bigint, to: bigint | undefined) {
  const size2 = to ?? (await currentSize(db));
  await checkStorableSize(db, size2, 'to');
  if (from < 1n || from > size2)
    throw ledgerErrors.badProofRequest(`from must be between 1 and ${size2} (got ${from})`);
  const [n1, n2] = [Number(from), Number(size2)];
  const nodes = await nodesAtSize(
    db,
    size2,
    [...consistencyProofNodeIds(n1, n2), ...frontierNodeIds(n1)],
    'to',
  );
  return {
    from: from.toString(),
    to: size2.toString(),
    fromRootHash: toBase64(rootAtSize(n1, nodes)),
    toRootHash: toBase64(rootAtSize(n2, nodes)),
    proof: consistencyProof(n1, n2, nodes).map(toBase64),
  };
}

/** The tree head of the first `size` stored leaves, from O(log n) stored subtrees. */
export async function computeRootAtSize(db: Db, size: number): Promise<Uint8Array> {
  return rootAtSize(size, await storedNodes(db, frontierNodeIds(size)));
}

export type RecordEvent = {
  /** Null while the event waits for the integrator. */
  leafIndex: string | null;
  leafHash: string | null;
  event: DecodedAuditEvent;
};

/** The audit trail of one record, oldest first, including events not yet integrated. */
export async function listRecordEvents(
  db: Db,
  recordType: string,
  recordId: string,
  limit: number,
): Promise<RecordEvent[]> {
  const leaves = await listLeavesForRecord(db, recordType, recordId, limit);
  const pending = await listPendingForRecord(db, recordType, recordId, Math.max(0, limit - leaves.length));
  return [
    ...leaves.map((leaf) => ({
      leafIndex: leaf.leaf_index.toString(),
      leafHash: toBase64(leaf.leaf_hash),
      event: decodeAuditEvent(leaf.entry),
    })),
    ...pending.map((row) => ({ leafIndex: null, leafHash: null, event: decodeAuditEvent(row.entry) })),
  ];
}

/**
 * A witness hands back one of our checkpoints with its cosignature. We accept it when it is by a
 * configured witness, verifies, and cosigns a checkpoint we really signed; then we serve it with the
 * checkpoint, so anyone can see that the province (say) saw the same tree.
 */
export async function acceptCosignature(db: Db, keys: LedgerKeys, clock: Clock, cosignedNote: string) {
  let parsed: ReturnType<typeof parseNote>;
  try {
    parsed = parseNote(cosignedNote);
  } catch (error) {
    throw ledgerErrors.badCosignature(`the note cannot be parsed: ${(error as Error).message}`);
  }
  let checkpointSize: bigint;
  try {
    const checkpoint = parseCheckpoint(parsed.text);
    if (checkpoint.origin !== keys.origin)
      throw new Error(`it is for the log ${checkpoint.origin}, not ${keys.origin}`);
    checkpointSize = checkpoint.size;
  } catch (error) {
    throw ledgerErrors.badCosignature(
      `the note is not one of this log's checkpoints: ${(error as Error).message}`,
    );
  }
  const stored = await findCheckpoint(db, checkpointSize);
  if (!stored || openNote(stored.note, logVerifiers(keys)).text !== parsed.text) {
    throw ledgerErrors.badCosignature(`this log never signed that checkpoint of size ${checkpointSize}`);
  }
  const witnesses = keys.witnesses.filter((w) => w.signatureType === COSIGNATURE_V1);
  if (witnesses.length === 0) throw ledgerErrors.unknownWitness();
  let verified: ReturnType<typeof openNote>['verified'];
  try {
    verified = openNote(cosignedNote, witnesses).verified;
  } catch (error) {
    if ((error as { code?: string }).code === 'unverified-note') throw ledgerErrors.unknownWitness();
    throw ledgerErrors.badCosignature((error as Error).message);
  }
  const now = clock.now();
  const accepted: string[] = [];
  for (const signature of verified) {
    const line = parsed.signatures.find((s) => s.name === signature.name && s.keyId === signature.keyId);
    if (!line || signature.timestamp === undefined) continue;
    const signatureLine = formatNote({ text: parsed.text, signatures: [line] }).slice(
      parsed.text.length + 1,
      -1,
    );
    await upsertCosignature(db, {
      tree_size: checkpointSize,
      witness_name: signature.name,
      witness_key_id: BigInt(signature.keyId),
      cosigned_at: new Date(Number(signature.timestamp) * 1000),
      signature_line: signatureLine,
      received_at: now,
    });
    accepted.push(signature.name);
  }
  return { treeSize: checkpointSize.toString(), acceptedWitnesses: accepted };
}

/**
 * This deployment as a witness of another's log: check the new checkpoint's signature and that it
 * extends the last one we cosigned (consistency proof), remember it, and return our cosignature.
 * A log that forks is refused, which is the whole point of witnessing.
 */
export async function witnessCheckpoint(
  db: Db,
  keys: LedgerKeys,
  clock: Clock,
  input: { logVerifierKey: string; checkpointNote: string; consistencyProof: Uint8Array[] },
) {
  let logVerifier: NoteVerifier;
  try {
    logVerifier = parseVerifierKey(input.logVerifierKey);
  } catch (error) {
    throw ledgerErrors.badCosignature(`the log's verifier key is not valid: ${(error as Error).message}`);
  }
  let checkpoint: ReturnType<typeof parseCheckpoint>;
  let text: string;
  try {
    text = openNote(input.checkpointNote, [logVerifier]).text;
    checkpoint = parseCheckpoint(text);
  } catch (error) {
    throw ledgerErrors.badCosignature(
      `the checkpoint is not signed by the log's key: ${(error as Error).message}`,
    );
  }
  const previous = await findWitnessedLog(db, checkpoint.origin);
  if (previous) {
    const isConsistent =
      checkpoint.size >= previous.tree_size &&
      verifyConsistency(
        previous.tree_size,
        checkpoint.size,
        input.consistencyProof,
        previous.root_hash,
        checkpoint.rootHash,
      );
    if (!isConsistent) {
      throw ledgerErrors.inconsistentLog(
        `the checkpoint at size ${checkpoint.size} of ${checkpoint.origin} does not extend the one at size ${previous.tree_size} that this deployment cosigned`,
      );
    }
  }
  const now = clock.now();
  await upsertWitnessedLog(db, {
    origin: checkpoint.origin,
    verifier_key: input.logVerifierKey,
    tree_size: checkpoint.size,
    root_hash: checkpoint.rootHash,
    updated_at: now,
  });
  const timestamp = BigInt(Math.floor(now.getTime() / 1000));
  const cosigned = signNote(text, [keys.witnessSigner], { timestamp });
  const cosignatureLine = cosigned.slice(text.length + 1);
  return { cosignedNote: `${input.checkpointNote}${cosignatureLine}`, treeSize: checkpoint.size.toString() };
}

export function witnessVerifierKey(keys: LedgerKeys): string {
  return formatVerifierKey({
    name: keys.witnessSigner.name,
    keyId: keys.witnessSigner.keyId,
    signatureType: keys.witnessSigner.signatureType,
    publicKey: keys.witnessSigner.publicKey,
  });
}
