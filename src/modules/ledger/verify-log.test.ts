import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/support/test-database.ts';
import { loadConfig } from '../../config.ts';
import { manualClock } from '../../platform/clock/index.ts';
import { encodeAuditEvent } from './audit-event.ts';
import { integrateBatch } from './integrator.ts';
import { ownVerifier, resolveLedgerKeys } from './keys.ts';
import { hashLeaf } from './merkle.ts';
import { formatCheckpoint, generateSigner, signNote } from './note.ts';
import { recordAuditEvent } from './service.ts';
import { verifyLedger } from './verify-log.ts';

const keys = resolveLedgerKeys(loadConfig({ NODE_ENV: 'test' }));
const clock = manualClock(new Date('2026-11-27T02:00:00Z'));

function event(n: number) {
  return {
    action: 'feedback.request.replied',
    actor: { kind: 'staff' as const, id: `staff-${n % 3}` },
    onBehalfOf: 'org-county-12345-centre',
    record: { type: 'feedback.request', id: `r-${n}` },
    at: new Date(Date.UTC(2026, 10, 27, 2, 0, n)),
  };
}

const forgedEntry = (n: number) => encodeAuditEvent({ ...event(n), action: 'feedback.request.deleted' });

describe('shuzhi ledger verify: tamper detection', () => {
  let database: TestDatabase;
  const verify = () => verifyLedger(database.db, { origin: keys.origin, verifiers: [ownVerifier(keys)] });
  const exec = (query: ReturnType<typeof sql>) => query.execute(database.db);

  beforeEach(async () => {
    database = await createTestDatabase({ contents: 'migrated' });
    // 40 leaves in four batches of ten: checkpoints at sizes 10, 20, 30, 40.
    for (let batch = 0; batch < 4; batch++) {
      for (let n = batch * 10; n < batch * 10 + 10; n++) await recordAuditEvent(database.db, event(n));
      await integrateBatch(database.db, keys, clock);
    }
  });
  afterEach(async () => {
    await database.close();
  });

  it('passes an untouched log', async () => {
    expect(await verify()).toMatchObject({ isValid: true, leaves: 40, checkpoints: 4 });
  });

  it('names a leaf whose entry was changed', async () => {
    await exec(sql`update ledger_leaf set entry = ${Buffer.from(forgedEntry(17))} where leaf_index = 17`);
    const report = await verify();
    expect(report.isValid).toBe(false);
    expect(report.firstProblem).toMatchObject({ leafIndex: 17, kind: 'leaf-hash-mismatch' });
  });

  it('names a leaf whose entry and leaf hash were both rewritten', async () => {
    const entry = forgedEntry(17);
    await exec(
      sql`update ledger_leaf set entry = ${Buffer.from(entry)}, leaf_hash = ${Buffer.from(hashLeaf(entry))} where leaf_index = 17`,
    );
    expect((await verify()).firstProblem).toMatchObject({ leafIndex: 17, kind: 'node-mismatch' });
  });

  it('names a deleted leaf', async () => {
    await exec(sql`delete from ledger_leaf where leaf_index = 17`);
    expect((await verify()).firstProblem).toMatchObject({ leafIndex: 17, kind: 'missing-leaf' });
  });

  it('names the last leaf when it was deleted', async () => {
    await exec(sql`delete from ledger_leaf where leaf_index = 39`);
    expect((await verify()).firstProblem).toMatchObject({ leafIndex: 39, kind: 'checkpoint-beyond-leaves' });
  });

  it('names a leaf inserted into the middle', async () => {
    await exec(sql`update ledger_leaf set leaf_index = leaf_index + 1000 where leaf_index >= 17`);
    await exec(sql`update ledger_leaf set leaf_index = leaf_index - 999 where leaf_index >= 1017`);
    const entry = forgedEntry(17);
    await exec(sql`
      insert into ledger_leaf (leaf_index, entry, leaf_hash, record_type, record_id, recorded_at, integrated_at)
      values (17, ${Buffer.from(entry)}, ${Buffer.from(hashLeaf(entry))}, 'feedback.request', 'r-17', now(), now())
    `);
    expect((await verify()).firstProblem).toMatchObject({ leafIndex: 17, kind: 'node-mismatch' });
  });

  it('names a leaf appended outside the integrator', async () => {
    const entry = forgedEntry(40);
    await exec(sql`
      insert into ledger_leaf (leaf_index, entry, leaf_hash, record_type, record_id, recorded_at, integrated_at)
      values (40, ${Buffer.from(entry)}, ${Buffer.from(hashLeaf(entry))}, 'feedback.request', 'r-40', now(), now())
    `);
    expect((await verify()).firstProblem).toMatchObject({ leafIndex: 40, kind: 'unexpected-leaf' });
  });

  it('names the first of two reordered leaves', async () => {
    await exec(sql`update ledger_leaf set leaf_index = 1000 where leaf_index = 17`);
    await exec(sql`update ledger_leaf set leaf_index = 17 where leaf_index = 23`);
    await exec(sql`update ledger_leaf set leaf_index = 23 where leaf_index = 1000`);
    const report = await verify();
    expect(report.firstProblem).toMatchObject({ leafIndex: 17, kind: 'node-mismatch' });
    expect(report.problems.map((p) => p.leafIndex)).toContain(23);
  });

  it('detects a checkpoint replaced by one signed with another key', async () => {
    const forger = generateSigner(keys.origin);
    const root = await exec(sql`select root_hash from ledger_checkpoint where tree_size = 20`);
    const note = signNote(
      formatCheckpoint({
        origin: keys.origin,
        size: 20n,
        rootHash: new Uint8Array((root.rows[0] as { root_hash: Uint8Array }).root_hash),
      }),
      [forger],
    );
    await exec(sql`update ledger_checkpoint set note = ${note} where tree_size = 20`);
    expect((await verify()).firstProblem).toMatchObject({
      leafIndex: 10,
      leafRange: [10, 20],
      kind: 'checkpoint-signature',
    });
  });

  it('detects a checkpoint whose root was replaced', async () => {
    await exec(sql`update ledger_checkpoint set root_hash = ${Buffer.alloc(32, 7)} where tree_size = 30`);
    const report = await verify();
    expect(report.firstProblem).toMatchObject({ leafIndex: 20, kind: 'checkpoint-root-mismatch' });
  });
});
