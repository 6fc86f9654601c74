import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Clock } from '../../platform/clock/index.ts';
import type { Tables } from '../../platform/db/index.ts';
import type { AccessActor } from '../identity/index.ts';
import { hashPayload, recordAuditEvent } from '../ledger/index.ts';
import { feedbackErrors } from './errors.ts';
import { findArbiter } from './routing.ts';
import { completeClock, restartClocksOnTransfer } from './sla.ts';
import {
  endAssignment,
  findPendingTransfer,
  findRequest,
  findUnit,
  insertAssignment,
  insertTransfer,
  insertUpdate,
  lockRequest,
  type RequestRow,
  type RequestStatus,
  type TransferRow,
  type UpdateKind,
  updateRequest,
  updateTransfer,
} from './store.ts';
import { inTransaction } from './transaction.ts';
import { handlingRoleOf } from './views.ts';

type Db = Kysely<Tables>;
type Deps = { db: Db; clock: Clock };

const STATUS_ORDER: readonly RequestStatus[] = ['open', 'acknowledged', 'in-progress', 'closed'];

type Step = {
  action: string;
  kind: UpdateKind;
  organisationId: string | null;
  publicNote?: string | null;
  internalNote?: string | null;
  payload: unknown;
  reason?: string | null;
  /** Who acted, for the audit event: staff unless a citizen acts on their own request. */
  actorKind?: 'staff' | 'citizen';
};

/**
 * Runs one handler's step on a request inside a transaction with the request row locked, so two
 * handlers acting at once take turns and the second sees the first one's result: the step's own
 * check (who may, in which state) runs on the locked row, then its writes, its history entry and
 * its audit event commit together.
 */
export async function withLockedRequest<T>(
  deps: Deps,
  actor: AccessActor,
  requestRef: string,
  requestId: string | undefined,
  work: (
    tx: Db,
    request: RequestRow,
    transfer: TransferRow | undefined,
    record: (step: Step, status?: RequestStatus) => Promise<void>,
  ) => Promise<T>,
): Promise<T> {
  const found = await findRequest(deps.db, requestRef);
  if (!found) throw feedbackErrors.requestNotFound(requestRef);
  const now = deps.clock.now();
  return inTransaction(deps.db, async (tx) => {
    const request = (await lockRequest(tx, found.id))!;
    const transfer = await findPendingTransfer(tx, request.id);
    const record = async (step: Step, status: RequestStatus = request.status) => {
      await insertUpdate(tx, {
        id: randomUUID(),
        request_id: request.id,
        province_code: request.province_code,
        kind: step.kind,
        status,
        organisation_id: step.organisationId,
        actor_account_id: actor.accountId,
        public_note: step.publicNote ?? null,
        internal_note: step.internalNote ?? null,
        created_at: now,
      });
      await recordAuditEvent(tx, {
        action: step.action,
        actor: { kind: step.actorKind ?? 'staff', id: actor.accountId },
        onBehalfOf: step.organisationId,
        record: { type: 'feedback.request', id: request.id },
        at: now,
        reason: step.reason ?? null,
        requestId: requestId ?? null,
        payloadHash: hashPayload(step.payload),
      });
    };
    return work(tx, request, transfer, record);
  });
}

/** The holder moves the request forward: acknowledged, in progress, closed (with a public note). */
export async function changeStatus(
  deps: Deps,
  actor: AccessActor,
  requestRef: string,
  change: { status: RequestStatus; note?: string | undefined },
  requestId?: string,
): Promise<void> {
  await withLockedRequest(deps, actor, requestRef, requestId, async (tx, request, transfer, record) => {
    if (handlingRoleOf(actor, request, transfer) !== 'holder') throw feedbackErrors.notHandler();
    const from = STATUS_ORDER.indexOf(request.status);
    const to = STATUS_ORDER.indexOf(change.status);
    if (request.status === 'closed' || to <= from)
      throw feedbackErrors.statusChange(request.status, change.status);
    const now = deps.clock.now();
    const note = change.note?.trim() || null;
    await updateRequest(tx, request.id, {
      status: change.status,
      status_notes: note ?? request.status_notes,
      closed_at: change.status === 'closed' ? now : null,
      updated_at: now,
    });
    if (change.status === 'closed') await completeClock(tx, request.id, 'resolution', now);
    await record(
      {
        action: 'feedback.request.status-changed',
        kind: 'status-changed',
        organisationId: request.holder_organisation_id,
        publicNote: note,
        payload: { id: request.id, from: request.status, to: change.status, note },
      },
      change.status,
    );
  });
}

