export { statusRoutes, type StatusRouteDeps } from './routes.ts';
export { Health, Readiness } from './schemas.ts';
export { checkHealth } from './service.ts';
