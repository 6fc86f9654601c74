import { randomUUID } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import type { Clock } from '../../../platform/clock/index.ts';
import type { Tables } from '../../../platform/db/index.ts';
import { DomainError } from '../../../platform/errors/index.ts';
import { parseCreditCode } from '../../../platform/identifiers/index.ts';
import { DEFAULT_PAGE_SIZE } from '../../../platform/pagination/index.ts';
import { auditedWrite, hashPayload } from '../../ledger/index.ts';
import { findDivision, fullNamesOf } from '../divisions/index.ts';
import type { AccessActor } from './actor.ts';
import { accessErrors } from './errors.ts';
import { afterCursor, inSubtreeOf, pageWithDivisionNames } from './listing.ts';
import { insertOrganisation, type OrganisationRow } from './store.ts';
import { visibleTo } from './visibility.ts';

type Db = Kysely<Tables>;

export const MANAGE_ORGANISATIONS = 'identity.organisations.manage';

export type OrganisationInput = {
  kind: OrganisationRow['kind'];
  nameZh: string;
  nameEn?: string;
  divisionCode: string;
  parentId?: string;
  creditCode?: string;
};

export type OrganisationFilter = {
  /** Only organisations whose division lies in this division's subtree. */
  divisionCode?: string;
  kind?: OrganisationRow['kind'];
  isActive?: boolean;
  /** Part of the Chinese name. */
  q?: string;
  limit?: number;
  cursor?: string;
};

const organisationKey = [
  { column: 'd.path', part: 'text' },
  { column: 'o.name_zh', part: 'text' },
  { column: 'o.id', part: 'uuid' },
] as const;

/** Organisations the actor may manage, filtered in SQL by the actor's scopes, by division then name. */
export async function listVisibleOrganisations(
  db: Db,
  actor: AccessActor,
  filter: OrganisationFilter = {},
  permission = MANAGE_ORGANISATIONS,
) {
  const limit = filter.limit ?? DEFAULT_PAGE_SIZE;
  let query = db
    .selectFrom('organisation as o')
    .innerJoin('division as d', 'd.code', 'o.division_code')
    .select([
      'o.id',
      'o.kind',
      'o.name_zh',
      'o.name_en',
      'o.division_code',
      'd.path as division_path',
      'o.parent_id',
      'o.credit_code',
      'o.is_active',
    ])
    .where((eb) =>
      visibleTo(eb, actor, permission, { divisionPath: eb.ref('d.path'), organisationId: eb.ref('o.id') }),
    );
  if (filter.divisionCode !== undefined) query = query.where(await inSubtreeOf(db, filter.divisionCode));
  if (filter.kind !== undefined) query = query.where('o.kind', '=', filter.kind);
  if (filter.isActive !== undefined) query = query.where('o.is_active', '=', filter.isActive);
  if (filter.q !== undefined) {
    const escaped = filter.q.replace(/[\\%_]/g, (c) => `\\${c}`);
    query = query.where('o.name_zh', 'like', `%${escaped}%`);
  }
  if (filter.cursor !== undefined) query = query.where(afterCursor(filter.cursor, organisationKey, 'asc'));
  const rows = await query
    .orderBy('d.path')
    .orderBy('o.name_zh')
    .orderBy('o.id')
    .limit(limit + 1)
    .execute();
  return pageWithDivisionNames(
    db,
    rows,
    limit,
    (row) => [row.division_path, row.name_zh, row.id],
    (row, divisionName) => ({ ...row, division_name: divisionName }),
  );
}

/**
 * Registers an organisation at a division inside the actor's scope. Enterprises, NGOs and public
 * service companies need a valid unified social credit code (GB 32100 with its GB 11714 part);
 * a department under a parent must sit at the parent's division or below it.
 */
