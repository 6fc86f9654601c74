/**
 * Field encryption for personal data (DESIGN.md rule 3): AES-256-GCM under a key ring, each value
 * bound to the table, column and row it belongs to, plus blind indexes for lookup.
 */
import { createCipheriv, createDecipheriv, createSecretKey, type KeyObject, randomBytes } from 'node:crypto';
import { createBlindIndexer } from './blind-index.ts';
import {
  FORMAT_VERSION,
  formatEnvelope,
  NONCE_SIZE,
  parseEnvelope,
  TAG_SIZE,
} from './ciphertext-envelope.ts';
import { VaultError } from './vault-error.ts';
import { KEY_ID_PATTERN, KEY_SIZE, KEY_VERSION_PATTERN, type VaultKeys } from './vault-keys.ts';

/**
 * Where a value is stored. The row id must be known before the value is encrypted (an application-made
 * UUID or a natural key, not a serial the database assigns on insert) and must never change.
 */
export type FieldContext = { table: string; column: string; rowId: string };

export type Vault = {
  /** Throws `VaultError` `malformed` for a string with a lone surrogate, which UTF-8 cannot carry. */
  encrypt(plaintext: string, context: FieldContext): string;
  /** Throws `VaultError`: `malformed`, `unknown-key`, or `tampered` (changed, or copied from elsewhere). */
  decrypt(ciphertext: string, context: FieldContext): string;
  /** Whether a stored value is under an older key, so that key rotation re-encrypts it. */
  needsReencryption(ciphertext: string): boolean;
  blindIndex(value: string, purpose: string): string;
};

const ALGORITHM = 'aes-256-gcm';

export function createVault(config: VaultKeys): Vault {
  const { keysById, active } = readKeyRing(config);
  const blindIndex = createBlindIndexer(createSecretKey(config.blindIndexKey));

  return {
    encrypt(plaintext, context) {
      if (!plaintext.isWellFormed()) {
        // UTF-8 would silently turn a lone surrogate into U+FFFD: decryption would return another string.
        throw new VaultError('malformed', 'the plaintext is not well-formed Unicode');
      }
      // Random 96-bit nonces are safe for about 2^32 encryptions under one key; rotate long before.
      const nonce = randomBytes(NONCE_SIZE);
      const cipher = createCipheriv(ALGORITHM, keysById.get(active.name)!, nonce, {
        authTagLength: TAG_SIZE,
      });
      cipher.setAAD(associatedData(active.id, active.version, context));
      const data = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      return formatEnvelope({
        keyId: active.id,
        keyVersion: active.version,
        sealed: Buffer.concat([nonce, data, cipher.getAuthTag()]),
      });
    },

    decrypt(ciphertext, context) {
      const { keyId, keyVersion, sealed } = parseEnvelope(ciphertext);
      const key = keysById.get(keyName(keyId, keyVersion));
      if (!key) {
        throw new VaultError(
          'unknown-key',
          `the value is encrypted under key ${keyId} version ${keyVersion}, which is not configured`,
        );
      }
      const decipher = createDecipheriv(ALGORITHM, key, sealed.subarray(0, NONCE_SIZE), {
        authTagLength: TAG_SIZE,
      });
      decipher.setAAD(associatedData(keyId, keyVersion, context));
      decipher.setAuthTag(sealed.subarray(sealed.length - TAG_SIZE));
      try {
        const data = sealed.subarray(NONCE_SIZE, sealed.length - TAG_SIZE);
        return Buffer.concat([decipher.update(data), decipher.final()]).toString('utf8');
      } catch {
        throw new VaultError(
          'tampered',
          `the value does not authenticate for ${context.table}.${context.column}: changed, or copied from another row or column`,
        );
      }
    },

    needsReencryption(ciphertext) {
      const { keyId, keyVersion } = parseEnvelope(ciphertext);
      return keyId !== active.id || keyVersion !== active.version;
    },

    blindIndex,
  };
}

function keyName(id: string, version: number): string {
  return `${id}.${version}`;
}

/**
 * Binds a ciphertext to its place and its header: moved to another row, column or table, or with its
 * key label edited, it no longer authenticates. JSON keeps the parts apart whatever they contain.
 */
function associatedData(keyId: string, keyVersion: number, { table, column, rowId }: FieldContext): Buffer {
  for (const [name, value] of Object.entries({ table, column, rowId })) {
    if (typeof value !== 'string' || value === '') {
      throw new RangeError(`the field context needs a non-empty ${name}`);
    }
  }
  return Buffer.from(
    JSON.stringify(['shuzhi.vault', FORMAT_VERSION, keyId, keyVersion, table, column, rowId]),
  );
}

/** The keys by `id.version` and the active one; refuses a configuration that cannot work. */
function readKeyRing(config: VaultKeys) {
  const fail = (problem: string) => new VaultError('invalid-configuration', problem);
  const keysById = new Map<string, KeyObject>();
  for (const { id, version, key } of config.keys) {
    if (!KEY_ID_PATTERN.test(id)) throw fail(`vault key id "${id}" is not 1 to 32 letters, digits, _ or -`);
    if (!KEY_VERSION_PATTERN.test(String(version))) {
      throw fail(`vault key ${id} has a version outside 1 to 999999999`);
    }
    if (key.length !== KEY_SIZE) throw fail(`vault key ${id} version ${version} is not ${KEY_SIZE} bytes`);
    if (keysById.has(keyName(id, version))) throw fail(`vault key ${id} version ${version} is listed twice`);
    // A KeyObject holds its own copy and does not print its bytes if the vault is ever logged.
    keysById.set(keyName(id, version), createSecretKey(key));
  }
  const activeVersion = Math.max(
    ...config.keys.filter((k) => k.id === config.activeKeyId).map((k) => k.version),
  );
  if (!Number.isFinite(activeVersion)) {
    throw fail(`the active vault key ${config.activeKeyId} is not among the keys`);
  }
  if (config.blindIndexKey.length !== KEY_SIZE) throw fail(`the blind index key is not ${KEY_SIZE} bytes`);
  if (config.keys.some(({ key }) => key.equals(config.blindIndexKey))) {
    throw fail('the blind index key must differ from every encryption key');
  }
  const active = {
    id: config.activeKeyId,
    version: activeVersion,
    name: keyName(config.activeKeyId, activeVersion),
  };
  return { keysById, active };
}
