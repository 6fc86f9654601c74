/**
 * Importing every division down to the villages (about 665,000 rows) through `importDivisions`, the
 * code behind `shuzhi import divisions --villages`, and subtree queries at that size.
 *
 *   BENCH_DATABASE_URL=postgres://… node bench/divisions-import.ts
 */

import {
  countByLevel,
  countSubtree,
  importDivisions,
  isInSubtree,
  pathOfCode,
} from '../src/modules/identity/index.ts';
import { systemClock } from '../src/platform/clock/index.ts';
import { freshBenchDatabase, machine, ratioLine } from './support.ts';

const IMPORT_LIMIT_SECONDS = 600;
const SUBTREE_COUNT_LIMIT_MS = 100;
const MEMBERSHIP_LIMIT_MS = 1;

const bench = await freshBenchDatabase(2);
const { db } = bench.database;
const started = performance.now();
const result = await importDivisions(db, systemClock, { includeVillages: true });
const importSeconds = (performance.now() - started) / 1000;
const levels = Object.fromEntries(await countByLevel(db));

async function timed(runs: number, work: () => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await work();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

// Henan (41) is the province with the most villages; Zhengzhou (4101) a large city; one county.
const provinceCount = await countSubtree(db, pathOfCode('41'));
const provinceMs = await timed(21, () => countSubtree(db, pathOfCode('41')));
const cityMs = await timed(51, () => countSubtree(db, pathOfCode('4101')));
const membershipMs = await timed(501, () => isInSubtree(db, pathOfCode('4101'), '410102001001'));
await bench.drop();

console.log(`machine: ${machine()}; PostgreSQL`);
console.log(`imported ${result.rowsRead} rows; per level ${JSON.stringify(levels)}`);
console.log(ratioLine('import to village level', importSeconds, 's', IMPORT_LIMIT_SECONDS, 'limit'));
console.log(
  ratioLine(
    `count a province subtree (41, ${provinceCount} divisions), median`,
    provinceMs,
    'ms',
    SUBTREE_COUNT_LIMIT_MS,
    'limit',
  ),
);
console.log(ratioLine('count a city subtree (4101), median', cityMs, 'ms', SUBTREE_COUNT_LIMIT_MS, 'limit'));
console.log(
  ratioLine('is a village inside a subtree, median', membershipMs, 'ms', MEMBERSHIP_LIMIT_MS, 'limit'),
);
