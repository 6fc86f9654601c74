import { type Kysely, sql } from 'kysely';
import type { Tables } from '../../platform/db/index.ts';
import type { NodeId, TreeNode } from './merkle.ts';
import { nodeFromTile, packNodes, placeNode, type Tile, type TileKey, tileKeyString } from './tiles.ts';

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
    ledger_tile: { tile_level: number; tile_index: bigint; width: number; hashes: Uint8Array };
    ledger_checkpoint: CheckpointRow;
    ledger_cosignature: CosignatureRow;
    ledger_witnessed_log: WitnessedLogRow;
    ledger_signing_key: SigningKeyRow;
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
export type SigningKeyRow = { verifier_key: string; first_tree_size: bigint; first_signed_at: Date };
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

type TileRow = { tile_level: number; tile_index: bigint; width: number; hashes: Uint8Array };

async function findTiles(db: Db, keys: readonly TileKey[]): Promise<Map<string, Tile>> {
  const tiles = new Map<string, Tile>();
  if (keys.length === 0) return tiles;
  const result = await sql<TileRow>`
    select t.tile_level, t.tile_index, t.width, t.hashes
    from unnest(
      ${keys.map((key) => key.tileLevel)}::smallint[],
      ${keys.map((key) => String(key.tileIndex))}::bigint[]
    ) as wanted(tile_level, tile_index)
    join ledger_tile t on t.tile_level = wanted.tile_level and t.tile_index = wanted.tile_index
  `.execute(db);
  for (const row of result.rows) {
    const tile = {
      tileLevel: row.tile_level,
      tileIndex: Number(row.tile_index),
      width: row.width,
      hashes: new Uint8Array(row.hashes),
    };
    tiles.set(tileKeyString(tile), tile);
  }
  return tiles;
}

function distinctTileKeys(ids: readonly NodeId[]): TileKey[] {
  const keys = new Map<string, TileKey>();
  for (const id of ids) {
    const { key } = placeNode(id);
    keys.set(tileKeyString(key), key);
  }
  return [...keys.values()];
}

/**
 * Stores newly completed subtrees: the tiles they fall in are read (only right-edge tiles can
 * already exist), filled in and written back, all in two statements whatever the batch size.
 */
export async function storeNodes(db: Db, nodes: readonly TreeNode[]): Promise<void> {
  if (nodes.length === 0) return;
  const tiles = packNodes(nodes, await findTiles(db, distinctTileKeys(nodes)));
  await sql`
    insert into ledger_tile (tile_level, tile_index, width, hashes)
    select * from unnest(
      ${tiles.map((tile) => tile.tileLevel)}::smallint[],
      ${tiles.map((tile) => String(tile.tileIndex))}::bigint[],
      ${tiles.map((tile) => tile.width)}::smallint[],
      ${tiles.map((tile) => bytes(tile.hashes))}::bytea[]
    )
    on conflict (tile_level, tile_index) do update set width = excluded.width, hashes = excluded.hashes
  `.execute(db);
}

export function nodeKey(level: number, index: number): string {
  return `${level}:${index}`;
}

/** Fetches the listed nodes, present only if complete, in one round trip of O(log n / 4) tiles. */
export async function findNodes(db: Db, ids: readonly NodeId[]): Promise<Map<string, Uint8Array>> {
  const found = new Map<string, Uint8Array>();
  const tiles = await findTiles(db, distinctTileKeys(ids));
  for (const id of ids) {
    const tile = tiles.get(tileKeyString(placeNode(id).key));
    const hash = tile && nodeFromTile(tile, id);
    if (hash) found.set(nodeKey(id.level, id.index), hash);
  }
  return found;
}

export async function insertCheckpoint(db: Db, row: CheckpointRow): Promise<void> {
  await db
    .insertInto('ledger_checkpoint')
    .values({ ...row, root_hash: bytes(row.root_hash) })
    .execute();
}

/**
 * Notes that `verifierKey` signed the checkpoint of `treeSize`, if it is new to the log. The first
 * key ever recorded is dated from the log's earliest checkpoint: before the key history existed, one
 * key signed them all.
 */
export async function recordSigningKey(db: Db, verifierKey: string, treeSize: bigint): Promise<void> {
  await sql`
    insert into ledger_signing_key (verifier_key, first_tree_size, first_signed_at)
    select ${verifierKey}, first.tree_size, first.created_at
    from (
      select tree_size, created_at from ledger_checkpoint
      where exists (select from ledger_signing_key) and tree_size = ${String(treeSize)}::bigint
      union all
      (select tree_size, created_at from ledger_checkpoint
       where not exists (select from ledger_signing_key)
       order by tree_size limit 1)
    ) as first
    on conflict (verifier_key) do nothing
  `.execute(db);
}

export async function listSigningKeys(db: Db): Promise<SigningKeyRow[]> {
  return db
    .selectFrom('ledger_signing_key')
    .select(['verifier_key', 'first_tree_size', 'first_signed_at'])
    .orderBy('first_tree_size')
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
