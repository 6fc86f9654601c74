/**
 * Text analysis of citizen feedback (12345 hotline, 接诉即办): segmentation with a domain dictionary,
 * near-duplicate grouping by MinHash/LSH within place and time, and hot-topic detection (Kleinberg
 * bursts and EWMA surges) per category and place and per duplicate group; plus a synthetic request
 * generator with known bursts for evaluation and benchmarks. Pure computation: no tables, no routes.
 */
export {
  createDuplicateIndex,
  DUPLICATE_INDEX_DEFAULTS,
  type DuplicateIndex,
  type DuplicateIndexOptions,
  type DuplicateIndexRequest,
  type DuplicateMatch,
} from './duplicate-index.ts';
export type { GeoPoint } from './geo.ts';
export {
  createHotTopicDetector,
  type HotTopicAlert,
  type HotTopicChange,
  type HotTopicDetector,
  type HotTopicKey,
  type HotTopicOptions,
  type HotTopicRequest,
} from './hot-topics.ts';
export type { TermScore } from './keywords.ts';
export {
  generateSyntheticRequests,
  type InjectedBurst,
  type SyntheticOptions,
  type SyntheticRequest,
  type SyntheticStream,
} from './synthetic.ts';
export { createTokenizer, NUMBER_TOKEN, type Tokenizer, type TokenizerOptions } from './tokenizer.ts';
