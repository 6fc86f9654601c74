import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/test-app.ts';
import { createVault, type Vault } from '../../platform/vault/index.ts';
import { decodeAuditEvent, integrateBatch, resolveLedgerKeys, verifyInclusion } from '../ledger/index.ts';
import {
  agree,
  as,
  bearerActor,
  buildSharingWorld,
  hubQuery,
  publishHouseholdRegister,
  registerSystem,
  type SharingWorld,
} from './test-fixtures.ts';

let t: TestApp;
let vault: Vault;
let world: SharingWorld;
let civilKey: string;
let marketKey: string;
let code: string;

const DAY_MS = 24 * 3_600_000;

beforeAll(async () => {
  t = await createTestApp({ authenticate: (request) => bearerActor(t.database.db, t.clock)(request) });
  vault = createVault(t.config.vaultKeys);
  world = await buildSharingWorld(t.database.db, t.clock, vault);
  civilKey = await registerSystem(t, world.officers.civil, '婚姻登记业务系统');
  marketKey = await registerSystem(t, world.officers.market, '企业登记业务系统');
  code = await publishHouseholdRegister(t, world, vault);
  await agree(t, world, code, { consumer: 'civil', purpose: '婚姻登记', fields: ['name', 'birthDate'] });
  await agree(t, world, code, {
    consumer: 'market',
    purpose: '企业登记核验',
    fields: ['name', 'address'],
    terms: { validUntil: new Date(t.clock.now().getTime() + 90 * DAY_MS).toISOString() },
  });
});
afterAll(async () => {
  await t.close();
});

const tracker = (accountId = world.citizen.accountId) =>
  t.app.inject({ url: '/api/sharing/my-data-accesses', headers: as(accountId) });

type Access = {
  id: string;
  at: string;
  consumer: { nameZh: string };
  system: string;
  purpose: string;
  caseNumber: string;
  fields: string[];
  wasHiddenUntil: string | null;
  hiddenBasis: string | null;
  ledger: {
    leafIndex: string | null;
    entry: string | null;
    proof: { treeSize: string; leafHash: string; hashes: string[] } | null;
  };
};

describe('the data tracker', () => {
  it('lists accesses to the citizen’s data newest first, with who, what, why and the ledger proof', async () => {
    const first = await hubQuery(t, civilKey, {
      resourceCode: code,
      subject: world.citizen.residentId,
      caseNumber: 'HY2026-0101',
      endUser: '民政局窗口 周敏',
    });
    expect(first.statusCode).toBe(200);
    t.clock.advance(60_000);
    const second = await hubQuery(t, marketKey, {
      resourceCode: code,
      subject: world.citizen.residentId,
      purpose: '企业登记核验',
      caseNumber: 'QY2026-0042',
      endUser: '登记窗口 孙立',
    });
    expect(second.statusCode).toBe(200);
    // Someone else's data, and a denied attempt, are not in this citizen's list.
    await hubQuery(t, civilKey, { resourceCode: code, subject: world.stranger.residentId });
    await hubQuery(t, civilKey, { resourceCode: code, subject: world.citizen.residentId, purpose: '其他' });

    await integrateBatch(t.database.db, resolveLedgerKeys(t.config), t.clock);
    const response = await tracker();
    expect(response.statusCode).toBe(200);
    const view = response.json() as { treeSize: string; accesses: Access[] };
    expect(view.accesses.map((access) => access.id)).toEqual([second.json().accessId, first.json().accessId]);
    expect(view.accesses[0]).toMatchObject({
      consumer: { nameZh: '西湖区市场监督管理局' },
      owner: { nameZh: '杭州市公安局西湖区分局' },
      system: '企业登记业务系统',
      resource: { code },
      purpose: '企业登记核验',
      caseNumber: 'QY2026-0042',
      fields: ['name', 'address'],
      wasHiddenUntil: null,
    });
    expect(view.accesses[1]).toMatchObject({
      consumer: { nameZh: '西湖区民政局' },
      system: '婚姻登记业务系统',
      purpose: '婚姻登记',
      caseNumber: 'HY2026-0101',
      fields: ['name', 'birthDate'],
    });

    // Each entry is the logged event: its leaf hash is in the tree of the latest signed checkpoint.
    const checkpoint = await t.app.inject({ url: '/api/ledger/checkpoint' });
    const { rootHash, treeSize } = checkpoint.json();
    expect(view.treeSize).toBe(treeSize);
    for (const access of view.accesses) {
      const { leafIndex, entry, proof } = access.ledger;
      expect(leafIndex).not.toBeNull();
      const bytes = Buffer.from(entry!, 'base64');
      const event = decodeAuditEvent(bytes);
      expect(event).toMatchObject({
        action: 'sharing.access.granted',
        record: { type: 'sharing.access', id: access.id },
      });
      const leafHash = createHash('sha256')
        .update(Buffer.from([0]))
        .update(bytes)
        .digest();
      expect(leafHash.toString('base64')).toBe(proof!.leafHash);
      expect(
        verifyInclusion(
          BigInt(leafIndex!),
          BigInt(proof!.treeSize),
          leafHash,
          proof!.hashes.map((hash) => Buffer.from(hash, 'base64')),
          Buffer.from(rootHash, 'base64'),
        ),
      ).toBe(true);
    }
  });

  it('keeps a legally hidden access out of the tracker until its end date, then shows it with its basis', async () => {
    t.clock.advance(60_000);
    const until = new Date(t.clock.now().getTime() + 7 * DAY_MS);
    const hidden = await hubQuery(t, civilKey, {
      resourceCode: code,
      subject: world.citizen.residentId,
      caseNumber: 'HY2026-0199',
      hidden: {
        basis: '《中华人民共和国刑事诉讼法》第一百五十二条：侦查期间保密',
        until: until.toISOString(),
      },
    });
    expect(hidden.statusCode).toBe(200);
    const hiddenId = hidden.json().accessId;
    const ids = async () => ((await tracker()).json().accesses as Access[]).map((access) => access.id);
    expect(await ids()).not.toContain(hiddenId);

    t.clock.set(new Date(until.getTime() - 1_000));
    expect(await ids()).not.toContain(hiddenId);

    t.clock.set(until);
    const after = (await tracker()).json().accesses as Access[];
    expect(after[0]).toMatchObject({
      id: hiddenId,
      caseNumber: 'HY2026-0199',
      wasHiddenUntil: until.toISOString(),
      hiddenBasis: '《中华人民共和国刑事诉讼法》第一百五十二条：侦查期间保密',
    });
  });

  it('is for citizens about themselves: staff and anonymous callers are refused; the limit holds', async () => {
    const staff = await tracker(world.officers.civil);
    expect(staff.statusCode).toBe(403);
    expect(staff.json().code).toBe('sharing.citizens-only');
    const anonymous = await t.app.inject({ url: '/api/sharing/my-data-accesses' });
    expect(anonymous.statusCode).toBe(401);
    const limited = await t.app.inject({
      url: '/api/sharing/my-data-accesses?limit=1',
      headers: as(world.citizen.accountId),
    });
    expect(limited.json().accesses).toHaveLength(1);
  });
});
