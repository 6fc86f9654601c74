export { createSessionAuthenticate, SESSION_COOKIE } from './authenticate.ts';
export { signInRoutes } from './routes.ts';
export { endSessionsOfAccount, type SessionActor, type SessionDeps } from './sessions.ts';
export { totpCodeAt } from './totp.ts';
