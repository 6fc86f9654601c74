import { hashPayload, recordAuditEvent } from '../../src/modules/ledger/index.ts';
import { type DeploymentProfile, saveDeploymentProfile } from '../../src/platform/deployment/index.ts';
import type { SeedStep } from '../../src/platform/seeding/index.ts';

/**
 * The demo deployment is the county government of the demo chain (浙江省 → 杭州市 → 西湖区 → 西溪街道),
 * marked as a demonstration, so the demo shows a complete header and footer.
 */
export const demoDeploymentProfile: SeedStep = {
  name: 'platform.deployment-profile',
  description: 'Profile of the demo deployment: 西湖区人民政府（演示）, its contacts and hotline',
  async run({ db, clock }) {
    const profile: DeploymentProfile = {
      name: { 'zh-CN': '西湖区人民政府（演示）', en: "Xihu District People's Government (demo)" },
      contact: {
        email: 'service@demo-county.gov.cn',
        phone: '12345',
        address: {
          'zh-CN': '西湖区政务服务中心（演示地址）',
          en: 'Xihu District Government Service Centre (demo address)',
        },
        officeHours: {
          'zh-CN': '工作日 9:00–12:00，13:30–17:30；热线 12345 全天候',
          en: 'Working days 9:00–12:00 and 13:30–17:30; hotline 12345 around the clock',
        },
      },
      accessibilityStatementUpdatedOn: clock.now().toISOString().slice(0, 10),
    };
    // Seed steps run in one transaction, so the profile and its audit event commit together.
    await saveDeploymentProfile(db, clock, profile);
    await recordAuditEvent(db, {
      action: 'platform.deployment-profile.saved',
      actor: { kind: 'system', id: 'seed' },
      record: { type: 'platform.deployment-profile', id: 'this-deployment' },
      at: clock.now(),
      reason: 'demo data',
      payloadHash: hashPayload(profile),
    });
  },
};
