/**
 * Services: one-stop government services. `catalogue/` holds the service items, their guides, forms and
 * workflows and divisions' implementations; `workflow/` carries a case through departments' steps.
 */

export {
  APPROVE_EXTENSIONS,
  type ApplicationRouteDeps,
  applicationReaction,
  applicationRoutes,
} from './applications/index.ts';
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
  READ_SUPERVISION,
  type SupervisionRouteDeps,
  supervisionReferenceSteps,
  supervisionRoutes,
} from './supervision/index.ts';
export * from './workflow/index.ts';