/** The holder offers the request to another unit; it stays responsible until that unit accepts. */
export async function offerTransfer(
  deps: Deps,
  actor: AccessActor,
  requestRef: string,
  offer: { toOrganisationId: string; reason: string },
  requestId?: string,
): Promise<string> {
  return withLockedRequest(deps, actor, requestRef, requestId, async (tx, request, transfer, record) => {
    if (handlingRoleOf(actor, request, transfer) !== 'holder') throw feedbackErrors.notHandler();
    if (request.status === 'closed') throw feedbackErrors.requestClosed();
    if (transfer) throw feedbackErrors.transferPending();
    const target = await findUnit(tx, offer.toOrganisationId);
    if (!target || target.organisation_id === request.holder_organisation_id) {
      throw feedbackErrors.invalidRequest([
        { pointer: '/toOrganisationId', detail: 'must be another department registered as a handling unit' },
      ]);
    }
    const reason = offer.reason.trim();
    if (reason.length === 0)
      throw feedbackErrors.invalidRequest([{ pointer: '/reason', detail: 'must say why' }]);
    const id = randomUUID();
    await insertTransfer(tx, {
      id,
      request_id: request.id,
      province_code: request.province_code,
      from_organisation_id: request.holder_organisation_id!,
      to_organisation_id: target.organisation_id,
      to_division_path: target.division_path,
      status: 'offered',
      reason,
      offered_by: actor.accountId,
      offered_at: deps.clock.now(),
      answered_by: null,
      answered_at: null,
      refusal_reason: null,
      disputed_by: null,
      disputed_at: null,
      dispute_reason: null,
      arbiter_organisation_id: null,
      arbiter_division_path: null,
      decided_by: null,
      decided_at: null,
      decided_holder_id: null,
      decision_reason: null,
    });
    await record({
      action: 'feedback.transfer.offered',
      kind: 'transfer-offered',
      organisationId: request.holder_organisation_id,
      internalNote: reason,
      reason,
      payload: {
        transferId: id,
        requestId: request.id,
        from: request.holder_organisation_id,
        to: target.organisation_id,
      },
    });
    return id;
  });
}

export type TransferAnswer =
  | { action: 'accept' }
  | { action: 'refuse'; reason: string }
  | { action: 'dispute'; reason: string }
  | { action: 'withdraw' }
  | { action: 'decide'; holderOrganisationId: string; reason: string };

/**
 * The next step of a transfer, each by the one unit whose turn it is: the unit offered it accepts or
 * refuses; after a refusal the holder withdraws or disputes, which sends it to the general office of
 * the division above both; that office decides who holds it.
 */
