import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/support/test-database.ts';
import { loadConfig } from '../../config.ts';
import { manualClock } from '../../platform/clock/index.ts';
import { migrate, readMigrationFiles } from '../../platform/migrations/index.ts';
import { MIGRATIONS_DIR } from '../../runtime.ts';
import { encodeAuditEvent } from './audit-event.ts';
import { integrateBatch } from './integrator.ts';
import { ownVerifier, resolveLedgerKeys } from './keys.ts';
import { appendLeaves, hashLeaf, type TreeNode } from './merkle.ts';
import { formatCheckpoint, signNote } from './note.ts';
import { getInclusionProof, recordAuditEvent } from './service.ts';
import { findNodes, nodeKey, storeNodes } from './store.ts';
import { placeNode } from './tiles.ts';
import { verifyInclusion } from './verify.ts';
import { verifyLedger } from './verify-log.ts';

const leafHashOf = (n: number) => hashLeaf(new TextEncoder().encode(`leaf ${n}`));

describe('tiles', () => {
  it('places the nodes of one tile in 30 distinct slots', () => {
    const slots = new Set<number>();
    for (let level = 0; level < 4; level++) {
      for (let index = 0; index < 16 >> level; index++) {
        const placement = placeNode({ level, index });
        expect(placement.key).toEqual({ tileLevel: 0, tileIndex: 0 });
        slots.add(placement.slot);
      }
    }
    expect([...slots].sort((a, b) => a - b)).toEqual(Array.from({ length: 30 }, (_, i) => i));
    expect(placeNode({ level: 4, index: 17 })).toEqual({
      key: { tileLevel: 1, tileIndex: 1 },
      slot: 1,
      requiredWidth: 2,
    });
    expect(placeNode({ level: 7, index: 3 })).toEqual({
      key: { tileLevel: 1, tileIndex: 1 },
      slot: 29,
      requiredWidth: 16,
    });
  });

  describe('stored and read back through the database', () => {
    let database: TestDatabase;
    beforeAll(async () => {
      database = await createTestDatabase({ contents: 'migrated' });
    });
    afterAll(async () => {
      await database.close();
    });

    it('holds every complete subtree and never an incomplete one, whatever the batches', async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.integer({ min: 1, max: 600 }),
          fc.array(fc.integer({ min: 1, max: 90 }), { minLength: 1, maxLength: 6 }),
          async (size, batchSizes) => {
            await sql`delete from ledger_tile`.execute(database.db);
            const allNodes: TreeNode[] = [];
            let frontier: TreeNode[] = [];
            for (let done = 0, batch = 0; done < size; batch++) {
              const count = Math.min(batchSizes[batch % batchSizes.length]!, size - done);
              const appended = appendLeaves(
                frontier,
                Array.from({ length: count }, (_, i) => leafHashOf(done + i)),
              );
              await storeNodes(database.db, appended.completedNodes);
              allNodes.push(...appended.completedNodes);
              frontier = appended.frontier;
              done += count;
            }
            const stored = await findNodes(database.db, allNodes);
            for (const node of allNodes)
              expect(stored.get(nodeKey(node.level, node.index))).toEqual(node.hash);
            // The first subtree of each level that is not complete yet must not be readable.
            const incomplete = Array.from({ length: Math.ceil(Math.log2(size)) + 2 }, (_, level) => ({
              level,
              index: Math.floor(size / 2 ** level),
            }));
            expect((await findNodes(database.db, incomplete)).size).toBe(0);
          },
        ),
        { numRuns: 25 },
      );
    });
  });
});

describe('the ledger-tiles migration: subtrees stored one per row move into tiles', () => {
  let database: TestDatabase | undefined;
  afterEach(async () => {
    await database?.close();
  });

  it('keeps a log built before it valid, provable and appendable', async () => {
    database = await createTestDatabase({ contents: 'empty' });
    const { db } = database;
    const files = readMigrationFiles(MIGRATIONS_DIR);
    const tilesVersion = files.find((file) => file.name.endsWith('ledger-tiles.sql'))!.version;
    await migrate(
      db,
      files.filter((file) => file.version < tilesVersion),
    );

    const size = 1000;
    const entries = Array.from({ length: size }, (_, n) =>
      Buffer.from(
        encodeAuditEvent({
          action: 'identity.account.registered',
          actor: { kind: 'citizen', id: `citizen-${n}` },
          onBehalfOf: null,
          record: { type: 'identity.account', id: `account-${n}` },
          at: new Date(Date.UTC(2026, 10, 27, 1, 0, 0, n)),
        }),
      ),
    );
    await sql`
      insert into ledger_leaf (leaf_index, entry, leaf_hash, record_type, record_id, recorded_at, integrated_at)
      select i - 1, e, sha256('\\x00'::bytea || e), 'identity.account', 'account-' || (i - 1), now(), now()
      from unnest(${entries}::bytea[]) with ordinality as t(e, i)
    `.execute(db);
    // The pre-tile layout: one row per complete subtree, each level from the one below.
    await sql`insert into ledger_node (level, node_index, hash) select 0, leaf_index, leaf_hash from ledger_leaf`.execute(
      db,
    );
    for (let level = 0; 2 ** (level + 1) <= size; level++) {
      await sql`
        insert into ledger_node (level, node_index, hash)
        select ${level + 1}, l.node_index / 2, sha256('\\x01'::bytea || l.hash || r.hash)
        from ledger_node l join ledger_node r on r.level = l.level and r.node_index = l.node_index + 1
        where l.level = ${level} and l.node_index % 2 = 0
      `.execute(db);
    }
    const keys = resolveLedgerKeys(loadConfig({ NODE_ENV: 'test' }));
    const { root } = appendLeaves([], entries.map(hashLeaf));
    const note = signNote(formatCheckpoint({ origin: keys.origin, size: BigInt(size), rootHash: root }), [
      keys.signer,
    ]);
    await sql`insert into ledger_checkpoint (tree_size, root_hash, note, created_at)
      values (${size}, ${Buffer.from(root)}, ${note}, now())`.execute(db);

    await migrate(db, files);

    const verifiers = [ownVerifier(keys)];
    expect(await verifyLedger(db, { origin: keys.origin, verifiers })).toMatchObject({
      isValid: true,
      leaves: size,
      checkpoints: 1,
    });
    const proof = await getInclusionProof(db, 777n, BigInt(size));
    expect(
      verifyInclusion(
        777n,
        BigInt(size),
        Buffer.from(proof.leafHash, 'base64'),
        proof.proof.map((hash) => Buffer.from(hash, 'base64')),
        root,
      ),
    ).toBe(true);

    const clock = manualClock(new Date('2026-11-27T03:00:00Z'));
    for (let n = 0; n < 37; n++) {
      await recordAuditEvent(db, {
        action: 'identity.account.disabled',
        actor: { kind: 'staff', id: 'staff-1' },
        onBehalfOf: null,
        record: { type: 'identity.account', id: `account-${n}` },
        at: clock.now(),
      });
    }
    expect(await integrateBatch(db, keys, clock)).toMatchObject({ outcome: 'integrated', treeSize: 1037n });
    expect(await verifyLedger(db, { origin: keys.origin, verifiers })).toMatchObject({
      isValid: true,
      leaves: 1037,
      checkpoints: 2,
    });
  });
});
