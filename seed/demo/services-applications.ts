/**
 * Demo applications in every state a visitor can look at (docs/demo.md): the two handling roles the
 * demo catalogue's workflows name (受理 service-clerk, 审核 service-approver, defined here as a deployment
 * defines its own roles), staff holding them and the fee roles at 西湖区, a fee-charging item
 * (居住证补领, 20 yuan) and applications of the demo citizens driven through the real service
 * functions: draft, submitted, accepted, awaiting supplements, rejected, withdrawn, accepted with the fee
 * unpaid, and approved after payment at the counter with the residence certificate in the wallet.
 */
import {
  defineRole,
  findAccountIdByResidentId,
  loadAccessActor,
  seedEnterpriseAccount,
  seedGrant,
  seedOrganisation,
  seedPersonAccount,
} from '../../src/modules/identity/index.ts';
import {
  actOnTask,
  applicationReaction,
  createDraft,
  feeApprovalGate,
  findApplicationSummary,
  getInstanceHistory,
  HANDLE_CASES,
  recordCounterPayment,
  saveAnswers,
  seedBundle,
  seedImplementation,
  seedServiceItem,
  submitApplication,
  submitBundleCase,
  type TaskAction,
  type VersionContent,
  withdrawApplication,
} from '../../src/modules/services/index.ts';
import type { Clock } from '../../src/platform/clock/index.ts';
import type { SeedStep } from '../../src/platform/seeding/index.ts';
import { DEMO_CITIZENS, DEMO_DIVISIONS, DEMO_PASSWORD } from './identity.ts';
import { DEMO_ITEM_CODES } from './services-catalogue.ts';

const t = (zh: string, en: string) => ({ zh, en });

export const DEMO_SERVICE_STAFF = [
  {
    key: 'county-service-clerk',
    role: 'service-clerk',
    name: '林受理',
    residentId: '330106199404040115',
    phone: '13900330401',
    totpSecret: 'SHUZHIDEMOSERVICECLERKAAAAAAAAAA',
  },
  {
    key: 'county-service-approver',
    role: 'service-approver',
    name: '高审核',
    residentId: '330106199404040211',
    phone: '13900330402',
    totpSecret: 'SHUZHIDEMOSERVICEAPPROVERAAAAAAA',
  },
  {
    key: 'county-fee-cashier',
    role: 'fee-cashier',
    name: '钱收费',
    residentId: '330106199404040318',
    phone: '13900330403',
    totpSecret: 'SHUZHIDEMOFEECASHIERAAAAAAAAAAAA',
  },
  {
    key: 'county-fee-supervisor',
    role: 'fee-supervisor',
    name: '赵主管',
    residentId: '330106199404040414',
    phone: '13900330404',
    totpSecret: 'SHUZHIDEMOFEESUPERVISORAAAAAAAAA',
  },
] as const;

/** The handling roles the demo catalogue's workflows name; a deployment defines such roles itself. */
const HANDLING_ROLES = [
  { code: 'service-clerk', nameZh: '受理人员', nameEn: 'Acceptance clerk', permissions: [HANDLE_CASES] },
  { code: 'service-approver', nameZh: '审核人员', nameEn: 'Approving officer', permissions: [HANDLE_CASES] },
];

export const DEMO_FEE_ITEM_CODE = '33-GG-00301-BF';

