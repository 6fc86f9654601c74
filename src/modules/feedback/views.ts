import type { Kysely } from 'kysely';
import type { Tables } from '../../platform/db/index.ts';
import { type AccessActor, findOrganisationSummaries, type OrganisationSummary } from '../identity/index.ts';
import {
  type CategoryRow,
  findPendingTransfer,
  listCategories,
  listPhotoIds,
  listUpdates,
  type RequestRow,
  type TransferRow,
} from './store.ts';

type Db = Kysely<Tables>;

export const HANDLE_REQUESTS = 'feedback.requests.handle';

export type OrganisationRef = { id: string; nameZh: string; nameEn: string | null };

/** What anyone may read: no contact details, no account, no internal notes. */
export type PublicRequest = {
  id: string;
  categoryCode: string;
  categoryNameZh: string;
  categoryNameEn: string;
  kind: RequestRow['kind'];
  urgency: RequestRow['urgency'];
  description: string;
  attributes: Record<string, string | string[]>;
  address: string | null;
  divisionCode: string;
  latitude: number | null;
  longitude: number | null;
  status: RequestRow['status'];
  statusNotes: string | null;
  channel: RequestRow['channel'];
  photoUrls: string[];
  mediaUrl: string | null;
  holder: OrganisationRef | null;
  submittedAt: string;
  updatedAt: string;
  closedAt: string | null;
};

export type HistoryEntry = {
  id: string;
  kind: string;
  status: string;
  organisation: OrganisationRef | null;
  publicNote: string | null;
  internalNote?: string | null;
  at: string;
};

export type TransferView = {
  id: string;
  status: TransferRow['status'];
  from: OrganisationRef;
  to: OrganisationRef;
  reason: string;
  refusalReason: string | null;
  disputeReason: string | null;
  arbiter: OrganisationRef | null;
  offeredAt: string;
};

/** The handling unit's view: contact masked and only where the citizen disclosed it, full history. */
export type RequestView = PublicRequest & {
  view: 'public' | 'own' | 'handler';
  internalId?: string;
  isIdentityDisclosed?: boolean;
  contact?: {
    accountId: string | null;
    maskedName: string | null;
    maskedPhone: string | null;
    maskedEmail: string | null;
  } | null;
  history?: HistoryEntry[];
  pendingTransfer?: TransferView | null;
};

const refOf = (organisation: OrganisationSummary | undefined): OrganisationRef | null =>
  organisation ? { id: organisation.id, nameZh: organisation.nameZh, nameEn: organisation.nameEn } : null;

/** Public forms of several requests with two queries for names and photos, whatever their number. */
export async function toPublicRequests(db: Db, rows: readonly RequestRow[]): Promise<PublicRequest[]> {
  const categories = new Map((await listCategories(db)).map((category) => [category.code, category]));
  const organisations = await findOrganisationSummaries(
    db,
    rows.flatMap((row) => (row.holder_organisation_id ? [row.holder_organisation_id] : [])),
  );
  const photos = await listPhotoIds(
    db,
    rows.map((row) => row.id),
  );
  return rows.map((row) =>
    publicOf(row, categories.get(row.category_code)!, organisations, photos.get(row.id) ?? []),
  );
}

function publicOf(
  row: RequestRow,
  category: CategoryRow,
  organisations: Map<string, OrganisationSummary>,
  photoIds: readonly string[],
): PublicRequest {
  return {
    id: row.public_id,
    categoryCode: row.category_code,
    categoryNameZh: category.name_zh,
    categoryNameEn: category.name_en,
    kind: row.kind,
    urgency: row.urgency,
    description: row.description,
    attributes: row.attributes,
    address: row.address,
    divisionCode: row.division_code,
    latitude: row.latitude,
    longitude: row.longitude,
    status: row.status,
    statusNotes: row.status_notes,
    channel: row.channel,
    photoUrls: photoIds.map((photoId) => `/api/feedback/requests/${row.public_id}/photos/${photoId}`),
    mediaUrl: row.media_url,
    holder: row.holder_organisation_id ? refOf(organisations.get(row.holder_organisation_id)) : null,
    submittedAt: row.submitted_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    closedAt: row.closed_at?.toISOString() ?? null,
  };
}

