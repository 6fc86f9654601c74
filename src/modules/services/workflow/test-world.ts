/**
 * Test helpers: departments at county and city level, staff holding the service-handler role there,
 * and workflow definitions, made as seed data would make them (through identity's seed writers).
 */
import type { Kysely } from 'kysely';
import type { Clock } from '../../../platform/clock/index.ts';
import type { Tables } from '../../../platform/db/index.ts';
import { residentIdCheckCharacter } from '../../../platform/identifiers/index.ts';
import type { Vault } from '../../../platform/vault/index.ts';
import {
  type AccessActor,
  loadAccessActor,
  seedGrant,
  seedOrganisation,
  seedPersonAccount,
} from '../../identity/index.ts';
import type { TaskNode, WorkflowDefinition, WorkflowNode } from './definition.ts';

export const HANGZHOU = '3301';
export const XIHU = '330106';
export const SHANGCHENG = '330102';
export const HANDLER_ROLE = 'service-handler';

export const task = (key: string, department = 'implementing', role = HANDLER_ROLE): TaskNode => ({
  kind: 'task',
  key,
  name: { zh: `环节${key}`, en: `Step ${key}` },
  department,
  role,
});

export const parallel = (key: string, branches: WorkflowNode[][]): WorkflowNode => ({
  kind: 'parallel',
  key,
  name: { zh: `并联${key}`, en: `Joint ${key}` },
  branches,
});

export const serial = (...keys: string[]): WorkflowDefinition => ({ steps: keys.map((key) => task(key)) });

export type WorkflowWorld = {
  /** 西湖区市场监督管理局 (county). */
  xihuMarket: string;
  /** 西湖区卫生健康局 (county). */
  xihuHealth: string;
  /** 杭州市消防救援支队 (city). */
  cityFire: string;
  /** 上城区市场监督管理局 (another county). */
  shangchengMarket: string;
  accounts: {
    xihuClerk: string;
    xihuSecondClerk: string;
    xihuHealthClerk: string;
    cityFireOfficer: string;
    shangchengClerk: string;
  };
  actor(accountId: string): Promise<AccessActor>;
};

let serialNumber = 0;
function residentIdFor(serial: number): string {
  const body = `330106199001${String(10 + (serial % 18)).padStart(2, '0')}${String(serial % 1000).padStart(3, '0')}`;
  return body + residentIdCheckCharacter(body);
}

export async function createWorkflowWorld(
  db: Kysely<Tables>,
  deps: { clock: Clock; vault: Vault },
): Promise<WorkflowWorld> {
  const { clock } = deps;
  const department = (nameZh: string, nameEn: string, divisionCode: string) =>
    seedOrganisation(db, clock, { kind: 'government-department', nameZh, nameEn, divisionCode });
  const xihuMarket = await department('西湖区市场监督管理局', 'Xihu Market Supervision Bureau', XIHU);
  const xihuHealth = await department('西湖区卫生健康局', 'Xihu Health Bureau', XIHU);
  const cityFire = await department('杭州市消防救援支队', 'Hangzhou Fire and Rescue', HANGZHOU);
  const shangchengMarket = await department(
    '上城区市场监督管理局',
    'Shangcheng Market Supervision Bureau',
    SHANGCHENG,
  );

  /** A member of staff of `organisationId` holding the handler role over `divisionCode` for that department. */
  const handler = async (organisationId: string, divisionCode: string) => {
    serialNumber += 1;
    const accountId = await seedPersonAccount(db, deps, {
      kind: 'staff',
      name: '李办理',
      residentId: residentIdFor(serialNumber),
      phone: `137${String(serialNumber).padStart(8, '0')}`,
      password: 'plum blossom river 7',
      organisationId,
    });
    await seedGrant(db, clock, { accountId, roleCode: HANDLER_ROLE, divisionCode, organisationId });
    return accountId;
  };
  const accounts = {
    xihuClerk: await handler(xihuMarket, XIHU),
    xihuSecondClerk: await handler(xihuMarket, XIHU),
    xihuHealthClerk: await handler(xihuHealth, XIHU),
    cityFireOfficer: await handler(cityFire, HANGZHOU),
    shangchengClerk: await handler(shangchengMarket, SHANGCHENG),
  };
  return {
    xihuMarket,
    xihuHealth,
    cityFire,
    shangchengMarket,
    accounts,
    async actor(accountId) {
      const actor = await loadAccessActor(db, clock, accountId);
      if (!actor) throw new Error(`account ${accountId} is not active`);
      return actor;
    },
  };
}
