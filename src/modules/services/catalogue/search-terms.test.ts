import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { indexTerms, queryTerms } from './search-terms.ts';

describe('search terms', () => {
  it('finds a part of a Chinese word that a segmenter would keep whole', () => {
    const document = new Set(indexTerms(['个体工商户设立登记']));
    for (const query of ['个体', '工商户', '设立登记', '户', '个体工商户设立登记'])
      expect({ query, found: queryTerms(query).every((term) => document.has(term)) }).toEqual({
        query,
        found: true,
      });
    expect(queryTerms('个人').every((term) => document.has(term))).toBe(false);
  });

  it('matches English words whatever their case and ignores punctuation', () => {
    const document = new Set(indexTerms(['Registration of an Individual Business (new)']));
    expect(queryTerms('INDIVIDUAL business')).toEqual(['business', 'individual']);
    expect(queryTerms('individual, business!').every((term) => document.has(term))).toBe(true);
    expect(queryTerms('!!! ——')).toEqual([]);
  });

  it('finds every substring of any indexed Chinese text', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...'个体工商户食品经营许可出生登记居住证企业开办'), {
          minLength: 1,
          maxLength: 20,
        }),
        fc.nat(),
        fc.nat(),
        (characters, a, b) => {
          const text = characters.join('');
          const start = a % characters.length;
          const end = start + 1 + (b % (characters.length - start));
          const query = characters.slice(start, end).join('');
          const document = new Set(indexTerms([text]));
          expect(queryTerms(query).every((term) => document.has(term))).toBe(true);
        },
      ),
    );
  });
});
