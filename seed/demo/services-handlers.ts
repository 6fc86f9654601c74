/**
 * The three handling roles the demo catalogue's workflows name besides 受理 and 审核: 材料审查
 * (service-reviewer) and 现场核查 (food-inspector) in 食品经营许可's parallel examination, and 户籍
 * acceptance (household-officer) in 出生登记 and 居住证申领; defined here as a deployment defines its
 * own roles, and held by demo staff of the departments the implementations bind, each granted over that
 * department only, so that the engine offers them exactly the tasks of their own department.
 */
import { defineRole, seedGrant, seedPersonAccount } from '../../src/modules/identity/index.ts';
import { getGuide, HANDLE_CASES } from '../../src/modules/services/index.ts';
import type { SeedStep } from '../../src/platform/seeding/index.ts';
import { DEMO_DIVISIONS, DEMO_PASSWORD } from './identity.ts';
import { DEMO_ITEM_CODES } from './services-catalogue.ts';

const EXAMINING_ROLES = [
  { code: 'service-reviewer', nameZh: '材料审查人员', nameEn: 'Desk reviewer', permissions: [HANDLE_CASES] },
  {
    code: 'food-inspector',
    nameZh: '食品现场核查人员',
    nameEn: 'Food site inspector',
    permissions: [HANDLE_CASES],
  },
  {
    code: 'household-officer',
    nameZh: '户籍民警',
    nameEn: 'Household registration officer',
    permissions: [HANDLE_CASES],
  },
];

/**
 * Each holder works where an implementation puts the task: `item` and `division` name the implementation,
 * `slot` its department slot ('implementing' or a bound one such as 'site-inspection').
 */
export const DEMO_EXAMINING_STAFF = [
  {
    key: 'county-market-reviewer',
    role: 'service-reviewer',
    name: '方审查',
    residentId: '330106198603150515',
    phone: '13900330411',
    totpSecret: 'SHUZHIDEMOSERVICEREVIEWERAAAAAAA',
    item: DEMO_ITEM_CODES.foodBusiness,
    division: DEMO_DIVISIONS.county,
    slot: 'implementing',
  },
  {
    key: 'county-food-inspector',
    role: 'food-inspector',
    name: '石核查',
    residentId: '33010619880722052X',
    phone: '13900330412',
    totpSecret: 'SHUZHIDEMOFOODINSPECTORAAAAAAAAA',
    item: DEMO_ITEM_CODES.foodBusiness,
    division: DEMO_DIVISIONS.county,
    slot: 'site-inspection',
  },
  {
    key: 'county-household-officer',
    role: 'household-officer',
    name: '韩户籍',
    residentId: '330106198709180536',
    phone: '13900330413',
    totpSecret: 'SHUZHIDEMOHOUSEHOLDOFFICERAAAAAA',
    item: DEMO_ITEM_CODES.residenceCertificate,
    division: DEMO_DIVISIONS.county,
    slot: 'implementing',
  },
  {
    key: 'township-household-officer',
    role: 'household-officer',
    name: '许户籍',
    residentId: '330106199201260548',
    phone: '13900330414',
    totpSecret: 'SHUZHIDEMOTOWNSHIPHOUSEHOLDAAAAA',
    item: DEMO_ITEM_CODES.birthRegistration,
    division: DEMO_DIVISIONS.township,
    slot: 'implementing',
  },
] as const;

export const demoServicesExaminingStaff: SeedStep = {
  name: 'services.demo-examining-staff',
  description:
    'The desk review, site inspection and household registration roles, held by staff of the departments that 食品经营许可, 居住证申领 and 出生登记 bind',
  async run({ db, clock, vault }) {
    if (!vault) throw new Error('the demo examining staff need the vault to encrypt their personal data');
    const system = { kind: 'system' as const, id: 'seed' };
    for (const role of EXAMINING_ROLES) await defineRole(db, clock, system, role, false);
    for (const staff of DEMO_EXAMINING_STAFF) {
      // The department the engine binds the task to: the implementing organisation or the slot's binding.
      const { implementation } = await getGuide(db, staff.item, { divisionCode: staff.division });
      const organisationId =
        staff.slot === 'implementing'
          ? implementation?.organisationId
          : implementation?.slots.find((slot) => slot.key === staff.slot)?.organisationId;
      if (!organisationId)
        throw new Error(`the demo examining staff need ${staff.item} implemented at ${staff.division} first`);
      const accountId = await seedPersonAccount(
        db,
        { vault, clock },
        {
          kind: 'staff',
          name: staff.name,
          residentId: staff.residentId,
          phone: staff.phone,
          password: DEMO_PASSWORD,
          organisationId,
          totpSecret: staff.totpSecret,
        },
      );
      await seedGrant(db, clock, {
        accountId,
        roleCode: staff.role,
        divisionCode: staff.division,
        organisationId,
      });
    }
  },
};
