/**
 * After the answer (回访): the citizen confirms and rates it on the web, or staff call them and record
 * what they said; or, within REOPEN_DAYS of closing, the citizen reopens the request, which goes back
 * to the same unit with the resolution clock started afresh.
 */
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Clock } from '../../platform/clock/index.ts';
import type { Tables } from '../../platform/db/index.ts';
import type { AccessActor } from '../identity/index.ts';
import { feedbackErrors } from './errors.ts';
import { withLockedRequest } from './handling.ts';
import { insertSatisfaction, listSatisfaction, type Satisfaction } from './handling-store.ts';
import { restartClock } from './sla.ts';
import { type RequestRow, updateRequest } from './store.ts';
import { handlingRoleOf } from './views.ts';

type Db = Kysely<Tables>;
type Deps = { db: Db; clock: Clock };

export const REOPEN_DAYS = 15;
const DAY_MS = 24 * 60 * 60 * 1000;

export type RatingInput = {
  satisfaction: Satisfaction;
  score?: number | undefined;
  comment?: string | undefined;
};

const reopenDeadline = (request: RequestRow) =>
  request.closed_at ? new Date(request.closed_at.getTime() + REOPEN_DAYS * DAY_MS) : null;

/** What the citizen may still do about their closed request, for their view of it. */
export async function followUpOf(db: Db, request: RequestRow, now: Date) {
  const ratings = await listSatisfaction(db, request.id);
  const current = request.closed_at
    ? ratings.filter((rating) => rating.closed_at.getTime() === request.closed_at!.getTime())
    : [];
  const own = current.find((rating) => rating.source === 'citizen');
  const until = reopenDeadline(request);
  return {
    rating: own ? { satisfaction: own.satisfaction, score: own.score, comment: own.comment } : null,
    canRate: request.status === 'closed' && !own,
    canReopen:
      request.status === 'closed' &&
      until !== null &&
      now <= until &&
      own?.satisfaction !== 'satisfied' &&
      own?.satisfaction !== 'basically-satisfied',
    reopenUntil: until?.toISOString() ?? null,
    callbacks: current
      .filter((rating) => rating.source === 'callback')
      .map((rating) => ({ satisfaction: rating.satisfaction, score: rating.score, comment: rating.comment })),
  };
}

async function rate(
  deps: Deps,
  actor: AccessActor,
  requestRef: string,
  input: RatingInput,
  source: 'citizen' | 'callback',
  requestId: string | undefined,
): Promise<void> {
  const comment = input.comment?.trim() || null;
  await withLockedRequest(deps, actor, requestRef, requestId, async (tx, request, transfer, record) => {
    if (source === 'citizen' && request.contact_account_id !== actor.accountId)
      throw feedbackErrors.notOwnRequest();
    if (source === 'callback' && handlingRoleOf(actor, request, transfer) !== 'holder')
      throw feedbackErrors.notHandler();
    if (request.status !== 'closed' || !request.closed_at) throw feedbackErrors.notClosed();
    const closedAt = request.closed_at;
    const earlier = (await listSatisfaction(tx, request.id)).some(
      (rating) => rating.source === source && rating.closed_at.getTime() === closedAt.getTime(),
    );
    if (earlier) throw feedbackErrors.alreadyRated();
    const id = randomUUID();
    await insertSatisfaction(tx, {
      id,
      request_id: request.id,
      province_code: request.province_code,
      organisation_id: request.holder_organisation_id,
      closed_at: closedAt,
      source,
      satisfaction: input.satisfaction,
      score: input.score ?? null,
      comment,
      recorded_by: actor.accountId,
      created_at: deps.clock.now(),
    });
    await record({
      action: source === 'citizen' ? 'feedback.request.rated' : 'feedback.request.callback-recorded',
      kind: source === 'citizen' ? 'rated' : 'callback',
      organisationId: request.holder_organisation_id,
      internalNote: [input.satisfaction, input.score, comment].filter((part) => part != null).join(' · '),
      actorKind: source === 'citizen' ? 'citizen' : 'staff',
      payload: { id, requestId: request.id, source, ...input, comment },
    });
  });
}

/** The citizen confirms the answer and says how satisfied they are. */
export function rateAnswer(
  deps: Deps,
  actor: AccessActor,
  requestRef: string,
  input: RatingInput,
  requestId?: string,
) {
  return rate(deps, actor, requestRef, input, 'citizen', requestId);
}

/** Staff of the holding unit record a callback by phone. */
export function recordCallback(
  deps: Deps,
  actor: AccessActor,
  requestRef: string,
  input: RatingInput,
  requestId?: string,
) {
  return rate(deps, actor, requestRef, input, 'callback', requestId);
}

export async function reopenRequest(
  deps: Deps,
  actor: AccessActor,
  requestRef: string,
  input: { reason: string },
  requestId?: string,
): Promise<void> {
  const reason = input.reason.trim();
  if (reason.length === 0)
    throw feedbackErrors.invalidRequest([{ pointer: '/reason', detail: 'must say why' }]);
  const now = deps.clock.now();
  await withLockedRequest(deps, actor, requestRef, requestId, async (tx, request, _transfer, record) => {
    if (request.contact_account_id !== actor.accountId) throw feedbackErrors.notOwnRequest();
    if (request.status !== 'closed') throw feedbackErrors.notClosed();
    const followUp = await followUpOf(tx, request, now);
    if (!followUp.canReopen)
      throw feedbackErrors.reopenNotAllowed(
        followUp.rating
          ? 'You confirmed this answer as satisfactory.'
          : `A request can be reopened within ${REOPEN_DAYS} days of its answer; that time ended ${followUp.reopenUntil}.`,
      );
    await updateRequest(tx, request.id, { status: 'in-progress', closed_at: null, updated_at: now });
    await restartClock(tx, request.id, 'resolution', now);
    await record(
      {
        action: 'feedback.request.reopened',
        kind: 'reopened',
        organisationId: request.holder_organisation_id,
        internalNote: reason,
        reason,
        actorKind: 'citizen',
        payload: { requestId: request.id, reason, closedAt: request.closed_at },
      },
      'in-progress',
    );
  });
}