/** 居住证补领: reissue of a lost residence certificate, with its production fee (工本费). */
const residenceReissue: VersionContent = {
  nameZh: '居住证补领',
  nameEn: 'Reissue of a lost residence certificate',
  applicantType: 'person',
  statutoryLimitDays: 15,
  promisedLimitDays: 3,
  maxInPersonVisits: 0,
  departmentSlots: [],
  guide: {
    settingBasis: [
      { law: t('《居住证暂行条例》', 'Interim Regulations on Residence Certificates'), article: '第十五条' },
    ],
    implementingBasis: [],
    conditions: [t('居住证丢失或者损坏的持证人', 'A holder whose residence certificate was lost or damaged')],
    prohibitedCases: [],
    materials: [],
    processSteps: [
      t('网上申请', 'Apply online'),
      t('窗口缴费', 'Pay at the counter'),
      t('审核制证', 'Approval and issue'),
    ],
    fees: [
      {
        name: t('居住证工本费', 'Residence certificate production fee'),
        amountYuan: '20',
        basis: t(
          '《居住证暂行条例》第十五条：补领、换领的，应当缴纳工本费（示范标准）',
          'Interim Regulations on Residence Certificates, art. 15: reissue is charged the production cost (demo rate)',
        ),
      },
    ],
    result: {
      name: t('居住证', 'Residence certificate'),
      credentialType: 'residence-certificate',
      validity: t('一年', 'One year'),
      deliveryMethods: ['electronic', 'collect'],
    },
    offline: {
      place: t(
        '西湖区政务服务中心（文三路 100 号）',
        'Xihu District Government Service Centre, 100 Wensan Road',
      ),
      hours: t('周一至周五 9:00–17:00', 'Mon–Fri 9:00–17:00'),
    },
    remedies: {
      administrativeReview: t('西湖区人民政府', 'Xihu District People’s Government'),
      litigation: t('西湖区人民法院', 'Xihu District People’s Court'),
    },
    contacts: { enquiry: '0571-12345', complaint: '0571-12345' },
    faq: [
      {
        question: t('工本费怎么交？', 'How is the fee paid?'),
        answer: t(
          '到政务服务中心收费窗口缴纳现金、刷卡或转账，凭收据号查询。',
          'At the centre’s fee counter, by cash, card or transfer; keep the receipt number.',
        ),
      },
    ],
  },
  form: {
    schema: {
      type: 'object',
      properties: {
        name: { type: 'string', minLength: 1, maxLength: 100 },
        residentId: { type: 'string', pattern: '^[0-9]{17}[0-9X]$' },
        address: { type: 'string', minLength: 4, maxLength: 200 },
      },
      required: ['name', 'residentId', 'address'],
    },
    ui: {
      pages: [
        {
          kind: 'question',
          key: 'holder',
          title: t('持证人', 'Holder'),
          fields: [
            { pointer: '/name', label: t('姓名', 'Name'), widget: 'text', prefill: 'identity.name' },
            {
              pointer: '/residentId',
              label: t('公民身份号码', 'Resident ID number'),
              widget: 'text',
              prefill: 'identity.residentId',
            },
            { pointer: '/address', label: t('居住地址', 'Address of residence'), widget: 'text' },
          ],
        },
      ],
    },
  },
  workflow: {
    steps: [
      {
        kind: 'task',
        key: 'accept',
        name: t('受理', 'Acceptance'),
        department: 'implementing',
        role: 'service-clerk',
      },
      {
        kind: 'task',
        key: 'issue',
        name: t('审核制证', 'Approval and issue'),
        department: 'implementing',
        role: 'service-approver',
      },
    ],
  },
};

type Db = Parameters<SeedStep['run']>[0]['db'];

async function actorOf(db: Db, clock: Clock, accountId: string) {
  const loaded = await loadAccessActor(db, clock, accountId);
  if (!loaded) throw new Error(`demo account ${accountId} is not active`);
  return loaded;
}

/** The staff this file adds, by role, found again by phone (each demo phone is unique). */
async function staffByRole(db: Db, vault: NonNullable<Parameters<SeedStep['run']>[0]['vault']>) {
  const staff: Record<string, string> = {};
  for (const person of DEMO_SERVICE_STAFF) {
    const id = await findAccountIdByResidentId(db, vault, person.residentId);
    if (!id) throw new Error('the demo bundles need the demo handling staff first');
    staff[person.role] = id;
  }
  return staff;
}

/** Moves a case's open task on as the demo holder of `role`, through the engine with the applications' reaction. */
async function actAs(
  db: Db,
  clock: Clock,
  vault: NonNullable<Parameters<SeedStep['run']>[0]['vault']>,
  accountId: string,
  instanceId: string,
  action: TaskAction,
) {
  const handler = await actorOf(db, clock, accountId);
  const { tasks } = await getInstanceHistory(db, handler, instanceId);
  const open = tasks.find((task) => task.state === 'open' || task.state === 'accepted');
  if (!open) throw new Error(`no open task in ${instanceId}`);
  await actOnTask(
    db,
    clock,
    { taskId: open.id, ...action },
    handler,
    applicationReaction({ clock, vault, beforeApproval: feeApprovalGate }),
  );
}

