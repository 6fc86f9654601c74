import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSeedSteps } from '../../src/platform/seeding/index.ts';
import { createVault } from '../../src/platform/vault/index.ts';
import { createTestApp, type TestApp } from '../../test/support/test-app.ts';
import { DEMO_FEEDBACK_STAFF, demoFeedback } from './feedback.ts';
import { demoSteps } from './index.ts';

describe('demo feedback: units, a rule and requests entered by phone', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
    const report = await runSeedSteps(t.database.db, t.clock, demoSteps, {
      vault: createVault(t.config.vaultKeys),
    });
    expect(report.ran).toContain(demoFeedback.name);
  });
  afterAll(async () => {
    await t.close();
  });

  it('lists the demo requests publicly, routed by the rule or to the township office, callers hidden', async () => {
    const page = (await t.app.inject({ url: '/api/feedback/requests?divisionCode=330106004' })).json();
    expect(page.items).toHaveLength(4);
    const holderOf = (categoryCode: string) =>
      page.items.find((item: { categoryCode: string }) => item.categoryCode === categoryCode).holder.nameZh;
    expect(holderOf('road-damage')).toBe('西溪街道城管中队');
    expect(holderOf('noise')).toBe('西溪街道综合信息指挥室');
    for (const item of page.items) expect(item).toMatchObject({ channel: 'phone', status: 'open' });
  });

  it('lists its staff and their authenticator secrets in docs/demo.md', () => {
    const doc = fs.readFileSync(new URL('../../docs/demo.md', import.meta.url), 'utf8');
    for (const staff of DEMO_FEEDBACK_STAFF) {
      expect(doc, staff.key).toContain(staff.phone);
      expect(doc, staff.key).toContain(staff.totpSecret);
    }
  });
});
