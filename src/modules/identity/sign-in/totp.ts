/**
 * Time-based one-time passwords (RFC 6238 over RFC 4226 HOTP): HMAC-SHA-1, 30-second steps, 6 digits,
 * which every authenticator app reads from an otpauth:// URI. Written on node:crypto; no dependency.
 */
import { createHmac, randomBytes } from 'node:crypto';

export const STEP_SECONDS = 30;
export const DIGITS = 6;
/** One step either side, for clocks a little apart and codes typed as they change. */
const ALLOWED_DRIFT_STEPS = 1;

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

export function encodeBase32(bytes: Uint8Array): string {
  let bits = 0;
  let value = 0;
  let text = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      text += BASE32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) text += BASE32[(value << (5 - bits)) & 31];
  return text;
}

export function decodeBase32(text: string): Buffer {
  let bits = 0;
  let value = 0;
  const bytes: number[] = [];
  for (const character of text.toUpperCase().replace(/=+$/, '')) {
    const digit = BASE32.indexOf(character);
    if (digit < 0) throw new RangeError('not base32');
    value = ((value << 5) | digit) & 0xffff;
    bits += 5;
    if (bits >= 8) {
      bytes.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Buffer.from(bytes);
}

/** A new shared secret: 20 random bytes, as RFC 4226 recommends for SHA-1. */
export function generateTotpSecret(): Buffer {
  return randomBytes(20);
}

/** HOTP value of `counter`, `digits` long (RFC 4226 §5.3, dynamic truncation). */
export function hotp(secret: Uint8Array, counter: bigint, digits = DIGITS): string {
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(counter);
  const mac = createHmac('sha1', secret).update(message).digest();
  const offset = mac[mac.length - 1]! & 0x0f;
  const binary = mac.readUInt32BE(offset) & 0x7fffffff;
  return String(binary % 10 ** digits).padStart(digits, '0');
}

export function stepAt(instant: Date): bigint {
  return BigInt(Math.floor(instant.getTime() / 1000 / STEP_SECONDS));
}

/**
 * The time step a code belongs to, if it is right within the allowed drift and newer than
 * `lastUsedStep`: a code, once accepted, is never accepted again.
 */
export function matchTotp(
  secret: Uint8Array,
  code: string,
  now: Date,
  lastUsedStep: bigint | null,
): bigint | undefined {
  if (!/^\d{6}$/.test(code)) return undefined;
  const current = stepAt(now);
  for (let drift = -ALLOWED_DRIFT_STEPS; drift <= ALLOWED_DRIFT_STEPS; drift++) {
    const step = current + BigInt(drift);
    if (lastUsedStep !== null && step <= lastUsedStep) continue;
    if (hotp(secret, step) === code) return step;
  }
  return undefined;
}

/** What an authenticator app scans (Key Uri Format): issuer, account label, secret. */
export function otpauthUri(issuer: string, label: string, secret: Uint8Array): string {
  const parameters = new URLSearchParams({
    secret: encodeBase32(secret),
    issuer,
    algorithm: 'SHA1',
    digits: String(DIGITS),
    period: String(STEP_SECONDS),
  });
  return `otpauth://totp/${encodeURIComponent(issuer)}:${encodeURIComponent(label)}?${parameters}`;
}

/** The code an authenticator app with this base32 secret shows at `instant` (demo docs, journeys). */
export function totpCodeAt(secret: string, instant: Date): string {
  return hotp(decodeBase32(secret), stepAt(instant));
}
