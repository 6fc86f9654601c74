/** "One thing, one go" (一件事) bundles: definitions, one submission making one case of several applications (docs/services.md). */
export { type BundleRouteDeps, bundleRoutes } from './routes.ts';
export { aggregateStatus, type BundleInput, seedBundle, submitBundleCase } from './service.ts';
