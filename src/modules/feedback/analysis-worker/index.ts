/**
 * The analysis running live: a background worker that groups new requests and feeds the hot-topic
 * detectors, the alerts it raises, and the hot-topics board over them (docs/feedback-analysis.md).
 */
export { feedbackAnalysisReferenceSteps, HOT_TOPIC_WATCHER } from './reference-data.ts';
export { hotTopicRoutes } from './routes.ts';
export { SYNTHETIC_CATEGORY_CODES, syntheticIntake } from './synthetic-intake.ts';
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
