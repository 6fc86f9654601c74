/**
 * The data resource catalogue (政务信息资源目录): departments register what they hold, who may have it
 * on which terms, and how the hub reaches it; everyone with sharing.catalogue.read browses it.
 */
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Clock } from '../../platform/clock/index.ts';
import type { Tables } from '../../platform/db/index.ts';
import type { FieldProblem } from '../../platform/errors/index.ts';
import type { Vault } from '../../platform/vault/index.ts';
import { type AccessActor, findOrganisationSummaries, findOrganisationSummary } from '../identity/index.ts';
import { hashPayload, recordAuditEvent } from '../ledger/index.ts';
import { sharingErrors } from './errors.ts';
import {
  type AccessMethod,
  findResourceByCode,
  insertLocalRecord,
  insertResource,
  type OpenType,
  type ResourceField,
  type ResourceRow,
  type SharingType,
  searchResources,
  type UpdateFrequency,
} from './store.ts';
import { inTransaction } from './transaction.ts';

type Db = Kysely<Tables>;

export const READ_CATALOGUE = 'sharing.catalogue.read';
export const MANAGE_RESOURCES = 'sharing.resources.manage';

/** Blind-index purpose of a local record's key; one purpose for every resource keeps lookups simple. */
export const SUBJECT_INDEX = 'sharing.local-record.subject';

export type ResourceInput = {
  code: string;
  name: string;
  description?: string | undefined;
  legalBasis: string;
  updateFrequency: UpdateFrequency;
  fields: ResourceField[];
  sharingType: SharingType;
  sharingConditions?: string | undefined;
  notSharedReason?: string | undefined;
  openType: OpenType;
  accessMethod: AccessMethod;
  endpointUrl?: string | undefined;
  subjectField?: string | undefined;
  requiresConsent?: boolean | undefined;
};

/** The acting department of a member of staff, with its division path. */
export async function actingDepartment(db: Db, actor: AccessActor) {
  if (actor.kind !== 'staff' || actor.organisationId === null) throw sharingErrors.noDepartment();
  const organisation = await findOrganisationSummary(db, actor.organisationId);
  if (organisation?.kind !== 'government-department') throw sharingErrors.noDepartment();
  return organisation;
}

const blank = (value: string | undefined) => value === undefined || value.trim().length === 0;

function checkResource(input: ResourceInput): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (blank(input.name)) problems.push({ pointer: '/name', detail: 'must not be blank' });
  if (blank(input.legalBasis)) problems.push({ pointer: '/legalBasis', detail: 'must not be blank' });
  const names = new Set<string>();
  input.fields.forEach((field, index) => {
    if (names.has(field.name)) problems.push({ pointer: `/fields/${index}/name`, detail: 'is used twice' });
    names.add(field.name);
    if (field.isSensitive && !field.isPersonal)
      problems.push({
        pointer: `/fields/${index}/isSensitive`,
        detail: 'sensitive information is personal information',
      });
  });
  if (input.sharingType === 'conditional' && blank(input.sharingConditions))
    problems.push({ pointer: '/sharingConditions', detail: 'conditional sharing states its conditions' });
  if (input.sharingType === 'not-shared' && blank(input.notSharedReason))
    problems.push({ pointer: '/notSharedReason', detail: 'a resource that is not shared states why' });
  if (input.sharingType === 'not-shared' && input.openType !== 'not-open')
    problems.push({
      pointer: '/openType',
      detail: 'a resource not shared between departments is not open either',
    });
  if (input.accessMethod === 'endpoint') {
    if (blank(input.endpointUrl))
      problems.push({ pointer: '/endpointUrl', detail: 'the endpoint method needs the URL' });
    else if (!/^https?:\/\/[^\s]+$/.test(input.endpointUrl!))
      problems.push({ pointer: '/endpointUrl', detail: 'must be an http or https URL' });
  } else if (input.endpointUrl !== undefined) {
    problems.push({ pointer: '/endpointUrl', detail: 'only the endpoint method has a URL' });
  }
  if (input.subjectField !== undefined && !names.has(input.subjectField))
    problems.push({ pointer: '/subjectField', detail: 'must name one of the fields' });
  if (input.requiresConsent) {
    if (input.sharingType !== 'conditional')
      problems.push({ pointer: '/requiresConsent', detail: 'consent is a condition of conditional sharing' });
    if (!input.fields.some((field) => field.isPersonal) || input.subjectField === undefined)
      problems.push({
        pointer: '/requiresConsent',
        detail: 'consent is asked only for personal data about a citizen',
      });
  }
  return problems;
}

