import { describe, expect, it } from 'vitest';
import { parsePhone } from './phone.ts';

describe('parsePhone', () => {
  it('returns the 11 national digits however the number was written', () => {
    for (const typed of [
      '13812341234',
      ' 138 1234 1234 ',
      '138-1234-1234',
      '+8613812341234',
      '+86 138 1234 1234',
      '0086-138-1234-1234',
      '１３８１２３４１２３４',
    ]) {
      expect(parsePhone(typed)).toEqual({ ok: true, value: '13812341234' });
    }
  });

  it('accepts every mainland mobile prefix from 13 to 19', () => {
    for (const prefix of ['13', '14', '15', '16', '17', '18', '19']) {
      expect(parsePhone(`${prefix}012345678`).ok).toBe(true);
    }
  });

  it('says what is wrong', () => {
    const reasonFor = (typed: string) => {
      const result = parsePhone(typed);
      return result.ok ? 'accepted' : result.reason;
    };
    expect(reasonFor('138a1234123')).toBe('bad-characters');
    expect(reasonFor('(138)12341234')).toBe('bad-characters');
    // Only the mainland's country code is understood; a Hong Kong number is not a mainland mobile.
    expect(reasonFor('+85213812341234')).toBe('bad-characters');
    expect(reasonFor('1381234123')).toBe('wrong-length');
    expect(reasonFor('138123412345')).toBe('wrong-length');
    expect(reasonFor('')).toBe('wrong-length');
    expect(reasonFor('12812341234')).toBe('not-mobile');
    expect(reasonFor('01012345678')).toBe('not-mobile');
  });
});
