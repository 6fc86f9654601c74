/**
 * Blind indexes: a keyed hash stored beside an encrypted column so that "find the person with this ID
 * number" is an equality lookup, without decrypting every row. Without the key nobody can test guesses
 * against the index, which matters because ID and phone numbers are few enough to enumerate.
 */
import { createHmac, hkdfSync, type KeyObject } from 'node:crypto';

const PURPOSE_PATTERN = /^[a-z0-9][a-z0-9._-]{0,63}$/;

/**
 * Returns `blindIndex(value, purpose)` → 64 hex characters. Each purpose (e.g. `person.resident-id`)
 * gets its own derived key, so equal values in two columns do not reveal that they are equal.
 */
export function createBlindIndexer(blindIndexKey: KeyObject): (value: string, purpose: string) => string {
  const keysByPurpose = new Map<string, Buffer>();
  const keyFor = (purpose: string) => {
    if (!PURPOSE_PATTERN.test(purpose)) {
      throw new RangeError('a blind index purpose is 1 to 64 lower-case letters, digits, ".", "_" or "-"');
    }
    let key = keysByPurpose.get(purpose);
    if (!key) {
      key = Buffer.from(hkdfSync('sha256', blindIndexKey, 'shuzhi.vault.blind-index', purpose, 32));
      keysByPurpose.set(purpose, key);
    }
    return key;
  };
  return (value, purpose) =>
    createHmac('sha256', keyFor(purpose)).update(normalise(value), 'utf8').digest('hex');
}

/**
 * Equal for what a person would call the same value: full-width and half-width forms (NFKC), spaces
 * around it, and letter case (`x` and `X` in an ID number, a Latin name typed in capitals).
 */
function normalise(value: string): string {
  return value.normalize('NFKC').trim().toUpperCase();
}