/**
 * May the actor handle this request now: they act for the unit that holds it, for the unit a
 * transfer is offered to, or for the office deciding a disputed transfer. The object-level check
 * behind every handler's read and action.
 */
export function handlingRoleOf(
  actor: AccessActor | undefined,
  request: RequestRow,
  transfer: TransferRow | undefined,
): 'holder' | 'offered' | 'arbiter' | undefined {
  if (!actor) return undefined;
  if (
    request.holder_organisation_id &&
    request.holder_division_path &&
    actor.can(HANDLE_REQUESTS, {
      divisionPath: request.holder_division_path,
      organisationId: request.holder_organisation_id,
    })
  )
    return 'holder';
  if (
    transfer?.status === 'offered' &&
    actor.can(HANDLE_REQUESTS, {
      divisionPath: transfer.to_division_path,
      organisationId: transfer.to_organisation_id,
    })
  )
    return 'offered';
  if (
    transfer?.status === 'disputed' &&
    transfer.arbiter_organisation_id &&
    transfer.arbiter_division_path &&
    actor.can(HANDLE_REQUESTS, {
      divisionPath: transfer.arbiter_division_path,
      organisationId: transfer.arbiter_organisation_id,
    })
  )
    return 'arbiter';
  return undefined;
}

/** One request as this reader may see it: handler, the citizen who sent it, or the public. */
export async function viewRequest(
  db: Db,
  actor: AccessActor | undefined,
  row: RequestRow,
): Promise<RequestView> {
  const [publicView] = await toPublicRequests(db, [row]);
  const transfer = await findPendingTransfer(db, row.id);
  const role = handlingRoleOf(actor, row, transfer);
  const isOwn = actor !== undefined && row.contact_account_id === actor.accountId;
  if (!role && !isOwn) return { ...publicView!, view: 'public' };
  const updates = await listUpdates(db, row.id);
  const organisations = await findOrganisationSummaries(db, [
    ...updates.flatMap((update) => (update.organisation_id ? [update.organisation_id] : [])),
    ...(transfer
      ? [
          transfer.from_organisation_id,
          transfer.to_organisation_id,
          ...(transfer.arbiter_organisation_id ? [transfer.arbiter_organisation_id] : []),
        ]
      : []),
  ]);
  const history = updates.map((update) => ({
    id: update.id,
    kind: update.kind,
    status: update.status,
    organisation: update.organisation_id ? refOf(organisations.get(update.organisation_id)) : null,
    publicNote: update.public_note,
    ...(role ? { internalNote: update.internal_note } : {}),
    at: update.created_at.toISOString(),
  }));
  if (!role) return { ...publicView!, view: 'own', isIdentityDisclosed: row.is_identity_disclosed, history };
  return {
    ...publicView!,
    view: 'handler',
    internalId: row.id,
    isIdentityDisclosed: row.is_identity_disclosed,
    contact: row.is_identity_disclosed
      ? {
          accountId: row.contact_account_id,
          maskedName: row.contact_name_masked,
          maskedPhone: row.contact_phone_masked,
          maskedEmail: row.contact_email_masked,
        }
      : null,
    history,
    pendingTransfer: transfer
      ? {
          id: transfer.id,
          status: transfer.status,
          from: refOf(organisations.get(transfer.from_organisation_id))!,
          to: refOf(organisations.get(transfer.to_organisation_id))!,
          reason: transfer.reason,
          refusalReason: transfer.refusal_reason,
          disputeReason: transfer.dispute_reason,
          arbiter: transfer.arbiter_organisation_id
            ? refOf(organisations.get(transfer.arbiter_organisation_id))
            : null,
          offeredAt: transfer.offered_at.toISOString(),
        }
      : null,
  };
}
