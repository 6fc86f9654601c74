import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findAccountIdByResidentId, loadAccessActor } from '../../src/modules/identity/index.ts';
import { APPROVE_EXTENSIONS, READ_SUPERVISION } from '../../src/modules/services/index.ts';
import { runSeedSteps } from '../../src/platform/seeding/index.ts';
import { createVault } from '../../src/platform/vault/index.ts';
import { createTestApp, type TestApp } from '../../test/support/test-app.ts';
import { demoSteps } from './index.ts';
import { DEMO_SUPERVISION_STAFF, demoServicesSupervision } from './services-supervision.ts';

describe('demo supervision staff', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
    const report = await runSeedSteps(t.database.db, t.clock, demoSteps, {
      vault: createVault(t.config.vaultKeys),
    });
    expect(report.ran).toContain(demoServicesSupervision.name);
  });
  afterAll(async () => {
    await t.close();
  });

  it('gives the supervisor and the approver their permissions over 西湖区', async () => {
    const vault = createVault(t.config.vaultKeys);
    for (const staff of DEMO_SUPERVISION_STAFF) {
      const accountId = await findAccountIdByResidentId(t.database.db, vault, staff.residentId);
      const actor = await loadAccessActor(t.database.db, t.clock, accountId!);
      const permission = staff.role === 'service-supervisor' ? READ_SUPERVISION : APPROVE_EXTENSIONS;
      expect(actor?.can(permission, { divisionPath: '0.33.3301.330106.330106004' }), staff.key).toBe(true);
      expect(actor?.can(permission, { divisionPath: '0.33.3301.330102' }), staff.key).toBe(false);
    }
  });

  it('lists its staff and their authenticator secrets in docs/demo.md', () => {
    const doc = fs.readFileSync(new URL('../../docs/demo.md', import.meta.url), 'utf8');
    for (const staff of DEMO_SUPERVISION_STAFF) {
      expect(doc, staff.key).toContain(staff.phone);
      expect(doc, staff.key).toContain(staff.totpSecret);
    }
  });
});
