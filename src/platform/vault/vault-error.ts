/**
 * Why the vault refused. `tampered` covers both a changed ciphertext and one moved to another row or
 * column: authenticated encryption cannot tell the two apart, and either means the stored value must
 * not be trusted. Messages never contain key material or plaintext.
 */
export type VaultErrorCode = 'unknown-key' | 'tampered' | 'malformed' | 'invalid-configuration';

export class VaultError extends Error {
  readonly code: VaultErrorCode;

  constructor(code: VaultErrorCode, message: string) {
    super(message);
    this.name = 'VaultError';
    this.code = code;
  }
}
