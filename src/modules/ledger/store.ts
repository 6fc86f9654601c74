import { type Kysely, sql } from 'kysely';
import type { Tables } from '../../platform/db/index.ts';
import type { NodeId, TreeNode } from './merkle.ts';

declare module '../../platform/db/tables.ts' {
  interface Tables {
    ledger_pending: {
      id: import('kysely').Generated<bigint>;
      entry: Uint8Array;
      record_type: string;
      record_id: string;
      recorded_at: Date;
    };
    ledger_leaf: LeafRow;
    ledger_node: { level: number; node_index: bigint; hash: Uint8Array };
    ledger_checkpoint: CheckpointRow;
    ledger_cosignature: CosignatureRow;
    ledger_witnessed_log: WitnessedLogRow;
  }
}

export type LeafRow = {
  leaf_index: bigint;
  entry: Uint8Array;
  leaf_hash: Uint8Array;
  record_type: string;
  record_id: string;
  recorded_at: Date;
  integrated_at: Date;
};
export type CheckpointRow = { tree_size: bigint; root_hash: Uint8Array; note: string; created_at: Date };
export type CosignatureRow = {
  tree_size: bigint;
  witness_name: string;
  witness_key_id: bigint;
  cosigned_at: Date;
  signature_line: string;
  received_at: Date;
};
export type WitnessedLogRow = {
  origin: string;
  verifier_key: string;
  tree_size: bigint;
  root_hash: Uint8Array;
  updated_at: Date;
};

type Db = Kysely<Tables>;

/** node-postgres sends a Buffer as bytea; PGlite takes any Uint8Array, Buffer included. */
const bytes = (value: Uint8Array) => Buffer.from(value.buffer, value.byteOffset, value.byteLength);

export type PendingInsert = { entry: Uint8Array; recordType: string; recordId: string; recordedAt: Date };

export async function insertPending(db: Db, rows: readonly PendingInsert[]): Promise<void> {
  if (rows.length === 0) return;
  await sql`
    insert into ledger_pending (entry, record_type, record_id, recorded_at)
    select * from unnest(
      ${rows.map((row) => bytes(row.entry))}::bytea[],
      ${rows.map((row) => row.recordType)}::text[],
      ${rows.map((row) => row.recordId)}::text[],
      ${rows.map((row) => row.recordedAt.toISOString())}::timestamptz[]
    )
  `.execute(db);
}

export type IntegratedLeaf = { leaf_index: bigint; leaf_hash: Uint8Array };

/**
 * Moves up to `limit` pending events, in arrival order, into the log from `firstIndex` on, in one
 * statement: the entries never leave the database, which hashes them itself (RFC 9162 leaf hash,
 * SHA-256 over 0x00 ‖ entry) and hands back only the 32-byte leaf hashes the tree is built from.
 * Copying every entry out to the integrator and back in was most of an integration's cost.
 */
export async function movePendingToLeaves(
  db: Db,
  firstIndex: bigint,
  limit: number,
  integratedAt: Date,
): Promise<IntegratedLeaf[]> {
  const result = await sql<IntegratedLeaf>`
    with taken as (
      select id from ledger_pending order by id limit ${limit}
    ), moved as (
      delete from ledger_pending p using taken where p.id = taken.id
      returning p.id, p.entry, p.record_type, p.record_id, p.recorded_at
    )
    insert into ledger_leaf (leaf_index, entry, leaf_hash, record_type, record_id, recorded_at, integrated_at)
    select ${String(firstIndex)}::bigint + row_number() over (order by id) - 1, entry,
      sha256('\\x00'::bytea || entry), record_type, record_id, recorded_at, ${integratedAt.toISOString()}::timestamptz
    from moved
    returning leaf_index, leaf_hash
  `.execute(db);
  return result.rows.sort((a, b) => (a.leaf_index < b.leaf_index ? -1 : 1));
}

/**
 * Bulk inserts pass one array per column (unnest), so a batch of thousands of rows is one statement
 * with a handful of parameters instead of thousands.
 */
export async function insertNodes(db: Db, nodes: readonly TreeNode[]): Promise<void> {
  if (nodes.length === 0) return;
  await sql`
    insert into ledger_node (level, node_index, hash)
    select * from unnest(
      ${nodes.map((node) => node.level)}::smallint[],
      ${nodes.map((node) => String(node.index))}::bigint[],
      ${nodes.map((node) => bytes(node.hash))}::bytea[]
    )
  `.execute(db);
}

export function nodeKey(level: number, index: number): string {
  return `${level}:${index}`;
}

/** Fetches the listed nodes in one round trip; a proof needs O(log n) of them. */
export async function findNodes(db: Db, ids: readonly NodeId[]): Promise<Map<string, Uint8Array>> {
  const found = new Map<string, Uint8Array>();
  if (ids.length === 0) return found;
  const levels = ids.map((id) => id.level);
  const indices = ids.map((id) => String(id.index));
  const result = await sql<{ level: number; node_index: bigint; hash: Uint8Array }>`
    select n.level, n.node_index, n.hash
    from unnest(${levels}::smallint[], ${indices}::bigint[]) as wanted(level, node_index)
    join ledger_node n on n.level = wanted.level and n.node_index = wanted.node_index
  `.execute(db);
  for (const row of result.rows)
    found.set(nodeKey(row.level, Number(row.node_index)), new Uint8Array(row.hash));
  return found;
}

