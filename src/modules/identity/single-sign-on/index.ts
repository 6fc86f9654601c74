/**
 * Single sign-on: the platform as an OpenID Connect provider (oidc-provider mounted at /oidc), its
 * signing keys, the systems registered as clients, and the interaction steps our own pages complete.
 */
export { ACR_PASSWORD, ACR_PASSWORD_TOTP } from './claims.ts';
export { FIRST_PARTY_CLIENT_ID } from './clients.ts';
export { firstPartyClientSecret, issuerOf, PROTOCOL_PREFIX } from './provider.ts';
export { type SingleSignOnDeps, singleSignOnRoutes } from './routes.ts';
export { type KeyRotationResult, rotateSigningKeys } from './signing-keys.ts';
