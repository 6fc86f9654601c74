/**
 * The catalogue of service items: items and their versions (guide, form, workflow), divisions'
 * implementations, browsing and search (docs/services.md).
 */
export { getGuide, listServiceItems } from './guides.ts';
export { type HandlingKind, type ItemCode, type ItemType, parseItemCode } from './item-code.ts';
export { catalogueReferenceSteps } from './reference-data.ts';
export { type CatalogueRouteDeps, catalogueRoutes } from './routes.ts';
export type { GuideContent, ImplementationInput, Material, VersionContent } from './schemas.ts';
export { FormUi } from './schemas.ts';
export { MANAGE_CATALOGUE, seedImplementation, seedServiceItem } from './service.ts';
