import type { Kysely } from 'kysely';
import type { Clock } from '../../platform/clock/index.ts';
import type { Tables } from '../../platform/db/index.ts';
import { appendLeaves, frontierNodeIds, type TreeNode } from './merkle.ts';
import { formatCheckpoint, formatVerifierKey, type NoteSigner, signNote, verifierOf } from './note.ts';
import {
  findLatestCheckpoint,
  findNodes,
  insertCheckpoint,
  movePendingToLeaves,
  nodeKey,
  recordSigningKey,
  storeNodes,
  tryLockIntegrator,
} from './store.ts';

export type LogIdentity = { origin: string; signer: NoteSigner };

export type IntegrationResult =
  | { outcome: 'integrated'; treeSize: bigint; added: number }
  | { outcome: 'nothing-pending' }
  | { outcome: 'busy' };

export const DEFAULT_BATCH_LIMIT = 4000;

export type IntegrateOptions = {
  batchLimit?: number;
  /** Runs inside the batch transaction just before it commits; the crash test stops the process here. */
  beforeCommit?: () => Promise<void>;
};

/**
 * One integration batch, in one transaction: move pending events in arrival order to the next leaf
 * indices, store every subtree they complete, and sign a checkpoint for the new size. A crash anywhere rolls the whole batch back: pending events stay
 * pending and the tree stays at its last checkpoint. Another server already integrating → 'busy'.
 */
export async function integrateBatch(
  db: Kysely<Tables>,
  log: LogIdentity,
  clock: Clock,
  options: IntegrateOptions = {},
): Promise<IntegrationResult> {
  return db.transaction().execute(async (tx) => {
    if (!(await tryLockIntegrator(tx))) return { outcome: 'busy' };
    const latest = await findLatestCheckpoint(tx);
    const size = latest?.tree_size ?? 0n;
    const now = clock.now();
    const leaves = await movePendingToLeaves(tx, size, options.batchLimit ?? DEFAULT_BATCH_LIMIT, now);
    if (leaves.length === 0) return { outcome: 'nothing-pending' };

    const frontier = await loadFrontier(tx, Number(size));
    const appended = appendLeaves(
      frontier,
      leaves.map((leaf) => leaf.leaf_hash),
    );
    await storeNodes(tx, appended.completedNodes);
    const treeSize = BigInt(appended.size);
    const note = signNote(formatCheckpoint({ origin: log.origin, size: treeSize, rootHash: appended.root }), [
      log.signer,
    ]);
    await insertCheckpoint(tx, { tree_size: treeSize, root_hash: appended.root, note, created_at: now });
    await recordSigningKey(tx, formatVerifierKey(verifierOf(log.signer)), treeSize);
    await options.beforeCommit?.();
    return { outcome: 'integrated', treeSize, added: leaves.length };
  });
}

async function loadFrontier(db: Kysely<Tables>, size: number): Promise<TreeNode[]> {
  const ids = frontierNodeIds(size);
  const nodes = await findNodes(db, ids);
  return ids.map((id) => {
    const hash = nodes.get(nodeKey(id.level, id.index));
    if (!hash) {
      throw new Error(
        `Ledger node (${id.level}, ${id.index}) of the tree at size ${size} is missing: run "shuzhi ledger verify"`,
      );
    }
    return { ...id, hash };
  });
}

export type RunningIntegrator = { stop(): Promise<void>; integrateNow(): Promise<void> };

/**
 * Integrates in the background every `intervalMs` (so an event waits at most about that long), and
 * straight again while full batches keep coming. Every server runs one; the advisory lock lets only
 * one of them work at a time.
 */
export function startIntegrator(
  db: Kysely<Tables>,
  log: LogIdentity,
  clock: Clock,
  options: { intervalMs: number; onError: (error: unknown) => void; batchLimit?: number },
): RunningIntegrator {
  let isStopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  const batchLimit = options.batchLimit ?? DEFAULT_BATCH_LIMIT;

  const drain = async () => {
    for (;;) {
      const result = await integrateBatch(db, log, clock, { batchLimit });
      if (result.outcome !== 'integrated' || result.added < batchLimit) return;
    }
  };
  const tick = () => {
    running = drain()
      .catch(options.onError)
      .finally(() => {
        if (!isStopped) timer = setTimeout(tick, options.intervalMs);
      });
  };
  timer = setTimeout(tick, options.intervalMs);

  return {
    async integrateNow() {
      await running;
      await drain();
    },
    async stop() {
      isStopped = true;
      clearTimeout(timer);
      await running;
      // What was recorded before shutdown is integrated before the database closes.
      await drain().catch(options.onError);
    },
  };
}
