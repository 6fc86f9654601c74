/**
 * Sustained audit appends through the real path — a business transaction that records one event,
 * then the integrator folding it into the tree and signing a checkpoint — against the raw SHA-256
 * hashing rate of the same machine in the same run.
 *
 * A business transaction records one event in the common case and several when one action changes
 * several records (a batch approval); the third argument sets how many. The run also measures the
 * rate of trivial transactions (begin; select 1; commit) on the same pool: the ceiling that the
 * database round trips put on one-event transactions, whatever the ledger does.
 *
 *   BENCH_DATABASE_URL=postgres://… node bench/ledger-appends.ts [seconds] [writers] [events per transaction]
 */
import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { loadConfig } from '../src/config.ts';
import {
  encodeAuditEvent,
  integrateBatch,
  ownVerifier,
  recordAuditEvents,
  resolveLedgerKeys,
  verifyLedger,
} from '../src/modules/ledger/index.ts';
import { systemClock } from '../src/platform/clock/index.ts';
import { freshBenchDatabase, machine, ratioLine } from './support.ts';

const seconds = Number(process.argv[2] ?? 20);
const writers = Number(process.argv[3] ?? 8);
const eventsPerTransaction = Number(process.argv[4] ?? 1);
const keys = resolveLedgerKeys(loadConfig({}));

function event(writer: number, n: number) {
  return {
    action: 'services.application.submitted',
    actor: { kind: 'citizen' as const, id: `0f5c2a4e-${writer}-${n}` },
    onBehalfOf: null,
    record: { type: 'services.application', id: `2026-330100-${writer}-${n}` },
    at: new Date(),
    requestId: `b1c7-${writer}-${n}`,
    payloadHash: `sha256:${'ab'.repeat(32)}`,
  };
}

/** Leaf hashes per second on one core: SHA-256 over 0x00 ‖ a typical entry, node:crypto one-shot. */
function hashingRate(): number {
  const entry = encodeAuditEvent(event(0, 0));
  const message = Buffer.concat([Buffer.of(0), Buffer.from(entry)]);
  const started = performance.now();
  let count = 0;
  while (performance.now() - started < 2000) {
    for (let i = 0; i < 10_000; i++) createHash('sha256').update(message).digest();
    count += 10_000;
  }
  return count / ((performance.now() - started) / 1000);
}

const hashesPerSecond = hashingRate();
// Each append costs one leaf hash and, amortised, one interior-node hash: the CPU-bound ceiling of
// an append on one core is half the hashing rate; the machine has more cores for PostgreSQL.
const hashingLimit = hashesPerSecond / 2;

const bench = await freshBenchDatabase(writers + 2);
const { db } = bench.database;

async function trivialTransactionRate(): Promise<number> {
  const started = performance.now();
  let count = 0;
  await Promise.all(
    Array.from({ length: writers }, async () => {
      while (performance.now() - started < 3000) {
        await db.transaction().execute((tx) => sql`select 1`.execute(tx));
        count += 1;
      }
    }),
  );
  return count / ((performance.now() - started) / 1000);
}
const transactionsPerSecond = await trivialTransactionRate();
let isRunning = true;
let recorded = 0;

const integrator = (async () => {
  let integrated = 0;
  while (isRunning) {
    const result = await integrateBatch(db, keys, systemClock, { batchLimit: 5000 });
    if (result.outcome === 'integrated') integrated += result.added;
    else await new Promise((resolve) => setTimeout(resolve, 5));
  }
  for (;;) {
    const result = await integrateBatch(db, keys, systemClock, { batchLimit: 5000 });
    if (result.outcome !== 'integrated') break;
    integrated += result.added;
  }
  return integrated;
})();

const started = performance.now();
await Promise.all(
  Array.from({ length: writers }, async (_, writer) => {
    let n = 0;
    while (performance.now() - started < seconds * 1000) {
      const events = Array.from({ length: eventsPerTransaction }, () => event(writer, n++));
      await db.transaction().execute((tx) => recordAuditEvents(tx, events));
      recorded += eventsPerTransaction;
    }
  }),
);
isRunning = false;
const integrated = await integrator;
const elapsed = (performance.now() - started) / 1000;
const appendsPerSecond = integrated / elapsed;

const report = await verifyLedger(db, { origin: keys.origin, verifiers: [ownVerifier(keys)] });
await bench.drop();

console.log(
  `machine: ${machine()}; PostgreSQL; ${writers} writers, ${seconds} s, ${eventsPerTransaction} event(s) per business transaction`,
);
console.log(`recorded ${recorded}, integrated ${integrated} (every one verified: ${report.isValid})`);
console.log(ratioLine('raw leaf hashing', hashesPerSecond, 'hashes/s', hashesPerSecond, 'itself'));
console.log(
  ratioLine(
    'appends (transaction + integration)',
    appendsPerSecond,
    'appends/s',
    hashingLimit,
    'hashing limit (hashes/s ÷ 2)',
  ),
);
console.log(
  ratioLine(
    'business transactions carrying them',
    appendsPerSecond / eventsPerTransaction,
    'transactions/s',
    transactionsPerSecond,
    'trivial transactions/s on the same pool',
  ),
);
console.log(
  ratioLine('appends against the 10,000/s target', appendsPerSecond, 'appends/s', 10_000, 'target'),
);