export async function insertCheckpoint(db: Db, row: CheckpointRow): Promise<void> {
  await db
    .insertInto('ledger_checkpoint')
    .values({ ...row, root_hash: bytes(row.root_hash) })
    .execute();
}

const CHECKPOINT_COLUMNS = ['tree_size', 'root_hash', 'note', 'created_at'] as const;

export async function findLatestCheckpoint(db: Db): Promise<CheckpointRow | undefined> {
  return db
    .selectFrom('ledger_checkpoint')
    .select(CHECKPOINT_COLUMNS)
    .orderBy('tree_size', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export async function findCheckpoint(db: Db, treeSize: bigint): Promise<CheckpointRow | undefined> {
  return db
    .selectFrom('ledger_checkpoint')
    .select(CHECKPOINT_COLUMNS)
    .where('tree_size', '=', treeSize)
    .executeTakeFirst();
}

export async function listCheckpoints(db: Db, afterSize: bigint, limit: number): Promise<CheckpointRow[]> {
  return db
    .selectFrom('ledger_checkpoint')
    .select(CHECKPOINT_COLUMNS)
    .where('tree_size', '>', afterSize)
    .orderBy('tree_size')
    .limit(limit)
    .execute();
}

const LEAF_COLUMNS = [
  'leaf_index',
  'entry',
  'leaf_hash',
  'record_type',
  'record_id',
  'recorded_at',
  'integrated_at',
] as const;

export async function findLeaf(db: Db, index: bigint): Promise<LeafRow | undefined> {
  return db.selectFrom('ledger_leaf').select(LEAF_COLUMNS).where('leaf_index', '=', index).executeTakeFirst();
}

export async function listLeaves(db: Db, fromIndex: bigint, limit: number): Promise<LeafRow[]> {
  return db
    .selectFrom('ledger_leaf')
    .select(LEAF_COLUMNS)
    .where('leaf_index', '>=', fromIndex)
    .orderBy('leaf_index')
    .limit(limit)
    .execute();
}

export async function listLeavesForRecord(db: Db, recordType: string, recordId: string, limit: number) {
  return db
    .selectFrom('ledger_leaf')
    .select(LEAF_COLUMNS)
    .where('record_type', '=', recordType)
    .where('record_id', '=', recordId)
    .orderBy('leaf_index')
    .limit(limit)
    .execute();
}

export async function listPendingForRecord(db: Db, recordType: string, recordId: string, limit: number) {
  return db
    .selectFrom('ledger_pending')
    .select(['entry', 'recorded_at'])
    .where('record_type', '=', recordType)
    .where('record_id', '=', recordId)
    .orderBy('id')
    .limit(limit)
    .execute();
}

export async function upsertCosignature(db: Db, row: CosignatureRow): Promise<void> {
  await db
    .insertInto('ledger_cosignature')
    .values(row)
    .onConflict((conflict) =>
      conflict.columns(['tree_size', 'witness_name', 'witness_key_id']).doUpdateSet({
        cosigned_at: row.cosigned_at,
        signature_line: row.signature_line,
        received_at: row.received_at,
      }),
    )
    .execute();
}

export async function listCosignatures(db: Db, treeSize: bigint): Promise<CosignatureRow[]> {
  return db
    .selectFrom('ledger_cosignature')
    .select(['tree_size', 'witness_name', 'witness_key_id', 'cosigned_at', 'signature_line', 'received_at'])
    .where('tree_size', '=', treeSize)
    .orderBy('witness_name')
    .execute();
}

export async function findWitnessedLog(db: Db, origin: string): Promise<WitnessedLogRow | undefined> {
  return db
    .selectFrom('ledger_witnessed_log')
    .select(['origin', 'verifier_key', 'tree_size', 'root_hash', 'updated_at'])
    .where('origin', '=', origin)
    .executeTakeFirst();
}

export async function upsertWitnessedLog(db: Db, row: WitnessedLogRow): Promise<void> {
  const values = { ...row, root_hash: bytes(row.root_hash) };
  await db
    .insertInto('ledger_witnessed_log')
    .values(values)
    .onConflict((conflict) =>
      conflict.column('origin').doUpdateSet({
        verifier_key: values.verifier_key,
        tree_size: values.tree_size,
        root_hash: values.root_hash,
        updated_at: values.updated_at,
      }),
    )
    .execute();
}

/** Exactly one integrator at a time across all servers: a transaction-scoped advisory lock. */
const INTEGRATOR_LOCK_KEY = 7_420_150_002n;

export async function tryLockIntegrator(db: Db): Promise<boolean> {
  const result = await sql<{
    locked: boolean;
  }>`select pg_try_advisory_xact_lock(${INTEGRATOR_LOCK_KEY}) as locked`.execute(db);
  return result.rows[0]?.locked === true;
}
