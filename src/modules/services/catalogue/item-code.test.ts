import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HANDLING_KINDS, ITEM_TYPES, parseItemCode } from './item-code.ts';

describe('catalogue codes', () => {
  it('reads the scope, type, main item, sub-item and handling item', () => {
    expect(parseItemCode('00-XK-00101-01-SL')).toEqual({
      ok: true,
      value: {
        code: '00-XK-00101-01-SL',
        scope: '00',
        level: 'national',
        type: 'licence',
        mainCode: '00-XK-00101',
        subItem: '01',
        handling: 'new',
      },
    });
    expect(parseItemCode('33-GG-00301')).toMatchObject({
      ok: true,
      value: { level: 'provincial', handling: null, subItem: null },
    });
  });

  it('accepts every well-formed code and gives back its parts', () => {
    const scope = fc.oneof(fc.constant('00'), fc.integer({ min: 10, max: 99 }).map(String));
    const type = fc.constantFrom(...(Object.keys(ITEM_TYPES) as (keyof typeof ITEM_TYPES)[]));
    const digits = (n: number) =>
      fc.integer({ min: 0, max: 10 ** n - 1 }).map((v) => String(v).padStart(n, '0'));
    const handling = fc.option(
      fc.constantFrom(...(Object.keys(HANDLING_KINDS) as (keyof typeof HANDLING_KINDS)[])),
    );
    fc.assert(
      fc.property(scope, type, digits(5), fc.option(digits(2)), handling, (s, ty, item, sub, h) => {
        const code = [s, ty, item, ...(sub === null ? [] : [sub]), ...(h === null ? [] : [h])].join('-');
        const parsed = parseItemCode(code);
        expect(parsed).toEqual({
          ok: true,
          value: {
            code,
            scope: s,
            level: s === '00' ? 'national' : 'provincial',
            type: ITEM_TYPES[ty],
            mainCode: `${s}-${ty}-${item}`,
            subItem: sub,
            handling: h === null ? null : HANDLING_KINDS[h],
          },
        });
      }),
    );
  });

  it('refuses codes out of the grammar with the grammar in the message', () => {
    for (const bad of [
      '',
      '0-XK-00101',
      '00-xk-00101',
      '00-XK-0101',
      '00-XK-00101-SL-01',
      '00-XK-00101-1',
      '01-AB-00101',
    ])
      expect({ bad, result: parseItemCode(bad).ok }).toEqual({ bad, result: false });
    const refused = parseItemCode('x');
    expect(refused.ok || refused.message).toContain('<scope>-<type>-<item>');
  });
});