export async function answerTransfer(
  deps: Deps,
  actor: AccessActor,
  requestRef: string,
  transferId: string,
  answer: TransferAnswer,
  requestId?: string,
): Promise<void> {
  await withLockedRequest(deps, actor, requestRef, requestId, async (tx, request, transfer, record) => {
    if (!transfer || transfer.id !== transferId) throw feedbackErrors.transferNotFound(transferId);
    const role = handlingRoleOf(actor, request, transfer);
    const now = deps.clock.now();
    const reason = 'reason' in answer ? answer.reason.trim() : '';
    if ('reason' in answer && reason.length === 0)
      throw feedbackErrors.invalidRequest([{ pointer: '/reason', detail: 'must say why' }]);
    const statusAfterMove: RequestStatus = request.status === 'open' ? 'acknowledged' : request.status;
    const payload = { transferId, requestId: request.id, action: answer.action, reason: reason || null };
    const expect = (status: TransferRow['status'], who: typeof role, action: string) => {
      if (role !== who) throw feedbackErrors.notHandler();
      if (transfer.status !== status) throw feedbackErrors.transferState(transfer.status, action);
    };
    switch (answer.action) {
      case 'accept': {
        expect('offered', 'offered', 'accepted');
        await updateTransfer(tx, transfer.id, {
          status: 'accepted',
          answered_by: actor.accountId,
          answered_at: now,
        });
        await moveHolder(
          tx,
          request,
          transfer.to_organisation_id,
          transfer.to_division_path,
          'transfer',
          now,
        );
        await record(
          {
            action: 'feedback.transfer.accepted',
            kind: 'transfer-accepted',
            organisationId: transfer.to_organisation_id,
            payload,
          },
          statusAfterMove,
        );
        return;
      }
      case 'refuse': {
        expect('offered', 'offered', 'refused');
        await updateTransfer(tx, transfer.id, {
          status: 'refused',
          answered_by: actor.accountId,
          answered_at: now,
          refusal_reason: reason,
        });
        await record({
          action: 'feedback.transfer.refused',
          kind: 'transfer-refused',
          organisationId: transfer.to_organisation_id,
          internalNote: reason,
          reason,
          payload,
        });
        return;
      }
      case 'withdraw': {
        if (role !== 'holder') throw feedbackErrors.notHandler();
        if (transfer.status !== 'offered' && transfer.status !== 'refused')
          throw feedbackErrors.transferState(transfer.status, 'withdrawn');
        await updateTransfer(tx, transfer.id, { status: 'withdrawn' });
        await record({
          action: 'feedback.transfer.withdrawn',
          kind: 'transfer-withdrawn',
          organisationId: transfer.from_organisation_id,
          payload,
        });
        return;
      }
      case 'dispute': {
        expect('refused', 'holder', 'disputed');
        const from = await findUnit(tx, transfer.from_organisation_id);
        const to = await findUnit(tx, transfer.to_organisation_id);
        const arbiter = from && to ? await findArbiter(tx, from, to) : undefined;
        if (!arbiter) throw feedbackErrors.noArbiter();
        await updateTransfer(tx, transfer.id, {
          status: 'disputed',
          disputed_by: actor.accountId,
          disputed_at: now,
          dispute_reason: reason,
          arbiter_organisation_id: arbiter.organisation_id,
          arbiter_division_path: arbiter.division_path,
        });
        await record({
          action: 'feedback.transfer.disputed',
          kind: 'transfer-disputed',
          organisationId: arbiter.organisation_id,
          internalNote: reason,
          reason,
          payload: { ...payload, arbiter: arbiter.organisation_id },
        });
        return;
      }
      case 'decide': {
        expect('disputed', 'arbiter', 'decided');
        const choice = answer.holderOrganisationId;
        if (choice !== transfer.from_organisation_id && choice !== transfer.to_organisation_id) {
          throw feedbackErrors.invalidRequest([
            { pointer: '/holderOrganisationId', detail: 'must be one of the two departments in the dispute' },
          ]);
        }
        await updateTransfer(tx, transfer.id, {
          status: 'decided',
          decided_by: actor.accountId,
          decided_at: now,
          decided_holder_id: choice,
          decision_reason: reason,
        });
        const movesOn = choice === transfer.to_organisation_id;
        if (movesOn) await moveHolder(tx, request, choice, transfer.to_division_path, 'arbitration', now);
        await record(
          {
            action: 'feedback.transfer.decided',
            kind: 'transfer-decided',
            organisationId: choice,
            internalNote: reason,
            reason,
            payload: { ...payload, holder: choice },
          },
          movesOn ? statusAfterMove : request.status,
        );
        return;
      }
    }
  });
}

async function moveHolder(
  tx: Db,
  request: RequestRow,
  organisationId: string,
  divisionPath: string,
  reason: 'transfer' | 'arbitration',
  now: Date,
): Promise<void> {
  await endAssignment(tx, request.id, now);
  await insertAssignment(tx, {
    id: randomUUID(),
    request_id: request.id,
    province_code: request.province_code,
    organisation_id: organisationId,
    reason,
    routing_rule_id: null,
    started_at: now,
    ended_at: null,
    due_at: null,
  });
  await restartClocksOnTransfer(tx, request.id, now);
  // The new holder has taken it on by accepting (or been told to), so it counts as acknowledged.
  await updateRequest(tx, request.id, {
    holder_organisation_id: organisationId,
    holder_division_path: divisionPath,
    status: request.status === 'open' ? 'acknowledged' : request.status,
    updated_at: now,
  });
}
