import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Clock } from '../../../platform/clock/index.ts';
import type { Tables } from '../../../platform/db/index.ts';
import type { FieldProblem } from '../../../platform/errors/index.ts';
import {
  type AccessActor,
  findOrganisationSummaries,
  getDivision,
  pathOfCode,
} from '../../identity/index.ts';
import { type AuditEvent, auditedWrite, hashPayload } from '../../ledger/index.ts';
import { catalogueErrors } from './errors.ts';
import { NATIONAL_SCOPE, parseItemCode } from './item-code.ts';
import { findPublicationProblems, findSaveProblems, IMPLEMENTING_SLOT } from './publication-checks.ts';
import type { ImplementationInput, VersionContent } from './schemas.ts';
import { indexTerms } from './search-terms.ts';
import {
  findItemByCode,
  findItemById,
  findVersion,
  insertDraft,
  insertItem,
  lockItem,
  markPublished,
  nextVersionNumber,
  type ServiceItemRow,
  updateDraft,
  upsertImplementation,
  type VersionContentColumns,
} from './store.ts';

type Db = Kysely<Tables>;

export const MANAGE_CATALOGUE = 'services.catalogue.manage';

/**
 * Who makes a change, as the ledger names them: a member of staff acting for their department, or the
 * seed. Services check the actor's grants first, then write as this author.
 */
export type Author = { actor: AuditEvent['actor']; onBehalfOf: string | null; id: string };

export const SEED_AUTHOR: Author = { actor: { kind: 'system', id: 'seed' }, onBehalfOf: null, id: 'seed' };

function authorOf(actor: AccessActor): Author {
  return {
    actor: { kind: 'staff', id: actor.accountId },
    onBehalfOf: actor.organisationId,
    id: actor.accountId,
  };
}

function event(
  author: Author,
  action: string,
  record: { type: string; id: string },
  at: Date,
  payload: unknown,
  requestId?: string,
): AuditEvent {
  return {
    action,
    actor: author.actor,
    onBehalfOf: author.onBehalfOf,
    record,
    at,
    requestId: requestId ?? null,
    payloadHash: hashPayload(payload),
  };
}

/**
 * National items are edited by those who hold the permission over the whole nation (a grant at the
 * root); a province's items by those who hold it over the province. A county's catalogue staff publish
 * implementations but do not rewrite the catalogue their county implements.
 */
export function checkCatalogueEditor(
  actor: AccessActor,
  item: Pick<ServiceItemRow, 'authority_division_code' | 'level'>,
) {
  if (!actor.can(MANAGE_CATALOGUE, { divisionPath: pathOfCode(item.authority_division_code) }))
    throw catalogueErrors.outsideScope(
      item.level === 'national'
        ? 'the national catalogue'
        : `province ${item.authority_division_code}'s catalogue`,
    );
}

async function authorityOf(db: Db, code: string) {
  const parsed = parseItemCode(code);
  if (!parsed.ok)
    throw catalogueErrors.invalid('services.invalid-item', 'The item is not valid', [
      { pointer: '/code', detail: parsed.message },
    ]);
  const { scope } = parsed.value;
  if (scope === NATIONAL_SCOPE) return { parsed: parsed.value, authority: '0' };
  const province = await getDivision(db, scope).catch(() => undefined);
  if (province?.level !== 1)
    throw catalogueErrors.invalid('services.invalid-item', 'The item is not valid', [
      { pointer: '/code', detail: `${scope} is neither 00 (national) nor a province code` },
    ]);
  return { parsed: parsed.value, authority: scope };
}

export async function createItem(
  db: Db,
  clock: Clock,
  actor: AccessActor,
  code: string,
  requestId?: string,
): Promise<string> {
  const place = await authorityOf(db, code);
  checkCatalogueEditor(actor, { authority_division_code: place.authority, level: place.parsed.level });
  return writeItem(db, clock, authorOf(actor), place, requestId);
}

