import type { Kysely } from 'kysely';
import type { Tables } from '../../platform/db/index.ts';
import {
  appendLeaves,
  consistencyProof,
  consistencyProofNodeIds,
  hashLeaf,
  type NodeHashSource,
  rootFromFrontier,
  type TreeNode,
} from './merkle.ts';
import { type NoteVerifier, openNote, parseCheckpoint } from './note.ts';
import { findNodes, listCheckpoints, listLeaves, nodeKey } from './store.ts';
import { verifyConsistency } from './verify.ts';

/**
 * Full audit of the stored log, as `shuzhi ledger verify` runs it: re-derive the tree from the stored
 * leaf entries alone, and hold every other stored thing against it — leaf hashes, subtree nodes,
 * checkpoint roots and signatures, consistency between consecutive checkpoints. Memory stays
 * O(page + log n), so it runs over logs of any length.
 */
export type LedgerProblem = {
  /** The first leaf index the problem implicates. */
  leafIndex: number;
  /** The leaves [start, end) the problem is confined to, as far as the stored data can tell. */
  leafRange: [number, number];
  kind:
    | 'missing-leaf'
    | 'unexpected-leaf'
    | 'leaf-hash-mismatch'
    | 'node-mismatch'
    | 'node-missing'
    | 'checkpoint-root-mismatch'
    | 'checkpoint-signature'
    | 'checkpoint-inconsistent'
    | 'checkpoint-beyond-leaves';
  detail: string;
};

export type LedgerVerificationReport = {
  isValid: boolean;
  leaves: number;
  checkpoints: number;
  /** The problem with the lowest leaf index: where the stored log first differs. */
  firstProblem: LedgerProblem | undefined;
  problems: LedgerProblem[];
};

const PAGE = 5000;
const MAX_PROBLEMS = 100;

export async function verifyLedger(
  db: Kysely<Tables>,
  options: { origin: string; verifiers: readonly NoteVerifier[] },
): Promise<LedgerVerificationReport> {
  const problems: LedgerProblem[] = [];
  const report = (problem: LedgerProblem) => {
    if (problems.length < MAX_PROBLEMS) problems.push(problem);
  };

  let frontier: TreeNode[] = [];
  let derivedSize = 0;
  let checkpointCount = 0;
  let previousCheckpoint: { size: number; root: Uint8Array } | undefined;
  let checkpoints = await listCheckpoints(db, 0n, PAGE);
  let checkpointCursor = 0;

  const checkCheckpointsUpTo = async (size: number) => {
    for (;;) {
      if (checkpointCursor >= checkpoints.length) {
        const last = checkpoints.at(-1);
        if (!last) return;
        checkpoints = await listCheckpoints(db, last.tree_size, PAGE);
        checkpointCursor = 0;
        if (checkpoints.length === 0) return;
      }
      const checkpoint = checkpoints[checkpointCursor]!;
      const checkpointSize = Number(checkpoint.tree_size);
      if (checkpointSize > size) return;
      checkpointCursor += 1;
      checkpointCount += 1;
      const root = rootFromFrontier(frontier);
      const range: [number, number] = [previousCheckpoint?.size ?? 0, checkpointSize];
      if (!equalBytes(root, checkpoint.root_hash)) {
        report({
          kind: 'checkpoint-root-mismatch',
          leafIndex: range[0],
          leafRange: range,
          detail: `the leaves re-derive a different root than the stored checkpoint at size ${checkpointSize}`,
        });
      }
      checkCheckpointNote(checkpoint.note, checkpointSize, root, options, range, report);
      if (previousCheckpoint) {
        await checkConsistency(
          db,
          previousCheckpoint,
          { size: checkpointSize, root: checkpoint.root_hash },
          report,
        );
      }
      previousCheckpoint = { size: checkpointSize, root: new Uint8Array(checkpoint.root_hash) };
    }
  };

  let cursor = 0n;
  for (;;) {
    const leaves = await listLeaves(db, cursor, PAGE);
    if (leaves.length === 0) break;
    const derivedNodes: TreeNode[] = [];
    for (const leaf of leaves) {
      const index = Number(leaf.leaf_index);
      if (index !== derivedSize) {
        report({
          kind: 'missing-leaf',
          leafIndex: derivedSize,
          leafRange: [derivedSize, index],
          detail: `leaves ${derivedSize}…${index - 1} are missing`,
        });
        // Nothing after a gap can be re-derived; the checkpoints after it will not match either.
        await compareNodes(db, derivedNodes, report);
        return finish(problems, derivedSize, checkpointCount);
      }
      const recomputed = hashLeaf(leaf.entry);
      if (!equalBytes(recomputed, leaf.leaf_hash)) {
        report({
          kind: 'leaf-hash-mismatch',
          leafIndex: index,
          leafRange: [index, index + 1],
          detail: `leaf ${index}'s entry does not hash to its stored leaf hash: the entry or the hash was changed`,
        });
      }
      const appended = appendLeaves(frontier, [recomputed]);
      derivedNodes.push(...appended.completedNodes);
      frontier = appended.frontier;
      derivedSize += 1;
      await checkCheckpointsUpTo(derivedSize);
    }
    await compareNodes(db, derivedNodes, report);
    cursor = leaves.at(-1)!.leaf_index + 1n;
  }

  const latest = previousCheckpoint?.size ?? 0;
  const remaining = checkpoints.slice(checkpointCursor);
  if (derivedSize > latest && remaining.length === 0) {
    report({
      kind: 'unexpected-leaf',
      leafIndex: latest,
      leafRange: [latest, derivedSize],
      detail: `leaves ${latest}…${derivedSize - 1} are not covered by any signed checkpoint: they were inserted outside the integrator`,
    });
  }
  if (remaining.length > 0) {
    report({
      kind: 'checkpoint-beyond-leaves',
      leafIndex: derivedSize,
      leafRange: [derivedSize, Number(remaining.at(-1)!.tree_size)],
      detail: `a signed checkpoint covers ${remaining[0]!.tree_size} leaves but only ${derivedSize} are stored: leaves were deleted`,
    });
  }
  return finish(problems, derivedSize, checkpointCount);
}

