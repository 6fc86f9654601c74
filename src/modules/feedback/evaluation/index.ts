/**
 * Evaluation of how units answer citizen feedback: response, resolution and satisfaction rates per
 * unit and month under schemes that administrators set, monthly rankings and recurring problems.
 */
export { type EvaluationRouteDeps, evaluationRoutes } from './routes.ts';
export { CONFIGURE_EVALUATION, READ_EVALUATION } from './service.ts';
