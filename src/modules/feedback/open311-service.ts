import type { Kysely } from 'kysely';
import type { Tables } from '../../platform/db/index.ts';
import { DomainError } from '../../platform/errors/index.ts';
import { findOrganisationSummaries } from '../identity/index.ts';
import { type FeedbackDeps, REQUEST_KINDS, submitRequest } from './intake.ts';
import { findClientByKey } from './open311-clients.ts';
import { w3cDateTime } from './open311-format.ts';
import {
  type CategoryRow,
  findCategory,
  findRequest,
  listCategories,
  listPhotoIds,
  REQUEST_COLUMNS,
  type RequestKind,
  type RequestRow,
  type RequestStatus,
} from './store.ts';

type Db = Kysely<Tables>;

export const SPECIFICATION = 'http://wiki.open311.org/GeoReport_v2';
export const CHANGESET = '2026-11-28T00:00:00+08:00';
/** The spec caps a GET requests answer at 1000 and a date range at 90 days. */
export const MAX_PAGE_SIZE = 1000;
const DEFAULT_PAGE_SIZE = 1000;
const MAX_RANGE_MS = 90 * 24 * 3_600_000;

/** An error in the spec's own shape: `{code, description}` with the HTTP status it travels with. */
export class Open311Error extends Error {
  readonly status: number;
  readonly errors: { code: number; description: string }[];
  constructor(status: number, descriptions: string[]) {
    super(descriptions.join('; '));
    this.name = 'Open311Error';
    this.status = status;
    this.errors = descriptions.map((description) => ({ code: status, description }));
  }
}

export type Language = 'zh' | 'en';
export type Params = URLSearchParams;

const nameOf = (category: CategoryRow, language: Language) =>
  language === 'en' ? category.name_en : category.name_zh;

export function discovery(publicUrl: string) {
  return {
    changeset: CHANGESET,
    contact: `${publicUrl}/feedback`,
    key_service: `${publicUrl}/admin — ask the platform's Open311 administrator for an api_key`,
    endpoints: [
      {
        specification: SPECIFICATION,
        url: `${publicUrl}/open311/v2`,
        changeset: CHANGESET,
        type: 'production',
        formats: ['text/xml', 'application/json'],
      },
    ],
  };
}

export async function serviceList(db: Db, language: Language) {
  return (await listCategories(db))
    .filter((category) => category.is_active)
    .map((category) => ({
      service_code: category.code,
      service_name: nameOf(category, language),
      description: language === 'en' ? category.description_en : category.description_zh,
      metadata: category.attributes.some((attribute) => attribute.variable),
      type: 'realtime',
      keywords: category.keywords.join(', '),
      group: language === 'en' ? category.group_en : category.group_zh,
    }));
}

export async function serviceDefinition(db: Db, code: string) {
  const category = await findCategory(db, code);
  if (!category?.is_active) throw new Open311Error(404, [`service_code ${code} was not found`]);
  return {
    service_code: category.code,
    attributes: [...category.attributes]
      .sort((a, b) => a.order - b.order)
      .map((attribute) => ({
        variable: attribute.variable,
        code: attribute.code,
        datatype: attribute.datatype,
        required: attribute.required,
        datatype_description: attribute.datatypeDescription,
        order: attribute.order,
        description: attribute.description,
        values: attribute.values.map((value) => ({ key: value.key, name: value.name })),
      })),
  };
}

const OPEN311_STATUS = (status: RequestStatus) => (status === 'closed' ? 'closed' : 'open');

