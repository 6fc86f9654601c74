import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  changeCredentialStatus,
  findCredentialsOfHolder,
  verifyPresented,
} from '../../src/modules/credentials/index.ts';
import {
  findAccountIdByResidentId,
  findOrganisationIdByCreditCode,
  loadAccessActor,
} from '../../src/modules/identity/index.ts';
import { integrateBatch, resolveLedgerKeys } from '../../src/modules/ledger/index.ts';
import { runSeedSteps } from '../../src/platform/seeding/index.ts';
import { createVault } from '../../src/platform/vault/index.ts';
import { createTestApp, type TestApp } from '../../test/support/test-app.ts';
import { demoCredentials } from './credentials.ts';
import { DEMO_CITIZENS, DEMO_CREDIT_CODES, DEMO_STAFF } from './identity.ts';
import { demoSteps } from './index.ts';

describe('demo credentials', () => {
  let t: TestApp;
  const vault = () => createVault(t.config.vaultKeys);

  beforeAll(async () => {
    t = await createTestApp();
    const report = await runSeedSteps(t.database.db, t.clock, demoSteps, { vault: vault() });
    expect(report.ran).toContain(demoCredentials.name);
    await integrateBatch(t.database.db, resolveLedgerKeys(t.config), t.clock);
  });
  afterAll(async () => {
    await t.close();
  });

  it('gives the demo citizen a birth medical certificate and the demo enterprise a business licence, both valid', async () => {
    const citizen = await findAccountIdByResidentId(t.database.db, vault(), DEMO_CITIZENS[0]!.residentId);
    const enterprise = await findOrganisationIdByCreditCode(t.database.db, DEMO_CREDIT_CODES.enterprise);
    const [certificate] = await findCredentialsOfHolder(
      t.database.db,
      { vault: vault() },
      { kind: 'person', id: citizen! },
    );
    const [licence] = await findCredentialsOfHolder(
      t.database.db,
      { vault: vault() },
      { kind: 'organisation', id: enterprise! },
      {
        typeCode: 'business-licence',
        validAt: t.clock.now(),
        isShareableOnly: true,
      },
    );
    expect(certificate).toMatchObject({ typeCode: 'birth-medical-certificate', status: 'active' });
    expect(licence).toMatchObject({ typeCode: 'business-licence', status: 'active', isShareable: true });
    const deps = {
      db: t.database.db,
      clock: t.clock,
      vault: vault(),
      ledgerKeys: resolveLedgerKeys(t.config),
    };
    for (const credential of [certificate!, licence!]) {
      expect(await verifyPresented(deps, credential.record)).toMatchObject({
        verdict: 'valid',
        ledger: { state: 'proven' },
      });
    }
  });

  it('lets the demo credential officer suspend the business licence, and the verdict follows', async () => {
    const officer = DEMO_STAFF.find((staff) => staff.role === 'credential-officer')!;
    const officerId = await findAccountIdByResidentId(t.database.db, vault(), officer.residentId);
    const actor = await loadAccessActor(t.database.db, t.clock, officerId!);
    const enterprise = await findOrganisationIdByCreditCode(t.database.db, DEMO_CREDIT_CODES.enterprise);
    const [licence] = await findCredentialsOfHolder(
      t.database.db,
      { vault: vault() },
      { kind: 'organisation', id: enterprise! },
    );
    const deps = { clock: t.clock, vault: vault() };
    expect(
      await changeCredentialStatus(
        t.database.db,
        deps,
        actor!,
        licence!.identifier,
        'suspend',
        'demo: inspection pending',
      ),
    ).toMatchObject({ status: 'suspended' });
    const verification = await verifyPresented(
      { db: t.database.db, clock: t.clock, vault: vault(), ledgerKeys: resolveLedgerKeys(t.config) },
      licence!.record,
    );
    expect(verification).toMatchObject({ verdict: 'suspended', reasons: ['suspended'] });
  });
});
