/**
 * The text form of an encrypted field: `v1.<keyId>.<keyVersion>.<base64url(nonce ‖ ciphertext ‖ tag)>`.
 * The key is named in the clear so that decryption finds it and re-encryption can select old rows
 * without decrypting them; the header is also bound into the authenticated data, so editing it fails.
 */
import { VaultError } from './vault-error.ts';
import { KEY_ID_PATTERN, KEY_VERSION_PATTERN } from './vault-keys.ts';

export const FORMAT_VERSION = 'v1';
export const NONCE_SIZE = 12;
export const TAG_SIZE = 16;

export type Envelope = { keyId: string; keyVersion: number; sealed: Buffer };

export function formatEnvelope({ keyId, keyVersion, sealed }: Envelope): string {
  return `${FORMAT_VERSION}.${keyId}.${keyVersion}.${sealed.toString('base64url')}`;
}

export function parseEnvelope(text: string): Envelope {
  const parts = text.split('.');
  const [format, keyId, keyVersion, encoded] = parts;
  if (parts.length !== 4 || format !== FORMAT_VERSION) {
    throw new VaultError('malformed', `not a ${FORMAT_VERSION} vault ciphertext`);
  }
  // One spelling per value: a second spelling of the same header or payload would let a changed
  // ciphertext still decrypt.
  if (!KEY_ID_PATTERN.test(keyId!) || !KEY_VERSION_PATTERN.test(keyVersion!)) {
    throw new VaultError('malformed', 'the ciphertext header names no valid key');
  }
  const sealed = Buffer.from(encoded!, 'base64url');
  if (sealed.toString('base64url') !== encoded || sealed.length < NONCE_SIZE + TAG_SIZE) {
    throw new VaultError(
      'malformed',
      'the ciphertext payload is not canonical base64url of nonce, data and tag',
    );
  }
  return { keyId: keyId!, keyVersion: Number(keyVersion), sealed };
}
