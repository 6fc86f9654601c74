import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSeedSteps } from '../../src/platform/seeding/index.ts';
import { createVault } from '../../src/platform/vault/index.ts';
import { createTestApp, type TestApp } from '../../test/support/test-app.ts';
import { DEMO_DIVISIONS } from './identity.ts';
import { demoSteps } from './index.ts';
import { DEMO_ITEM_CODES } from './services-catalogue.ts';

describe('demo service catalogue: published items implemented for 西湖区 and 西溪街道', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    await runSeedSteps(t.database.db, t.clock, demoSteps, { vault: createVault(t.config.vaultKeys) });
  });
  afterAll(async () => {
    await t.close();
  });
  const get = async (url: string) => (await t.app.inject({ method: 'GET', url })).json();

  it('serves every demo item to a resident of 西溪街道, with the department that implements it', async () => {
    for (const code of Object.values(DEMO_ITEM_CODES)) {
      const guide = await get(`/api/services/items/${code}?divisionCode=${DEMO_DIVISIONS.township}`);
      expect({ code, version: guide.versionNumber, implemented: guide.implementation !== null }).toEqual({
        code,
        version: 1,
        implemented: true,
      });
    }
    const listed = await get(`/api/services/items?divisionCode=${DEMO_DIVISIONS.township}&limit=100`);
    // The demo codes here, and 居住证补领 that the demo applications add (services-applications.ts).
    expect(listed.total).toBe(Object.keys(DEMO_ITEM_CODES).length + 1);
  });

  it('marks the medical certificate of birth as obtained by sharing, at the township police station', async () => {
    const guide = await get(
      `/api/services/items/${DEMO_ITEM_CODES.birthRegistration}?divisionCode=${DEMO_DIVISIONS.township}`,
    );
    expect(guide.guide.materials[0]).toMatchObject({
      key: 'birth-medical-certificate',
      obtainableBySharing: { credentialType: 'birth-medical-certificate' },
    });
    expect(guide.implementation).toMatchObject({
      divisionCode: DEMO_DIVISIONS.township,
      organisationNameZh: '杭州市公安局西湖区分局西溪派出所',
    });
  });

  it('runs the food business permit through a parallel inspection at the bound enforcement team', async () => {
    const guide = await get(
      `/api/services/items/${DEMO_ITEM_CODES.foodBusiness}?divisionCode=${DEMO_DIVISIONS.county}`,
    );
    expect(guide.workflow.steps.map((s: { kind: string }) => s.kind)).toEqual(['task', 'parallel', 'task']);
    expect(guide.implementation.slots).toEqual([
      expect.objectContaining({ key: 'site-inspection', organisationNameZh: '杭州市西湖区市场监管执法队' }),
    ]);
    expect(guide.form.ui.pages.some((p: { kind: string }) => p.kind === 'exit')).toBe(true);
  });

  it('finds 个体工商户设立登记 first when searching 个体', async () => {
    const found = await get(`/api/services/items?q=${encodeURIComponent('个体')}`);
    expect(found.items[0]).toMatchObject({ code: DEMO_ITEM_CODES.individualBusiness, isNameMatch: true });
  });
});
