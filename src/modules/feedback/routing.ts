import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Clock } from '../../platform/clock/index.ts';
import type { Tables } from '../../platform/db/index.ts';
import type { FieldProblem } from '../../platform/errors/index.ts';
import { type AccessActor, findOrganisationSummaries, getDivision } from '../identity/index.ts';
import { hashPayload, recordAuditEvent } from '../ledger/index.ts';
import { feedbackErrors } from './errors.ts';
import {
  findCategory,
  findUnit,
  findUnitByFunction,
  insertRule,
  insertUnit,
  listGeneralOffices,
  listMatchingRules,
  type RoutingRuleRow,
  type UnitRow,
} from './store.ts';
import { inTransaction } from './transaction.ts';

type Db = Kysely<Tables>;

export const MANAGE_ROUTING = 'feedback.routing.manage';
/** The unit every division may have that takes what no rule sends elsewhere, and arbitrates below it. */
export const GENERAL_OFFICE = 'general-office';

export type Route = { unit: UnitRow; rule: RoutingRuleRow | null; reason: 'routed' | 'fallback' };

/** Division codes from the nation down to the division itself, read from its path (0.33.3301.330106). */
export function codesOnPath(path: string): string[] {
  return path.split('.');
}

function depthOf(path: string): number {
  return path.split('.').length;
}

/**
 * Which unit answers for a request about `categoryCode` at the division with `divisionPath`. Rules
 * whose subtree holds the place are tried most specific first: the deepest subtree, then a rule that
 * names the category over one that covers all, then the newest. A rule points at a level and a
 * function (township urban management, county housing bureau); the first rule whose unit exists at
 * that level above the place wins. Failing all rules, the general office of the place's division or
 * of the nearest division above that has one. Nothing at all answers `undefined` (left unrouted).
 */
export async function resolveRoute(
  db: Db,
  categoryCode: string,
  divisionPath: string,
): Promise<Route | undefined> {
  const path = codesOnPath(divisionPath);
  const rules = (await listMatchingRules(db, divisionPath, categoryCode)).sort(
    (a, b) =>
      depthOf(b.division_path) - depthOf(a.division_path) ||
      Number(b.category_codes.length > 0) - Number(a.category_codes.length > 0) ||
      b.created_at.getTime() - a.created_at.getTime() ||
      (a.id < b.id ? -1 : 1),
  );
  for (const rule of rules) {
    // Path position equals level: index 0 is the nation, 4 a township.
    const target = path[rule.handler_level];
    if (target === undefined) continue;
    const unit = await findUnitByFunction(db, target, rule.handler_function);
    if (unit) return { unit, rule, reason: 'routed' };
  }
  const offices = await listGeneralOffices(db, path);
  const nearest = offices.sort((a, b) => depthOf(b.division_path) - depthOf(a.division_path))[0];
  return nearest ? { unit: nearest, rule: null, reason: 'fallback' } : undefined;
}

/**
 * The general office that decides a disputed transfer between two units: at the deepest division
 * above both. Where one of the two is itself that office, the decision goes one level higher, so no
 * unit decides its own dispute.
 */
export async function findArbiter(db: Db, from: UnitRow, to: UnitRow): Promise<UnitRow | undefined> {
  const a = codesOnPath(from.division_path);
  const b = codesOnPath(to.division_path);
  let common = 0;
  while (common < a.length && common < b.length && a[common] === b[common]) common += 1;
  const candidates = a.slice(0, common);
  const offices = await listGeneralOffices(db, candidates);
  return offices
    .filter(
      (office) =>
        office.organisation_id !== from.organisation_id && office.organisation_id !== to.organisation_id,
    )
    .sort((x, y) => depthOf(y.division_path) - depthOf(x.division_path))[0];
}

export type UnitInput = { organisationId: string; functionCode: string };

/**
 * Who configures routing: a member of staff within their grant, or the seed data, which is its own
 * authority (as identity's seed writers are) and is named as the system in the ledger.
 */
export type RoutingAuthor = AccessActor | 'seed';

const auditActorOf = (author: RoutingAuthor) =>
  author === 'seed'
    ? ({ kind: 'system', id: 'seed' } as const)
    : ({ kind: 'staff', id: author.accountId } as const);