async function writeItem(
  db: Db,
  clock: Clock,
  author: Author,
  { parsed, authority }: Awaited<ReturnType<typeof authorityOf>>,
  requestId?: string,
) {
  const { code } = parsed;
  const id = randomUUID();
  const now = clock.now();
  const row: ServiceItemRow = {
    id,
    code,
    main_code: parsed.mainCode,
    item_type: parsed.type,
    level: parsed.level,
    authority_division_code: authority,
    province_code: parsed.scope,
    published_version_id: null,
    created_at: now,
    created_by: author.id,
  };
  await auditedWrite(
    db,
    event(author, 'services.item.created', { type: 'services.item', id }, now, { code }, requestId),
    async (tx) => {
      if (!(await insertItem(tx, row))) throw catalogueErrors.itemExists(code);
    },
  );
  return id;
}

/** The columns a version's content fills, with its search terms computed now, at write time. */
function contentColumns(content: VersionContent, code: string): VersionContentColumns {
  const { guide } = content;
  const names = [content.nameZh, content.nameEn, code];
  const texts = [
    ...names,
    ...[
      ...guide.conditions,
      ...guide.prohibitedCases,
      ...guide.processSteps,
      ...guide.materials.map((m) => m.name),
      ...guide.faq.flatMap((f) => [f.question, f.answer]),
      guide.result.name,
      ...content.departmentSlots.map((s) => s.name),
      ...guide.settingBasis.map((b) => b.law),
    ].flatMap((text) => [text.zh, text.en]),
  ];
  return {
    name_zh: content.nameZh,
    name_en: content.nameEn,
    applicant_type: content.applicantType,
    statutory_limit_days: content.statutoryLimitDays,
    promised_limit_days: content.promisedLimitDays,
    max_in_person_visits: content.maxInPersonVisits,
    is_free: guide.fees.length === 0,
    department_slots: content.departmentSlots,
    guide,
    form_schema: content.form.schema,
    form_ui: content.form.ui,
    workflow: content.workflow,
    search_tokens: indexTerms(texts),
    name_tokens: indexTerms(names),
  };
}

function checkSavable(content: VersionContent) {
  const problems = findSaveProblems(content);
  if (problems.length > 0)
    throw catalogueErrors.invalid('services.invalid-version', 'The version is not valid', problems);
}

async function getItem(db: Db, code: string) {
  const item = await findItemByCode(db, code);
  if (!item) throw catalogueErrors.itemNotFound(code);
  return item;
}

export async function createDraft(
  db: Db,
  clock: Clock,
  actor: AccessActor,
  code: string,
  content: VersionContent,
  requestId?: string,
) {
  const item = await getItem(db, code);
  checkCatalogueEditor(actor, item);
  return writeDraft(db, clock, authorOf(actor), item, content, requestId);
}

async function writeDraft(
  db: Db,
  clock: Clock,
  author: Author,
  item: ServiceItemRow,
  content: VersionContent,
  requestId?: string,
) {
  checkSavable(content);
  const id = randomUUID();
  const now = clock.now();
  return auditedWrite(
    db,
    event(
      author,
      'services.item-version.drafted',
      { type: 'services.item-version', id },
      now,
      { code: item.code, content },
      requestId,
    ),
    async (tx) => {
      const versionNumber = await nextVersionNumber(tx, item.id);
      const inserted = await insertDraft(
        tx,
        { id, item_id: item.id, version_number: versionNumber, at: now, by: author.id },
        contentColumns(content, item.code),
      );
      if (!inserted) throw catalogueErrors.draftExists(item.code);
      return { id, versionNumber };
    },
  );
}

async function getVersionWithItem(db: Db, versionId: string) {
  const version = await findVersion(db, versionId);
  if (!version) throw catalogueErrors.versionNotFound(versionId);
  const item = await findItemById(db, version.item_id);
  return { version, item };
}

