import { hashPayload, recordAuditEvent } from '../../src/modules/ledger/index.ts';
import { type DeploymentProfile, saveDeploymentProfile } from '../../src/platform/deployment/index.ts';
import type { SeedStep } from '../../src/platform/seeding/index.ts';

/** A fictional county government, so the demo shows a complete header and footer. */
export const demoDeploymentProfile: SeedStep = {
  name: 'platform.deployment-profile',
  description: 'Profile of the demo deployment: 示范县人民政府 (Demo County), its contacts and hotline',
  async run({ db, clock }) {
    const profile: DeploymentProfile = {
      name: { 'zh-CN': '示范县人民政府', en: "Demo County People's Government" },
      contact: {
        email: 'service@demo-county.gov.cn',
        phone: '12345',
        address: {
          'zh-CN': '示范县政务服务中心，人民路 1 号',
          en: 'Government Service Centre, 1 Renmin Road, Demo County',
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