/** The spec's service request, one per row, with photos as absolute media URLs. */
export async function toServiceRequests(
  db: Db,
  rows: readonly RequestRow[],
  publicUrl: string,
  language: Language,
) {
  const categories = new Map((await listCategories(db)).map((category) => [category.code, category]));
  const holders = await findOrganisationSummaries(
    db,
    rows.flatMap((row) => (row.holder_organisation_id ? [row.holder_organisation_id] : [])),
  );
  const photos = await listPhotoIds(
    db,
    rows.map((row) => row.id),
  );
  return rows.map((row) => {
    const holder = row.holder_organisation_id ? holders.get(row.holder_organisation_id) : undefined;
    const photo = photos.get(row.id)?.[0];
    return {
      service_request_id: row.public_id,
      status: OPEN311_STATUS(row.status),
      status_notes: row.status_notes,
      service_name: nameOf(categories.get(row.category_code)!, language),
      service_code: row.category_code,
      description: row.description,
      agency_responsible: holder
        ? language === 'en'
          ? (holder.nameEn ?? holder.nameZh)
          : holder.nameZh
        : null,
      service_notice: null,
      requested_datetime: w3cDateTime(row.submitted_at),
      updated_datetime: w3cDateTime(row.updated_at),
      expected_datetime: w3cDateTime(row.expected_at),
      address: row.address,
      address_id: null,
      zipcode: null,
      lat: row.latitude,
      long: row.longitude,
      media_url:
        row.media_url ??
        (photo ? `${publicUrl}/api/feedback/requests/${row.public_id}/photos/${photo}` : null),
    };
  });
}

function parseDate(params: Params, name: string): Date | undefined {
  const text = params.get(name);
  if (text === null || text === '') return undefined;
  // W3C date-times carry a zone; a date alone is taken as its first instant in UTC.
  if (
    !/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?$/.test(text) ||
    Number.isNaN(Date.parse(text))
  )
    throw new Open311Error(400, [
      `${name} must be a W3C date-time with a time zone, e.g. 2026-11-27T09:00:00+08:00`,
    ]);
  return new Date(text);
}

function parsePositive(params: Params, name: string, max: number): number | undefined {
  const text = params.get(name);
  if (text === null || text === '') return undefined;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1 || value > max)
    throw new Open311Error(400, [`${name} must be a whole number from 1 to ${max}`]);
  return value;
}

