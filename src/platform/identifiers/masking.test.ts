import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { maskPersonName, maskPhone, maskResidentId } from './masking.ts';

describe('maskResidentId', () => {
  it('shows the first three and the last four characters', () => {
    expect(maskResidentId('11010519491231002X')).toBe('110***********002X');
    expect(maskResidentId('110105491231002')).toBe('110********1002');
  });

  it('shows nothing of a value too short to be a number', () => {
    expect(maskResidentId('11010519')).toBe('********');
    expect(maskResidentId('')).toBe('');
  });
});

describe('maskPhone', () => {
  it('shows the first three and the last four digits', () => {
    expect(maskPhone('13812341234')).toBe('138****1234');
    expect(maskPhone('01012345678')).toBe('010****5678');
    expect(maskPhone('12345678')).toBe('123*5678');
  });

  it('shows nothing of fewer than 8 characters', () => {
    expect(maskPhone('1234567')).toBe('*******');
  });
});

describe('maskPersonName', () => {
  it('shows the surname and one star, whatever the given name', () => {
    expect(maskPersonName('王小明')).toBe('王*');
    expect(maskPersonName('王明')).toBe('王*');
    expect(maskPersonName(' 李 ')).toBe('*');
    expect(maskPersonName('')).toBe('');
  });

  it('keeps a compound surname whole', () => {
    expect(maskPersonName('欧阳修')).toBe('欧阳*');
    expect(maskPersonName('诸葛孔明')).toBe('诸葛*');
    expect(maskPersonName('西门吹雪')).toBe('西门*');
    // Two characters only: surname 欧 and given name 阳.
    expect(maskPersonName('欧阳')).toBe('欧*');
  });

  it('shows the first letter of a Latin-script name', () => {
    expect(maskPersonName('Zhang Wei')).toBe('Z*');
    expect(maskPersonName('Ada')).toBe('A*');
  });

  it('never cuts a character outside the Basic Multilingual Plane in half', () => {
    expect(maskPersonName('𠮷野家')).toBe('𠮷*');
  });
});

describe('properties', () => {
  const anyText = fc.string({ unit: 'binary', maxLength: 40 });

  // Trimmed input, as the masks see it, for comparing position by position.
  const shownPositions = (value: string, masked: string) => {
    const original = Array.from(value.trim());
    return Array.from(masked).flatMap((character, index) =>
      character === '*' && original[index] !== '*' ? [] : [index],
    );
  };

  it('ID and phone masks keep the length and show only the first three and last four', () => {
    fc.assert(
      fc.property(anyText, (value) => {
        for (const mask of [maskResidentId, maskPhone]) {
          const masked = mask(value);
          const length = Array.from(value.trim()).length;
          expect(Array.from(masked)).toHaveLength(length);
          for (const index of shownPositions(value, masked)) {
            expect(index < 3 || index >= length - 4).toBe(true);
            expect(Array.from(masked)[index]).toBe(Array.from(value.trim())[index]);
          }
        }
      }),
    );
  });

  it('name masks show at most the first two characters, followed by one star', () => {
    fc.assert(
      fc.property(anyText, (value) => {
        const masked = Array.from(maskPersonName(value));
        const name = Array.from(value.trim());
        const shown = masked.slice(0, -1);
        expect(masked.at(-1)).toBe(name.length === 0 ? undefined : '*');
        expect(shown.length).toBeLessThanOrEqual(Math.max(0, Math.min(2, name.length - 1)));
        expect(shown).toEqual(name.slice(0, shown.length));
      }),
    );
  });
});
