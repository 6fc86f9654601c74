/**
 * "One thing, one go" (一件事) bundles (docs/services.md, "Bundles"): a bundle at a division names its
 * member items and one merged form whose properties fill each member's form; one submission makes one
 * bundle case with one number and one application per member, each handled by its own department
 * through its own workflow, and the case's status is the aggregate of its members'.
 */
import { randomUUID } from 'node:crypto';
import { Ajv2020, type ErrorObject } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import type { Kysely } from 'kysely';
import type { Clock } from '../../../platform/clock/index.ts';
import type { Tables } from '../../../platform/db/index.ts';
import type { FieldProblem } from '../../../platform/errors/index.ts';
import { hashRequestBody, withIdempotency } from '../../../platform/idempotency/index.ts';
import type { Vault } from '../../../platform/vault/index.ts';
import { type AccessActor, pathOfCode } from '../../identity/index.ts';
import { hashPayload, recordAuditEvents } from '../../ledger/index.ts';
import {
  type ApplicationSummary,
  beijingDay,
  createDraft,
  findApplicationSummary,
  saveAnswers,
  submitApplication,
} from '../applications/index.ts';
import { type FormUi, getGuide, MANAGE_CATALOGUE } from '../catalogue/index.ts';
import { bundleErrors } from './errors.ts';
import {
  type BundleMember,
  type BundleRow,
  findBundleById,
  findBundleServing,
  findCaseByNumber,
  insertCase,
  listCaseMembers,
  nextBundleSerial,
  upsertBundle,
} from './store.ts';

type Db = Kysely<Tables>;
export type BundleDeps = { db: Db; clock: Clock; vault: Vault };
export type BundleInput = {
  nameZh: string;
  nameEn: string;
  members: BundleMember[];
  form: { schema: Record<string, unknown>; ui: FormUi };
};
const SEED_AUTHOR = { kind: 'system' as const, id: 'seed' };

function inTransaction<T>(db: Db, work: (tx: Db) => Promise<T>): Promise<T> {
  return db.isTransaction ? work(db) : db.transaction().execute(work);
}

function compile(schema: Record<string, unknown>) {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats.default(ajv);
  return ajv.compile(schema);
}

const propertiesOf = (schema: Record<string, unknown>) =>
  (schema.properties ?? {}) as Record<string, Record<string, unknown>>;
const requiredOf = (schema: Record<string, unknown>) => (schema.required ?? []) as string[];

/**
 * Every problem of a definition, by pointer: at least two members, each once, each implemented online
 * at the division or above; the merged schema compiles; each mapping names a property of the merged
 * form and one of the member's form; every property a member requires is filled.
 */
async function definitionProblems(db: Db, divisionCode: string, input: BundleInput): Promise<FieldProblem[]> {
  const problems: FieldProblem[] = [];
  if (input.members.length < 2)
    problems.push({ pointer: '/members', detail: 'must name at least two items' });
  try {
    compile(input.form.schema);
  } catch (error) {
    problems.push({ pointer: '/form/schema', detail: `does not compile: ${(error as Error).message}` });
  }
  const merged = propertiesOf(input.form.schema);
  const seen = new Set<string>();
  for (const [index, member] of input.members.entries()) {
    const at = `/members/${index}`;
    if (seen.has(member.itemCode)) problems.push({ pointer: `${at}/itemCode`, detail: 'is listed twice' });
    seen.add(member.itemCode);
    let guide: Awaited<ReturnType<typeof getGuide>>;
    try {
      guide = await getGuide(db, member.itemCode, { divisionCode });
    } catch {
      problems.push({ pointer: `${at}/itemCode`, detail: `${member.itemCode} is not an item in force` });
      continue;
    }
    if (!guide.implementation?.isOnlineEnabled)
      problems.push({
        pointer: `${at}/itemCode`,
        detail: `is not implemented online at ${divisionCode} or above`,
      });
    const own = propertiesOf(guide.form.schema);
    for (const [property, from] of Object.entries(member.fields)) {
      if (!(property in own))
        problems.push({
          pointer: `${at}/fields/${property}`,
          detail: `is not a question of ${member.itemCode}`,
        });
      if (!(from in merged))
        problems.push({
          pointer: `${at}/fields/${property}`,
          detail: `takes ${from}, which the merged form does not ask`,
        });
    }
    for (const property of requiredOf(guide.form.schema))
      if (!(property in member.fields))
        problems.push({
          pointer: `${at}/fields`,
          detail: `must fill ${property}, which ${member.itemCode} requires`,
        });
  }
  return problems;
}

