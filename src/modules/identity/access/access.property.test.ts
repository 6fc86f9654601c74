import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../../test/support/test-database.ts';
import { manualClock } from '../../../platform/clock/index.ts';
import { toDivisionRow } from '../divisions/source.ts';
import { upsertDivisions } from '../divisions/store.ts';
import { isWithin } from './actor.ts';
import { listVisibleOrganisations } from './organisations.ts';
import { loadAccessActor } from './service.ts';
import { insertAccount, insertGrant, insertOrganisation, upsertRole } from './store.ts';

const clock = manualClock(new Date('2026-11-27T03:00:00Z'));
const PERMISSION = 'identity.organisations.manage';

type TreeShape = { provinces: string[]; cities: number; counties: number; townships: number };

/** A random division tree under the test provinces 98 and 99: child counts per level. */
const treeShape: fc.Arbitrary<TreeShape> = fc.record({
  provinces: fc.constantFrom(['98'], ['98', '99']),
  cities: fc.integer({ min: 1, max: 3 }),
  counties: fc.integer({ min: 0, max: 3 }),
  townships: fc.integer({ min: 0, max: 2 }),
});

function buildTree(shape: TreeShape): string[] {
  const codes: string[] = [];
  for (const province of shape.provinces) {
    codes.push(province);
    for (let c = 1; c <= shape.cities; c++) {
      const city = `${province}${String(c).padStart(2, '0')}`;
      codes.push(city);
      for (let k = 1; k <= shape.counties; k++) {
        const county = `${city}${String(k).padStart(2, '0')}`;
        codes.push(county);
        for (let t = 1; t <= shape.townships; t++) codes.push(`${county}${String(t).padStart(3, '0')}`);
      }
    }
  }
  return codes;
}

describe('visibility follows grants exactly (property)', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase({ contents: 'migrated' });
    await upsertRole(
      database.db,
      {
        id: randomUUID(),
        code: 'registrar',
        name_zh: '登记员',
        name_en: 'Registrar',
        is_built_in: false,
        created_at: clock.now(),
        updated_at: clock.now(),
      },
      [PERMISSION],
    );
    await upsertRole(
      database.db,
      {
        id: randomUUID(),
        code: 'reader',
        name_zh: '查阅员',
        name_en: 'Reader',
        is_built_in: false,
        created_at: clock.now(),
        updated_at: clock.now(),
      },
      ['ledger.events.read'],
    );
  });
  afterAll(async () => {
    await database.close();
  });

  it('an actor sees an organisation if and only if one of their grants covers it', async () => {
    await fc.assert(
      fc.asyncProperty(
        treeShape,
        fc.array(
          fc.record({
            at: fc.nat(),
            role: fc.constantFrom('registrar', 'reader'),
            limitToOrganisation: fc.boolean(),
            orgPick: fc.nat(),
            isRevoked: fc.boolean(),
          }),
          { maxLength: 4 },
        ),
        fc.array(fc.nat(), { minLength: 1, maxLength: 12 }),
        async (shape, grantSpecs, organisationSpots) => {
          const db = database.db;
          await sql`delete from access_grant`.execute(db);
          await sql`delete from account`.execute(db);
          await sql`delete from organisation`.execute(db);
          await sql`delete from division where code <> '0'`.execute(db);
          const codes = buildTree(shape);
          await upsertDivisions(
            db,
            codes.map((code) => toDivisionRow(code, `测试${code}`)),
          );
          const pathOf = (code: string) => toDivisionRow(code, 'x').path;

          const organisations = organisationSpots.map((spot) => {
            const code = codes[spot % codes.length]!;
            return { id: randomUUID(), code, path: pathOf(code) };
          });
          for (const organisation of organisations) {
            await insertOrganisation(db, {
              id: organisation.id,
              kind: 'government-department',
              name_zh: `机构${organisation.id.slice(0, 4)}`,
              name_en: null,
              division_code: organisation.code,
              parent_id: null,
              credit_code: null,
              province_code: organisation.code.slice(0, 2),
              is_active: true,
              created_at: clock.now(),
              updated_at: clock.now(),
            });
          }
          const accountId = randomUUID();
          await insertAccount(db, {
            id: accountId,
            kind: 'staff',
            organisation_id: organisations[0]!.id,
            division_code: organisations[0]!.code,
            status: 'active',
            province_code: organisations[0]!.code.slice(0, 2),
            created_at: clock.now(),
            updated_at: clock.now(),
          });
          const roles = await sql<{ id: string; code: string }>`select id, code from role`.execute(db);
          const roleId = new Map(roles.rows.map((r) => [r.code, r.id]));
          const grants = grantSpecs.map((spec) => {
            const code = codes[spec.at % codes.length]!;
            const organisationId = spec.limitToOrganisation
              ? organisations[spec.orgPick % organisations.length]!.id
              : null;
            return { ...spec, code, path: pathOf(code), organisationId };
          });
          for (const grant of grants) {
            await insertGrant(db, {
              id: randomUUID(),
              account_id: accountId,
              role_id: roleId.get(grant.role)!,
              division_code: grant.code,
              organisation_id: grant.organisationId,
              granted_by: null,
              granted_at: clock.now(),
              expires_at: null,
              revoked_at: grant.isRevoked ? clock.now() : null,
              revoked_by: null,
            });
          }

          const actor = await loadAccessActor(db, clock, accountId);
          const visible = new Set(
            (await listVisibleOrganisations(db, actor!, {}, PERMISSION)).items.map((o) => o.id),
          );
          const isCovered = (organisation: (typeof organisations)[number]) =>
            grants.some(
              (grant) =>
                grant.role === 'registrar' &&
                !grant.isRevoked &&
                isWithin(organisation.path, grant.path) &&
                (grant.organisationId === null || grant.organisationId === organisation.id),
            );
          for (const organisation of organisations) {
            expect(visible.has(organisation.id)).toBe(isCovered(organisation));
            expect(
              actor!.can(PERMISSION, { divisionPath: organisation.path, organisationId: organisation.id }),
            ).toBe(isCovered(organisation));
          }
        },
      ),
      { numRuns: 40 },
    );
  }, 120_000);
});
