export { type StatusRouteDeps, statusRoutes } from './routes.ts';
export { Health, Readiness } from './schemas.ts';
export { checkHealth } from './service.ts';
