import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bandKeys, createMinHasher, estimateJaccard, shingleHashes, signatureOfSet } from './minhash.ts';
import { createRandom } from './random.ts';

const PERMUTATIONS = 256;
const random = createRandom(7);
const SEEDS = Uint32Array.from({ length: PERMUTATIONS }, () => random.nextUint32());

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
          const estimate = estimateJaccard(signatureOfSet(a, SEEDS), signatureOfSet(b, SEEDS));
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
    expect(first.signature(tokens)).toEqual(again.signature(tokens));
    expect(first.signature(tokens)).not.toEqual(other.signature(tokens));
    expect(estimateJaccard(first.signature(tokens), first.signature([...tokens]))).toBe(1);
    expect(bandKeys(first.signature(tokens), 16, 4)).toHaveLength(16);
  });

  it('shingles words k at a time, and a text shorter than k is one shingle', () => {
    expect(shingleHashes(['a', 'b', 'c'], 2).size).toBe(2);
    expect(shingleHashes(['a', 'b', 'a', 'b'], 2).size).toBe(2);
    expect(shingleHashes(['a'], 3).size).toBe(1);
    expect(shingleHashes([], 2).size).toBe(0);
  });
});
