/**
 * The full feedback path on PostgreSQL: intake (the service's checks, its routing decision and its
 * writes — request, history, audit events, analysis queue — in import-sized transactions) →
 * segmentation → near-duplicate grouping → hot-topic update, through the analysis worker's batches
 * that store results and alerts; against jieba's raw segmentation of the same texts in the same run.
 *
 *   BENCH_DATABASE_URL=postgres://… node bench/feedback-pipeline.ts [days] [requests per day]
 */

import { referenceSteps } from '../seed/reference/index.ts';
import { loadConfig } from '../src/config.ts';
import {
  analyseBatch,
  createAnalysisEngine,
  createTokenizer,
  generateSyntheticRequests,
  submitRequest,
  syntheticIntake,
} from '../src/modules/feedback/index.ts';
import { systemClock } from '../src/platform/clock/index.ts';
import { runSeedSteps } from '../src/platform/seeding/index.ts';
import { createVault } from '../src/platform/vault/index.ts';
import { freshBenchDatabase, machine, ratioLine } from './support.ts';

const days = Number(process.argv[2] ?? 7);
const perDay = Number(process.argv[3] ?? 650);
const TARGET = 5_000;
const INTAKE_BATCH = 500;

const stream = generateSyntheticRequests({
  seed: 20261201,
  startAt: Date.UTC(2026, 9, 31, 16),
  days,
  backgroundPerDay: perDay,
  burstCount: 4,
  quietDays: 3,
});
const texts = stream.requests.map((request) => request.text);
const tokenizer = createTokenizer();

function rawRate(): number {
  const started = performance.now();
  for (const text of texts) tokenizer.segment(text);
  return texts.length / ((performance.now() - started) / 1000);
}

const bench = await freshBenchDatabase(4);
try {
  const { db } = bench.database;
  const vault = createVault(loadConfig({ NODE_ENV: 'test' }).vaultKeys);
  await runSeedSteps(db, systemClock, referenceSteps, { vault });

  rawRate();
  const rawBefore = rawRate();

  const intakeStarted = performance.now();
  for (let from = 0; from < stream.requests.length; from += INTAKE_BATCH) {
    await db.transaction().execute(async (tx) => {
      for (const request of stream.requests.slice(from, from + INTAKE_BATCH)) {
        const { input, imported } = syntheticIntake(request, 'bench');
        await submitRequest(
          { db: tx, clock: systemClock, vault },
          { kind: 'import', source: 'bench' },
          input,
          {
            imported,
          },
        );
      }
    });
  }
  const intakeSeconds = (performance.now() - intakeStarted) / 1000;

  const engine = createAnalysisEngine({}, tokenizer);
  const analysisStarted = performance.now();
  let batches = 0;
  let raised = 0;
  for (;;) {
    const outcome = await analyseBatch(db, systemClock, engine);
    if (outcome.outcome !== 'analysed') break;
    batches += 1;
    raised += outcome.raised;
    if (outcome.isQueueEmpty) break;
  }
  const analysisSeconds = (performance.now() - analysisStarted) / 1000;
  const rawAfter = rawRate();
  const raw = Math.max(rawBefore, rawAfter);

  const n = stream.requests.length;
  const whole = n / (intakeSeconds + analysisSeconds);
  console.log(`machine: ${machine()}`);
  console.log(
    `${n} requests over ${days} days, ${stream.bursts.length} injected bursts, ${raised} alerts, ${batches} analysis batches`,
  );
  console.log(ratioLine('raw jieba segmentation', raw, 'requests/s', TARGET, 'target'));
  console.log(
    ratioLine('intake alone (PostgreSQL)', n / intakeSeconds, 'requests/s', raw, 'raw segmentation'),
  );
  console.log(
    ratioLine(
      'analysis worker alone (PostgreSQL)',
      n / analysisSeconds,
      'requests/s',
      raw,
      'raw segmentation',
    ),
  );
  console.log(
    ratioLine('intake → segmentation → dedupe → hot topics', whole, 'requests/s', TARGET, 'target'),
  );
  console.log(
    ratioLine('intake → segmentation → dedupe → hot topics', whole, 'requests/s', raw, 'raw segmentation'),
  );
} finally {
  await bench.drop();
}
