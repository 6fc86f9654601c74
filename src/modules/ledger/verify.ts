/**
 * Verification of RFC 9162 Merkle proofs for whoever holds a signed tree head: the server, an
 * auditor's script, or a citizen's browser. It imports nothing from Node so the web app can bundle
 * it unchanged, and the server's own proofs are checked by the same code the public runs.
 *
 * The verifiers return `false` for every proof they do not accept and never throw on malformed
 * input: a proof comes from an untrusted party, and "malformed" and "wrong" lead to the same
 * decision. Indices and sizes are bigint because RFC 9162 defines them as uint64 and a browser
 * must be able to check a log larger than 2^53 leaves exactly; values outside 0…2^64−1 are
 * rejected like any other bad proof.
 */
import { sha256 } from '@noble/hashes/sha2.js';

/** Length of every RFC 6962 SHA-256 tree hash. */
export const HASH_SIZE = 32;

const MAX_UINT64 = 2n ** 64n - 1n;
// Domain separation (RFC 9162 §2.1.1): a leaf can never be passed off as an interior node.
const LEAF_PREFIX = Uint8Array.of(0x00);
const NODE_PREFIX = Uint8Array.of(0x01);

export function hashLeaf(leaf: Uint8Array): Uint8Array {
  return sha256.create().update(LEAF_PREFIX).update(leaf).digest();
}

export function hashChildren(left: Uint8Array, right: Uint8Array): Uint8Array {
  return sha256.create().update(NODE_PREFIX).update(left).update(right).digest();
}

/**
 * The root that `proof` implies for the leaf, following RFC 9162 §2.1.3.2, or `undefined` when the
 * proof cannot be an inclusion proof for this index and size at all (wrong length, index out of
 * range, hashes that are not 32 bytes). Comparing the result with a trusted root is the caller's
 * step; `verifyInclusion` does both.
 */
export function rootFromInclusionProof(
  leafIndex: bigint,
  treeSize: bigint,
  leafHash: Uint8Array,
  proof: readonly Uint8Array[],
): Uint8Array | undefined {
  if (!isUint64(leafIndex) || !isUint64(treeSize) || leafIndex >= treeSize) return undefined;
  if (leafHash.length !== HASH_SIZE || !proof.every((hash) => hash.length === HASH_SIZE)) return undefined;

  // fn walks the leaf's position up the tree and sn the last leaf's; when they meet, the leaf is on
  // the right edge and the levels where the right edge has no sibling are skipped.
  let fn = leafIndex;
  let sn = treeSize - 1n;
  let root = leafHash;
  for (const sibling of proof) {
    if (sn === 0n) return undefined;
    if (isOdd(fn) || fn === sn) {
      root = hashChildren(sibling, root);
      while (!isOdd(fn) && fn !== 0n) {
        fn >>= 1n;
        sn >>= 1n;
      }
    } else {
      root = hashChildren(root, sibling);
    }
    fn >>= 1n;
    sn >>= 1n;
  }
  return sn === 0n ? root : undefined;
}

/** RFC 9162 §2.1.3.2: is the leaf with this hash at `leafIndex` in the tree of `treeSize` with `root`? */
export function verifyInclusion(
  leafIndex: bigint,
  treeSize: bigint,
  leafHash: Uint8Array,
  proof: readonly Uint8Array[],
  root: Uint8Array,
): boolean {
  const computedRoot = rootFromInclusionProof(leafIndex, treeSize, leafHash, proof);
  return computedRoot !== undefined && bytesEqual(computedRoot, root);
}

/**
 * RFC 9162 §2.1.4.2: is the tree of `size2` with `root2` an append-only extension of the tree of
 * `size1` with `root1`?
 *
 * Beyond the RFC text, and as the transparency-dev/merkle test vectors require: a proof from size 0
 * is always rejected (the empty tree is a prefix of everything, so such a proof proves nothing and
 * accepting it would let a caller skip the check); for equal sizes an empty proof is accepted
 * exactly when the two roots are byte-equal, whatever their length.
 */
export function verifyConsistency(
  size1: bigint,
  size2: bigint,
  proof: readonly Uint8Array[],
  root1: Uint8Array,
  root2: Uint8Array,
): boolean {
  if (!isUint64(size1) || !isUint64(size2) || size1 === 0n || size2 < size1) return false;
  if (size1 === size2) return proof.length === 0 && bytesEqual(root1, root2);
  if (proof.length === 0 || root1.length !== HASH_SIZE || root2.length !== HASH_SIZE) return false;
  if (!proof.every((hash) => hash.length === HASH_SIZE)) return false;

  // When the old tree is a perfect subtree of the new one, the prover leaves its root out because
  // the verifier already has it.
  const path = isPowerOfTwo(size1) ? [root1, ...proof] : proof;
  let fn = size1 - 1n;
  let sn = size2 - 1n;
  while (isOdd(fn)) {
    fn >>= 1n;
    sn >>= 1n;
  }
  // fr rebuilds the old root and sr the new one from the same path; only the hashes left of the
  // old tree's right edge contribute to fr.
  let fr = path[0]!;
  let sr = path[0]!;
  for (const hash of path.slice(1)) {
    if (sn === 0n) return false;
    if (isOdd(fn) || fn === sn) {
      fr = hashChildren(hash, fr);
      sr = hashChildren(hash, sr);
      while (!isOdd(fn) && fn !== 0n) {
        fn >>= 1n;
        sn >>= 1n;
      }
    } else {
      sr = hashChildren(sr, hash);
    }
    fn >>= 1n;
    sn >>= 1n;
  }
  return sn === 0n && bytesEqual(fr, root1) && bytesEqual(sr, root2);
}

function isUint64(value: bigint): boolean {
  return value >= 0n && value <= MAX_UINT64;
}

function isOdd(value: bigint): boolean {
  return (value & 1n) === 1n;
}

function isPowerOfTwo(value: bigint): boolean {
  return value > 0n && (value & (value - 1n)) === 0n;
}

function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, i) => byte === b[i]);
}
