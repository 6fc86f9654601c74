/**
 * Feedback: 12345-style requests from the public — intake from the web, phone calls and Open311,
 * routing to the responsible unit, transfers between units and their arbitration, handling with
 * service levels and replies (docs/feedback.md); the evaluation of units (docs/feedback-evaluation.md);
 * duplicates and hot topics found live (docs/feedback-analysis.md).
 */

export {
  createDuplicateIndex,
  createHotTopicDetector,
  createTokenizer,
  type DuplicateIndex,
  generateSyntheticRequests,
  type HotTopicAlert,
  type HotTopicDetector,
  type SyntheticRequest,
  type Tokenizer,
} from './analysis/index.ts';
export {
  type AnalysisEngine,
  type AnalysisOptions,
  analyseBatch,
  createAnalysisEngine,
  feedbackAnalysisReferenceSteps,
  HOT_TOPIC_WATCHER,
  hotTopicRoutes,
  type RunningAnalysisWorker,
  startAnalysisWorker,
  syntheticIntake,
  WATCH_HOT_TOPICS,
} from './analysis-worker/index.ts';
export {
  CONFIGURE_EVALUATION,
  evaluationReferenceSteps,
  evaluationRoutes,
  READ_EVALUATION,
  seedOverseer,
  setEvaluationScheme,
} from './evaluation/index.ts';

export { BOSTON_311, type ImportProgress, type ImportReport, importBoston311 } from './import-311.ts';
export { type RequestInput, submitRequest } from './intake.ts';
export { OPEN311_PREFIX, type Open311Deps, open311Routes } from './open311-routes.ts';
export { redactPersonalData } from './redaction.ts';
export { feedbackReferenceSteps } from './reference-data.ts';
export { type FeedbackRouteDeps, feedbackRoutes } from './routes.ts';
export { createRule, GENERAL_OFFICE, registerUnit } from './routing.ts';
export { markDueClocks, startSlaMarking } from './sla.ts';
/** For browser journeys: a county with two townships, their units, rules and handlers. */
export { buildFeedbackWorld } from './test-fixtures.ts';
