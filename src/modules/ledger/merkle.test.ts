import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  appendLeaves,
  consistencyProof,
  consistencyProofNodeIds,
  emptyTreeRoot,
  frontierNodeIds,
  hashChildren,
  hashLeaf,
  inclusionProof,
  inclusionProofNodeIds,
  largestPowerOfTwoBelow,
  merkleTreeHash,
  type NodeHashSource,
  type NodeId,
  rootAtSize,
  rootFromFrontier,
  type TreeNode,
} from './merkle.ts';
import * as portable from './verify.ts';

const TREE_SIZE = 3000;

function leafHashesOf(count: number): Uint8Array[] {
  return Array.from({ length: count }, (_, i) => hashLeaf(new TextEncoder().encode(`audit event ${i}`)));
}

/** A node table as the database keeps it, built by appending in one batch. */
function storeOf(leafHashes: readonly Uint8Array[]): Map<string, Uint8Array> {
  const { completedNodes } = appendLeaves([], leafHashes);
  return new Map(completedNodes.map((node) => [`${node.level}/${node.index}`, node.hash]));
}

/**
 * Reads from the store as a tree of `size` leaves sees it: asking for a subtree that is not
 * complete at that size fails the test, because the database would not have it yet.
 */
function recordingSource(store: Map<string, Uint8Array>, size: number) {
  const reads: NodeId[] = [];
  const getNode: NodeHashSource = (level, index) => {
    if ((index + 1) * 2 ** level > size)
      throw new Error(`node (${level}, ${index}) is incomplete at size ${size}`);
    reads.push({ level, index });
    const hash = store.get(`${level}/${index}`);
    if (hash === undefined) throw new Error(`node (${level}, ${index}) missing`);
    return hash;
  };
  return { getNode, reads };
}

function flipBit(hashes: readonly Uint8Array[], position: number, byte: number, bit: number): Uint8Array[] {
  return hashes.map((hash, i) => {
    if (i !== position % hashes.length) return hash;
    const flipped = hash.slice();
    flipped[byte % flipped.length]! ^= 1 << bit;
    return flipped;
  });
}

const bitLength = (n: number) => n.toString(2).length;

const leafHashes = leafHashesOf(TREE_SIZE);
const store = storeOf(leafHashes);

describe('hashing', () => {
  it('gives the same bytes as the portable verifier', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 300 }),
        fc.uint8Array({ minLength: 32, maxLength: 32 }),
        (data, other) => {
          expect(hashLeaf(data)).toEqual(portable.hashLeaf(data));
          expect(hashChildren(data, other)).toEqual(portable.hashChildren(data, other));
        },
      ),
    );
  });

  it('roots the empty tree at SHA-256 of nothing', () => {
    expect(Buffer.from(emptyTreeRoot()).toString('hex')).toBe(
      'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    );
    expect(merkleTreeHash([])).toEqual(emptyTreeRoot());
    expect(rootFromFrontier([])).toEqual(emptyTreeRoot());
  });
});

describe('largestPowerOfTwoBelow', () => {
  it('is the RFC split point k < n', () => {
    expect([2, 3, 4, 5, 8, 9, 1000].map(largestPowerOfTwoBelow)).toEqual([1, 2, 2, 4, 4, 8, 512]);
    expect(largestPowerOfTwoBelow(2 ** 53 - 1)).toBe(2 ** 52);
    expect(largestPowerOfTwoBelow(2 ** 52 + 1)).toBe(2 ** 52);
  });

  it('refuses sizes with no split or beyond exact integers', () => {
    expect(() => largestPowerOfTwoBelow(1)).toThrow(RangeError);
    expect(() => largestPowerOfTwoBelow(2 ** 53)).toThrow(RangeError);
    expect(() => largestPowerOfTwoBelow(2.5)).toThrow(RangeError);
  });
});