const listOf = (params: Params, name: string) =>
  (params.get(name) ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');

/**
 * GET requests: by service_request_id (a comma list; the other filters then do not apply), or by
 * service_code, status and a date range of at most 90 days (the last 90 days by default), with the
 * extensions page/page_size and updated_after/updated_before. Newest first.
 */
export async function searchServiceRequests(db: Db, params: Params, now: Date): Promise<RequestRow[]> {
  const ids = listOf(params, 'service_request_id');
  if (ids.length > 0) {
    if (ids.length > MAX_PAGE_SIZE)
      throw new Open311Error(400, [`at most ${MAX_PAGE_SIZE} service_request_id values`]);
    return db
      .selectFrom('feedback_request')
      .select(REQUEST_COLUMNS)
      .where('public_id', 'in', ids)
      .orderBy('submitted_at', 'desc')
      .orderBy('id', 'desc')
      .execute();
  }
  const statuses = listOf(params, 'status');
  const unknownStatus = statuses.filter((status) => status !== 'open' && status !== 'closed');
  if (unknownStatus.length > 0)
    throw new Open311Error(400, ['status must be open or closed (comma separated)']);
  const end = parseDate(params, 'end_date') ?? now;
  const start = parseDate(params, 'start_date') ?? new Date(end.getTime() - MAX_RANGE_MS);
  if (start > end) throw new Open311Error(400, ['start_date must not be after end_date']);
  if (end.getTime() - start.getTime() > MAX_RANGE_MS)
    throw new Open311Error(400, ['start_date and end_date must be at most 90 days apart']);
  const updatedAfter = parseDate(params, 'updated_after');
  const updatedBefore = parseDate(params, 'updated_before');
  const page = parsePositive(params, 'page', 1_000_000) ?? 1;
  const pageSize = parsePositive(params, 'page_size', MAX_PAGE_SIZE) ?? DEFAULT_PAGE_SIZE;
  let query = db
    .selectFrom('feedback_request')
    .select(REQUEST_COLUMNS)
    .where('submitted_at', '>=', start)
    .where('submitted_at', '<=', end);
  const codes = listOf(params, 'service_code');
  if (codes.length > 0) query = query.where('category_code', 'in', codes);
  if (statuses.length === 1)
    query =
      statuses[0] === 'closed' ? query.where('status', '=', 'closed') : query.where('status', '<>', 'closed');
  if (updatedAfter) query = query.where('updated_at', '>', updatedAfter);
  if (updatedBefore) query = query.where('updated_at', '<', updatedBefore);
  return query
    .orderBy('submitted_at', 'desc')
    .orderBy('id', 'desc')
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute();
}

export async function getServiceRequest(db: Db, id: string): Promise<RequestRow> {
  const row = /^FB\d+$/.test(id) ? await findRequest(db, id) : undefined;
  if (!row) throw new Open311Error(404, [`service_request_id ${id} was not found`]);
  return row;
}

/** GET tokens: the token POST gave out is the request's internal id. */
export async function requestIdForToken(db: Db, token: string) {
  const row = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(token)
    ? await findRequest(db, token)
    : undefined;
  if (!row) throw new Open311Error(404, [`token ${token} was not found`]);
  return [{ service_request_id: row.public_id, token: row.id }];
}

const FIELD_NAMES: Record<string, string> = {
  categoryCode: 'service_code',
  kind: 'kind',
  description: 'description',
  divisionCode: 'jurisdiction_id',
  address: 'address_string',
  latitude: 'lat',
  longitude: 'long',
  mediaUrl: 'media_url',
  'contact/name': 'first_name',
  'contact/phone': 'phone',
  'contact/email': 'email',
};

/** An Open311 name for a field our intake named, so that errors speak the client's vocabulary. */
function open311Name(field: string): string {
  if (field.startsWith('attributes/')) return `attribute[${field.slice('attributes/'.length)}]`;
  return FIELD_NAMES[field] ?? field;
}

function parseCoordinate(params: Params, name: string): number | undefined {
  const text = params.get(name);
  if (text === null || text.trim() === '') return undefined;
  const value = Number(text);
  if (!Number.isFinite(value)) throw new Open311Error(400, [`${name} must be a number (WGS84)`]);
  return value;
}

/**
 * POST requests: form fields as the spec names them. `api_key` is required; `jurisdiction_id` is
 * the division code of the place (this server serves every division); a location is lat/long,
 * address_string or address_id; attributes come as attribute[code]=value (attribute[code][]=value
 * for multi-value lists). Realtime: the answer has the service_request_id, and a token too.
 */
export async function postServiceRequest(
  deps: FeedbackDeps,
  params: Params,
  options: { idempotencyKey?: string | undefined; requestId?: string | undefined },
) {
  const apiKey = params.get('api_key');
  if (!apiKey) throw new Open311Error(400, ['api_key is required']);
  const client = await findClientByKey(deps.db, apiKey);
  if (!client) throw new Open311Error(403, ['api_key is not valid']);
  const missing: string[] = [];
  const serviceCode = params.get('service_code')?.trim();
  if (!serviceCode) missing.push('service_code is required');
  const jurisdiction = params.get('jurisdiction_id')?.trim();
  if (!jurisdiction) missing.push('jurisdiction_id is required: the division code of the place');
  const latitude = parseCoordinate(params, 'lat');
  const longitude = parseCoordinate(params, 'long');
  const addressString = params.get('address_string')?.trim() || undefined;
  const addressId = params.get('address_id')?.trim() || undefined;
  if (latitude === undefined && longitude === undefined && !addressString && !addressId)
    missing.push('a location is required: lat and long, address_string or address_id');
  const description = params.get('description')?.trim();
  if (!description) missing.push('description is required by this server');
  const kind = (params.get('kind') ?? 'demand') as RequestKind;
  if (!REQUEST_KINDS.includes(kind)) missing.push(`kind must be one of ${REQUEST_KINDS.join(', ')}`);
  if (missing.length > 0 || !serviceCode || !jurisdiction || !description)
    throw new Open311Error(400, missing);
  if (!(await findCategory(deps.db, serviceCode)))
    throw new Open311Error(404, [`service_code ${serviceCode} was not found`]);

  const attributes: Record<string, string | string[]> = {};
  for (const [name, value] of params) {
    const match = /^attribute\[([^\]]+)\](\[\])?$/.exec(name);
    if (!match) continue;
    const code = match[1]!;
    attributes[code] = match[2] ? [...[attributes[code] ?? []].flat(), value] : value;
  }
  const name = [params.get('first_name'), params.get('last_name')]
    .map((part) => part?.trim())
    .filter(Boolean)
    .join(' ');
  try {
    const outcome = await submitRequest(
      deps,
      { kind: 'open311', clientId: client.id },
      {
        categoryCode: serviceCode,
        kind,
        description,
        divisionCode: jurisdiction,
        address: addressString ?? addressId ?? null,
        latitude: latitude ?? null,
        longitude: longitude ?? null,
        attributes,
        mediaUrl: params.get('media_url'),
        // Whoever gives their details to an Open311 client gives them to be contacted.
        isIdentityDisclosed: Boolean(name || params.get('phone') || params.get('email')),
        contact: {
          name: name || undefined,
          phone: params.get('phone') ?? undefined,
          email: params.get('email') ?? undefined,
        },
        deviceId: params.get('device_id') ?? undefined,
        externalAccountId: params.get('account_id') ?? undefined,
      },
      { ...options, pointerOf: (field) => open311Name(field) },
    );
    return [
      {
        service_request_id: outcome.request.public_id,
        token: outcome.request.id,
        service_notice: null,
        account_id: outcome.request.external_account_id,
      },
    ];
  } catch (error) {
    if (error instanceof DomainError && error.kind === 'invalid' && error.fields.length > 0)
      throw new Open311Error(
        400,
        error.fields.map((field) => `${field.pointer} ${field.detail}`),
      );
    if (error instanceof DomainError && error.kind === 'conflict')
      throw new Open311Error(409, [error.message]);
    throw error;
  }
}

