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
} from '../src/modules/feedback/analysis/index.ts';
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
    const tokens = tokenizer.tokenize(request.text);
    const { groupId } = duplicates.add({ ...request, tokens });
    detector.add({ ...request, tokens, groupId });
  }
  const rate = stream.requests.length / ((performance.now() - started) / 1000);
  return { rate, alerts: detector.alerts().length };
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

console.log(`machine: ${machine()}`);
console.log(
  `${stream.requests.length} requests over ${days} days, ${stream.bursts.length} injected bursts, ${alerts} alerts`,
);
console.log(ratioLine('raw jieba segmentation', raw, 'requests/s', TARGET, 'target'));
console.log(ratioLine('segmentation → dedupe → hot topics', pipeline, 'requests/s', TARGET, 'target'));
console.log(ratioLine('segmentation → dedupe → hot topics', pipeline, 'requests/s', raw, 'raw segmentation'));
