import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSeedSteps } from '../../src/platform/seeding/index.ts';
import { createVault } from '../../src/platform/vault/index.ts';
import { createTestApp, type TestApp } from '../../test/support/test-app.ts';
import { DEMO_OVERSIGHT_STAFF, demoFeedbackOversight } from './feedback-oversight.ts';
import { demoSteps } from './index.ts';

describe('demo feedback oversight: a leader, an evaluation administrator and their schemes', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
    const report = await runSeedSteps(t.database.db, t.clock, demoSteps, {
      vault: createVault(t.config.vaultKeys),
    });
    expect(report.ran).toContain(demoFeedbackOversight.name);
  });
  afterAll(async () => {
    await t.close();
  });

  it('sets a scheme for every class of unit in 西湖区', async () => {
    const schemes = await t.database.db
      .selectFrom('feedback_evaluation_scheme')
      .select(['division_code', 'unit_class'])
      .orderBy('unit_class')
      .execute();
    expect(schemes).toEqual([
      { division_code: '330106', unit_class: 'department' },
      { division_code: '330106', unit_class: 'district' },
      { division_code: '330106', unit_class: 'township' },
    ]);
  });

  it('lists its staff, with unique phones and their authenticator secrets, in docs/demo.md', () => {
    const doc = fs.readFileSync(new URL('../../docs/demo.md', import.meta.url), 'utf8');
    for (const staff of DEMO_OVERSIGHT_STAFF) {
      expect(doc, staff.key).toContain(staff.phone);
      expect(doc, staff.key).toContain(staff.totpSecret);
      expect(doc.split(staff.phone).length - 1, staff.phone).toBe(1);
    }
  });
});
