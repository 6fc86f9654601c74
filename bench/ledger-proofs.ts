/**
 * Inclusion and consistency proof time at large tree sizes, through the service functions the API
 * calls (one indexed query for the O(log n / 4) tiles holding the subtrees, then the proof maths). The tree is built
 * inside PostgreSQL with set-based SQL — leaf hashes with sha256(0x00 ‖ entry), each level from the
 * one below with sha256(0x01 ‖ left ‖ right) — so building 10 M leaves takes minutes, not hours,
 * and the stored tree is independent of the TypeScript that reads it. Each proof is verified.
 *
 *   BENCH_DATABASE_URL=postgres://… node bench/ledger-proofs.ts [sizes, e.g. 1000000,10000000] [proofs per size]
 */
import { sql } from 'kysely';
import {
  computeRootAtSize,
  getConsistencyProof,
  getInclusionProof,
  verifyConsistency,
  verifyInclusion,
} from '../src/modules/ledger/index.ts';
import { readMigrationFiles } from '../src/platform/migrations/index.ts';
import { MIGRATIONS_DIR } from '../src/runtime.ts';
import { freshBenchDatabase, machine, ratioLine } from './support.ts';

const tilesMigration = readMigrationFiles(MIGRATIONS_DIR).find((file) =>
  file.name.endsWith('_ledger-tiles.sql'),
);
const tileConversion = tilesMigration!.sql.slice(tilesMigration!.sql.indexOf('with tiles as'));

const sizes = (process.argv[2] ?? '1000000,10000000').split(',').map(Number);
const samples = Number(process.argv[3] ?? 2000);
const LIMIT_MS = 1;
const fromBase64 = (text: string) => new Uint8Array(Buffer.from(text, 'base64'));

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

console.log(`machine: ${machine()}; PostgreSQL; ${samples} proofs per size`);
for (const size of sizes) {
  const bench = await freshBenchDatabase(2);
  const { db } = bench.database;
  const buildStarted = performance.now();
  await sql`
    insert into ledger_leaf (leaf_index, entry, leaf_hash, record_type, record_id, recorded_at, integrated_at)
    select i, e, sha256('\\x00'::bytea || e), 'bench.item', i::text, now(), now()
    from (select i, convert_to('{"v":1,"bench":' || i || '}', 'UTF8') as e from generate_series(0, ${size - 1}::bigint) as i) leaves
  `.execute(db);
  await sql`create table ledger_node (level smallint, node_index bigint, hash bytea, primary key (level, node_index))`.execute(
    db,
  );
  await sql`insert into ledger_node (level, node_index, hash) select 0, leaf_index, leaf_hash from ledger_leaf`.execute(
    db,
  );
  for (let level = 0; 2 ** (level + 1) <= size; level++) {
    await sql`
      insert into ledger_node (level, node_index, hash)
      select ${level + 1}, l.node_index / 2, sha256('\\x01'::bytea || l.hash || r.hash)
      from ledger_node l join ledger_node r on r.level = l.level and r.node_index = l.node_index + 1
      where l.level = ${level} and l.node_index % 2 = 0
    `.execute(db);
  }
  // Packed into tiles by the very statements the tiles migration uses on a log stored one subtree
  // per row, so the bench stores exactly what a deployment does.
  await sql.raw(tileConversion).execute(db);
  // Measured in the steady state a deployment is in: statistics and visibility maps current, the
  // build's dirty pages written out, so the timings are not those of a vacuum or checkpoint catching up.
  await sql`vacuum analyze ledger_tile`.execute(db);
  await sql`vacuum analyze ledger_leaf`.execute(db);
  await sql`checkpoint`.execute(db);
  // The checkpoint row only carries the size and root the proof API reads; it is not signed here.
  const rootHash = await computeRootAtSize(db, size);
  await sql`insert into ledger_checkpoint (tree_size, root_hash, note, created_at) values (${size}, ${Buffer.from(rootHash)}, 'bench', now())`.execute(
    db,
  );
  const buildSeconds = (performance.now() - buildStarted) / 1000;

  // Warm-up, untimed: the first proofs pay for compiling the code paths and loading the index pages.
  for (let i = 0; i < 1000; i++) {
    await getInclusionProof(db, BigInt(Math.floor(Math.random() * size)), BigInt(size));
    await getConsistencyProof(db, BigInt(1 + Math.floor(Math.random() * (size - 1))), BigInt(size));
  }

  const inclusionMs: number[] = [];
  const consistencyMs: number[] = [];
  for (let i = 0; i < samples; i++) {
    const index = BigInt(Math.floor(Math.random() * size));
    let started = performance.now();
    // A verifying client asks at the size of the checkpoint it holds.
    const proof = await getInclusionProof(db, index, BigInt(size));
    inclusionMs.push(performance.now() - started);
    if (
      i < 50 &&
      !verifyInclusion(index, BigInt(size), fromBase64(proof.leafHash), proof.proof.map(fromBase64), rootHash)
    ) {
      throw new Error(`inclusion proof for ${index} does not verify`);
    }
    const from = BigInt(1 + Math.floor(Math.random() * (size - 1)));
    started = performance.now();
    const consistency = await getConsistencyProof(db, from, BigInt(size));
    consistencyMs.push(performance.now() - started);
    if (
      i < 50 &&
      !verifyConsistency(
        from,
        BigInt(size),
        consistency.proof.map(fromBase64),
        fromBase64(consistency.fromRootHash),
        rootHash,
      )
    ) {
      throw new Error(`consistency proof from ${from} does not verify`);
    }
  }
  console.log(`size ${size.toLocaleString('en')}: tree built in SQL in ${buildSeconds.toFixed(0)} s`);
  console.log(ratioLine(`  inclusion proof p50`, percentile(inclusionMs, 50), 'ms', LIMIT_MS, 'limit'));
  console.log(ratioLine(`  inclusion proof p99`, percentile(inclusionMs, 99), 'ms', LIMIT_MS, 'limit'));
  console.log(ratioLine(`  consistency proof p50`, percentile(consistencyMs, 50), 'ms', LIMIT_MS, 'limit'));
  console.log(ratioLine(`  consistency proof p99`, percentile(consistencyMs, 99), 'ms', LIMIT_MS, 'limit'));
  await bench.drop();
}