export async function editDraft(
  db: Db,
  clock: Clock,
  actor: AccessActor,
  versionId: string,
  content: VersionContent,
  requestId?: string,
): Promise<void> {
  const { version, item } = await getVersionWithItem(db, versionId);
  checkCatalogueEditor(actor, item);
  if (version.status !== 'draft')
    throw catalogueErrors.versionImmutable(version.version_number, version.status);
  checkSavable(content);
  const now = clock.now();
  await auditedWrite(
    db,
    event(
      authorOf(actor),
      'services.item-version.edited',
      { type: 'services.item-version', id: versionId },
      now,
      { code: item.code, content },
      requestId,
    ),
    async (tx) => {
      // The status is checked again by the update itself: a publication in between wins.
      if (!(await updateDraft(tx, versionId, contentColumns(content, item.code), now)))
        throw catalogueErrors.versionImmutable(version.version_number, 'published');
    },
  );
}

/** A stored version's content in the shape it was given. */
export function contentOf(version: Awaited<ReturnType<typeof findVersion>> & object): VersionContent {
  return {
    nameZh: version.name_zh,
    nameEn: version.name_en,
    applicantType: version.applicant_type,
    statutoryLimitDays: version.statutory_limit_days,
    promisedLimitDays: version.promised_limit_days,
    maxInPersonVisits: version.max_in_person_visits,
    departmentSlots: version.department_slots,
    guide: version.guide,
    form: { schema: version.form_schema, ui: version.form_ui },
    workflow: version.workflow,
  };
}

export async function publishVersion(
  db: Db,
  clock: Clock,
  actor: AccessActor,
  versionId: string,
  requestId?: string,
): Promise<void> {
  const { version, item } = await getVersionWithItem(db, versionId);
  checkCatalogueEditor(actor, item);
  await writePublication(db, clock, authorOf(actor), item, version, requestId);
}

async function writePublication(
  db: Db,
  clock: Clock,
  author: Author,
  item: ServiceItemRow,
  version: NonNullable<Awaited<ReturnType<typeof findVersion>>>,
  requestId?: string,
) {
  if (version.status !== 'draft')
    throw catalogueErrors.versionImmutable(version.version_number, version.status);
  const problems = findPublicationProblems(contentOf(version));
  if (problems.length > 0)
    throw catalogueErrors.invalid('services.invalid-version', 'The version cannot be published', problems);
  const now = clock.now();
  await auditedWrite(
    db,
    event(
      author,
      'services.item-version.published',
      { type: 'services.item-version', id: version.id },
      now,
      {
        code: item.code,
        versionNumber: version.version_number,
        supersedes: item.published_version_id,
      },
      requestId,
    ),
    async (tx) => {
      const locked = await lockItem(tx, item.id);
      const current = await findVersion(tx, version.id);
      if (current?.status !== 'draft')
        throw catalogueErrors.versionImmutable(version.version_number, current?.status ?? 'gone');
      await markPublished(tx, locked, version.id, now, author.id);
    },
  );
}

function invalidImplementation(problems: readonly FieldProblem[]) {
  return catalogueErrors.invalid(
    'services.invalid-implementation',
    'The implementation is not valid',
    problems,
  );
}

export async function publishImplementation(
  db: Db,
  clock: Clock,
  actor: AccessActor,
  code: string,
  divisionCode: string,
  input: ImplementationInput,
  requestId?: string,
): Promise<string> {
  const division = await getDivision(db, divisionCode);
  if (
    !actor.can(MANAGE_CATALOGUE, {
      divisionPath: pathOfCode(division.code),
      organisationId: input.implementingOrganisationId,
    })
  )
    throw catalogueErrors.outsideScope(`division ${division.code} and that implementing body`);
  return writeImplementation(db, clock, authorOf(actor), code, divisionCode, input, requestId);
}

