import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Clock } from '../../../platform/clock/index.ts';
import type { Tables } from '../../../platform/db/index.ts';
import { DomainError } from '../../../platform/errors/index.ts';
import { parseCreditCode } from '../../../platform/identifiers/index.ts';
import { auditedWrite, hashPayload } from '../../ledger/index.ts';
import { findDivision } from '../divisions/store.ts';
import type { AccessActor } from './actor.ts';
import { accessErrors } from './errors.ts';
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

/** Organisations the actor may manage, filtered in SQL by the actor's scopes. */
export async function listVisibleOrganisations(
  db: Db,
  actor: AccessActor,
  permission = MANAGE_ORGANISATIONS,
) {
  return db
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
    )
    .orderBy('d.path')
    .orderBy('o.name_zh')
    .limit(1000)
    .execute();
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
    const parent = await db
      .selectFrom('organisation as o')
      .innerJoin('division as d', 'd.code', 'o.division_code')
      .select(['o.id', 'd.path'])
      .where('o.id', '=', input.parentId)
      .executeTakeFirst();
    if (!parent) throw invalidField('/parentId', 'is not a registered organisation');
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
    if (taken) {
      throw new DomainError({
        kind: 'conflict',
        code: 'identity.credit-code-taken',
        title: 'Already registered',
        detail: `An organisation with credit code ${creditCode} is already registered.`,
      });
    }
  }

  const id = randomUUID();
  const now = clock.now();
  await auditedWrite(
    db,
    {
      action: 'identity.organisation.registered',
      actor: { kind: 'staff', id: actor.accountId },
      onBehalfOf: actor.organisationId,
      record: { type: 'identity.organisation', id },
      at: now,
      requestId: requestId ?? null,
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

function invalidField(pointer: string, detail: string): DomainError {
  return new DomainError({
    kind: 'invalid',
    code: 'identity.invalid-organisation',
    title: 'The organisation is not valid',
    detail: `${pointer.slice(1)} ${detail}`,
    fields: [{ pointer, detail }],
  });
}
