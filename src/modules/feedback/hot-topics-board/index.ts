/**
 * The hot-topics board: alerts from the text analysis over stored requests, kept with their
 * acknowledgements, announced to the responsible level, and the job that recomputes them.
 */

export {
  type RecomputeOptions,
  type RecomputeReport,
  recomputeHotTopicAlerts,
  WATCH_HOT_TOPICS,
} from './recompute.ts';
export { hotTopicBoardRoutes } from './routes.ts';