export const demoServicesApplications: SeedStep = {
  name: 'services.demo-applications',
  description:
    'Handling and fee staff at 西湖区, 居住证补领 with its fee, and the demo citizens’ applications in every state (draft to approved with the certificate in the wallet)',
  async run({ db, clock, vault }) {
    if (!vault) throw new Error('demo applications encrypt their answers with the vault');
    const deps = { db, clock, vault };
    const system = { kind: 'system' as const, id: 'seed' };
    for (const role of HANDLING_ROLES) await defineRole(db, clock, system, role, false);

    const counter = await seedOrganisation(db, clock, {
      kind: 'government-department',
      nameZh: '西湖区政务服务中心综合窗口',
      nameEn: 'Xihu Service Centre general counter',
      divisionCode: DEMO_DIVISIONS.county,
    });
    const staff: Record<string, string> = {};
    for (const person of DEMO_SERVICE_STAFF) {
      staff[person.role] = await seedPersonAccount(db, deps, {
        kind: 'staff',
        name: person.name,
        residentId: person.residentId,
        phone: person.phone,
        password: DEMO_PASSWORD,
        organisationId: counter,
        totpSecret: person.totpSecret,
      });
      await seedGrant(db, clock, {
        accountId: staff[person.role]!,
        roleCode: person.role,
        divisionCode: DEMO_DIVISIONS.county,
      });
    }

    await seedServiceItem(db, clock, DEMO_FEE_ITEM_CODE, residenceReissue);
    await seedImplementation(db, clock, DEMO_FEE_ITEM_CODE, DEMO_DIVISIONS.county, {
      implementingOrganisationId: counter,
      slotBindings: {},
      offline: residenceReissue.guide.offline,
      contacts: { enquiry: '0571-87654321', complaint: '0571-12345' },
      promisedLimitDays: 3,
      isOnlineEnabled: true,
    });

    const actor = (accountId: string) => actorOf(db, clock, accountId);
    const citizens = [];
    for (const citizen of DEMO_CITIZENS) {
      const id = await findAccountIdByResidentId(db, vault, citizen.residentId);
      if (!id) throw new Error('the demo applications need the demo citizens first');
      citizens.push({ ...citizen, actor: await actor(id) });
    }
    const [zhang, chen, liu] = citizens as [(typeof citizens)[0], (typeof citizens)[0], (typeof citizens)[0]];

    const draft = async (who: typeof zhang, itemCode: string, answers: Record<string, unknown>) => {
      const created = await createDraft(deps, who.actor, { itemCode });
      await saveAnswers(deps, who.actor, created.result.id, answers);
      return created.result.id;
    };
    const submitted = async (who: typeof zhang, itemCode: string, answers: Record<string, unknown>) => {
      const id = await draft(who, itemCode, answers);
      return (await submitApplication(deps, who.actor, id, { declarationAccepted: true })).result;
    };
    const act = (instanceId: string, role: string, action: TaskAction) =>
      actAs(db, clock, vault, staff[role]!, instanceId, action);
    const business = (who: typeof zhang, scope: string) => ({
      operatorName: who.name,
      residentId: who.residentId,
      isCivilServant: false,
      scope,
      premisesKind: 'owned',
    });
    const reissue = (who: typeof zhang, address: string) => ({
      name: who.name,
      residentId: who.residentId,
      address,
    });

    // 个体工商户设立登记 in the states before a decision, and a refusal.
    await draft(zhang, DEMO_ITEM_CODES.individualBusiness, {
      operatorName: zhang.name,
      isCivilServant: false,
    });
    await submitted(chen, DEMO_ITEM_CODES.individualBusiness, business(chen, '日用百货零售'));
    const accepted = await submitted(liu, DEMO_ITEM_CODES.individualBusiness, business(liu, '茶叶零售'));
    await act(accepted.workflowInstanceId!, 'service-clerk', { action: 'accept' });
    const incomplete = await submitted(
      zhang,
      DEMO_ITEM_CODES.individualBusiness,
      business(zhang, '手工艺品零售'),
    );
    await act(incomplete.workflowInstanceId!, 'service-clerk', {
      action: 'request-supplements',
      items: [
        {
          material: 'property-certificate',
          detail: '不动产权证书扫描件不清晰，请重新上传 / The title deed scan is unreadable',
        },
      ],
    });
    const refused = await submitted(chen, DEMO_ITEM_CODES.individualBusiness, business(chen, '烟花爆竹零售'));
    await act(refused.workflowInstanceId!, 'service-clerk', {
      action: 'reject',
      reasons: [
        '经营场所位于居民住宅楼内，不得经营烟花爆竹 / Fireworks may not be sold from a residential building',
      ],
    });
    const changedPlans = await submitted(liu, DEMO_ITEM_CODES.individualBusiness, business(liu, '鲜花零售'));
    await withdrawApplication(deps, liu.actor, changedPlans.id, {
      reason: '店面租约未谈妥，暂不开业 / The shop lease fell through; not opening for now',
    });

    // 居住证补领: one accepted and at its last step, held there until its fee is paid at the counter; one
    // paid and approved, with the certificate issued.
    const unpaid = await submitted(chen, DEMO_FEE_ITEM_CODE, reissue(chen, '杭州市西湖区文三路 200 号'));
    await act(unpaid.workflowInstanceId!, 'service-clerk', { action: 'accept' });
    await act(unpaid.workflowInstanceId!, 'service-clerk', { action: 'approve' });
    const paid = await submitted(liu, DEMO_FEE_ITEM_CODE, reissue(liu, '杭州市西湖区天目山路 300 号'));
    await act(paid.workflowInstanceId!, 'service-clerk', { action: 'accept' });
    await act(paid.workflowInstanceId!, 'service-clerk', { action: 'approve' });
    await recordCounterPayment({ db, clock }, await actor(staff['fee-cashier']!), {
      applicationNumber: paid.number!,
      amountYuan: '20',
      method: 'pos',
      receiptNumber: 'XH-DEMO-0001',
    });
    await act(paid.workflowInstanceId!, 'service-approver', { action: 'approve' });
  },
};

