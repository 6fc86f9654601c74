/** Applications for service items: drafts, pre-fill, submission, and the case's reactions to handling (docs/services.md). */
export { APPROVE_EXTENSIONS } from './handling.ts';
export { type ApplicationRouteDeps, applicationRoutes } from './routes.ts';
export { APPLICATION_SUBJECT, applicationReaction } from './service.ts';
