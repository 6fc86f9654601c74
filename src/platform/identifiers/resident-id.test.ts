import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EARLIEST_BIRTH_DATE, parseResidentId, residentIdCheckCharacter } from './resident-id.ts';

const today = new Date('2026-11-27T04:00:00Z');

function parsed(input: string, on: Date = today) {
  const result = parseResidentId(input, on);
  if (!result.ok) throw new Error(`expected ${input} to parse, got ${result.reason}: ${result.message}`);
  return result.value;
}

function reasonFor(input: string, on: Date = today) {
  const result = parseResidentId(input, on);
  return result.ok ? 'accepted' : result.reason;
}

describe('published examples', () => {
  // GB 11643-1999 Annex A (公民身份号码实例) and Annex B (the worked check-character computation):
  // a woman born 1949-12-31, registered in Chaoyang District, Beijing (110105). Standard text:
  // https://zh.wikisource.org/wiki/GB_11643-1999_公民身份号码 ; the example as quoted at
  // https://download.csdn.net/download/kudy21/2033732 ("北京市朝阳区: 11010519491231002X").
  it('reads the standard’s Beijing example, whose check character is X', () => {
    expect(parsed('11010519491231002X')).toEqual({
      number: '11010519491231002X',
      divisionCode: '110105',
      birthDate: '1949-12-31',
      sex: 'female',
      wasLegacy15: false,
    });
  });

  // GB 11643-1999 Annex A's second example (same sources): a man born 1880-01-01 in Chaoyang County,
  // Shantou (440524). Its check character is right, but EARLIEST_BIRTH_DATE, a platform policy, refuses
  // the date: the standard allows it, the platform does not expect it from a living person.
  it('computes the check character of the standard’s 1880 example and refuses the date by policy', () => {
    expect(residentIdCheckCharacter('44052418800101001')).toBe('4');
    expect(reasonFor('440524188001010014')).toBe('bad-birth-date');
    expect(EARLIEST_BIRTH_DATE).toBe('1900-01-01');
  });

  // The Beijing example in its GB 11643-1989 form: the same person before 1999, 2-digit year, no check.
  it('converts the Beijing example’s 15-digit form to the 18-digit number', () => {
    expect(parsed('110105491231002')).toEqual({
      number: '11010519491231002X',
      divisionCode: '110105',
      birthDate: '1949-12-31',
      sex: 'female',
      wasLegacy15: true,
    });
  });

  // Test data of dromara/hutool, IdcardUtilTest.java (commit 02194151946d274eac424c0732b3bd65d3fc0443):
  // an 18-digit number, two 15→18 conversions, and the residence permits for Hong Kong, Macao and
  // Taiwan residents and the foreign permanent residence card, which share the GB 11643 structure.
  it('agrees with hutool’s published test numbers', () => {
    expect(parsed('321083197812162119')).toMatchObject({ birthDate: '1978-12-16', sex: 'male' });
    expect(parsed('150102880730303')).toMatchObject({
      number: '150102198807303035',
      birthDate: '1988-07-30',
    });
    expect(parsed('330102200403064')).toMatchObject({ number: '33010219200403064X', sex: 'female' });
    expect(parsed('81000019980902013X')).toMatchObject({ divisionCode: '810000', birthDate: '1998-09-02' });
    expect(parsed('820000200009100032')).toMatchObject({ divisionCode: '820000', sex: 'male' });
    expect(parsed('830000200209060065')).toMatchObject({ divisionCode: '830000', sex: 'female' });
    expect(parsed('932682198501010017')).toMatchObject({ divisionCode: '932682', birthDate: '1985-01-01' });
  });
});

describe('typed input', () => {
  it('trims spaces, accepts a lower-case x and full-width characters from a Chinese input method', () => {
    for (const typed of [
      ' 11010519491231002X ',
      '11010519491231002x',
      '\u3000１１０１０５１９４９１２３１００２ｘ',
    ]) {
      expect(parsed(typed).number).toBe('11010519491231002X');
    }
  });

  it('says the length is wrong for anything but 15 or 18 characters', () => {
    for (const typed of ['', '1101051949123100', '11010519491231002X1', '11010549123100']) {
      expect(reasonFor(typed)).toBe('wrong-length');
    }
  });

  it('allows X only as the last of 18 characters, and nowhere in a 15-digit number', () => {
    expect(reasonFor('1101051949123100X2')).toBe('bad-characters');
    expect(reasonFor('11010519491231002Y')).toBe('bad-characters');
    expect(reasonFor('11010549123100X')).toBe('bad-characters');
    expect(reasonFor('110105 1949123100X')).toBe('bad-characters');
  });

  it('names the position of a bad character and never repeats the input', () => {
    const result = parseResidentId('1101051949123100A2', today);
    expect(result).toMatchObject({ ok: false, reason: 'bad-characters' });
    expect(!result.ok && result.message).toContain('Character 17');
    expect(!result.ok && result.message).not.toContain('110105');
  });
});