export const DEMO_BUNDLE_CODE = 'enterprise-opening';
export const DEMO_NEW_ENTERPRISE_CREDIT_CODE = '91330106MA2DEM885A';

/**
 * 企业开办 as one bundle over the four demo enterprise-opening items at 西湖区, and a newly founded demo
 * enterprise (with its account) whose case is half done: the seal and tax members approved, the
 * registration accepted, the social insurance registration waiting.
 */
export const demoServicesBundles: SeedStep = {
  name: 'services.demo-bundles',
  description:
    '企业开办 bundle over the four enterprise-opening items at 西湖区, and a new enterprise with a case half done',
  async run({ db, clock, vault }) {
    if (!vault) throw new Error('demo bundle cases encrypt their answers with the vault');
    const form = {
      schema: {
        type: 'object',
        properties: {
          enterpriseName: { type: 'string', minLength: 2, maxLength: 100 },
          contactPhone: { type: 'string', pattern: '^1[3-9][0-9]{9}$' },
        },
        required: ['enterpriseName', 'contactPhone'],
      },
      ui: {
        pages: [
          {
            kind: 'question' as const,
            key: 'enterprise',
            title: t('企业信息（一次填报）', 'The enterprise (asked once)'),
            fields: [
              {
                pointer: '/enterpriseName',
                label: t('企业名称', 'Enterprise name'),
                widget: 'text' as const,
                prefill: 'organisation.name' as const,
              },
              { pointer: '/contactPhone', label: t('联系电话', 'Contact phone'), widget: 'text' as const },
            ],
          },
        ],
      },
    };
    const fields = { enterpriseName: 'enterpriseName', contactPhone: 'contactPhone' };
    await seedBundle(db, clock, DEMO_BUNDLE_CODE, DEMO_DIVISIONS.county, {
      nameZh: '企业开办',
      nameEn: 'Opening an enterprise',
      members: [
        DEMO_ITEM_CODES.enterpriseRegistration,
        DEMO_ITEM_CODES.sealEngraving,
        DEMO_ITEM_CODES.newTaxpayer,
        DEMO_ITEM_CODES.socialInsurance,
      ].map((itemCode) => ({ itemCode, fields })),
      form,
    });

    const organisationId = await seedOrganisation(db, clock, {
      kind: 'enterprise',
      nameZh: '杭州西溪新开示范餐饮有限公司',
      nameEn: 'Hangzhou Xixi New Demo Catering Co., Ltd.',
      divisionCode: DEMO_DIVISIONS.county,
      creditCode: DEMO_NEW_ENTERPRISE_CREDIT_CODE,
    });
    const accountId = await seedEnterpriseAccount(
      db,
      { vault, clock },
      { organisationId, password: DEMO_PASSWORD },
    );
    const founded = await submitBundleCase(
      { db, clock, vault },
      await actorOf(db, clock, accountId),
      DEMO_BUNDLE_CODE,
      {
        answers: { enterpriseName: '杭州西溪新开示范餐饮有限公司', contactPhone: '13900330499' },
        declarationAccepted: true,
      },
    );
    const staff = await staffByRole(db, vault);
    const member = (itemCode: string) => founded.result.members.find((entry) => entry.itemCode === itemCode)!;
    const instanceOf = async (applicationId: string) =>
      (await findApplicationSummary(db, { id: applicationId }))!.workflowInstanceId!;
    for (const itemCode of [DEMO_ITEM_CODES.sealEngraving, DEMO_ITEM_CODES.newTaxpayer]) {
      const instanceId = await instanceOf(member(itemCode).applicationId);
      await actAs(db, clock, vault, staff['service-clerk']!, instanceId, { action: 'accept' });
      await actAs(db, clock, vault, staff['service-clerk']!, instanceId, { action: 'approve' });
      await actAs(db, clock, vault, staff['service-approver']!, instanceId, { action: 'approve' });
    }
    await actAs(
      db,
      clock,
      vault,
      staff['service-clerk']!,
      await instanceOf(member(DEMO_ITEM_CODES.enterpriseRegistration).applicationId),
      {
        action: 'accept',
      },
    );
  },
};
