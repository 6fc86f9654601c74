/**
 * Demo feedback oversight: a 西湖区 leader who reads the evaluation and watches hot topics, an
 * evaluation administrator, and the schemes that administrator set for 西湖区's townships, districts
 * and departments — demo values for trying the pages, not official weights (docs/feedback-evaluation.md).
 */
import { setEvaluationScheme } from '../../src/modules/feedback/index.ts';
import {
  loadAccessActor,
  seedGrant,
  seedOrganisation,
  seedPersonAccount,
} from '../../src/modules/identity/index.ts';
import type { SeedStep } from '../../src/platform/seeding/index.ts';
import { DEMO_PASSWORD } from './identity.ts';

export const DEMO_OVERSIGHT_STAFF = [
  {
    key: 'county-feedback-leader',
    role: 'feedback-leader',
    name: '蒋督办',
    residentId: '330106197909090135',
    phone: '13900330471',
    totpSecret: 'SHUZHIDEMOFEEDBACKLEADERAAAAAAAA',
  },
  {
    key: 'county-evaluation-administrator',
    role: 'feedback-evaluation-administrator',
    name: '沈考核',
    residentId: '330106198306060126',
    phone: '13900330472',
    totpSecret: 'SHUZHIDEMOEVALUATIONADMINAAAAAAA',
  },
] as const;

export const demoFeedbackOversight: SeedStep = {
  name: 'feedback.demo-oversight',
  description: '西湖区 feedback leader and evaluation administrator, and demo evaluation schemes',
  async run({ db, clock, vault }) {
    if (!vault) throw new Error('the demo oversight staff need the vault to encrypt their personal data');
    const office = await seedOrganisation(db, clock, {
      kind: 'government-department',
      nameZh: '西湖区人民政府督查室',
      nameEn: 'Xihu District Government Inspection Office',
      divisionCode: '330106',
    });
    const accounts: string[] = [];
    for (const staff of DEMO_OVERSIGHT_STAFF) {
      const accountId = await seedPersonAccount(
        db,
        { vault, clock },
        {
          kind: 'staff',
          name: staff.name,
          residentId: staff.residentId,
          phone: staff.phone,
          password: DEMO_PASSWORD,
          organisationId: office,
          totpSecret: staff.totpSecret,
        },
      );
      await seedGrant(db, clock, { accountId, roleCode: staff.role, divisionCode: '330106' });
      accounts.push(accountId);
    }
    const administrator = await loadAccessActor(db, clock, accounts[1] as string);
    if (!administrator) throw new Error('the demo evaluation administrator did not load');
    for (const unitClass of ['township', 'district', 'department'] as const) {
      await setEvaluationScheme(
        db,
        clock,
        administrator,
        { divisionCode: '330106', unitClass },
        {
          responseWithinHours: 24,
          resolutionWithinDays: 15,
          satisfiedMinScore: 4,
          excludedKinds: ['praise'],
          excludedReasons: ['withdrawn', 'duplicate', 'malicious'],
          weights: { response: 0.3, resolution: 0.4, satisfaction: 0.3 },
        },
      );
    }
  },
};
