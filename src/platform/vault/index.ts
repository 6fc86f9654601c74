export type { FieldContext, Vault } from './vault.ts';
export { createVault } from './vault.ts';
export type { VaultErrorCode } from './vault-error.ts';
export { VaultError } from './vault-error.ts';
export type { VaultKey, VaultKeys } from './vault-keys.ts';
export { deriveDemoVaultKeys, parseVaultKeys } from './vault-keys.ts';