async function writeBundle(
  db: Db,
  clock: Clock,
  author: { kind: 'system' | 'staff'; id: string; onBehalfOf?: string | null },
  code: string,
  divisionCode: string,
  input: BundleInput,
) {
  const problems = await definitionProblems(db, divisionCode, input);
  if (problems.length > 0) throw bundleErrors.invalidDefinition(problems);
  const now = clock.now();
  return inTransaction(db, async (tx) => {
    const id = await upsertBundle(tx, {
      id: randomUUID(),
      code,
      division_code: divisionCode,
      province_code: divisionCode.slice(0, 2),
      name_zh: input.nameZh,
      name_en: input.nameEn,
      members: input.members,
      form_schema: input.form.schema,
      form_ui: input.form.ui,
      updated_at: now,
      updated_by: author.id,
    });
    await recordAuditEvents(tx, [
      {
        action: 'services.bundle.defined',
        actor: { kind: author.kind, id: author.id },
        onBehalfOf: author.onBehalfOf ?? null,
        record: { type: 'services.bundle', id },
        at: now,
        payloadHash: hashPayload({ code, divisionCode, ...input }),
      },
    ]);
    return getBundle(tx, code, divisionCode);
  });
}

/** Catalogue editors define a bundle for a division within their grant. */
export async function defineBundle(
  db: Db,
  clock: Clock,
  actor: AccessActor,
  code: string,
  divisionCode: string,
  input: BundleInput,
) {
  if (!actor.can(MANAGE_CATALOGUE, { divisionPath: pathOfCode(divisionCode) }))
    throw bundleErrors.notPermitted(divisionCode);
  return writeBundle(
    db,
    clock,
    { kind: 'staff', id: actor.accountId, onBehalfOf: actor.organisationId },
    code,
    divisionCode,
    input,
  );
}

/** Seed data (the demo) defines bundles through the same checks, as the seed. */
export async function seedBundle(
  db: Db,
  clock: Clock,
  code: string,
  divisionCode: string,
  input: BundleInput,
) {
  return writeBundle(db, clock, SEED_AUTHOR, code, divisionCode, input);
}

function bundleView(row: BundleRow) {
  return {
    id: row.id,
    code: row.code,
    divisionCode: row.division_code,
    name: { zh: row.name_zh, en: row.name_en },
    members: row.members,
    form: { schema: row.form_schema, ui: row.form_ui },
  };
}

/** The bundle serving a division: its own, or the nearest government's above it. */
export async function getBundle(db: Db, code: string, divisionCode: string) {
  const row = await findBundleServing(db, code, pathOfCode(divisionCode).split('.'));
  if (!row) throw bundleErrors.notFound(code, divisionCode);
  return bundleView(row);
}

const escaped = (name: string) => name.replaceAll('~', '~0').replaceAll('/', '~1');
function problemOf(error: ErrorObject): FieldProblem {
  if (error.keyword === 'required') {
    const missing = (error.params as { missingProperty: string }).missingProperty;
    return { pointer: `${error.instancePath}/${escaped(missing)}`, detail: 'is required' };
  }
  return { pointer: error.instancePath || '/', detail: error.message ?? 'is not valid' };
}

/**
 * Submits a bundle: the merged answers against the merged form, then in one transaction the case and
 * its number, and for each member a draft filled from the merged answers and submitted through the
 * applications' own checks, so any member's refusal refuses the whole (nothing half-submitted).
 */
