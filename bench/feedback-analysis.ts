/**
 * Feedback text analysis throughput: requests per second through the whole per-request path —
 * segmentation and normalisation, MinHash/LSH near-duplicate grouping, hot-topic bin updates — against
 * the raw jieba segmentation rate of the same texts in the same run (the floor any analysis sits on).
 * The texts are a generated month of hotline requests with injected bursts. No database.
 *
 *   node bench/feedback-analysis.ts [days] [requests per day]
 */
import {
  createDuplicateIndex,
  createHotTopicDetector,
  createTokenizer,
  generateSyntheticRequests,
} from '../src/modules/feedback/index.ts';
import { machine, ratioLine } from './support.ts';

const days = Number(process.argv[2] ?? 30);
const perDay = Number(process.argv[3] ?? 650);
const TARGET = 5_000;

const stream = generateSyntheticRequests({
  seed: 20261201,
  startAt: Date.UTC(2026, 9, 31, 16),
  days,
  backgroundPerDay: perDay,
  burstCount: 8,
});
const texts = stream.requests.map((request) => request.text);
const tokenizer = createTokenizer();

function rawRate(): number {
  const started = performance.now();
  for (const text of texts) tokenizer.segment(text);
  return texts.length / ((performance.now() - started) / 1000);
}

function pipelineRate(): { rate: number; alerts: number } {
  const duplicates = createDuplicateIndex();
  const detector = createHotTopicDetector();
  const started = performance.now();
  for (const request of stream.requests) {
    const analysed = { ...request, tokens: tokenizer.tokenize(request.text), groupId: null as string | null };
    analysed.groupId = duplicates.add(analysed).groupId;
    detector.add(analysed);
  }
  const rate = stream.requests.length / ((performance.now() - started) / 1000);
  return { rate, alerts: detector.alerts().length };
}

/** Microseconds per request of each stage alone, to show where the time goes. */
function stageCosts(): { tokenize: number; dedupe: number; hotTopics: number } {
  const perRequest = (started: number) => ((performance.now() - started) * 1000) / stream.requests.length;
  let started = performance.now();
  const tokens = stream.requests.map((request) => tokenizer.tokenize(request.text));
  const tokenize = perRequest(started);
  const duplicates = createDuplicateIndex();
  started = performance.now();
  const groups = stream.requests.map(
    (request, n) => duplicates.add({ ...request, tokens: tokens[n] ?? [] }).groupId,
  );
  const dedupe = perRequest(started);
  const detector = createHotTopicDetector();
  started = performance.now();
  stream.requests.forEach((request, n) => {
    detector.add({ ...request, tokens: tokens[n] ?? [], groupId: groups[n] ?? null });
  });
  return { tokenize, dedupe, hotTopics: perRequest(started) };
}

// One untimed pass of each warms the JIT and jieba's caches; then the better of three, alternating,
// so that both figures see the same load on a shared machine.
rawRate();
pipelineRate();
let raw = 0;
let pipeline = 0;
let alerts = 0;
for (let round = 0; round < 3; round++) {
  raw = Math.max(raw, rawRate());
  const result = pipelineRate();
  pipeline = Math.max(pipeline, result.rate);
  alerts = result.alerts;
}
const stages = stageCosts();

console.log(`machine: ${machine()}`);
console.log(
  `${stream.requests.length} requests over ${days} days, ${stream.bursts.length} injected bursts, ${alerts} alerts`,
);
console.log(ratioLine('raw jieba segmentation', raw, 'requests/s', TARGET, 'target'));
console.log(ratioLine('segmentation → dedupe → hot topics', pipeline, 'requests/s', TARGET, 'target'));
console.log(ratioLine('segmentation → dedupe → hot topics', pipeline, 'requests/s', raw, 'raw segmentation'));
console.log(
  `µs per request, each stage alone: raw segmentation ${(1e6 / raw).toFixed(1)}, tokenize ${stages.tokenize.toFixed(1)}, ` +
    `dedupe ${stages.dedupe.toFixed(1)}, hot topics ${stages.hotTopics.toFixed(1)}`,
);