export async function registerOrganisation(
  db: Db,
  clock: Clock,
  actor: AccessActor,
  input: OrganisationInput,
  requestId?: string,
): Promise<string> {
  const division = await findDivision(db, input.divisionCode);
  if (!division) throw accessErrors.unknownDivision(input.divisionCode);
  if (!actor.can(MANAGE_ORGANISATIONS, { divisionPath: division.path }))
    throw accessErrors.outsideScope(MANAGE_ORGANISATIONS);

  let creditCode: string | null = null;
  if (input.creditCode !== undefined) {
    const parsed = parseCreditCode(input.creditCode);
    if (!parsed.ok) throw invalidField('/creditCode', parsed.message);
    creditCode = parsed.value.code;
  } else if (input.kind !== 'government-department') {
    throw invalidField('/creditCode', 'is required for enterprises, NGOs and public-service companies');
  }
  if (input.parentId !== undefined) {
    const parent = await findParent(db, input.parentId);
    if (!(division.path === parent.path || division.path.startsWith(`${parent.path}.`))) {
      throw invalidField('/divisionCode', "must be the parent organisation's division or one below it");
    }
  }
  if (creditCode) {
    const taken = await db
      .selectFrom('organisation')
      .select('id')
      .where('credit_code', '=', creditCode)
      .executeTakeFirst();
    if (taken) throw creditCodeTaken(creditCode);
  }

  const id = randomUUID();
  const now = clock.now();
  await auditedWrite(
    db,
    {
      ...organisationEvent('identity.organisation.registered', actor, id, now, requestId),
      payloadHash: hashPayload(input),
    },
    (tx) =>
      insertOrganisation(tx, {
        id,
        kind: input.kind,
        name_zh: input.nameZh.trim(),
        name_en: input.nameEn?.trim() || null,
        division_code: division.code,
        parent_id: input.parentId ?? null,
        credit_code: creditCode,
        province_code: division.province_code,
        is_active: true,
        created_at: now,
        updated_at: now,
      }),
  );
  return id;
}

/** The division path of a would-be parent organisation; refused as a field problem when there is none. */
async function findParent(db: Db, parentId: string): Promise<{ path: string }> {
  const parent = await db
    .selectFrom('organisation as o')
    .innerJoin('division as d', 'd.code', 'o.division_code')
    .select(['o.id', 'd.path'])
    .where('o.id', '=', parentId)
    .executeTakeFirst();
  if (!parent) throw invalidField('/parentId', 'is not a registered organisation');
  return parent;
}

/** Who changed which organisation, when and in answer to which request: the head of its audit events. */
function organisationEvent(
  action: string,
  actor: AccessActor,
  id: string,
  at: Date,
  requestId: string | undefined,
) {
  return {
    action,
    actor: { kind: 'staff' as const, id: actor.accountId },
    onBehalfOf: actor.organisationId,
    record: { type: 'identity.organisation', id },
    at,
    requestId: requestId ?? null,
  };
}

function invalidField(pointer: string, detail: string): DomainError {
  return new DomainError({
    kind: 'invalid',
    code: 'identity.invalid-organisation',
    title: 'The organisation is not valid',
    detail: `${pointer.slice(1)} ${detail}`,
    fields: [{ pointer, detail }],
  });
}

/** One organisation in the actor's area, with the names of its division and parent department. */
export async function getOrganisation(db: Db, actor: AccessActor, id: string) {
  const row = await db
    .selectFrom('organisation as o')
    .innerJoin('division as d', 'd.code', 'o.division_code')
    .leftJoin('organisation as parent', 'parent.id', 'o.parent_id')
    .select([
      'o.id',
      'o.kind',
      'o.name_zh',
      'o.name_en',
      'o.division_code',
      'd.path as division_path',
      'o.parent_id',
      'parent.name_zh as parent_name',
      'o.credit_code',
      'o.is_active',
      'o.created_at',
      'o.updated_at',
    ])
    .where('o.id', '=', id)
    .executeTakeFirst();
  if (!row) throw unknownOrganisation(id);
  if (!actor.can(MANAGE_ORGANISATIONS, { divisionPath: row.division_path, organisationId: row.id }))
    throw accessErrors.outsideScope(MANAGE_ORGANISATIONS);
  const names = await fullNamesOf(db, [row.division_code]);
  return { ...row, division_name: names.get(row.division_code) ?? row.division_code };
}

export type OrganisationChange = {
  nameZh?: string;
  /** null removes the English name. */
  nameEn?: string | null;
  /** null detaches the department from its parent. */
  parentId?: string | null;
  creditCode?: string;
};

/**
 * Changes an organisation's names, parent department or credit code. Its kind and division stay:
 * moving an organisation would move its records out of the area that holds them. The same checks as
 * registration apply, and a parent may not be the organisation itself or one below it.
 */