export async function submitBundleCase(
  deps: BundleDeps,
  actor: AccessActor,
  code: string,
  input: { answers: Record<string, unknown>; declarationAccepted: boolean },
  idempotencyKey?: string,
) {
  const bundle = await getBundle(deps.db, code, actor.divisionCode);
  if (input.declarationAccepted !== true) throw bundleErrors.declarationRequired();
  const validate = compile(bundle.form.schema);
  if (!validate(input.answers)) throw bundleErrors.invalidAnswers((validate.errors ?? []).map(problemOf));
  const now = deps.clock.now();
  return inTransaction(deps.db, async (tx) => {
    const submit = async () => {
      const scoped = { ...deps, db: tx };
      const caseId = randomUUID();
      const members = [];
      for (const member of bundle.members) {
        const answers = Object.fromEntries(
          Object.entries(member.fields)
            .filter(([, from]) => from in input.answers)
            .map(([property, from]) => [property, input.answers[from]]),
        );
        const draft = await createDraft(scoped, actor, { itemCode: member.itemCode });
        await saveAnswers(scoped, actor, draft.result.id, answers);
        await submitApplication(scoped, actor, draft.result.id, { declarationAccepted: true });
        members.push({
          case_id: caseId,
          item_code: member.itemCode,
          application_id: draft.result.id,
          province_code: bundle.divisionCode.slice(0, 2),
        });
      }
      const day = beijingDay(now);
      const number = `${bundle.divisionCode}-${day.replaceAll('-', '')}-Y${String(await nextBundleSerial(tx, bundle.divisionCode, day)).padStart(6, '0')}`;
      await insertCase(
        tx,
        {
          id: caseId,
          case_number: number,
          bundle_id: bundle.id,
          province_code: bundle.divisionCode.slice(0, 2),
          division_code: bundle.divisionCode,
          applicant_account_id: actor.accountId,
          applicant_organisation_id: actor.kind === 'enterprise' ? actor.organisationId : null,
          submitted_at: now,
        },
        members,
      );
      await recordAuditEvents(tx, [
        {
          action: 'services.bundle-case.submitted',
          actor: { kind: actor.kind, id: actor.accountId },
          onBehalfOf: actor.organisationId,
          record: { type: 'services.bundle-case', id: caseId },
          at: now,
          payloadHash: hashPayload({
            number,
            bundle: bundle.id,
            applications: members.map((m) => m.application_id),
          }),
        },
      ]);
      return getMyBundleCase(scoped, actor, number);
    };
    if (idempotencyKey === undefined) return { result: await submit(), isReplay: false };
    return withIdempotency(
      tx,
      {
        scope: 'services.bundle-case',
        key: idempotencyKey,
        requestHash: hashRequestBody({ code, ...input }),
        actorId: actor.accountId,
        at: now,
      },
      submit,
    );
  });
}

export type BundleStatus = 'in-progress' | 'awaiting-supplements' | 'completed' | 'closed-with-refusals';

/**
 * The case's status from its members': completed when every member is approved; closed with refusals
 * when every member is decided and some was not approved; awaiting supplements while any member waits
 * for the applicant; otherwise in progress.
 */
export function aggregateStatus(states: readonly ApplicationSummary['state'][]): BundleStatus {
  if (states.every((state) => state === 'approved')) return 'completed';
  if (states.every((state) => state === 'approved' || state === 'rejected' || state === 'withdrawn'))
    return 'closed-with-refusals';
  if (states.includes('awaiting-supplements')) return 'awaiting-supplements';
  return 'in-progress';
}

/** The applicant's bundle case by its number: one status and each member's own; anyone else's is not found. */
export async function getMyBundleCase(deps: Pick<BundleDeps, 'db'>, actor: AccessActor, number: string) {
  const row = await findCaseByNumber(deps.db, number);
  if (!row || row.applicant_account_id !== actor.accountId) throw bundleErrors.caseNotFound(number);
  const bundle = (await findBundleById(deps.db, row.bundle_id))!;
  const members = [];
  for (const member of await listCaseMembers(deps.db, row.id)) {
    const application = (await findApplicationSummary(deps.db, { id: member.application_id }))!;
    members.push({
      itemCode: member.item_code,
      applicationId: application.id,
      applicationNumber: application.number,
      state: application.state,
      decidedAt: application.decidedAt?.toISOString() ?? null,
    });
  }
  const order = bundle.members.map((member) => member.itemCode);
  members.sort((a, b) => order.indexOf(a.itemCode) - order.indexOf(b.itemCode));
  return {
    number: row.case_number,
    bundleCode: bundle.code,
    name: { zh: bundle.name_zh, en: bundle.name_en },
    divisionCode: row.division_code,
    submittedAt: row.submitted_at.toISOString(),
    status: aggregateStatus(members.map((member) => member.state)),
    approvedCount: members.filter((member) => member.state === 'approved').length,
    members,
  };
}