describe('frontierNodeIds', () => {
  it('is one complete subtree per set bit of the size, largest first', () => {
    expect(frontierNodeIds(0)).toEqual([]);
    expect(frontierNodeIds(8)).toEqual([{ level: 3, index: 0 }]);
    expect(frontierNodeIds(7)).toEqual([
      { level: 2, index: 0 },
      { level: 1, index: 2 },
      { level: 0, index: 6 },
    ]);
    expect(frontierNodeIds(2 ** 53 - 1)).toHaveLength(53);
  });
});

describe('appendLeaves', () => {
  it('completes every node exactly once across batches, keeps a valid frontier and the MTH root', () => {
    // At most 6 × 500 = TREE_SIZE leaves, so a batch never asks for more leaves than the fixture has.
    const batchesArb = fc.array(fc.integer({ min: 0, max: 500 }), { minLength: 1, maxLength: 6 });
    fc.assert(
      fc.property(batchesArb, (batchSizes) => {
        const total = batchSizes.reduce((sum, size) => sum + size, 0);
        const leaves = leafHashes.slice(0, total);
        const nodes = new Map<string, TreeNode>();
        let frontier: TreeNode[] = [];
        let size = 0;
        for (const batchSize of batchSizes) {
          const result = appendLeaves(frontier, leaves.slice(size, size + batchSize));
          for (const node of result.completedNodes) {
            const key = `${node.level}/${node.index}`;
            expect(nodes.has(key)).toBe(false);
            nodes.set(key, node);
          }
          size += batchSize;
          frontier = result.frontier;
          expect(result.size).toBe(size);
          expect(frontier.map(({ level, index }) => ({ level, index }))).toEqual(frontierNodeIds(size));
          expect(result.root).toEqual(merkleTreeHash(leaves.slice(0, size)));
        }
        // A tree of n leaves has 2n − popcount(n) complete subtrees.
        const popcount = [...total.toString(2)].filter((bit) => bit === '1').length;
        expect(nodes.size).toBe(2 * total - popcount);
        const hashOf = (level: number, index: number) => nodes.get(`${level}/${index}`)!.hash;
        const wrongNodes = [...nodes.values()].filter((node) => {
          const expected =
            node.level === 0
              ? leaves[node.index]!
              : hashChildren(
                  hashOf(node.level - 1, node.index * 2),
                  hashOf(node.level - 1, node.index * 2 + 1),
                );
          return Buffer.compare(node.hash, expected) !== 0;
        });
        expect(wrongNodes).toEqual([]);
      }),
      { numRuns: 40 },
    );
  });

  it('rejects a frontier that is not the binary decomposition of a size', () => {
    const [a, b] = leafHashesOf(2) as [Uint8Array, Uint8Array];
    expect(() =>
      appendLeaves(
        [
          { level: 0, index: 0, hash: a },
          { level: 1, index: 0, hash: b },
        ],
        [],
      ),
    ).toThrow(RangeError);
    expect(() => appendLeaves([{ level: 1, index: 1, hash: a }], [])).toThrow(RangeError);
    expect(() => appendLeaves([{ level: 0, index: 0, hash: a.subarray(1) }], [])).toThrow(RangeError);
    expect(() => appendLeaves([{ level: -1, index: 0, hash: a }], [])).toThrow(RangeError);
    expect(() => appendLeaves([], [b.subarray(2)])).toThrow(RangeError);
  });
});

