import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  HASH_SIZE,
  hashChildren,
  hashLeaf,
  rootFromInclusionProof,
  verifyConsistency,
  verifyInclusion,
} from './verify.ts';

const MAX_UINT64 = 2n ** 64n - 1n;
const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');

/**
 * A tree whose leaves all hash to the same value has one hash per level, so trees of any size up
 * to 2^64 − 1 leaves can be built in 64 hashes and the bigint arithmetic checked where floats fail.
 */
function uniformTreeLevels(): Uint8Array[] {
  const levels = [hashLeaf(new Uint8Array(0))];
  while (levels.length < 64) levels.push(hashChildren(levels.at(-1)!, levels.at(-1)!));
  return levels;
}

describe('hashing', () => {
  it('prefixes leaves with 0x00 and interior nodes with 0x01 (RFC 9162 §2.1.1)', () => {
    expect(hex(hashLeaf(new Uint8Array(0)))).toBe(
      '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
    );
    const left = hashLeaf(Uint8Array.of(0x00));
    const right = hashLeaf(Uint8Array.of(0x10));
    // Node (1, 0) of the RFC 6962 reference tree (transparency-dev/merkle testonly/constants.go).
    expect(hex(hashChildren(hashLeaf(new Uint8Array(0)), left))).toBe(
      'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
    );
    expect(hashChildren(left, right)).not.toEqual(hashChildren(right, left));
  });
});

describe('verifyInclusion', () => {
  const leafA = hashLeaf(Uint8Array.of(1));
  const leafB = hashLeaf(Uint8Array.of(2));
  const root = hashChildren(leafA, leafB);

  it('accepts both leaves of a two-leaf tree', () => {
    expect(verifyInclusion(0n, 2n, leafA, [leafB], root)).toBe(true);
    expect(verifyInclusion(1n, 2n, leafB, [leafA], root)).toBe(true);
  });

  it('accepts a single-leaf tree whose root is the leaf hash, with an empty proof', () => {
    expect(verifyInclusion(0n, 1n, leafA, [], leafA)).toBe(true);
  });

  it('rejects a swapped index, a wrong size, and extra or missing proof hashes', () => {
    expect(verifyInclusion(1n, 2n, leafA, [leafB], root)).toBe(false);
    expect(verifyInclusion(0n, 3n, leafA, [leafB], root)).toBe(false);
    expect(verifyInclusion(0n, 2n, leafA, [leafB, leafB], root)).toBe(false);
    expect(verifyInclusion(0n, 2n, leafA, [], root)).toBe(false);
  });

  it('rejects indices outside the tree and values outside uint64', () => {
    expect(verifyInclusion(2n, 2n, leafA, [leafB], root)).toBe(false);
    expect(verifyInclusion(-1n, 2n, leafA, [leafB], root)).toBe(false);
    expect(verifyInclusion(0n, 0n, leafA, [], leafA)).toBe(false);
    expect(verifyInclusion(0n, MAX_UINT64 + 1n, leafA, [], leafA)).toBe(false);
    expect(verifyInclusion(MAX_UINT64, MAX_UINT64, leafA, [], leafA)).toBe(false);
  });

  it('rejects leaf and proof hashes that are not 32 bytes, even when the bytes would line up', () => {
    const short = leafA.subarray(0, 31);
    expect(verifyInclusion(0n, 1n, short, [], short)).toBe(false);
    expect(verifyInclusion(0n, 1n, new Uint8Array(0), [], new Uint8Array(0))).toBe(false);
    expect(verifyInclusion(0n, 2n, leafA, [leafB.subarray(0, 31)], root)).toBe(false);
  });

  it('checks the last leaf of a tree of 2^64 − 1 leaves exactly', () => {
    const levels = uniformTreeLevels();
    // 2^64 − 1 leaves form complete subtrees of every height 63…0; the last leaf is the height-0
    // one, and its proof is the roots of the others, lowest first.
    const proof = levels.slice(1);
    const root = levels.slice(1).reduce((right, left) => hashChildren(left, right), levels[0]!);
    expect(verifyInclusion(MAX_UINT64 - 1n, MAX_UINT64, levels[0]!, proof, root)).toBe(true);
    expect(rootFromInclusionProof(MAX_UINT64 - 1n, MAX_UINT64, levels[0]!, proof)).toEqual(root);
    // One leaf earlier the right edge lies elsewhere, so the same proof no longer fits.
    expect(verifyInclusion(MAX_UINT64 - 2n, MAX_UINT64, levels[0]!, proof, root)).toBe(false);
    expect(verifyInclusion(MAX_UINT64 - 1n, MAX_UINT64 - 1n, levels[0]!, proof, root)).toBe(false);
  });

  it('never throws, whatever the input', () => {
    const bigintArb = fc.bigInt({ min: -2n, max: MAX_UINT64 + 2n });
    const hashArb = fc.uint8Array({ minLength: 0, maxLength: 40 });
    fc.assert(
      fc.property(
        bigintArb,
        bigintArb,
        hashArb,
        fc.array(hashArb, { maxLength: 70 }),
        hashArb,
        (i, n, leaf, proof, r) => {
          expect(typeof verifyInclusion(i, n, leaf, proof, r)).toBe('boolean');
        },
      ),
    );
  });
});

