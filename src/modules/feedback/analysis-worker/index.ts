/**
 * The analysis running live: a background worker that groups new requests and feeds the hot-topic
 * detectors, the alerts it raises, and the hot-topics board over them (docs/feedback-analysis.md).
 */
export { hotTopicRoutes } from './routes.ts';
export {
  type AnalysisEngine,
  type AnalysisOptions,
  type AnalysisOutcome,
  analyseBatch,
  createAnalysisEngine,
  type RunningAnalysisWorker,
  startAnalysisWorker,
  WATCH_HOT_TOPICS,
} from './worker.ts';
