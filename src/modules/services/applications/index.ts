/** Applications for service items: drafts, pre-fill, submission, and the case's reactions to handling (docs/services.md). */
export { APPROVE_EXTENSIONS } from './handling.ts';

export { beijingDay } from './number.ts';
export { type ApplicationRouteDeps, applicationRoutes } from './routes.ts';
export {
  APPLICATION_SUBJECT,
  type ApplicationDeps,
  applicationReaction,
  createDraft,
  saveAnswers,
  submitApplication,
  withdrawApplication,
} from './service.ts';
export { type ApplicationSummary, type ApprovalGate, findApplicationSummary } from './summary.ts';