describe('rootFromInclusionProof', () => {
  it('returns nothing when the proof has the wrong length for the index and size', () => {
    const leaf = hashLeaf(Uint8Array.of(1));
    expect(rootFromInclusionProof(0n, 1n, leaf, [leaf])).toBeUndefined();
    expect(rootFromInclusionProof(0n, 4n, leaf, [leaf])).toBeUndefined();
    expect(rootFromInclusionProof(0n, 4n, leaf, [leaf, leaf])).toEqual(
      hashChildren(hashChildren(leaf, leaf), leaf),
    );
  });
});

describe('verifyConsistency', () => {
  const leaves = [1, 2, 3].map((byte) => hashLeaf(Uint8Array.of(byte)));
  const [a, b, c] = leaves as [Uint8Array, Uint8Array, Uint8Array];
  const root2 = hashChildren(a, b);
  const root3 = hashChildren(root2, c);

  it('accepts a growing tree and rejects the proof under other sizes or roots', () => {
    expect(verifyConsistency(2n, 3n, [c], root2, root3)).toBe(true);
    expect(verifyConsistency(1n, 3n, [b, c], a, root3)).toBe(true);
    // Sizes 3 and 4 share the proof's shape (the right subtree is one opaque hash), so use 5.
    expect(verifyConsistency(2n, 5n, [c], root2, root3)).toBe(false);
    expect(verifyConsistency(2n, 3n, [c], root3, root3)).toBe(false);
    expect(verifyConsistency(2n, 3n, [c], root2, root2)).toBe(false);
  });

  it('rejects every proof from the empty tree, even 0 → 0 with equal roots', () => {
    const empty = new Uint8Array(HASH_SIZE);
    expect(verifyConsistency(0n, 0n, [], empty, empty)).toBe(false);
    expect(verifyConsistency(0n, 3n, [root3], empty, root3)).toBe(false);
  });

  it('accepts equal sizes with an empty proof exactly when the roots are byte-equal, of any length', () => {
    const opaque = new TextEncoder().encode("don't care 2");
    expect(verifyConsistency(3n, 3n, [], opaque, opaque.slice())).toBe(true);
    expect(verifyConsistency(3n, 3n, [], root3, root2)).toBe(false);
    expect(verifyConsistency(3n, 3n, [root3], root3, root3)).toBe(false);
  });

  it('rejects shrinking trees, empty proofs between different sizes and values outside uint64', () => {
    expect(verifyConsistency(3n, 2n, [c], root3, root2)).toBe(false);
    expect(verifyConsistency(2n, 3n, [], root2, root3)).toBe(false);
    expect(verifyConsistency(MAX_UINT64 + 1n, MAX_UINT64 + 1n, [], root3, root3)).toBe(false);
    expect(verifyConsistency(-1n, 3n, [c], root2, root3)).toBe(false);
  });

  it('rejects hashes that are not 32 bytes when the sizes differ', () => {
    expect(verifyConsistency(2n, 3n, [c.subarray(1)], root2, root3)).toBe(false);
    expect(verifyConsistency(2n, 3n, [c], root2.subarray(1), root3)).toBe(false);
  });

  it('checks the largest uint64 tree exactly', () => {
    const levels = uniformTreeLevels();
    const rootOf = (heights: number[]) =>
      heights.map((height) => levels[height]!).reduceRight((right, left) => hashChildren(left, right));
    const heights = Array.from({ length: 64 }, (_, i) => 63 - i);
    // 2^63 leaves are one complete subtree; growing to 2^64 − 1 appends subtrees of heights 62…0,
    // whose hash is the whole proof.
    const proof = [rootOf(heights.slice(1))];
    const [root1, root2] = [levels[63]!, rootOf(heights)];
    expect(verifyConsistency(2n ** 63n, MAX_UINT64, proof, root1, root2)).toBe(true);
    expect(verifyConsistency(2n ** 63n - 1n, MAX_UINT64, proof, root1, root2)).toBe(false);
  });

  it('never throws, whatever the input', () => {
    const bigintArb = fc.bigInt({ min: -2n, max: MAX_UINT64 + 2n });
    const hashArb = fc.uint8Array({ minLength: 0, maxLength: 40 });
    fc.assert(
      fc.property(
        bigintArb,
        bigintArb,
        fc.array(hashArb, { maxLength: 70 }),
        hashArb,
        hashArb,
        (m, n, proof, r1, r2) => {
          expect(typeof verifyConsistency(m, n, proof, r1, r2)).toBe('boolean');
        },
      ),
    );
  });
});
