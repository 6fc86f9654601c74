export type { Actor, Authenticate, RouteAccess, RouteAccessEntry } from './access.ts';
export { anonymousOnly, enforceRouteAccess } from './access.ts';
export { installErrorHandling } from './error-handling.ts';
export {
  createInProcessMark,
  IN_PROCESS_HEADER,
  type InProcessMark,
  isMarkedInProcess,
} from './in-process.ts';
export { generateRequestId, REQUEST_ID_HEADER } from './request-id.ts';
export { createValidatorCompiler } from './validation.ts';
export { serveWebApp } from './web-app.ts';
