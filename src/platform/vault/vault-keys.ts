/**
 * The keys a vault is built from. Keys are identified by id and version; the id is written into every
 * ciphertext so a key can be replaced without downtime: add the new key, make it active, re-encrypt old
 * rows in batches, and remove the old key only when no row needs it.
 */
import { hkdfSync } from 'node:crypto';
import { VaultError } from './vault-error.ts';

export type VaultKey = { id: string; version: number; key: Buffer };

export type VaultKeys = {
  keys: readonly VaultKey[];
  /** New values are encrypted under the highest listed version of this key id. */
  activeKeyId: string;
  /** For blind indexes: kept apart from the encryption keys so that rotating those keeps indexes valid. */
  blindIndexKey: Buffer;
};

export const KEY_SIZE = 32;

/** Letters, digits, `_` and `-`: the id sits between dots in the ciphertext and between colons in config. */
export const KEY_ID_PATTERN = /^[A-Za-z0-9_-]{1,32}$/;
/** 1 to 999999999 without leading zeros, so that each version has one spelling in a ciphertext. */
export const KEY_VERSION_PATTERN = /^[1-9]\d{0,8}$/;

/**
 * Reads `id:version:base64,id:version:base64`, e.g. `k1:1:q83v…=,k2:1:7Xa9…=`, each key 32 random
 * bytes (`openssl rand -base64 32`). Error messages name the entry, never its key.
 */
export function parseVaultKeys(text: string): VaultKey[] {
  const entries = text
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
  if (entries.length === 0) throw new VaultError('invalid-configuration', 'no vault key is configured');
  return entries.map((entry, index) => parseEntry(entry, index + 1));
}

function parseEntry(entry: string, position: number): VaultKey {
  const fail = (problem: string) =>
    new VaultError('invalid-configuration', `vault key entry ${position} ${problem}`);
  const parts = entry.split(':');
  if (parts.length !== 3) throw fail('is not id:version:base64');
  const [id, version, encoded] = parts as [string, string, string];
  if (!KEY_ID_PATTERN.test(id)) throw fail('has an id other than 1 to 32 letters, digits, _ or -');
  if (!KEY_VERSION_PATTERN.test(version)) {
    throw fail('has a version that is not a whole number from 1 to 999999999');
  }
  const key = Buffer.from(encoded, 'base64');
  // Buffer.from skips characters that are not base64, so a damaged key could decode "successfully".
  if (key.toString('base64') !== encoded || key.length !== KEY_SIZE) {
    throw fail(`has a key that is not ${KEY_SIZE} bytes in canonical base64`);
  }
  return { id, version: Number(version), key };
}

/**
 * Keys derived from the deployment's secret, for demos and tests only: anyone who knows the secret
 * (and the demo secret is public) can decrypt. Production must configure keys of its own.
 */
export function deriveDemoVaultKeys(secret: string): VaultKeys {
  const derive = (purpose: string) =>
    Buffer.from(hkdfSync('sha256', secret, 'shuzhi.vault.demo', purpose, KEY_SIZE));
  return {
    keys: [{ id: 'demo', version: 1, key: derive('encryption') }],
    activeKeyId: 'demo',
    blindIndexKey: derive('blind-index'),
  };
}
