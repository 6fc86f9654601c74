/**
 * Extensions: the holder asks for more time on one clock; a unit above it (a grant of
 * feedback.extensions.approve whose area holds the holder's division, for another department than
 * the holder) approves or refuses. Nobody extends their own deadline.
 */
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Clock } from '../../platform/clock/index.ts';
import type { Tables } from '../../platform/db/index.ts';
import type { AccessActor } from '../identity/index.ts';
import { feedbackErrors } from './errors.ts';
import { withLockedRequest } from './handling.ts';
import {
  type ClockKind,
  insertExtension,
  listClocks,
  listExtensions,
  listPendingExtensions,
  updateExtension,
} from './handling-store.ts';
import { APPROVE_EXTENSIONS, rescheduleClock } from './sla.ts';
import type { RequestRow } from './store.ts';
import { handlingRoleOf } from './views.ts';

type Db = Kysely<Tables>;
type Deps = { db: Db; clock: Clock };

const isWithin = (path: string, ancestor: string) => path === ancestor || path.startsWith(`${ancestor}.`);

/** May this actor decide extensions of requests this unit holds? */
export function canApproveExtension(actor: AccessActor, request: RequestRow): boolean {
  if (!request.holder_division_path || actor.organisationId === request.holder_organisation_id) return false;
  return actor
    .scopesOf(APPROVE_EXTENSIONS)
    .some(
      (scope) =>
        isWithin(request.holder_division_path!, scope.divisionPath) &&
        scope.organisationId !== request.holder_organisation_id,
    );
}

export async function requestExtension(
  deps: Deps,
  actor: AccessActor,
  requestRef: string,
  input: { clock: ClockKind; amount: number; reason: string },
  requestId?: string,
): Promise<string> {
  const reason = input.reason.trim();
  if (reason.length === 0)
    throw feedbackErrors.invalidRequest([{ pointer: '/reason', detail: 'must say why' }]);
  return withLockedRequest(deps, actor, requestRef, requestId, async (tx, request, transfer, record) => {
    if (handlingRoleOf(actor, request, transfer) !== 'holder') throw feedbackErrors.notHandler();
    if (request.status === 'closed') throw feedbackErrors.requestClosed();
    const clock = (await listClocks(tx, [request.id])).find((row) => row.kind === input.clock);
    if (!clock || clock.completed_at) throw feedbackErrors.clockNotRunning(input.clock);
    const pending = (await listExtensions(tx, [request.id])).some(
      (extension) => extension.clock_kind === input.clock && extension.status === 'requested',
    );
    if (pending) throw feedbackErrors.extensionPending();
    const id = randomUUID();
    const now = deps.clock.now();
    await insertExtension(tx, {
      id,
      request_id: request.id,
      province_code: request.province_code,
      clock_kind: input.clock,
      amount: input.amount,
      reason,
      status: 'requested',
      organisation_id: request.holder_organisation_id!,
      requested_by: actor.accountId,
      requested_at: now,
      decided_by: null,
      decided_at: null,
      decision_reason: null,
    });
    await record({
      action: 'feedback.sla.extension-requested',
      kind: 'extension-requested',
      organisationId: request.holder_organisation_id,
      internalNote: `${input.clock} +${input.amount} ${clock.limit_unit}: ${reason}`,
      reason,
      payload: {
        id,
        requestId: request.id,
        clock: input.clock,
        amount: input.amount,
        unit: clock.limit_unit,
      },
    });
    return id;
  });
}

export async function decideExtension(
  deps: Deps,
  actor: AccessActor,
  requestRef: string,
  extensionId: string,
  input: { approve: boolean; reason?: string | undefined },
  requestId?: string,
): Promise<void> {
  await withLockedRequest(deps, actor, requestRef, requestId, async (tx, request, _transfer, record) => {
    if (!canApproveExtension(actor, request)) throw feedbackErrors.notHandler();
    const extension = (await listExtensions(tx, [request.id])).find(
      (row) => row.id === extensionId && row.status === 'requested',
    );
    if (!extension) throw feedbackErrors.extensionNotFound(extensionId);
    const reason = input.reason?.trim() || null;
    await updateExtension(tx, extension.id, {
      status: input.approve ? 'approved' : 'refused',
      decided_by: actor.accountId,
      decided_at: deps.clock.now(),
      decision_reason: reason,
    });
    if (input.approve) await rescheduleClock(tx, request.id, extension.clock_kind);
    await record({
      action: input.approve ? 'feedback.sla.extension-approved' : 'feedback.sla.extension-refused',
      kind: input.approve ? 'extension-approved' : 'extension-refused',
      organisationId: actor.organisationId,
      internalNote: reason,
      reason,
      payload: { id: extension.id, requestId: request.id, approve: input.approve, reason },
    });
  });
}

/** Extensions waiting for this actor's decision. */
export async function listExtensionsToDecide(db: Db, actor: AccessActor) {
  const rows = await listPendingExtensions(
    db,
    actor.scopesOf(APPROVE_EXTENSIONS).map((scope) => scope.divisionPath),
  );
  return rows
    .filter((row) => row.organisation_id !== actor.organisationId)
    .map((row) => ({
      id: row.id,
      requestId: row.public_id,
      clock: row.clock_kind,
      amount: row.amount,
      reason: row.reason,
      requestedAt: row.requested_at.toISOString(),
    }));
}
