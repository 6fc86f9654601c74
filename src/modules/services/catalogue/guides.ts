import type { Kysely } from 'kysely';
import type { Tables } from '../../../platform/db/index.ts';
import {
  type AccessActor,
  findOrganisationSummaries,
  getDivision,
  type OrganisationSummary,
} from '../../identity/index.ts';
import { catalogueErrors } from './errors.ts';
import { parseItemCode } from './item-code.ts';
import type { GuideQuery, ItemListQuery } from './schemas.ts';
import { queryTerms } from './search-terms.ts';
import { checkCatalogueEditor, contentOf } from './service.ts';
import {
  findItemByCode,
  findItemById,
  findNearestImplementation,
  findVersion,
  findVersionByNumber,
  type ImplementationRow,
  listImplementationsById,
  listItems,
  listVersions,
} from './store.ts';

type Db = Kysely<Tables>;

/** A division and the governments above it, nearest first (the nation's root left out: it implements nothing). */
async function divisionChain(db: Db, code: string) {
  const division = await getDivision(db, code);
  const above = division.ancestors
    .filter((ancestor) => ancestor.level > 0 && !ancestor.isPlaceholder)
    .reverse();
  return [
    { code: division.code, name: division.fullName },
    ...above.map((d) => ({ code: d.code, name: d.name })),
  ];
}

async function divisionNames(db: Db, codes: readonly string[]): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  for (const code of new Set(codes)) names.set(code, (await getDivision(db, code)).fullName);
  return names;
}

function implementationSummary(
  row: ImplementationRow,
  divisionName: string,
  organisation: OrganisationSummary | undefined,
) {
  return {
    divisionCode: row.division_code,
    divisionName,
    organisationId: row.implementing_organisation_id,
    organisationNameZh: organisation?.nameZh ?? row.implementing_organisation_id,
    organisationNameEn: organisation?.nameEn ?? null,
    promisedLimitDays: row.promised_limit_days,
    isOnlineEnabled: row.is_online_enabled,
  };
}

/**
 * The catalogue as the public browses it: items in force, optionally those implemented for a division
 * (there or by a government above it), of a type, for an applicant type, by an implementing department,
 * and matching a search in Chinese or English with name matches first.
 */
export async function listServiceItems(db: Db, query: ItemListQuery) {
  const terms = query.q === undefined ? undefined : queryTerms(query.q);
  if (terms?.length === 0) throw catalogueErrors.emptyQuery();
  const chain = query.divisionCode ? await divisionChain(db, query.divisionCode) : undefined;
  const rows = await listItems(db, {
    ...(terms ? { terms } : {}),
    ...(chain ? { divisionChain: chain.map((d) => d.code) } : {}),
    ...(query.type ? { itemType: query.type } : {}),
    ...(query.applicantType ? { applicantType: query.applicantType } : {}),
    ...(query.organisationId ? { organisationId: query.organisationId } : {}),
    limit: query.limit ?? 20,
    offset: query.offset ?? 0,
  });
  const implementations = await listImplementationsById(
    db,
    rows.flatMap((row) => (row.implementation_id ? [row.implementation_id] : [])),
  );
  const organisations = await findOrganisationSummaries(
    db,
    implementations.map((m) => m.implementing_organisation_id),
  );
  const names = chain
    ? new Map(chain.map((d) => [d.code, d.name]))
    : await divisionNames(
        db,
        implementations.map((m) => m.division_code),
      );
  const byId = new Map(implementations.map((m) => [m.id, m]));
  return {
    items: rows.map((row) => {
      const implementation = row.implementation_id ? byId.get(row.implementation_id) : undefined;
      return {
        code: row.code,
        type: row.item_type,
        level: row.level,
        nameZh: row.name_zh,
        nameEn: row.name_en,
        applicantType: row.applicant_type,
        versionNumber: row.version_number,
        statutoryLimitDays: row.statutory_limit_days,
        promisedLimitDays: implementation?.promised_limit_days ?? row.promised_limit_days,
        maxInPersonVisits: row.max_in_person_visits,
        isFree: row.is_free,
        isNameMatch: row.is_name_match,
        implementation: implementation
          ? implementationSummary(
              implementation,
              names.get(implementation.division_code) ?? implementation.division_code,
              organisations.get(implementation.implementing_organisation_id),
            )
          : null,
      };
    }),
    total: rows[0]?.total ?? 0,
  };
}