/** Registers a government department as a handling unit with its function at its division. */
export async function registerUnit(
  db: Db,
  clock: Clock,
  actor: RoutingAuthor,
  input: UnitInput,
  requestId?: string,
): Promise<UnitRow> {
  const organisation = (await findOrganisationSummaries(db, [input.organisationId])).get(
    input.organisationId,
  );
  const problems: FieldProblem[] = [];
  if (!organisation)
    problems.push({ pointer: '/organisationId', detail: 'is not a registered organisation' });
  else if (organisation.kind !== 'government-department' || !organisation.isActive)
    problems.push({ pointer: '/organisationId', detail: 'must be an active government department' });
  if (!/^[a-z][a-z0-9-]{0,63}$/.test(input.functionCode))
    problems.push({ pointer: '/functionCode', detail: 'must be lower-case letters, digits and hyphens' });
  if (problems.length > 0 || !organisation) throw feedbackErrors.invalidRequest(problems);
  if (
    actor !== 'seed' &&
    !actor.can(MANAGE_ROUTING, { divisionPath: organisation.divisionPath, organisationId: organisation.id })
  )
    throw feedbackErrors.outsideRoutingScope();
  if (await findUnitByFunction(db, organisation.divisionCode, input.functionCode))
    throw feedbackErrors.unitTaken(organisation.divisionCode, input.functionCode);
  if (await findUnit(db, organisation.id))
    throw feedbackErrors.invalidRequest([
      { pointer: '/organisationId', detail: 'is already a handling unit' },
    ]);
  const now = clock.now();
  const row: UnitRow = {
    organisation_id: organisation.id,
    division_code: organisation.divisionCode,
    division_path: organisation.divisionPath,
    province_code: organisation.divisionCode.slice(0, 2),
    function_code: input.functionCode,
    created_at: now,
  };
  await inTransaction(db, async (tx) => {
    await insertUnit(tx, row);
    await recordAuditEvent(tx, {
      action: 'feedback.unit.registered',
      actor: auditActorOf(actor),
      record: { type: 'feedback.unit', id: organisation.id },
      at: now,
      requestId: requestId ?? null,
      payloadHash: hashPayload(input),
    });
  });
  return row;
}

export type RuleInput = {
  divisionCode: string;
  categoryCodes: string[];
  handlerLevel: number;
  handlerFunction: string;
};

/** Adds a routing rule for a subtree within the actor's area. */
export async function createRule(
  db: Db,
  clock: Clock,
  actor: RoutingAuthor,
  input: RuleInput,
  requestId?: string,
): Promise<RoutingRuleRow> {
  const problems: FieldProblem[] = [];
  const division = await getDivision(db, input.divisionCode).catch(() => undefined);
  if (!division || division.isPlaceholder)
    problems.push({ pointer: '/divisionCode', detail: 'is not a division' });
  const codes = [...new Set(input.categoryCodes)].sort();
  for (const [index, code] of codes.entries()) {
    if (!(await findCategory(db, code)))
      problems.push({ pointer: `/categoryCodes/${index}`, detail: `${code} is not a category` });
  }
  if (!/^[a-z][a-z0-9-]{0,63}$/.test(input.handlerFunction))
    problems.push({ pointer: '/handlerFunction', detail: 'must be lower-case letters, digits and hyphens' });
  if (problems.length > 0 || !division) throw feedbackErrors.invalidRequest(problems);
  const divisionPath = [...division.ancestors.map((ancestor) => ancestor.code), division.code].join('.');
  if (actor !== 'seed' && !actor.can(MANAGE_ROUTING, { divisionPath }))
    throw feedbackErrors.outsideRoutingScope();
  const now = clock.now();
  const row: RoutingRuleRow = {
    id: randomUUID(),
    division_code: division.code,
    division_path: divisionPath,
    category_codes: codes,
    handler_level: input.handlerLevel,
    handler_function: input.handlerFunction,
    is_active: true,
    created_by: actor === 'seed' ? null : actor.accountId,
    created_at: now,
  };
  await inTransaction(db, async (tx) => {
    await insertRule(tx, row);
    await recordAuditEvent(tx, {
      action: 'feedback.routing-rule.created',
      actor: auditActorOf(actor),
      record: { type: 'feedback.routing-rule', id: row.id },
      at: now,
      requestId: requestId ?? null,
      payloadHash: hashPayload({ ...input, categoryCodes: codes }),
    });
  });
  return row;
}
