/**
 * Server-side Merkle tree maths for the audit ledger (RFC 9162 §2.1): appending leaves, tree
 * heads, and inclusion and consistency proofs, for a tree kept in the database as *complete
 * subtrees*.
 *
 * Storage model. Node (level L, index i) is the hash of the perfect subtree over leaves
 * [i·2^L, (i+1)·2^L): level 0 holds the leaf hashes, level L+1 node i = hashChildren(node L,2i;
 * node L,2i+1). A node is written once, when its last leaf arrives, and never changes, because the
 * log only grows. Any tree head or proof of any size up to the current one is assembled from at
 * most O(log n) of these nodes; subtrees on the right edge that are not yet complete are never
 * stored but recomputed from the complete subtrees that make them up. The right edge itself, the
 * *frontier*, is the list of complete subtrees whose concatenation is the whole tree (one per set
 * bit of the size, largest first); it is all an appender needs to remember.
 *
 * Indices and sizes are JS numbers, exact up to 2^53 − 1 leaves, which a database-backed log will
 * not reach; every entry point rejects unsafe integers rather than lose precision. The portable
 * verifier in verify.ts uses bigint because it must check any RFC 9162 log.
 *
 * Hashing uses node:crypto's one-shot SHA-256, which is faster than the portable hasher in
 * verify.ts and gives identical bytes (the tests check both against each other).
 */
import { hash } from 'node:crypto';
import { HASH_SIZE } from './verify.ts';

export type NodeId = { readonly level: number; readonly index: number };
export type TreeNode = NodeId & { readonly hash: Uint8Array };

/**
 * Looks up a stored complete-subtree hash. Proof generation only asks for nodes whose subtree ends
 * at or before the tree size of the proof, so every request is for a node that was persisted; a
 * missing node means a broken store and the source should throw.
 */
export type NodeHashSource = (level: number, index: number) => Uint8Array;

export type AppendResult = {
  readonly size: number;
  /** Persist with the batch; the next append starts from it. */
  readonly frontier: TreeNode[];
  readonly root: Uint8Array;
  /** Every node (leaves included) that became complete in this batch, ready to insert. */
  readonly completedNodes: TreeNode[];
};

/** [start, end) in leaf indices. */
type LeafRange = { readonly start: number; readonly end: number };

const LEAF_PREFIX = Uint8Array.of(0x00);
const NODE_PREFIX = Uint8Array.of(0x01);

export function hashLeaf(leaf: Uint8Array): Uint8Array {
  const message = new Uint8Array(1 + leaf.length);
  message.set(LEAF_PREFIX, 0);
  message.set(leaf, 1);
  return sha256(message);
}

export function hashChildren(left: Uint8Array, right: Uint8Array): Uint8Array {
  const message = new Uint8Array(1 + left.length + right.length);
  message.set(NODE_PREFIX, 0);
  message.set(left, 1);
  message.set(right, 1 + left.length);
  return sha256(message);
}

/** MTH({}) = SHA-256 of the empty string (RFC 9162 §2.1.1). */
export function emptyTreeRoot(): Uint8Array {
  return sha256(new Uint8Array(0));
}

