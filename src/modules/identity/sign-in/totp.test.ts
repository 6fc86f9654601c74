import { describe, expect, it } from 'vitest';
import { decodeBase32, encodeBase32, hotp, matchTotp, otpauthUri, stepAt } from './totp.ts';

const secret = Buffer.from('12345678901234567890', 'ascii');

describe('TOTP', () => {
  // RFC 6238 Appendix B, SHA-1 rows (8 digits), and the same values truncated to 6 digits.
  it.each([
    [59, '94287082'],
    [1111111109, '07081804'],
    [1111111111, '14050471'],
    [1234567890, '89005924'],
    [2000000000, '69279037'],
    [20000000000, '65353130'],
  ])('matches the RFC 6238 vector at T=%i', (seconds, expected) => {
    const step = stepAt(new Date(seconds * 1000));
    expect(hotp(secret, step, 8)).toBe(expected);
    expect(hotp(secret, step)).toBe(expected.slice(2));
  });

  it('matches the RFC 4226 HOTP vectors', () => {
    const expected = [
      '755224',
      '287082',
      '359152',
      '969429',
      '338314',
      '254676',
      '287922',
      '162583',
      '399871',
      '520489',
    ];
    expect(expected.map((_, counter) => hotp(secret, BigInt(counter)))).toEqual(expected);
  });

  it('accepts one step of drift either way, and each step only once', () => {
    const now = new Date(1111111111 * 1000);
    const step = stepAt(now);
    expect(matchTotp(secret, hotp(secret, step), now, null)).toBe(step);
    expect(matchTotp(secret, hotp(secret, step - 1n), now, null)).toBe(step - 1n);
    expect(matchTotp(secret, hotp(secret, step + 1n), now, null)).toBe(step + 1n);
    expect(matchTotp(secret, hotp(secret, step - 2n), now, null)).toBeUndefined();
    expect(matchTotp(secret, hotp(secret, step), now, step)).toBeUndefined();
    expect(matchTotp(secret, hotp(secret, step - 1n), now, step - 1n)).toBeUndefined();
    expect(matchTotp(secret, '12345', now, null)).toBeUndefined();
  });

  it('writes base32 and the otpauth URI authenticator apps read', () => {
    expect(encodeBase32(Buffer.from('foobar'))).toBe('MZXW6YTBOI');
    expect(encodeBase32(secret)).toBe('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ');
    expect(decodeBase32('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ')).toEqual(secret);
    expect(decodeBase32('MZXW6YTBOI')).toEqual(Buffer.from('foobar'));
    expect(otpauthUri('Shuzhi', 'staff 1', secret)).toBe(
      'otpauth://totp/Shuzhi:staff%201?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Shuzhi&algorithm=SHA1&digits=6&period=30',
    );
  });
});
