/**
 * Evaluation of how units answer citizen feedback: response, resolution and satisfaction rates per
 * unit and month under schemes that administrators set, monthly rankings and recurring problems.
 */

export { evaluationReferenceSteps } from './reference-data.ts';
export { type EvaluationRouteDeps, evaluationRoutes } from './routes.ts';
export { CONFIGURE_EVALUATION, READ_EVALUATION, setScheme as setEvaluationScheme } from './service.ts';
/** For route tests and browser journeys: staff who oversee an area. */
export { seedOverseer } from './test-leaders.ts';