const KIND_ORDER: readonly LedgerProblem['kind'][] = [
  'missing-leaf',
  'unexpected-leaf',
  'leaf-hash-mismatch',
  'node-mismatch',
  'node-missing',
  'checkpoint-beyond-leaves',
  'checkpoint-root-mismatch',
  'checkpoint-inconsistent',
  'checkpoint-signature',
];

/**
 * One changed leaf also changes every subtree and checkpoint above it. Those are consequences, so
 * the first problem is chosen among the most precise ones: a problem whose leaf range strictly
 * contains another problem's range is not where the log first differs.
 */
function finish(problems: LedgerProblem[], leaves: number, checkpoints: number): LedgerVerificationReport {
  const width = (p: LedgerProblem) => p.leafRange[1] - p.leafRange[0];
  const contains = (outer: LedgerProblem, inner: LedgerProblem) =>
    outer.leafRange[0] <= inner.leafRange[0] &&
    inner.leafRange[1] <= outer.leafRange[1] &&
    width(outer) > width(inner);
  const precise = problems.filter((outer) => !problems.some((inner) => contains(outer, inner)));
  const byPosition = (a: LedgerProblem, b: LedgerProblem) =>
    a.leafIndex - b.leafIndex || KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind);
  return {
    isValid: problems.length === 0,
    leaves,
    checkpoints,
    firstProblem: [...precise].sort(byPosition)[0],
    problems: [...problems].sort(byPosition),
  };
}

async function compareNodes(
  db: Kysely<Tables>,
  derived: readonly TreeNode[],
  report: (problem: LedgerProblem) => void,
): Promise<void> {
  const stored = new Map<string, Uint8Array>();
  for (let start = 0; start < derived.length; start += PAGE) {
    for (const [key, hash] of await findNodes(db, derived.slice(start, start + PAGE))) stored.set(key, hash);
  }
  for (const node of derived) {
    const span = 2 ** node.level;
    const range: [number, number] = [node.index * span, (node.index + 1) * span];
    const hash = stored.get(nodeKey(node.level, node.index));
    if (!hash) {
      report({
        kind: 'node-missing',
        leafIndex: range[0],
        leafRange: range,
        detail: `the stored subtree (level ${node.level}, index ${node.index}) is missing`,
      });
    } else if (!equalBytes(hash, node.hash)) {
      report({
        kind: 'node-mismatch',
        leafIndex: range[0],
        leafRange: range,
        detail:
          node.level === 0
            ? `leaf ${node.index} differs from the leaf hash stored in the tree: it was changed, inserted or moved`
            : `the stored subtree over leaves ${range[0]}…${range[1] - 1} differs from the one the leaves re-derive`,
      });
    }
  }
}

function checkCheckpointNote(
  note: string,
  size: number,
  root: Uint8Array,
  options: { origin: string; verifiers: readonly NoteVerifier[] },
  range: [number, number],
  report: (problem: LedgerProblem) => void,
): void {
  try {
    const opened = openNote(note, options.verifiers);
    const checkpoint = parseCheckpoint(opened.text);
    if (
      checkpoint.origin !== options.origin ||
      checkpoint.size !== BigInt(size) ||
      !equalBytes(checkpoint.rootHash, root)
    ) {
      report({
        kind: 'checkpoint-signature',
        leafIndex: range[0],
        leafRange: range,
        detail: `the signed note of the checkpoint at size ${size} names another origin, size or root`,
      });
    }
  } catch (error) {
    report({
      kind: 'checkpoint-signature',
      leafIndex: range[0],
      leafRange: range,
      detail: `the checkpoint at size ${size} does not carry a valid signature of this log: ${(error as Error).message}`,
    });
  }
}

async function checkConsistency(
  db: Kysely<Tables>,
  older: { size: number; root: Uint8Array },
  newer: { size: number; root: Uint8Array },
  report: (problem: LedgerProblem) => void,
): Promise<void> {
  const range: [number, number] = [older.size, newer.size];
  try {
    const proof = consistencyProof(
      older.size,
      newer.size,
      await storedNodeSource(db, older.size, newer.size),
    );
    if (!verifyConsistency(BigInt(older.size), BigInt(newer.size), proof, older.root, newer.root)) {
      report({
        kind: 'checkpoint-inconsistent',
        leafIndex: older.size,
        leafRange: range,
        detail: `the checkpoint at size ${newer.size} is not an append-only extension of the one at size ${older.size}`,
      });
    }
  } catch (error) {
    report({
      kind: 'checkpoint-inconsistent',
      leafIndex: older.size,
      leafRange: range,
      detail: `no consistency proof from size ${older.size} to ${newer.size} can be built from the stored tree: ${(error as Error).message}`,
    });
  }
}

async function storedNodeSource(db: Kysely<Tables>, size1: number, size2: number): Promise<NodeHashSource> {
  const nodes = await findNodes(db, consistencyProofNodeIds(size1, size2));
  return (level, index) => {
    const hash = nodes.get(nodeKey(level, index));
    if (!hash) throw new Error(`stored subtree (level ${level}, index ${index}) is missing`);
    return hash;
  };
}

function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
