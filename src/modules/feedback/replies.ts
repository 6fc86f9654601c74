/**
 * The holder's work on a request: contacts with the citizen, internal progress notes, and replies
 * that reach the public page only as the handler previewed them after redaction of personal data.
 */
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Clock } from '../../platform/clock/index.ts';
import type { Tables } from '../../platform/db/index.ts';
import type { Vault } from '../../platform/vault/index.ts';
import type { AccessActor } from '../identity/index.ts';
import { feedbackErrors } from './errors.ts';
import { withLockedRequest } from './handling.ts';
import { type ContactRow, insertContact, insertReply } from './handling-store.ts';
import { type Redaction, redactPersonalData } from './redaction.ts';
import { completeClock } from './sla.ts';
import { findRequest, type RequestRow, updateRequest } from './store.ts';
import { handlingRoleOf } from './views.ts';

type Db = Kysely<Tables>;
type Deps = { db: Db; clock: Clock; vault: Vault };

const requireText = (text: string, pointer: string) => {
  const trimmed = text.trim();
  if (trimmed.length === 0) throw feedbackErrors.invalidRequest([{ pointer, detail: 'must not be empty' }]);
  return trimmed;
};

/** The caller's name, if a call or Open311 gave one, for redaction. */
function namesOf(deps: Deps, request: RequestRow, extraNames: readonly string[]): string[] {
  const names = [...extraNames];
  if (request.contact_name_encrypted)
    names.push(
      deps.vault.decrypt(request.contact_name_encrypted, {
        table: 'feedback_request',
        column: 'contact_name_encrypted',
        rowId: request.id,
      }),
    );
  return names;
}

const redactFor = (deps: Deps, request: RequestRow, text: string, extraNames: readonly string[]) =>
  redactPersonalData(text, {
    names: namesOf(deps, request, extraNames),
    isAnonymous: !request.is_identity_disclosed,
  });

/** The moderation step: what the public would see of this reply. Changes nothing. */
export async function previewReply(
  deps: Deps,
  actor: AccessActor,
  requestRef: string,
  input: { text: string; names?: string[] | undefined },
): Promise<Redaction> {
  const request = await findRequest(deps.db, requestRef);
  if (!request) throw feedbackErrors.requestNotFound(requestRef);
  if (handlingRoleOf(actor, request, undefined) !== 'holder') throw feedbackErrors.notHandler();
  return redactFor(deps, request, requireText(input.text, '/text'), input.names ?? []);
}

export async function recordContact(
  deps: Deps,
  actor: AccessActor,
  requestRef: string,
  input: { channel: ContactRow['channel']; contactedAt?: string | undefined; note: string },
  requestId?: string,
): Promise<void> {
  const now = deps.clock.now();
  const note = requireText(input.note, '/note');
  const contactedAt = input.contactedAt ? new Date(input.contactedAt) : now;
  if (contactedAt > now)
    throw feedbackErrors.invalidRequest([{ pointer: '/contactedAt', detail: 'must not be in the future' }]);
  await withLockedRequest(deps, actor, requestRef, requestId, async (tx, request, transfer, record) => {
    if (handlingRoleOf(actor, request, transfer) !== 'holder') throw feedbackErrors.notHandler();
    if (request.status === 'closed') throw feedbackErrors.requestClosed();
    if (contactedAt < request.submitted_at)
      throw feedbackErrors.invalidRequest([
        { pointer: '/contactedAt', detail: 'must not be before the request was submitted' },
      ]);
    const id = randomUUID();
    await insertContact(tx, {
      id,
      request_id: request.id,
      province_code: request.province_code,
      organisation_id: request.holder_organisation_id!,
      channel: input.channel,
      contacted_at: contactedAt,
      note,
      recorded_by: actor.accountId,
      created_at: now,
    });
    await completeClock(tx, request.id, 'contact', contactedAt);
    await updateRequest(tx, request.id, { updated_at: now });
    await record({
      action: 'feedback.request.contacted',
      kind: 'contacted',
      organisationId: request.holder_organisation_id,
      internalNote: `${input.channel}: ${note}`,
      payload: { id, requestId: request.id, channel: input.channel, contactedAt, note },
    });
  });
}

export async function recordProgress(
  deps: Deps,
  actor: AccessActor,
  requestRef: string,
  input: { note: string },
  requestId?: string,
): Promise<void> {
  const note = requireText(input.note, '/note');
  await withLockedRequest(deps, actor, requestRef, requestId, async (tx, request, transfer, record) => {
    if (handlingRoleOf(actor, request, transfer) !== 'holder') throw feedbackErrors.notHandler();
    if (request.status === 'closed') throw feedbackErrors.requestClosed();
    await updateRequest(tx, request.id, { updated_at: deps.clock.now() });
    await record({
      action: 'feedback.request.progress-noted',
      kind: 'progress',
      organisationId: request.holder_organisation_id,
      internalNote: note,
      payload: { requestId: request.id, note },
    });
  });
}

/**
 * Publishes a reply. `previewedText` must be exactly what the preview showed for this text: the
 * handler has seen what the public will see, and a reply whose redaction changed since (another name
 * added, the text edited) is sent back to preview again rather than published unseen. An interim
 * reply stops the feedback clock; a final one also closes the request and stops the resolution clock.
 */
export async function publishReply(
  deps: Deps,
  actor: AccessActor,
  requestRef: string,
  input: { text: string; names?: string[] | undefined; previewedText: string; kind: 'interim' | 'final' },
  requestId?: string,
): Promise<void> {
  const text = requireText(input.text, '/text');
  const now = deps.clock.now();
  await withLockedRequest(deps, actor, requestRef, requestId, async (tx, request, transfer, record) => {
    if (handlingRoleOf(actor, request, transfer) !== 'holder') throw feedbackErrors.notHandler();
    if (request.status === 'closed') throw feedbackErrors.requestClosed();
    const redaction = redactFor(deps, request, text, input.names ?? []);
    if (redaction.text !== input.previewedText) throw feedbackErrors.previewOutdated();
    const id = randomUUID();
    await insertReply(tx, {
      id,
      request_id: request.id,
      province_code: request.province_code,
      organisation_id: request.holder_organisation_id!,
      kind: input.kind,
      original_text: text,
      published_text: redaction.text,
      redaction_count: redaction.replaced.reduce((sum, entry) => sum + entry.count, 0),
      published_by: actor.accountId,
      published_at: now,
    });
    await completeClock(tx, request.id, 'feedback', now);
    const isFinal = input.kind === 'final';
    if (isFinal) await completeClock(tx, request.id, 'resolution', now);
    const status = isFinal ? 'closed' : request.status === 'open' ? 'acknowledged' : request.status;
    await updateRequest(tx, request.id, {
      status,
      status_notes: redaction.text.slice(0, 2000),
      closed_at: isFinal ? now : null,
      updated_at: now,
    });
    await record(
      {
        action: isFinal ? 'feedback.request.answered' : 'feedback.request.replied',
        kind: 'replied',
        organisationId: request.holder_organisation_id,
        publicNote: redaction.text.slice(0, 2000),
        payload: { id, requestId: request.id, kind: input.kind, published: redaction.text },
      },
      status,
    );
  });
}
