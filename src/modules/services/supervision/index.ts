/** Supervision of service handling: overdue cases, volumes, on-time rates and visits over a subtree (docs/services.md). */
export { supervisionReferenceSteps } from './reference-data.ts';
export { type SupervisionRouteDeps, supervisionRoutes } from './routes.ts';
export { READ_SUPERVISION } from './service.ts';
