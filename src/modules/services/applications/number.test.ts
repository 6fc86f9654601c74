import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { beijingDay, checkCharacterOf, formatApplicationNumber, isApplicationNumber } from './number.ts';

describe('application numbers', () => {
  it('carry the division, the Beijing day, a serial and a check character', () => {
    const number = formatApplicationNumber('330106', '2026-11-27', 427);
    expect(number).toMatch(/^330106-20261127-000427[0-9X]$/);
    expect(isApplicationNumber(number)).toBe(true);
    expect(beijingDay(new Date('2026-11-27T17:00:00Z'))).toBe('2026-11-28');
  });

  it('uses ISO 7064 MOD 11-2, as resident identity numbers do', () => {
    // GB 11643 example: 11010519491231002 → X.
    expect(checkCharacterOf('11010519491231002')).toBe('X');
  });

  it('catches any one changed digit', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 999_999 }),
        fc.nat({ max: 19 }),
        fc.nat({ max: 8 }),
        (serial, at, plus) => {
          const number = formatApplicationNumber('330106', '2026-11-27', serial);
          const digits = [...number];
          const positions = digits.flatMap((character, index) =>
            /[0-9]/.test(character) && index < number.length - 1 ? [index] : [],
          );
          const position = positions[at % positions.length]!;
          digits[position] = String((Number(digits[position]) + plus + 1) % 10);
          expect(isApplicationNumber(digits.join(''))).toBe(false);
        },
      ),
    );
  });
});