async function writeImplementation(
  db: Db,
  clock: Clock,
  author: Author,
  code: string,
  divisionCode: string,
  input: ImplementationInput,
  requestId?: string,
): Promise<string> {
  const item = await getItem(db, code);
  const division = await getDivision(db, divisionCode);
  const divisionPath = pathOfCode(division.code);
  if (division.level === 0 || division.isPlaceholder)
    throw invalidImplementation([
      { pointer: '/divisionCode', detail: `${division.code} is not a government that implements items` },
    ]);
  if (item.level === 'provincial' && !division.code.startsWith(item.province_code))
    throw invalidImplementation([
      {
        pointer: '/divisionCode',
        detail: `${division.code} is outside province ${item.province_code}, whose item this is`,
      },
    ]);
  if (!item.published_version_id) throw catalogueErrors.notPublished(code);
  const version = (await findVersion(db, item.published_version_id))!;

  const problems: FieldProblem[] = [];
  if (input.promisedLimitDays > version.statutory_limit_days)
    problems.push({
      pointer: '/promisedLimitDays',
      detail: `must not exceed the statutory limit of ${version.statutory_limit_days} working days`,
    });
  const declared = new Set(version.department_slots.map((slot) => slot.key));
  for (const key of Object.keys(input.slotBindings)) {
    if (key === IMPLEMENTING_SLOT)
      problems.push({ pointer: `/slotBindings/${key}`, detail: 'is given by implementingOrganisationId' });
    else if (!declared.has(key))
      problems.push({ pointer: `/slotBindings/${key}`, detail: 'is not a slot this item declares' });
  }
  for (const key of declared)
    if (!Object.hasOwn(input.slotBindings, key))
      problems.push({
        pointer: `/slotBindings/${key}`,
        detail: 'is required: bind every slot the item declares',
      });
  const bound = [
    { pointer: '/implementingOrganisationId', id: input.implementingOrganisationId },
    ...Object.entries(input.slotBindings).map(([key, id]) => ({ pointer: `/slotBindings/${key}`, id })),
  ];
  const organisations = await findOrganisationSummaries(
    db,
    bound.map((b) => b.id),
  );
  for (const { pointer, id } of bound) {
    const organisation = organisations.get(id);
    if (!organisation) problems.push({ pointer, detail: 'is not a registered organisation' });
    else if (organisation.kind !== 'government-department')
      problems.push({ pointer, detail: `${organisation.nameZh} is not a government department` });
    else if (!organisation.isActive)
      problems.push({ pointer, detail: `${organisation.nameZh} is deactivated` });
    else if (
      !(
        divisionPath === organisation.divisionPath || divisionPath.startsWith(`${organisation.divisionPath}.`)
      )
    )
      problems.push({ pointer, detail: `${organisation.nameZh} is not at ${division.fullName} or above it` });
  }
  if (problems.length > 0) throw invalidImplementation(problems);

  const now = clock.now();
  const id = randomUUID();
  return auditedWrite(
    db,
    event(
      author,
      'services.implementation.published',
      { type: 'services.implementation', id: `${item.code}@${division.code}` },
      now,
      {
        code: item.code,
        divisionCode: division.code,
        input,
      },
      requestId,
    ),
    (tx) =>
      upsertImplementation(tx, {
        id,
        item_id: item.id,
        division_code: division.code,
        province_code: division.code.slice(0, 2),
        implementing_organisation_id: input.implementingOrganisationId,
        slot_bindings: input.slotBindings,
        offline_place_zh: input.offline.place.zh,
        offline_place_en: input.offline.place.en,
        office_hours_zh: input.offline.hours.zh,
        office_hours_en: input.offline.hours.en,
        enquiry_phone: input.contacts.enquiry,
        complaint_phone: input.contacts.complaint,
        promised_limit_days: input.promisedLimitDays,
        is_online_enabled: input.isOnlineEnabled,
        published_at: now,
        published_by: author.id,
      }),
  );
}

/**
 * Seed data (the demo) writes through the same checks as the API, as the seed: an item with its first
 * version published, and divisions' implementations of it.
 */
export async function seedServiceItem(
  db: Db,
  clock: Clock,
  code: string,
  content: VersionContent,
): Promise<string> {
  await writeItem(db, clock, SEED_AUTHOR, await authorityOf(db, code));
  const item = (await findItemByCode(db, code))!;
  const { id } = await writeDraft(db, clock, SEED_AUTHOR, item, content);
  const version = (await findVersion(db, id))!;
  await writePublication(db, clock, SEED_AUTHOR, item, version);
  return id;
}

export async function seedImplementation(
  db: Db,
  clock: Clock,
  code: string,
  divisionCode: string,
  input: ImplementationInput,
): Promise<string> {
  return writeImplementation(db, clock, SEED_AUTHOR, code, divisionCode, input);
}