describe('proofs from stored complete subtrees', () => {
  it('inclusion proofs read only the listed nodes, at most O(log n), and verify against the MTH root', () => {
    const sizeAndIndex = fc
      .integer({ min: 1, max: TREE_SIZE })
      .chain((size) => fc.tuple(fc.constant(size), fc.integer({ min: 0, max: size - 1 })));
    fc.assert(
      fc.property(sizeAndIndex, fc.nat(), fc.nat(), fc.nat(7), ([size, index], position, byte, bit) => {
        const { getNode, reads } = recordingSource(store, size);
        const proof = inclusionProof(index, size, getNode);
        expect(reads).toEqual(inclusionProofNodeIds(index, size));
        expect(reads.length).toBeLessThanOrEqual(2 * bitLength(size));

        const root = merkleTreeHash(leafHashes.slice(0, size));
        expect(rootAtSize(size, getNode)).toEqual(root);
        const leaf = leafHashes[index]!;
        expect(portable.verifyInclusion(BigInt(index), BigInt(size), leaf, proof, root)).toBe(true);
        if (proof.length > 0) {
          const tampered = flipBit(proof, position, byte, bit);
          expect(portable.verifyInclusion(BigInt(index), BigInt(size), leaf, tampered, root)).toBe(false);
        }
        const otherIndex = (index + 1 + (position % size)) % size;
        if (otherIndex !== index) {
          expect(portable.verifyInclusion(BigInt(otherIndex), BigInt(size), leaf, proof, root)).toBe(false);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('consistency proofs read only the listed nodes, at most O(log n), and verify between MTH roots', () => {
    const sizes = fc
      .integer({ min: 1, max: TREE_SIZE })
      .chain((size2) => fc.tuple(fc.integer({ min: 1, max: size2 }), fc.constant(size2)));
    fc.assert(
      fc.property(sizes, fc.nat(), fc.nat(), fc.nat(7), ([size1, size2], position, byte, bit) => {
        const { getNode, reads } = recordingSource(store, size2);
        const proof = consistencyProof(size1, size2, getNode);
        expect(reads).toEqual(consistencyProofNodeIds(size1, size2));
        expect(reads.length).toBeLessThanOrEqual(2 * bitLength(size2) + 1);

        const root1 = merkleTreeHash(leafHashes.slice(0, size1));
        const root2 = merkleTreeHash(leafHashes.slice(0, size2));
        expect(portable.verifyConsistency(BigInt(size1), BigInt(size2), proof, root1, root2)).toBe(true);
        if (proof.length > 0) {
          const tampered = flipBit(proof, position, byte, bit);
          expect(portable.verifyConsistency(BigInt(size1), BigInt(size2), tampered, root1, root2)).toBe(
            false,
          );
        }
        if (size1 < size2) {
          expect(portable.verifyConsistency(BigInt(size1), BigInt(size2), proof, root2, root2)).toBe(false);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('handles indices and sizes near 2^53 without losing precision', () => {
    // All leaves equal: one hash per level describes a real tree of any size.
    const levels = [hashLeaf(new Uint8Array(0))];
    while (levels.length < 54) levels.push(hashChildren(levels.at(-1)!, levels.at(-1)!));
    const getNode: NodeHashSource = (level) => levels[level]!;
    const size = 2 ** 53 - 1;
    const root = rootAtSize(size, getNode);

    const index = size - 1;
    const proof = inclusionProof(index, size, getNode);
    expect(proof).toHaveLength(52);
    expect(portable.verifyInclusion(BigInt(index), BigInt(size), levels[0]!, proof, root)).toBe(true);

    const size1 = 2 ** 52 + 3;
    const fromOld = consistencyProof(size1, size, getNode);
    expect(
      portable.verifyConsistency(BigInt(size1), BigInt(size), fromOld, rootAtSize(size1, getNode), root),
    ).toBe(true);
  });

  it('refuses proofs that cannot exist', () => {
    const getNode: NodeHashSource = (level, index) => store.get(`${level}/${index}`)!;
    expect(() => inclusionProof(5, 5, getNode)).toThrow(RangeError);
    expect(() => inclusionProof(-1, 5, getNode)).toThrow(RangeError);
    expect(() => inclusionProof(0.5, 5, getNode)).toThrow(RangeError);
    expect(() => inclusionProof(0, 2 ** 53, getNode)).toThrow(RangeError);
    expect(() => consistencyProof(0, 5, getNode)).toThrow(RangeError);
    expect(() => consistencyProof(6, 5, getNode)).toThrow(RangeError);
    expect(consistencyProof(5, 5, getNode)).toEqual([]);
  });

  it('refuses a store that returns something other than a 32-byte hash', () => {
    const corrupt: NodeHashSource = () => new Uint8Array(31);
    expect(() => inclusionProof(0, 2, corrupt)).toThrow(/31 bytes/);
    expect(() => rootAtSize(3, corrupt)).toThrow(RangeError);
  });
});