describe('birth dates', () => {
  const withBirthDate = (yyyymmdd: string) => {
    const body = `110105${yyyymmdd}002`;
    return body + residentIdCheckCharacter(body);
  };

  it('refuses dates that are not on the calendar', () => {
    for (const date of ['19491301', '19490230', '19490001', '19490100', '19000229', '20230229']) {
      expect(reasonFor(withBirthDate(date))).toBe('bad-birth-date');
    }
    expect(parsed(withBirthDate('20000229')).birthDate).toBe('2000-02-29');
  });

  it('refuses dates before 1900-01-01', () => {
    expect(reasonFor(withBirthDate('18991231'))).toBe('bad-birth-date');
    expect(parsed(withBirthDate('19000101')).birthDate).toBe('1900-01-01');
  });

  it('refuses a birth after today, where today is the date in China', () => {
    // 2026-11-27T20:00Z is already 2026-11-28 in Beijing.
    const lateEvening = new Date('2026-11-27T20:00:00Z');
    expect(parsed(withBirthDate('20261128'), lateEvening).birthDate).toBe('2026-11-28');
    expect(reasonFor(withBirthDate('20261129'), lateEvening)).toBe('bad-birth-date');
    expect(reasonFor(withBirthDate('20261128'), new Date('2026-11-27T15:59:59Z'))).toBe('bad-birth-date');
  });
});

describe('check character', () => {
  it('refuses a wrong check character', () => {
    expect(reasonFor('110105194912310020')).toBe('bad-check-digit');
    expect(reasonFor('440524190001010014')).toBe('bad-check-digit');
  });

  it('is only computed for 17 digits', () => {
    expect(() => residentIdCheckCharacter('1101051949123100')).toThrow(RangeError);
    expect(() => residentIdCheckCharacter('1101051949123100X')).toThrow(RangeError);
  });
});

describe('properties', () => {
  const digits = (length: number) =>
    fc.array(fc.integer({ min: 0, max: 9 }), { minLength: length, maxLength: length }).map((d) => d.join(''));
  const birthDate = (from: string, to: string) =>
    fc
      .date({ min: new Date(`${from}T00:00:00Z`), max: new Date(`${to}T00:00:00Z`), noInvalidDate: true })
      .map((date) => date.toISOString().slice(0, 10));
  const validNumber = fc
    .tuple(digits(6), birthDate(EARLIEST_BIRTH_DATE, '2026-11-27'), digits(3))
    .map(([division, date, sequence]) => {
      const body = division + date.replaceAll('-', '') + sequence;
      return { number: body + residentIdCheckCharacter(body), division, date, sequence };
    });

  it('reads back every well-formed number with its parts', () => {
    fc.assert(
      fc.property(validNumber, ({ number, division, date, sequence }) => {
        expect(parsed(number)).toEqual({
          number,
          divisionCode: division,
          birthDate: date,
          sex: Number(sequence[2]) % 2 === 1 ? 'male' : 'female',
          wasLegacy15: false,
        });
      }),
    );
  });

  it('detects any single changed character', () => {
    const change = validNumber.chain(({ number }) =>
      fc.record({
        number: fc.constant(number),
        position: fc.integer({ min: 0, max: 17 }),
        replacement: fc.constantFrom(...'0123456789X'),
      }),
    );
    fc.assert(
      fc.property(change, ({ number, position, replacement }) => {
        fc.pre(number[position] !== replacement);
        const changed = number.slice(0, position) + replacement + number.slice(position + 1);
        expect(['bad-check-digit', 'bad-birth-date', 'bad-characters']).toContain(reasonFor(changed));
      }),
    );
  });

  it('turns every well-formed 15-digit number into a valid 18-digit number with the same parts', () => {
    const legacy = fc
      .tuple(digits(6), birthDate('1900-01-01', '1999-12-31'), digits(3))
      .map(([division, date, sequence]) => division + date.slice(2).replaceAll('-', '') + sequence);
    fc.assert(
      fc.property(legacy, (number) => {
        const converted = parsed(number);
        expect(converted.wasLegacy15).toBe(true);
        expect(converted.number).toBe(`${number.slice(0, 6)}19${number.slice(6)}${converted.number[17]}`);
        expect(parsed(converted.number)).toEqual({ ...converted, wasLegacy15: false });
      }),
    );
  });
});
