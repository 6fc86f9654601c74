import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  bandKeysInto,
  createMinHasher,
  estimateJaccard,
  jaccard,
  type MinHasher,
  shingleHashesInto,
  signatureInto,
} from './minhash.ts';
import { createRandom } from './random.ts';

const PERMUTATIONS = 256;
const random = createRandom(7);
const SEEDS = Uint32Array.from({ length: 2 * PERMUTATIONS }, () => random.nextUint32());
const signatureOf = (elements: number[], count: number) =>
  signatureInto(elements, count, SEEDS, new Uint32Array(PERMUTATIONS));

describe('MinHash', () => {
  it('estimates Jaccard similarity within five standard errors for random sets', () => {
    const errors: number[] = [];
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 0, max: 0xffffffff }), { minLength: 1, maxLength: 300 }),
        fc.uniqueArray(fc.integer({ min: 0, max: 0xffffffff }), { maxLength: 300 }),
        fc.integer({ min: 0, max: 300 }),
        (own, others, sharedCount) => {
          // A and B share the first `sharedCount` of `own`; B adds elements of its own.
          const a = new Set(own);
          const b = new Set([...own.slice(0, sharedCount), ...others]);
          if (b.size === 0) return;
          const intersection = [...a].filter((x) => b.has(x)).length;
          const truth = intersection / new Set([...a, ...b]).size;
          const estimate = estimateJaccard(signatureOf([...a], a.size), signatureOf([...b], b.size));
          const standardError = Math.sqrt((truth * (1 - truth)) / PERMUTATIONS);
          errors.push(estimate - truth);
          expect(Math.abs(estimate - truth)).toBeLessThanOrEqual(5 * standardError + 1 / PERMUTATIONS);
        },
      ),
      { seed: 20261201, numRuns: 400 },
    );
    // Unbiased: the mean error over all runs is near zero.
    const meanError = errors.reduce((sum, error) => sum + error, 0) / errors.length;
    expect(Math.abs(meanError)).toBeLessThan(0.01);
  });

  it('gives identical sets identical signatures and is the same for the same seed', () => {
    const tokens = ['文三路', '#', '路面', '大坑', '电动车', '摔倒'];
    const first = createMinHasher({ permutations: 64, shingleSize: 2, seed: 1 });
    const again = createMinHasher({ permutations: 64, shingleSize: 2, seed: 1 });
    const other = createMinHasher({ permutations: 64, shingleSize: 2, seed: 2 });
    const sign = (hasher: MinHasher, words: string[]) => hasher.signature(hasher.shingleSet(words));
    expect(sign(first, tokens)).toEqual(sign(again, tokens));
    expect(sign(first, tokens)).not.toEqual(sign(other, tokens));
    expect(estimateJaccard(sign(first, tokens), sign(first, [...tokens]))).toBe(1);
    const keys = new Uint32Array(16);
    bandKeysInto(sign(first, tokens), 16, 4, keys);
    expect(new Set(keys).size).toBe(16);
  });

  it('ignores repeated elements and uses only the first `count`', () => {
    const once = signatureOf([5, 9, 1234567], 3);
    expect(signatureOf([9, 5, 5, 1234567, 9], 5)).toEqual(once);
    expect(signatureOf([5, 9, 1234567, 42], 3)).toEqual(once);
  });

  it('shingles words k at a time, and a text shorter than k is one shingle', () => {
    const distinct = (tokens: string[], size: number) => {
      const into = new Uint32Array(8);
      return new Set(into.subarray(0, shingleHashesInto(tokens, size, into))).size;
    };
    expect(distinct(['a', 'b', 'c'], 2)).toBe(2);
    expect(distinct(['a', 'b', 'a', 'b'], 2)).toBe(2);
    expect(distinct(['a'], 3)).toBe(1);
    expect(distinct([], 2)).toBe(0);
    // Word order within a shingle counts: a b and b a are different shingles.
    const hasher = createMinHasher({ permutations: 64, shingleSize: 2, seed: 3 });
    expect(hasher.shingleSet(['a', 'b', 'a'])).toEqual(hasher.shingleSet(['b', 'a', 'b']));
    expect(hasher.shingleSet(['a', 'b', 'a', 'b'])).toHaveLength(2);
    expect(hasher.shingleSet(['a', 'b'])).not.toEqual(hasher.shingleSet(['b', 'a']));
  });

  it('computes the exact Jaccard similarity of two shingle sets', () => {
    const hasher = createMinHasher({ permutations: 8, shingleSize: 1, seed: 5 });
    const word = fc.constantFrom('路面', '大坑', '电动车', '摔倒', '噪音', '施工', '夜间', '#');
    fc.assert(
      fc.property(fc.array(word, { maxLength: 12 }), fc.array(word, { maxLength: 12 }), (a, b) => {
        const setA = new Set(a);
        const setB = new Set(b);
        const union = new Set([...a, ...b]).size;
        const truth = union === 0 ? 1 : [...setA].filter((x) => setB.has(x)).length / union;
        expect(jaccard(hasher.shingleSet(a), hasher.shingleSet(b))).toBeCloseTo(truth, 12);
      }),
      { seed: 20261128, numRuns: 200 },
    );
  });
});