export async function registerResource(
  db: Db,
  clock: Clock,
  actor: AccessActor,
  input: ResourceInput,
  requestId?: string,
) {
  const department = await actingDepartment(db, actor);
  if (!actor.can(MANAGE_RESOURCES, { divisionPath: department.divisionPath, organisationId: department.id }))
    throw sharingErrors.notOwner();
  const problems = checkResource(input);
  if (problems.length > 0) throw sharingErrors.invalid(problems);
  const now = clock.now();
  const row: ResourceRow = {
    id: randomUUID(),
    code: input.code,
    name: input.name.trim(),
    description: input.description?.trim() ?? '',
    owner_organisation_id: department.id,
    owner_division_path: department.divisionPath,
    legal_basis: input.legalBasis.trim(),
    update_frequency: input.updateFrequency,
    fields: input.fields,
    sharing_type: input.sharingType,
    sharing_conditions: input.sharingType === 'conditional' ? input.sharingConditions!.trim() : null,
    not_shared_reason: input.sharingType === 'not-shared' ? input.notSharedReason!.trim() : null,
    open_type: input.openType,
    access_method: input.accessMethod,
    endpoint_url: input.accessMethod === 'endpoint' ? input.endpointUrl! : null,
    subject_field: input.subjectField ?? null,
    requires_consent: input.requiresConsent ?? false,
    created_by: actor.accountId,
    created_at: now,
  };
  await inTransaction(db, async (tx) => {
    if (!(await insertResource(tx, row))) throw sharingErrors.codeTaken(input.code);
    await recordAuditEvent(tx, {
      action: 'sharing.resource.registered',
      actor: { kind: 'staff', id: actor.accountId },
      onBehalfOf: department.id,
      record: { type: 'sharing.resource', id: row.id },
      at: now,
      requestId: requestId ?? null,
      payloadHash: hashPayload({ ...row, created_at: now.toISOString() }),
    });
  });
  return (await viewResources(db, [row]))[0]!;
}

export async function viewResources(db: Db, rows: readonly ResourceRow[]) {
  const owners = await findOrganisationSummaries(db, [
    ...new Set(rows.map((row) => row.owner_organisation_id)),
  ]);
  return rows.map((row) => {
    const owner = owners.get(row.owner_organisation_id);
    return {
      id: row.id,
      code: row.code,
      name: row.name,
      description: row.description,
      owner: { id: row.owner_organisation_id, nameZh: owner?.nameZh ?? '', nameEn: owner?.nameEn ?? null },
      legalBasis: row.legal_basis,
      updateFrequency: row.update_frequency,
      fields: row.fields,
      sharingType: row.sharing_type,
      sharingConditions: row.sharing_conditions,
      notSharedReason: row.not_shared_reason,
      openType: row.open_type,
      accessMethod: row.access_method,
      endpointUrl: row.endpoint_url,
      subjectField: row.subject_field,
      requiresConsent: row.requires_consent,
      createdAt: row.created_at.toISOString(),
    };
  });
}

export async function listResources(
  db: Db,
  query: { q?: string | undefined; ownerOrganisationId?: string | undefined },
) {
  return viewResources(
    db,
    await searchResources(db, { q: query.q?.trim(), ownerOrganisationId: query.ownerOrganisationId }),
  );
}

export async function getResource(db: Db, code: string) {
  const row = await findResourceByCode(db, code);
  if (!row) throw sharingErrors.resourceNotFound(code);
  return (await viewResources(db, [row]))[0]!;
}

/**
 * The owner loads records into the platform for the local query API; each is encrypted under its row
 * and found by a blind index of its key (the subject field's value), never by the plain number.
 */
export async function loadLocalRecords(
  db: Db,
  deps: { clock: Clock; vault: Vault },
  actor: { accountId: string; organisationId: string },
  resourceCode: string,
  records: readonly { divisionCode: string; values: Record<string, string | number | null> }[],
) {
  const resource = await findResourceByCode(db, resourceCode);
  if (resource?.access_method !== 'local' || resource.subject_field === null)
    throw sharingErrors.resourceNotFound(resourceCode);
  if (resource.owner_organisation_id !== actor.organisationId) throw sharingErrors.notOwner();
  const now = deps.clock.now();
  await inTransaction(db, async (tx) => {
    for (const record of records) {
      const key = String(record.values[resource.subject_field!] ?? '');
      const id = randomUUID();
      await insertLocalRecord(tx, {
        id,
        resource_id: resource.id,
        subject_index: deps.vault.blindIndex(key, SUBJECT_INDEX),
        division_code: record.divisionCode,
        record_ciphertext: deps.vault.encrypt(JSON.stringify(record.values), {
          table: 'sharing_local_record',
          column: 'record_ciphertext',
          rowId: `${resource.id}:${deps.vault.blindIndex(key, SUBJECT_INDEX)}`,
        }),
        updated_at: now,
      });
    }
    await recordAuditEvent(tx, {
      action: 'sharing.local-records.loaded',
      actor: { kind: 'staff', id: actor.accountId },
      onBehalfOf: actor.organisationId,
      record: { type: 'sharing.resource', id: resource.id },
      at: now,
      payloadHash: hashPayload({ resource: resource.id, count: records.length }),
    });
  });
}

