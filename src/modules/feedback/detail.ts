/**
 * One request with what handling added: published (redacted) replies for everyone; the clocks for its
 * handlers and its sender; contacts, extensions and the handlers' original reply texts for handlers;
 * rating and reopening for the sender; pending extensions for a unit above that decides them.
 */
import type { Kysely } from 'kysely';
import type { Tables } from '../../platform/db/index.ts';
import { type AccessActor, findOrganisationSummaries } from '../identity/index.ts';
import { canApproveExtension } from './extensions.ts';
import { listContacts, listExtensions, listReplies } from './handling-store.ts';
import { followUpOf } from './satisfaction.ts';
import { readClocks } from './sla.ts';
import { findPendingTransfer, type RequestRow } from './store.ts';
import { handlingRoleOf, type RequestView, viewRequest } from './views.ts';

type Db = Kysely<Tables>;

export async function viewRequestDetail(db: Db, actor: AccessActor | undefined, row: RequestRow, now: Date) {
  const view: RequestView = await viewRequest(db, actor, row);
  const replies = await listReplies(db, row.id);
  const organisations = await findOrganisationSummaries(
    db,
    replies.map((reply) => reply.organisation_id),
  );
  const isHandler = view.view === 'handler';
  const canDecide = actor !== undefined && canApproveExtension(actor, row);
  const detail = {
    ...view,
    replies: replies.map((reply) => {
      const organisation = organisations.get(reply.organisation_id);
      return {
        id: reply.id,
        kind: reply.kind,
        text: reply.published_text,
        ...(isHandler ? { originalText: reply.original_text } : {}),
        organisation: organisation
          ? { id: organisation.id, nameZh: organisation.nameZh, nameEn: organisation.nameEn }
          : null,
        at: reply.published_at.toISOString(),
      };
    }),
  };
  if (view.view === 'public' && !canDecide) return detail;
  const sla = (await readClocks(db, [row.id], now)).get(row.id) ?? [];
  const extensions =
    isHandler || canDecide
      ? (await listExtensions(db, [row.id])).map((extension) => ({
          id: extension.id,
          clock: extension.clock_kind,
          amount: extension.amount,
          reason: extension.reason,
          status: extension.status,
          requestedAt: extension.requested_at.toISOString(),
          decisionReason: extension.decision_reason,
        }))
      : undefined;
  return {
    ...detail,
    sla,
    ...(extensions ? { extensions, canDecideExtensions: canDecide } : {}),
    ...(isHandler
      ? {
          // Which part the reader plays, so a page offers only the actions that are theirs.
          handlingRole: handlingRoleOf(actor, row, await findPendingTransfer(db, row.id)),
          contacts: (await listContacts(db, row.id)).map((contact) => ({
            id: contact.id,
            channel: contact.channel,
            contactedAt: contact.contacted_at.toISOString(),
            note: contact.note,
          })),
        }
      : {}),
    ...(view.view === 'public' ? {} : { followUp: await followUpOf(db, row, now) }),
  };
}
