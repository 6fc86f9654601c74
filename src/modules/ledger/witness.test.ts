import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/test-app.ts';
import { integrateBatch } from './integrator.ts';
import { ownVerifier, resolveLedgerKeys } from './keys.ts';
import { COSIGNATURE_V1, formatVerifierKey, generateSigner, openNote, signNote, verifierOf } from './note.ts';
import { recordAuditEvent, witnessVerifierKey } from './service.ts';
import { witnessRemoteLog } from './witness-client.ts';

const PROVINCE = {
  SHUZHI_LEDGER_ORIGIN: 'shuzhi.province.invalid/ledger',
  SHUZHI_SECRET_KEY: 'province-secret-'.repeat(3),
};
const COUNTY_SECRET = 'county-secret-key-'.repeat(3);
const COUNTY_ORIGIN = 'shuzhi.county.invalid/ledger';

async function recordAndIntegrate(
  t: TestApp,
  from: number,
  count: number,
  action = 'policy.document.published',
) {
  for (let n = from; n < from + count; n++) {
    await recordAuditEvent(t.database.db, {
      action,
      actor: { kind: 'staff', id: `staff-${n}` },
      record: { type: 'policy.document', id: `doc-${n}` },
      at: t.clock.now(),
    });
  }
  await integrateBatch(t.database.db, resolveLedgerKeys(t.config), t.clock);
}

async function listen(t: TestApp): Promise<string> {
  await t.app.listen({ host: '127.0.0.1', port: 0 });
  const address = t.app.server.address();
  return `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
}

describe('witness cosignatures between two deployments', () => {
  let province: TestApp;
  let county: TestApp;
  let countyUrl: string;
  let countyKey: string;

  beforeAll(async () => {
    province = await createTestApp({ env: PROVINCE, contents: 'migrated' });
    const provinceWitnessKey = witnessVerifierKey(resolveLedgerKeys(province.config));
    county = await createTestApp({
      contents: 'migrated',
      env: {
        SHUZHI_LEDGER_ORIGIN: COUNTY_ORIGIN,
        SHUZHI_SECRET_KEY: COUNTY_SECRET,
        SHUZHI_LEDGER_WITNESS_KEYS: provinceWitnessKey,
      },
    });
    countyUrl = await listen(county);
    countyKey = formatVerifierKey(ownVerifier(resolveLedgerKeys(county.config)));
    await recordAndIntegrate(county, 0, 6);
  });
  afterAll(async () => {
    await county.close();
    await province.close();
  });

  it('the province cosigns the county checkpoint, and the county serves the cosignature', async () => {
    const result = await witnessRemoteLog(
      province.database.db,
      resolveLedgerKeys(province.config),
      countyUrl,
      countyKey,
      province.clock,
    );
    expect(result).toEqual({ origin: COUNTY_ORIGIN, treeSize: '6', accepted: true });

    const checkpoint = (await county.app.inject({ method: 'GET', url: '/api/ledger/checkpoint' })).json();
    expect(checkpoint.cosignatures).toEqual([
      { witness: `${PROVINCE.SHUZHI_LEDGER_ORIGIN}/witness`, cosignedAt: province.clock.now().toISOString() },
    ]);
    const witness = verifierOf(resolveLedgerKeys(province.config).witnessSigner);
    // The county publishes the witness keys it accepts, so a client can check the cosignature too.
    expect(checkpoint.witnessKeys).toEqual([formatVerifierKey(witness)]);
    const opened = openNote(checkpoint.note, [ownVerifier(resolveLedgerKeys(county.config)), witness]);
    expect(opened.verified.map((v) => v.signatureType).sort()).toEqual([1, COSIGNATURE_V1]);
  });

  it('cosigns again after the county log grew, checking a consistency proof', async () => {
    await recordAndIntegrate(county, 6, 9);
    province.clock.advance(60_000);
    const result = await witnessRemoteLog(
      province.database.db,
      resolveLedgerKeys(province.config),
      countyUrl,
      countyKey,
      province.clock,
    );
    expect(result).toMatchObject({ treeSize: '15', accepted: true });
  });

  it('refuses to cosign a forked history signed with the same key', async () => {
    // Same key and origin, different events: a second history the county's key vouches for.
    const fork = await createTestApp({
      contents: 'migrated',
      env: { SHUZHI_LEDGER_ORIGIN: COUNTY_ORIGIN, SHUZHI_SECRET_KEY: COUNTY_SECRET },
    });
    try {
      await recordAndIntegrate(fork, 0, 20, 'policy.document.withdrawn');
      const forkUrl = await listen(fork);
      await expect(
        witnessRemoteLog(
          province.database.db,
          resolveLedgerKeys(province.config),
          forkUrl,
          countyKey,
          province.clock,
        ),
      ).rejects.toMatchObject({ code: 'ledger.inconsistent-log' });
    } finally {
      await fork.close();
    }
  });

  it('rejects cosignatures by unknown witnesses and malformed notes', async () => {
    const served = (await county.app.inject({ method: 'GET', url: '/api/ledger/checkpoint/note' })).body;
    // The county's own signature only: the province's valid cosignature would otherwise be accepted.
    const [body, signatures] = served.split('\n\n') as [string, string];
    const text = `${body}\n`;
    const checkpoint = `${text}\n${signatures.split('\n')[0]}\n`;
    const stranger = generateSigner('shuzhi.stranger.invalid/witness', COSIGNATURE_V1);
    const strangerLine = signNote(text, [stranger], { timestamp: 1_800_000_000n }).slice(text.length + 1);
    const byStranger = await county.app.inject({
      method: 'POST',
      url: '/api/ledger/cosignatures',
      payload: { note: `${checkpoint}${strangerLine}` },
    });
    expect(byStranger.statusCode).toBe(403);
    expect(byStranger.json().code).toBe('ledger.unknown-witness');

    const garbage = await county.app.inject({
      method: 'POST',
      url: '/api/ledger/cosignatures',
      payload: { note: 'hello' },
    });
    expect(garbage.statusCode).toBe(400);
    expect(garbage.json().code).toBe('ledger.bad-cosignature');

    const notOurs = signNote(
      'shuzhi.elsewhere.invalid/ledger\n3\nAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n',
      [generateSigner('x')],
    );
    const foreign = await county.app.inject({
      method: 'POST',
      url: '/api/ledger/cosignatures',
      payload: { note: notOurs },
    });
    expect(foreign.statusCode).toBe(400);
    expect(foreign.json().detail).toContain('not one of this log');
  });
});
