import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/test-app.ts';
import { loadConfig } from '../../config.ts';
import type { Authenticate } from '../../platform/http/index.ts';
import { hashPayload } from './audit-event.ts';
import { integrateBatch } from './integrator.ts';
import { logVerifiers, ownVerifier, resolveLedgerKeys } from './keys.ts';
import {
  formatSignerKey,
  formatVerifierKey,
  generateSigner,
  openNote,
  parseCheckpoint,
  verifierOf,
} from './note.ts';
import { auditedWrite, getSigningKeys, recordAuditEvent, recordAuditEvents } from './service.ts';
import { verifyConsistency, verifyInclusion } from './verify.ts';
import { verifyLedger } from './verify-log.ts';

const fromBase64 = (text: string) => new Uint8Array(Buffer.from(text, 'base64'));

const auditor: Authenticate = async (request) =>
  request.headers.authorization === 'Bearer auditor'
    ? { id: 'staff-auditor', hasPermission: (permission) => permission === 'ledger.events.read' }
    : request.headers.authorization === 'Bearer clerk'
      ? { id: 'staff-clerk', hasPermission: () => false }
      : undefined;

function event(n: number, recordId = `case-${n % 7}`) {
  return {
    action: 'services.application.submitted',
    actor: { kind: 'citizen' as const, id: `citizen-${n}` },
    record: { type: 'services.application', id: recordId },
    at: new Date(Date.UTC(2026, 10, 27, 1, 0, n)),
    requestId: `req-${n}`,
    payloadHash: hashPayload({ n, form: { name: '王芳' } }),
  };
}