export async function updateOrganisation(
  db: Db,
  clock: Clock,
  actor: AccessActor,
  id: string,
  change: OrganisationChange,
  requestId?: string,
): Promise<void> {
  const current = await getOrganisation(db, actor, id);
  if (!current.is_active) throw inactive(id);
  let creditCode = current.credit_code;
  if (change.creditCode !== undefined) {
    const parsed = parseCreditCode(change.creditCode);
    if (!parsed.ok) throw invalidField('/creditCode', parsed.message);
    creditCode = parsed.value.code;
    const taken = await db
      .selectFrom('organisation')
      .select('id')
      .where('credit_code', '=', creditCode)
      .where('id', '<>', id)
      .executeTakeFirst();
    if (taken) throw creditCodeTaken(creditCode);
  }
  if (change.parentId !== undefined && change.parentId !== null) {
    if (change.parentId === id) throw invalidField('/parentId', 'cannot be the organisation itself');
    const parent = await findParent(db, change.parentId);
    if (!(current.division_path === parent.path || current.division_path.startsWith(`${parent.path}.`))) {
      throw invalidField('/parentId', "must be at the organisation's division or one above it");
    }
    if (await isBelow(db, change.parentId, id)) {
      throw invalidField('/parentId', 'is a department below this one; that would make a loop');
    }
  }
  const now = clock.now();
  await auditedWrite(
    db,
    {
      ...organisationEvent('identity.organisation.updated', actor, id, now, requestId),
      payloadHash: hashPayload(change),
    },
    async (tx) => {
      await tx
        .updateTable('organisation')
        .set({
          name_zh: change.nameZh?.trim() ?? current.name_zh,
          name_en: change.nameEn === undefined ? current.name_en : change.nameEn?.trim() || null,
          parent_id: change.parentId === undefined ? current.parent_id : change.parentId,
          credit_code: creditCode,
          updated_at: now,
        })
        .where('id', '=', id)
        .execute();
    },
  );
}

/** Is `candidate` the organisation `ancestorId` or a department below it? Walks up from the candidate. */
async function isBelow(db: Db, candidate: string, ancestorId: string): Promise<boolean> {
  const result = await sql<{ found: boolean }>`
    with recursive chain (id, parent_id) as (
      select id, parent_id from organisation where id = ${candidate}
      union
      select o.id, o.parent_id from organisation o join chain c on o.id = c.parent_id
    )
    select exists (select 1 from chain where id = ${ancestorId}) as found
  `.execute(db);
  return result.rows[0]?.found === true;
}

/**
 * Marks an organisation dissolved. It stays in the records that name it; it takes no new staff
 * accounts (staff creation requires an active organisation) and cannot be edited any more.
 */
export async function deactivateOrganisation(
  db: Db,
  clock: Clock,
  actor: AccessActor,
  id: string,
  reason: string,
  requestId?: string,
): Promise<void> {
  const current = await getOrganisation(db, actor, id);
  const now = clock.now();
  await auditedWrite(
    db,
    { ...organisationEvent('identity.organisation.deactivated', actor, id, now, requestId), reason },
    async (tx) => {
      await refuseWhileInUse(tx, current.id, now);
      // Conditional, so that of two deactivations at once only one is recorded.
      const result = await tx
        .updateTable('organisation')
        .set({ is_active: false, updated_at: now })
        .where('id', '=', current.id)
        .where('is_active', '=', true)
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) !== 1) throw inactive(id);
    },
  );
}

/**
 * An organisation with active staff (or its enterprise account), grants scoped to it, or active
 * departments under it stays active: deactivating it would leave people acting for a body that no
 * longer exists. The administrator moves or ends those first; the answer says how many there are.
 */
async function refuseWhileInUse(tx: Db, id: string, now: Date): Promise<void> {
  const result = await sql<{ accounts: number; grants: number; departments: number }>`
    select
      (select count(*)::int from account where organisation_id = ${id} and status = 'active') as accounts,
      (select count(*)::int from access_grant where organisation_id = ${id} and revoked_at is null
         and (expires_at is null or expires_at > ${now.toISOString()}::timestamptz)) as grants,
      (select count(*)::int from organisation where parent_id = ${id} and is_active) as departments
  `.execute(tx);
  const inUse = result.rows[0]!;
  if (inUse.accounts + inUse.grants + inUse.departments === 0) return;
  throw new DomainError({
    kind: 'conflict',
    code: 'identity.organisation-in-use',
    title: 'The organisation is still in use',
    detail:
      `Organisation ${id} still has ${inUse.accounts} active account(s), ${inUse.grants} grant(s) in force ` +
      `scoped to it and ${inUse.departments} active department(s) under it; disable, revoke or move them first.`,
  });
}

function unknownOrganisation(id: string): DomainError {
  return new DomainError({
    kind: 'not-found',
    code: 'identity.organisation-not-found',
    title: 'No such organisation',
    detail: `There is no organisation ${id}.`,
  });
}

function inactive(id: string): DomainError {
  return new DomainError({
    kind: 'conflict',
    code: 'identity.organisation-inactive',
    title: 'The organisation is deactivated',
    detail: `Organisation ${id} has been deactivated; it is kept for the records that name it.`,
  });
}

function creditCodeTaken(creditCode: string): DomainError {
  return new DomainError({
    kind: 'conflict',
    code: 'identity.credit-code-taken',
    title: 'Already registered',
    detail: `An organisation with credit code ${creditCode} is already registered.`,
  });
}