const UPDATE_STATUS: Record<RequestStatus, string> = {
  open: 'OPEN',
  acknowledged: 'ACTION_SCHEDULED',
  'in-progress': 'IN_PROGRESS',
  closed: 'CLOSED',
};

const PUBLIC_UPDATE_KINDS = [
  'dispatched',
  'status-changed',
  'transfer-accepted',
  'transfer-decided',
  'imported',
] as const;

/**
 * mySociety's GET servicerequestupdates: the public history entries between start_date and
 * end_date (the last 24 hours by default, at most 90 days), oldest first, at most 1000.
 */
export async function serviceRequestUpdates(db: Db, params: Params, now: Date, language: Language) {
  const end = parseDate(params, 'end_date') ?? now;
  const start = parseDate(params, 'start_date') ?? new Date(end.getTime() - 24 * 3_600_000);
  if (start > end) throw new Open311Error(400, ['start_date must not be after end_date']);
  if (end.getTime() - start.getTime() > MAX_RANGE_MS)
    throw new Open311Error(400, ['start_date and end_date must be at most 90 days apart']);
  const rows = await db
    .selectFrom('feedback_request_update as u')
    .innerJoin('feedback_request as r', 'r.id', 'u.request_id')
    .select([
      'u.id',
      'r.public_id',
      'u.kind',
      'u.status',
      'u.public_note',
      'u.organisation_id',
      'u.created_at',
    ])
    .where('u.kind', 'in', [...PUBLIC_UPDATE_KINDS])
    .where('u.created_at', '>=', start)
    .where('u.created_at', '<=', end)
    .orderBy('u.created_at')
    .orderBy('u.seq')
    .limit(MAX_PAGE_SIZE)
    .execute();
  const organisations = await findOrganisationSummaries(
    db,
    rows.flatMap((row) => (row.organisation_id ? [row.organisation_id] : [])),
  );
  return rows.map((row) => {
    const organisation = row.organisation_id ? organisations.get(row.organisation_id) : undefined;
    const organisationName = organisation
      ? language === 'en'
        ? (organisation.nameEn ?? organisation.nameZh)
        : organisation.nameZh
      : null;
    const standard =
      row.kind === 'dispatched' || row.kind === 'transfer-accepted' || row.kind === 'transfer-decided'
        ? language === 'en'
          ? `Now handled by ${organisationName ?? 'the responsible department'}`
          : `已转${organisationName ?? '承办单位'}办理`
        : '';
    return {
      update_id: row.id,
      service_request_id: row.public_id,
      status: UPDATE_STATUS[row.status],
      updated_datetime: w3cDateTime(row.created_at),
      description: row.public_note ?? standard,
      media_url: null,
    };
  });
}