describe('ledger through the API', () => {
  let t: TestApp;
  const keys = () => resolveLedgerKeys(t.config);

  beforeAll(async () => {
    t = await createTestApp({ authenticate: auditor, contents: 'migrated' });
  });
  afterAll(async () => {
    await t.close();
  });

  it('has no checkpoint before anything is recorded', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/ledger/checkpoint' });
    expect(response.statusCode).toBe(404);
    expect(response.json().code).toBe('ledger.empty');
  });

  it('keeps an event only if its business transaction commits', async () => {
    await expect(
      auditedWrite(t.database.db, event(999), async (tx) => {
        await sql`select 1`.execute(tx);
        throw new Error('business rule failed');
      }),
    ).rejects.toThrow('business rule failed');
    const pending = await sql<{ n: number }>`select count(*)::int as n from ledger_pending`.execute(
      t.database.db,
    );
    expect(pending.rows[0]?.n).toBe(0);
  });

  it('integrates pending events in batches and signs a checkpoint per batch', async () => {
    for (let n = 0; n < 13; n++) await auditedWrite(t.database.db, event(n), async () => undefined);
    const first = await integrateBatch(t.database.db, keys(), t.clock, { batchLimit: 5 });
    expect(first).toEqual({ outcome: 'integrated', treeSize: 5n, added: 5 });
    const second = await integrateBatch(t.database.db, keys(), t.clock);
    expect(second).toEqual({ outcome: 'integrated', treeSize: 13n, added: 8 });
    expect(await integrateBatch(t.database.db, keys(), t.clock)).toEqual({ outcome: 'nothing-pending' });

    const response = await t.app.inject({ method: 'GET', url: '/api/ledger/checkpoint' });
    expect(response.statusCode).toBe(200);
    const checkpoint = response.json();
    expect(checkpoint.treeSize).toBe('13');
    const opened = openNote(checkpoint.note, [ownVerifier(keys())]);
    const parsed = parseCheckpoint(opened.text);
    expect(parsed.origin).toBe(t.config.ledgerOrigin);
    expect(parsed.size).toBe(13n);
    expect(Buffer.from(parsed.rootHash).toString('base64')).toBe(checkpoint.rootHash);

    const note = await t.app.inject({ method: 'GET', url: '/api/ledger/checkpoint/note' });
    expect(note.headers['content-type']).toContain('text/plain');
    expect(note.body).toBe(checkpoint.note);
  });

  it('serves inclusion proofs that verify against the signed root, for every leaf', async () => {
    const checkpoint = (await t.app.inject({ method: 'GET', url: '/api/ledger/checkpoint' })).json();
    for (let index = 0; index < 13; index++) {
      const response = await t.app.inject({
        method: 'GET',
        url: `/api/ledger/proofs/inclusion?index=${index}`,
      });
      expect(response.statusCode).toBe(200);
      const proof = response.json();
      expect(proof.rootHash).toBe(checkpoint.rootHash);
      expect(
        verifyInclusion(
          BigInt(index),
          13n,
          fromBase64(proof.leafHash),
          proof.proof.map(fromBase64),
          fromBase64(checkpoint.rootHash),
        ),
      ).toBe(true);
      const leaf = (await t.app.inject({ method: 'GET', url: `/api/ledger/leaves/${index}` })).json();
      expect(leaf.leafHash).toBe(proof.leafHash);
      expect(Object.keys(leaf).sort()).toEqual(['index', 'integratedAt', 'leafHash']);
    }
  });

  it('serves consistency proofs between any two sizes, and proofs at past sizes', async () => {
    const pastRoot = (
      await t.app.inject({ method: 'GET', url: '/api/ledger/proofs/inclusion?index=2&treeSize=5' })
    ).json();
    expect(pastRoot.treeSize).toBe('5');
    const stored = await sql<{
      root_hash: Uint8Array;
    }>`select root_hash from ledger_checkpoint where tree_size = 5`.execute(t.database.db);
    expect(pastRoot.rootHash).toBe(Buffer.from(stored.rows[0]!.root_hash).toString('base64'));
    for (const [from, to] of [
      [1, 13],
      [5, 13],
      [7, 11],
      [13, 13],
    ]) {
      const response = await t.app.inject({
        method: 'GET',
        url: `/api/ledger/proofs/consistency?from=${from}&to=${to}`,
      });
      expect(response.statusCode).toBe(200);
      const proof = response.json();
      expect(
        verifyConsistency(
          BigInt(from!),
          BigInt(to!),
          proof.proof.map(fromBase64),
          fromBase64(proof.fromRootHash),
          fromBase64(proof.toRootHash),
        ),
      ).toBe(true);
    }
  });

  it('answers bad proof requests with 4xx problems', async () => {
    const cases: Array<[string, number, string]> = [
      ['/api/ledger/proofs/inclusion?index=13', 400, 'ledger.bad-proof-request'],
      ['/api/ledger/proofs/inclusion?index=1&treeSize=14', 400, 'ledger.size-out-of-range'],
      ['/api/ledger/proofs/inclusion?index=-1', 400, 'validation-failed'],
      ['/api/ledger/proofs/inclusion?index=18446744073709551616', 400, 'ledger.bad-proof-request'],
      ['/api/ledger/proofs/consistency?from=0&to=5', 400, 'ledger.bad-proof-request'],
      ['/api/ledger/proofs/consistency?from=6&to=5', 400, 'ledger.bad-proof-request'],
      ['/api/ledger/leaves/18446744073709551615', 404, 'ledger.leaf-not-found'],
      ['/api/ledger/leaves/abc', 400, 'validation-failed'],
      ['/api/ledger/proofs/inclusion?index=1&treeSize=18446744073709551615', 400, 'ledger.size-out-of-range'],
      ['/api/ledger/proofs/consistency?from=1&to=18446744073709551615', 400, 'ledger.size-out-of-range'],
      [
        '/api/ledger/proofs/consistency?from=9007199254740993&to=18446744073709551615',
        400,
        'ledger.size-out-of-range',
      ],
    ];
    for (const [url, status, code] of cases) {
      const response = await t.app.inject({ method: 'GET', url });
      expect({ url, status: response.statusCode, code: response.json().code }).toEqual({ url, status, code });
    }
  });

  it('never answers a proof request with a server error, whatever the numbers', async () => {
    const number = fc.oneof(
      fc.bigInt({ min: 0n, max: 20n }),
      fc.bigInt({ min: 0n, max: 2n ** 64n + 5n }),
      fc.constantFrom(2n ** 53n - 1n, 2n ** 53n, 2n ** 63n - 1n, 2n ** 63n, 2n ** 64n - 1n),
    );
    await fc.assert(
      fc.asyncProperty(number, fc.option(number), fc.boolean(), async (a, b, isInclusion) => {
        const url = isInclusion
          ? `/api/ledger/proofs/inclusion?index=${a}${b === null ? '' : `&treeSize=${b}`}`
          : `/api/ledger/proofs/consistency?from=${a}${b === null ? '' : `&to=${b}`}`;
        const response = await t.app.inject({ method: 'GET', url });
        expect(response.statusCode, url).toBeLessThan(500);
        if (response.statusCode !== 200) expect(response.headers['content-type']).toContain('problem+json');
      }),
      { numRuns: 150 },
    );
  });

  it('shows a record’s audit trail only to those allowed, pending events included', async () => {
    await recordAuditEvent(t.database.db, event(100, 'case-3'));
    const url = '/api/ledger/records/services.application/case-3/events';
    expect((await t.app.inject({ method: 'GET', url })).statusCode).toBe(401);
    expect(
      (await t.app.inject({ method: 'GET', url, headers: { authorization: 'Bearer clerk' } })).statusCode,
    ).toBe(403);
    const response = await t.app.inject({ method: 'GET', url, headers: { authorization: 'Bearer auditor' } });
    expect(response.statusCode).toBe(200);
    const { events } = response.json();
    expect(events.map((e: { leafIndex: string | null }) => e.leafIndex)).toEqual(['3', '10', null]);
    expect(events[0].event).toMatchObject({
      action: 'services.application.submitted',
      actor: { kind: 'citizen', id: 'citizen-3' },
      record: { type: 'services.application', id: 'case-3' },
      requestId: 'req-3',
    });
    expect(JSON.stringify(events)).not.toContain('王芳');
  });

  it('verifies the whole stored log', async () => {
    await integrateBatch(t.database.db, keys(), t.clock);
    const report = await verifyLedger(t.database.db, {
      origin: keys().origin,
      verifiers: [ownVerifier(keys())],
    });
    expect(report).toMatchObject({ isValid: true, leaves: 14, checkpoints: 3, problems: [] });
  });
});