/** The JSON-LD context of the DCAT export, published on its own so harvesters can cache it. */
export const DCAT_CONTEXT = {
  dcat: 'http://www.w3.org/ns/dcat#',
  dct: 'http://purl.org/dc/terms/',
  foaf: 'http://xmlns.com/foaf/0.1/',
  xsd: 'http://www.w3.org/2001/XMLSchema#',
  title: { '@id': 'dct:title', '@language': 'zh' },
  description: { '@id': 'dct:description', '@language': 'zh' },
  identifier: 'dct:identifier',
  issued: { '@id': 'dct:issued', '@type': 'xsd:dateTime' },
  publisher: { '@id': 'dct:publisher', '@type': '@id' },
  accrualPeriodicity: { '@id': 'dct:accrualPeriodicity', '@type': '@id' },
  accessRights: { '@id': 'dct:accessRights', '@type': '@id' },
  license: { '@id': 'dct:license', '@language': 'zh' },
  name: { '@id': 'foaf:name', '@language': 'zh' },
  keyword: { '@id': 'dcat:keyword', '@language': 'zh' },
  dataset: { '@id': 'dcat:dataset', '@container': '@set' },
  distribution: { '@id': 'dcat:distribution', '@container': '@set' },
  accessURL: { '@id': 'dcat:accessURL', '@type': '@id' },
  mediaType: 'dcat:mediaType',
} as const;

const FREQUENCY = 'http://purl.org/cld/freq/';
const FREQUENCY_TERMS: Record<UpdateFrequency, string> = {
  'real-time': `${FREQUENCY}continuous`,
  daily: `${FREQUENCY}daily`,
  weekly: `${FREQUENCY}weekly`,
  monthly: `${FREQUENCY}monthly`,
  quarterly: `${FREQUENCY}quarterly`,
  yearly: `${FREQUENCY}annual`,
  irregular: `${FREQUENCY}irregular`,
};
const ACCESS_RIGHTS = 'http://publications.europa.eu/resource/authority/access-right/';
const ACCESS_RIGHT_TERMS: Record<OpenType, string> = {
  open: `${ACCESS_RIGHTS}PUBLIC`,
  'conditionally-open': `${ACCESS_RIGHTS}RESTRICTED`,
  'not-open': `${ACCESS_RIGHTS}NON_PUBLIC`,
};

/** Where the platform publishes the export's JSON-LD context. */
export const dcatContextUrl = (publicUrl: string) =>
  `${publicUrl.replace(/\/$/, '')}/api/sharing/catalogue/dcat/context`;

/**
 * The open part of the catalogue as DCAT in JSON-LD, for open-data portals: resources that are open
 * or conditionally open; resources not open are not listed at all. The context is referenced by its
 * URL on this platform (served by the route beside the export), as portals harvest it.
 */
export async function exportDcat(db: Db, publicUrl: string) {
  const rows = await searchResources(db, { openTypes: ['open', 'conditionally-open'] });
  const owners = await findOrganisationSummaries(db, [
    ...new Set(rows.map((row) => row.owner_organisation_id)),
  ]);
  const base = publicUrl.replace(/\/$/, '');
  return {
    '@context': dcatContextUrl(publicUrl),
    '@id': `${base}/api/sharing/catalogue/dcat`,
    '@type': 'dcat:Catalog',
    title: '政务数据资源目录',
    dataset: rows.map((row) => ({
      '@id': `${base}/sharing/resources/${encodeURIComponent(row.code)}`,
      '@type': 'dcat:Dataset',
      identifier: row.code,
      title: row.name,
      description: row.description,
      issued: row.created_at.toISOString(),
      publisher: {
        '@id': `urn:uuid:${row.owner_organisation_id}`,
        '@type': 'foaf:Organization',
        name: owners.get(row.owner_organisation_id)?.nameZh ?? '',
      },
      accrualPeriodicity: FREQUENCY_TERMS[row.update_frequency],
      accessRights: ACCESS_RIGHT_TERMS[row.open_type],
      license: row.legal_basis,
      keyword: row.fields.map((field) => field.name),
      distribution: [
        {
          '@id': `${base}/sharing/resources/${encodeURIComponent(row.code)}#hub`,
          '@type': 'dcat:Distribution',
          title: `${row.name}（共享枢纽接口）`,
          accessURL: `${base}/api/sharing/hub/query`,
          mediaType: 'application/json',
        },
      ],
    })),
  };
}
