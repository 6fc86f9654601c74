/**
 * Demo holders of the supervision roles: a supervision section in 西湖区 whose supervisor reads the
 * district's overdue cases and figures, and an approver of extensions for every department of the
 * district. A step of its own, so a demo database seeded before these roles existed gets them too.
 */
import { seedGrant, seedOrganisation, seedPersonAccount } from '../../src/modules/identity/index.ts';
import type { SeedStep } from '../../src/platform/seeding/index.ts';
import { DEMO_PASSWORD } from './identity.ts';

export const DEMO_SUPERVISION_STAFF = [
  {
    key: 'county-service-supervisor',
    role: 'service-supervisor',
    name: '陶监管',
    residentId: '330106197909090127',
    phone: '13900330461',
    totpSecret: 'SHUZHIDEMOSERVICESUPERVISORAAAAA',
  },
  {
    key: 'county-extension-approver',
    role: 'service-extension-approver',
    name: '严批准',
    residentId: '33010619830412013X',
    phone: '13900330462',
    totpSecret: 'SHUZHIDEMOEXTENSIONAPPROVERAAAAA',
  },
] as const;

export const demoServicesSupervision: SeedStep = {
  name: 'services.demo-supervision',
  description: '西湖区审批服务监督科 with a 行政审批监管员 and a 办件延期审批人 over 西湖区',
  async run({ db, clock, vault }) {
    if (!vault) throw new Error('the demo supervision staff need the vault to encrypt their personal data');
    const section = await seedOrganisation(db, clock, {
      kind: 'government-department',
      nameZh: '西湖区审批服务监督科',
      nameEn: 'Xihu District Service Supervision Section',
      divisionCode: '330106',
    });
    for (const staff of DEMO_SUPERVISION_STAFF) {
      const accountId = await seedPersonAccount(
        db,
        { vault, clock },
        {
          kind: 'staff',
          name: staff.name,
          residentId: staff.residentId,
          phone: staff.phone,
          password: DEMO_PASSWORD,
          organisationId: section,
          totpSecret: staff.totpSecret,
        },
      );
      // Over the whole district and every department in it: supervision and approvals cross departments.
      await seedGrant(db, clock, { accountId, roleCode: staff.role, divisionCode: '330106' });
    }
  },
};