describe('ledger keys from the configuration', () => {
  it('names the variable when a configured key is not a key', async () => {
    const { loadConfig, ConfigError } = await import('../../config.ts');
    expect(() =>
      resolveLedgerKeys(loadConfig({ SHUZHI_LEDGER_SIGNER_KEY: 'PRIVATE+KEY+x+00000000+AQ==' })),
    ).toThrow(ConfigError);
    expect(() => resolveLedgerKeys(loadConfig({ SHUZHI_LEDGER_WITNESS_KEYS: 'not-a-key' }))).toThrow(
      /SHUZHI_LEDGER_WITNESS_KEYS entry 1 is not a verifier key/,
    );
  });
});

describe('rotating the checkpoint key', () => {
  const origin = 'shuzhi.demo.invalid/ledger';
  const oldSigner = generateSigner(origin);
  const newSigner = generateSigner(origin);
  const oldVerifierKey = formatVerifierKey(verifierOf(oldSigner));
  const newVerifierKey = formatVerifierKey(verifierOf(newSigner));
  let t: TestApp;

  // The app runs as after the rotation: the new signer, the old key listed as retired.
  const rotatedEnv = {
    SHUZHI_LEDGER_ORIGIN: origin,
    SHUZHI_LEDGER_SIGNER_KEY: formatSignerKey(newSigner),
    SHUZHI_LEDGER_RETIRED_VERIFIER_KEYS: oldVerifierKey,
  };

  beforeAll(async () => {
    t = await createTestApp({ contents: 'migrated', env: rotatedEnv });
  });
  afterAll(async () => {
    await t.close();
  });

  const keysWith = (env: Record<string, string>) =>
    resolveLedgerKeys(loadConfig({ NODE_ENV: 'test', SHUZHI_LEDGER_ORIGIN: origin, ...env }));

  async function appendBatch(keys: ReturnType<typeof resolveLedgerKeys>, from: number, count: number) {
    await t.database.db.transaction().execute((tx) =>
      recordAuditEvents(
        tx,
        Array.from({ length: count }, (_, i) => event(from + i)),
      ),
    );
    return integrateBatch(t.database.db, keys, t.clock);
  }

  it('serves each key with the tree sizes it signed, and verification needs the retired key', async () => {
    const before = keysWith({ SHUZHI_LEDGER_SIGNER_KEY: formatSignerKey(oldSigner) });
    await appendBatch(before, 0, 3);
    await appendBatch(before, 3, 2);

    const after = keysWith(rotatedEnv);
    await appendBatch(after, 5, 4);

    const response = await t.app.inject({ method: 'GET', url: '/api/ledger/keys' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      origin,
      keys: [
        {
          verifierKey: oldVerifierKey,
          state: 'retired',
          firstTreeSize: '3',
          // Checkpoints of sizes 3 and 5 exist; any size below the next key's first (9) was this key's.
          lastTreeSize: '8',
          firstSignedAt: expect.any(String),
        },
        {
          verifierKey: newVerifierKey,
          state: 'current',
          firstTreeSize: '9',
          lastTreeSize: null,
          firstSignedAt: expect.any(String),
        },
      ],
    });

    const withHistory = await verifyLedger(t.database.db, { origin, verifiers: logVerifiers(after) });
    expect(withHistory).toMatchObject({ isValid: true, leaves: 9, checkpoints: 3 });
    const currentKeyOnly = await verifyLedger(t.database.db, { origin, verifiers: [ownVerifier(after)] });
    expect(currentKeyOnly.isValid).toBe(false);
    expect(currentKeyOnly.firstProblem?.kind).toBe('checkpoint-signature');
  });

  it('lists a configured retired key that signed nothing here with no tree sizes', async () => {
    const unused = formatVerifierKey(verifierOf(generateSigner(origin)));
    const keys = keysWith({
      SHUZHI_LEDGER_SIGNER_KEY: formatSignerKey(newSigner),
      SHUZHI_LEDGER_RETIRED_VERIFIER_KEYS: `${oldVerifierKey},${unused}`,
    });
    const listed = await getSigningKeys(t.database.db, keys);
    expect(listed.keys.map((key) => [key.state, key.firstTreeSize])).toEqual([
      ['retired', '3'],
      ['current', '9'],
      ['retired', null],
    ]);
  });

  it('refuses a retired key that is not a key of this log', () => {
    expect(() => keysWith({ SHUZHI_LEDGER_RETIRED_VERIFIER_KEYS: 'not-a-key' })).toThrow(
      /SHUZHI_LEDGER_RETIRED_VERIFIER_KEYS entry 1 is not a verifier key/,
    );
    const otherLog = formatVerifierKey(verifierOf(generateSigner('ledger.other-county.gov.cn/audit')));
    expect(() => keysWith({ SHUZHI_LEDGER_RETIRED_VERIFIER_KEYS: otherLog })).toThrow(
      /is named ledger.other-county.gov.cn\/audit, not this log's origin/,
    );
  });
});