/**
 * The guide of an item: the version in force (or a given published or superseded one: an application
 * shows the guide it was made under) and, for a division, the implementation that serves it.
 */
export async function getGuide(db: Db, code: string, query: GuideQuery) {
  const item = await findItemByCode(db, code);
  if (!item?.published_version_id) throw catalogueErrors.itemNotFound(code);
  const version =
    query.version === undefined
      ? await findVersion(db, item.published_version_id)
      : await findVersionByNumber(db, item.id, query.version);
  if (!version || version.status === 'draft' || !version.published_at)
    throw catalogueErrors.versionNotFound(`${query.version} of ${code}`);
  const chain = query.divisionCode ? await divisionChain(db, query.divisionCode) : [];
  const implementation = await findNearestImplementation(
    db,
    item.id,
    chain.map((d) => d.code),
  );
  const content = contentOf(version);
  const parsed = parseItemCode(item.code);
  let implementationGuide = null;
  if (implementation) {
    const organisations = await findOrganisationSummaries(db, [
      implementation.implementing_organisation_id,
      ...Object.values(implementation.slot_bindings),
    ]);
    const slotOrganisation = (id: string | undefined) => {
      const organisation = id ? organisations.get(id) : undefined;
      return {
        organisationId: id ?? null,
        organisationNameZh: organisation?.nameZh ?? null,
        organisationNameEn: organisation?.nameEn ?? null,
      };
    };
    implementationGuide = {
      ...implementationSummary(
        implementation,
        chain.find((d) => d.code === implementation.division_code)?.name ?? implementation.division_code,
        organisations.get(implementation.implementing_organisation_id),
      ),
      offline: {
        place: { zh: implementation.offline_place_zh, en: implementation.offline_place_en },
        hours: { zh: implementation.office_hours_zh, en: implementation.office_hours_en },
      },
      contacts: { enquiry: implementation.enquiry_phone, complaint: implementation.complaint_phone },
      // A slot declared by a later version than the implementation was published for shows unbound.
      slots: version.department_slots.map((slot) => ({
        key: slot.key,
        name: slot.name,
        ...slotOrganisation(implementation.slot_bindings[slot.key]),
      })),
      publishedAt: implementation.published_at.toISOString(),
    };
  }
  return {
    code: item.code,
    mainCode: item.main_code,
    type: item.item_type,
    level: item.level,
    handling: parsed.ok ? parsed.value.handling : null,
    versionId: version.id,
    versionNumber: version.version_number,
    status: version.status,
    publishedAt: version.published_at.toISOString(),
    isCurrent: version.id === item.published_version_id,
    ...content,
    isFree: version.is_free,
    implementation: implementationGuide,
  };
}

/** An item's versions, newest first, for its catalogue editors. */
export async function listItemVersions(db: Db, actor: AccessActor, code: string) {
  const item = await findItemByCode(db, code);
  if (!item) throw catalogueErrors.itemNotFound(code);
  checkCatalogueEditor(actor, item);
  const versions = await listVersions(db, item.id);
  return {
    code: item.code,
    versions: versions.map((v) => ({
      id: v.id,
      versionNumber: v.version_number,
      status: v.status,
      nameZh: v.name_zh,
      nameEn: v.name_en,
      updatedAt: v.updated_at.toISOString(),
      publishedAt: v.published_at?.toISOString() ?? null,
      supersededAt: v.superseded_at?.toISOString() ?? null,
    })),
  };
}

/** One version's content (a draft included), for its catalogue editors. */
export async function getVersionContent(db: Db, actor: AccessActor, id: string) {
  const version = await findVersion(db, id);
  if (!version) throw catalogueErrors.versionNotFound(id);
  const item = await findItemById(db, version.item_id);
  checkCatalogueEditor(actor, item);
  return {
    id: version.id,
    code: item.code,
    versionNumber: version.version_number,
    status: version.status,
    content: contentOf(version),
  };
}
