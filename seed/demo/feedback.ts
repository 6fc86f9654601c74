/**
 * Demo feedback: 西湖区 and 西溪街道 handling units (a general office at each level, urban management
 * at each level), routing of road damage and street lighting to the township team (翠苑 to the
 * county bureau), a handler and a call taker with published credentials (docs/feedback.md), and a
 * few requests entered by phone so that the queue and the public list are not empty.
 */
import {
  createRule,
  type RequestInput,
  registerUnit,
  submitRequest,
} from '../../src/modules/feedback/index.ts';
import {
  loadAccessActor,
  seedGrant,
  seedOrganisation,
  seedPersonAccount,
} from '../../src/modules/identity/index.ts';
import type { SeedStep } from '../../src/platform/seeding/index.ts';
import { DEMO_PASSWORD } from './identity.ts';

export const DEMO_FEEDBACK_STAFF = [
  {
    key: 'township-handler',
    role: 'feedback-handler',
    name: '冯城管',
    residentId: '33010619930303009X',
    phone: '13900330201',
    totpSecret: 'SHUZHIDEMOFEEDBACKHANDLERAAAAAAA',
  },
  {
    key: 'county-call-taker',
    role: 'feedback-handler',
    name: '何接线',
    residentId: '330106199404040107',
    phone: '13900330202',
    totpSecret: 'SHUZHIDEMOFEEDBACKCALLTAKERAAAAA',
  },
  {
    key: 'county-supervisor',
    role: 'feedback-supervisor',
    name: '钱督办',
    residentId: '330106198505050115',
    phone: '13900330203',
    totpSecret: 'SHUZHIDEMOFEEDBACKSUPERVISORAAAA',
  },
] as const;

export const demoFeedback: SeedStep = {
  name: 'feedback.demo',
  description:
    '西湖区 and 西溪街道 handling units and routing rules, a handler, a call taker and a few requests',
  async run({ db, clock, vault }) {
    if (!vault) throw new Error('the demo feedback needs the vault to encrypt callers’ details');
    const department = (nameZh: string, nameEn: string, divisionCode: string) =>
      seedOrganisation(db, clock, { kind: 'government-department', nameZh, nameEn, divisionCode });
    const countyOffice = await department(
      '西湖区12345政务服务热线分中心',
      'Xihu District 12345 Hotline Centre',
      '330106',
    );
    const countyUrban = await department(
      '西湖区城市管理局',
      'Xihu District Urban Management Bureau',
      '330106',
    );
    const xixiOffice = await department(
      '西溪街道综合信息指挥室',
      'Xixi Subdistrict Command Room',
      '330106004',
    );
    const xixiUrban = await department('西溪街道城管中队', 'Xixi Urban Management Team', '330106004');
    for (const [organisationId, functionCode] of [
      [countyOffice, 'general-office'],
      [countyUrban, 'urban-management'],
      [xixiOffice, 'general-office'],
      [xixiUrban, 'urban-management'],
    ] as const) {
      await registerUnit(db, clock, 'seed', { organisationId, functionCode });
    }
    await createRule(db, clock, 'seed', {
      divisionCode: '330106',
      categoryCodes: ['road-damage', 'street-lighting', 'sanitation', 'graffiti'],
      handlerLevel: 4,
      handlerFunction: 'urban-management',
    });

    const [handler, callTaker, supervisor] = DEMO_FEEDBACK_STAFF;
    const handlerId = await seedPersonAccount(
      db,
      { vault, clock },
      {
        kind: 'staff',
        name: handler.name,
        residentId: handler.residentId,
        phone: handler.phone,
        password: DEMO_PASSWORD,
        organisationId: xixiUrban,
        totpSecret: handler.totpSecret,
      },
    );
    await seedGrant(db, clock, {
      accountId: handlerId,
      roleCode: handler.role,
      divisionCode: '330106004',
      organisationId: xixiUrban,
    });
    const callTakerId = await seedPersonAccount(
      db,
      { vault, clock },
      {
        kind: 'staff',
        name: callTaker.name,
        residentId: callTaker.residentId,
        phone: callTaker.phone,
        password: DEMO_PASSWORD,
        organisationId: countyOffice,
        totpSecret: callTaker.totpSecret,
      },
    );
    await seedGrant(db, clock, {
      accountId: callTakerId,
      roleCode: callTaker.role,
      divisionCode: '330106',
      organisationId: countyOffice,
    });

    // The hotline centre supervises handling in the district: service levels and extensions.
    const supervisorId = await seedPersonAccount(
      db,
      { vault, clock },
      {
        kind: 'staff',
        name: supervisor.name,
        residentId: supervisor.residentId,
        phone: supervisor.phone,
        password: DEMO_PASSWORD,
        organisationId: countyOffice,
        totpSecret: supervisor.totpSecret,
      },
    );
    await seedGrant(db, clock, {
      accountId: supervisorId,
      roleCode: supervisor.role,
      divisionCode: '330106',
      organisationId: countyOffice,
    });

    const actor = await loadAccessActor(db, clock, callTakerId);
    if (!actor) throw new Error('the demo call taker did not load');
    const calls: Omit<RequestInput, 'divisionCode'>[] = [
      {
        categoryCode: 'road-damage',
        kind: 'complaint',
        description: '紫金港路与文二西路交叉口东侧非机动车道有一处坑洼，雨天积水，骑车容易摔倒。',
        address: '紫金港路与文二西路交叉口',
        attributes: { hazard: 'yes' },
        latitude: 30.2812,
        longitude: 120.0857,
      },
      {
        categoryCode: 'street-lighting',
        kind: 'demand',
        description: '西溪路 500 号附近三盏路灯连续一周不亮。',
        address: '西溪路 500 号',
      },
      {
        categoryCode: 'noise',
        kind: 'complaint',
        description: '晚上十点以后小区旁工地仍在施工，噪音很大。',
        address: '西溪街道某小区东门',
        attributes: { time_of_day: 'night' },
      },
      {
        categoryCode: 'government-services',
        kind: 'praise',
        description: '街道便民服务中心的工作人员耐心帮我办完了居住证，特此表扬。',
      },
    ];
    for (const call of calls) {
      await submitRequest(
        { db, clock, vault },
        { kind: 'staff', actor },
        { ...call, divisionCode: '330106004', isIdentityDisclosed: false },
      );
    }
  },
};
