/**
 * Services: one-stop government services. `catalogue/` holds the service items, their guides, forms and
 * workflows and divisions' implementations; `workflow/` carries a case through departments' steps;
 * `applications/` the applicant's cases; `supervision/` overdue cases and volumes for supervisors; `fees/` what
 * they owe and its collection; `bundles/` the
 * "one thing, one go" bundles of several items.
 */

export {
  APPROVE_EXTENSIONS,
  type ApplicationRouteDeps,
  type ApplicationSummary,
  applicationReaction,
  applicationRoutes,
  createDraft,
  findApplicationSummary,
  saveAnswers,
  submitApplication,
  withdrawApplication,
} from './applications/index.ts';
export {
  type BundleInput,
  type BundleRouteDeps,
  bundleRoutes,
  seedBundle,
  submitBundleCase,
} from './bundles/index.ts';
export {
  type CatalogueRouteDeps,
  catalogueReferenceSteps,
  catalogueRoutes,
  type FormUi,
  type GuideContent,
  getGuide,
  type HandlingKind,
  type ImplementationInput,
  type ItemCode,
  type ItemType,
  listServiceItems,
  MANAGE_CATALOGUE,
  type Material,
  parseItemCode,
  seedImplementation,
  seedServiceItem,
  type VersionContent,
} from './catalogue/index.ts';
export {
  COLLECT_FEES,
  counterProvider,
  type FeeRouteDeps,
  feeApprovalGate,
  feeReferenceSteps,
  feeRoutes,
  type PaymentProvider,
  recordCounterPayment,
  WAIVE_FEES,
  waiveFee,
} from './fees/index.ts';
export {
  READ_SUPERVISION,
  type SupervisionRouteDeps,
  supervisionReferenceSteps,
  supervisionRoutes,
} from './supervision/index.ts';

export * from './workflow/index.ts';
