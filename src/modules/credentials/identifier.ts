import { randomInt } from 'node:crypto';

/**
 * Credential identifiers: `<issuer code>-<type code>-<serial><check>`, e.g.
 * `33010601-business-licence-7K3M9Q2XHDV`.
 *
 * - issuer code: the issuing organisation's division code and a two-digit number within that
 *   division (4–14 digits), given on its first issue (issuers.ts);
 * - type code: the credential type, lower-case words joined by hyphens;
 * - serial: 10 random characters of Crockford's base32 (no I, L, O, U), about 50 bits, so that nobody
 *   can walk through the credentials of an issuer by counting;
 * - check: one character of ISO/IEC 7064 MOD 37,36 over the letters and digits before it (hyphens
 *   skipped, case ignored), which catches every single wrong character and every swap of neighbours but
 *   one kind: of two characters next to each other in 0–9A–Z (such as J and K, or 0 and Z, the
 *   alphabet taken as a circle) about one swap in 36 goes unnoticed, where the hybrid system's running
 *   value happens to sit on its fold. A random serial mistyped that way is still most likely unknown.
 */
export const SERIAL_LENGTH = 10;
const SERIAL_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const CHECK_ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const MODULUS = 36;

const IDENTIFIER_PATTERN =
  /^([0-9]{4,14})-([a-z][a-z0-9]*(?:-[a-z0-9]+)*)-([0-9A-HJKMNP-TV-Z]{10})([0-9A-Z])$/;

export type CredentialIdentifier = { issuerCode: string; typeCode: string; serial: string; text: string };

export type IdentifierRejection = 'bad-shape' | 'bad-check-character';

/** ISO/IEC 7064 MOD 37,36 (the hybrid system for alphanumeric strings). */
export function identifierCheckCharacter(body: string): string {
  let product = MODULUS;
  for (const character of body.toUpperCase()) {
    if (character === '-') continue;
    const value = CHECK_ALPHABET.indexOf(character);
    if (value < 0) throw new Error(`"${character}" cannot appear in a credential identifier`);
    let sum = (product + value) % MODULUS;
    if (sum === 0) sum = MODULUS;
    product = (sum * 2) % (MODULUS + 1);
  }
  return CHECK_ALPHABET[(MODULUS + 1 - product) % MODULUS]!;
}

export function randomSerial(): string {
  let serial = '';
  for (let i = 0; i < SERIAL_LENGTH; i++) serial += SERIAL_ALPHABET[randomInt(SERIAL_ALPHABET.length)];
  return serial;
}

export function formatIdentifier(issuerCode: string, typeCode: string, serial: string): string {
  const body = `${issuerCode}-${typeCode}-${serial}`;
  return body + identifierCheckCharacter(body);
}

export function parseIdentifier(
  text: string,
): { ok: true; value: CredentialIdentifier } | { ok: false; reason: IdentifierRejection } {
  const match = IDENTIFIER_PATTERN.exec(text);
  if (!match) return { ok: false, reason: 'bad-shape' };
  const [, issuerCode, typeCode, serial, check] = match as unknown as [
    string,
    string,
    string,
    string,
    string,
  ];
  if (identifierCheckCharacter(`${issuerCode}-${typeCode}-${serial}`) !== check)
    return { ok: false, reason: 'bad-check-character' };
  return { ok: true, value: { issuerCode, typeCode, serial, text } };
}