/** RFC 9162's split point k: the largest power of two strictly less than n (n ≥ 2). */
export function largestPowerOfTwoBelow(n: number): number {
  assertSafeCount(n, 'n');
  if (n < 2) throw new RangeError(`no power of two splits ${n} leaves`);
  // Doubling instead of Math.log2: the float logarithm rounds the wrong way near powers of two.
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/**
 * MTH of a list of leaf hashes, straight from the RFC 9162 §2.1.1 definition. It reads every leaf,
 * so it is the reference the stored-node model is checked against, not a way to serve requests.
 */
export function merkleTreeHash(leafHashes: readonly Uint8Array[]): Uint8Array {
  if (leafHashes.length === 0) return emptyTreeRoot();
  const mth = (start: number, end: number): Uint8Array => {
    if (end - start === 1) return leafHashes[start]!;
    const split = start + largestPowerOfTwoBelow(end - start);
    return hashChildren(mth(start, split), mth(split, end));
  };
  return mth(0, leafHashes.length);
}

/** Which stored nodes make up the frontier of a tree of `size` leaves, largest subtree first. */
export function frontierNodeIds(size: number): NodeId[] {
  assertSafeCount(size, 'size');
  return completeSubtreesOf({ start: 0, end: size });
}

/** The tree head: the frontier's subtrees folded from the right, as MTH splits them. */
export function rootFromFrontier(frontier: readonly TreeNode[]): Uint8Array {
  if (frontier.length === 0) return emptyTreeRoot();
  return foldFromRight(frontier.map((node) => node.hash));
}

/**
 * Appends a batch of leaf hashes to the tree whose right edge is `frontier`. Costs one hash per
 * completed node, which is fewer than two per leaf, plus the O(log n) fold for the new root.
 */
export function appendLeaves(frontier: readonly TreeNode[], leafHashes: readonly Uint8Array[]): AppendResult {
  let size = sizeOfFrontier(frontier);
  assertSafeCount(size + leafHashes.length, 'size after append');
  const stack = [...frontier];
  const completedNodes: TreeNode[] = [];
  for (const leafHash of leafHashes) {
    assertHashLength(leafHash, `leaf hash ${size}`);
    let node: TreeNode = { level: 0, index: size, hash: leafHash };
    completedNodes.push(node);
    // Two complete subtrees of equal height at the right edge are siblings: merging them is the
    // only work an append does, like a carry in binary addition.
    while (stack.length > 0 && stack[stack.length - 1]!.level === node.level) {
      const left = stack.pop()!;
      node = { level: node.level + 1, index: left.index / 2, hash: hashChildren(left.hash, node.hash) };
      completedNodes.push(node);
    }
    stack.push(node);
    size += 1;
  }
  return { size, frontier: stack, root: rootFromFrontier(stack), completedNodes };
}

/** The tree head for any past or current size, from the stored nodes `frontierNodeIds(size)` lists. */
export function rootAtSize(size: number, getNode: NodeHashSource): Uint8Array {
  const ids = frontierNodeIds(size);
  if (ids.length === 0) return emptyTreeRoot();
  return foldFromRight(ids.map((id) => readNode(getNode, id)));
}

/** Stored nodes `inclusionProof(index, size)` reads, for fetching them in one query. */
export function inclusionProofNodeIds(index: number, size: number): NodeId[] {
  return inclusionProofRanges(index, size).flatMap(completeSubtreesOf);
}

/** RFC 9162 §2.1.3.1 PATH(index, D[size]), ordered from the leaf upwards. */
export function inclusionProof(index: number, size: number, getNode: NodeHashSource): Uint8Array[] {
  return inclusionProofRanges(index, size).map((range) => hashOfRange(range, getNode));
}

/** Stored nodes `consistencyProof(size1, size2)` reads, for fetching them in one query. */
export function consistencyProofNodeIds(size1: number, size2: number): NodeId[] {
  return consistencyProofRanges(size1, size2).flatMap(completeSubtreesOf);
}

/**
 * RFC 9162 §2.1.4.1 PROOF(size1, D[size2]). Throws for size1 = 0: verifiers reject a proof from the
 * empty tree, so asking for one is a caller's mistake worth surfacing.
 */
export function consistencyProof(size1: number, size2: number, getNode: NodeHashSource): Uint8Array[] {
  return consistencyProofRanges(size1, size2).map((range) => hashOfRange(range, getNode));
}

function inclusionProofRanges(index: number, size: number): LeafRange[] {
  assertSafeCount(size, 'size');
  assertSafeCount(index, 'index');
  if (index >= size) throw new RangeError(`leaf ${index} is not in a tree of ${size} leaves`);
  const siblings: LeafRange[] = [];
  let start = 0;
  let end = size;
  while (end - start > 1) {
    const split = start + largestPowerOfTwoBelow(end - start);
    if (index < split) {
      siblings.push({ start: split, end });
      end = split;
    } else {
      siblings.push({ start, end: split });
      start = split;
    }
  }
  // Descending from the root finds the siblings top-down; the RFC lists them bottom-up.
  return siblings.reverse();
}

function consistencyProofRanges(size1: number, size2: number): LeafRange[] {
  assertSafeCount(size1, 'size1');
  assertSafeCount(size2, 'size2');
  if (size1 === 0) throw new RangeError('a consistency proof from the empty tree proves nothing');
  if (size1 > size2) throw new RangeError(`size1 ${size1} is larger than size2 ${size2}`);
  const hashes: LeafRange[] = [];
  let start = 0;
  let end = size2;
  // SUBPROOF's flag b: the verifier knows the old root only while the old tree is a prefix of the
  // subtree being descended; once the descent goes right, the old tree's own subtree must be sent.
  let isOldRootKnown = true;
  while (size1 !== end) {
    const split = start + largestPowerOfTwoBelow(end - start);
    if (size1 <= split) {
      hashes.push({ start: split, end });
      end = split;
    } else {
      hashes.push({ start, end: split });
      start = split;
      isOldRootKnown = false;
    }
  }
  if (!isOldRootKnown) hashes.push({ start, end });
  return hashes.reverse();
}

/**
 * Splits a range into the complete subtrees that compose it, largest first. For the ranges the RFC
 * recursion produces (each starts at a multiple of a power of two at least its length) this is
 * exactly how MTH splits the range, so folding the pieces from the right gives its hash.
 */
function completeSubtreesOf(range: LeafRange): NodeId[] {
  const nodes: NodeId[] = [];
  let start = range.start;
  while (start < range.end) {
    let level = 0;
    let width = 1;
    while (start % (width * 2) === 0 && start + width * 2 <= range.end) {
      level += 1;
      width *= 2;
    }
    nodes.push({ level, index: start / width });
    start += width;
  }
  return nodes;
}

function hashOfRange(range: LeafRange, getNode: NodeHashSource): Uint8Array {
  return foldFromRight(completeSubtreesOf(range).map((id) => readNode(getNode, id)));
}

function foldFromRight(hashes: readonly Uint8Array[]): Uint8Array {
  let root = hashes[hashes.length - 1]!;
  for (let i = hashes.length - 2; i >= 0; i--) root = hashChildren(hashes[i]!, root);
  return root;
}

function readNode(getNode: NodeHashSource, id: NodeId): Uint8Array {
  const nodeHash = getNode(id.level, id.index);
  assertHashLength(nodeHash, `stored node (${id.level}, ${id.index})`);
  return nodeHash;
}

/** The frontier must be the binary decomposition of its size, or appends would corrupt the tree. */
function sizeOfFrontier(frontier: readonly TreeNode[]): number {
  let size = 0;
  let previousLevel = Number.POSITIVE_INFINITY;
  for (const node of frontier) {
    const width = 2 ** node.level;
    const isInOrder = Number.isSafeInteger(node.level) && node.level >= 0 && node.level < previousLevel;
    if (!isInOrder || node.index * width !== size) {
      throw new RangeError(
        `frontier node (${node.level}, ${node.index}) does not follow a tree of ${size} leaves`,
      );
    }
    assertHashLength(node.hash, `frontier node (${node.level}, ${node.index})`);
    previousLevel = node.level;
    size += width;
  }
  return size;
}

function assertSafeCount(value: number, name: string): void {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new RangeError(`${name} must be an integer from 0 to 2^53 − 1, got ${value}`);
  }
}

function assertHashLength(value: Uint8Array, what: string): void {
  if (value.length !== HASH_SIZE) throw new RangeError(`${what} has ${value.length} bytes, not ${HASH_SIZE}`);
}

function sha256(message: Uint8Array): Uint8Array {
  // Copied out of the Buffer so callers get a plain Uint8Array that compares equal to verify.ts's.
  return new Uint8Array(hash('sha256', message, 'buffer'));
}
