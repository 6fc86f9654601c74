/**
 * Service levels (docs/feedback.md, "Service levels"): each request gets three clocks at dispatch —
 * first contact with the citizen, the first public reply, resolution — from the most specific policy
 * for its category and urgency, counted by the platform's deadline clock (hours around the clock,
 * calendar days or working days on the State Council calendar).
 */
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import {
  type DeadlineLimit,
  type DeadlineState,
  evaluateDeadline,
  loadWorkingCalendar,
  type WorkingCalendar,
} from '../../platform/calendar/index.ts';
import type { Clock } from '../../platform/clock/index.ts';
import type { Tables } from '../../platform/db/index.ts';
import type { AccessActor } from '../identity/index.ts';
import { hashPayload, recordAuditEvent } from '../ledger/index.ts';
import { feedbackErrors } from './errors.ts';
import {
  CLOCK_KINDS,
  type ClockKind,
  type ExtensionRow,
  findPolicy,
  insertClocks,
  insertPolicy,
  type LimitUnit,
  listApplicablePolicies,
  listClocks,
  listClocksToMark,
  listExtensions,
  listPolicies,
  type SlaClockRow,
  type SlaPolicyRow,
  type Urgency,
  updateClock,
  updatePolicy,
} from './handling-store.ts';
import { insertUpdate, type RequestRow } from './store.ts';
import { inTransaction } from './transaction.ts';

type Db = Kysely<Tables>;

export const MANAGE_SLA = 'feedback.sla.manage';
export const APPROVE_EXTENSIONS = 'feedback.extensions.approve';

const DAY_MS = 24 * 60 * 60 * 1000;
const BEIJING_MS = 8 * 60 * 60 * 1000;

const beijingDate = (at: Date) => new Date(at.getTime() + BEIJING_MS).toISOString().slice(0, 10);

/**
 * The calendar for clocks that start between `from` and `to`: a year and a half beyond the last
 * start covers any limit of up to 1000 working days plus extensions only approximately, so longer
 * clocks read as provisional rather than wrong.
 */
export async function calendarFor(db: Db, from: Date, to: Date): Promise<WorkingCalendar> {
  return loadWorkingCalendar(db, {
    from: beijingDate(new Date(from.getTime() - DAY_MS)),
    to: beijingDate(new Date(to.getTime() + 550 * DAY_MS)),
  });
}

export const limitOf = (unit: LimitUnit, amount: number): DeadlineLimit =>
  unit === 'hours'
    ? { hours: amount }
    : unit === 'calendarDays'
      ? { calendarDays: amount }
      : { workingDays: amount };

/**
 * A share of the limit, in its unit. Day clocks warn at least on their last day, except a one-day
 * clock, which would otherwise warn from the moment it starts.
 */
export function warnWhenRemaining(unit: LimitUnit, amount: number, percent: number): number {
  const share = (amount * percent) / 100;
  return unit === 'hours' ? share : Math.min(Math.max(1, Math.round(share)), amount - 1);
}

/**
 * The most specific policy: category and urgency both named; then an urgency for every category (an
 * emergency is an emergency whatever it is about); then the category for any urgency; then the
 * general policy.
 */
export function choosePolicy(
  policies: readonly SlaPolicyRow[],
  categoryCode: string,
  urgency: Urgency,
): SlaPolicyRow | undefined {
  const rank = (policy: SlaPolicyRow) => {
    const category = policy.category_code === categoryCode;
    const urgent = policy.urgency === urgency;
    return category && urgent ? 0 : urgent ? 1 : category ? 2 : 3;
  };
  return policies
    .filter(
      (policy) =>
        (policy.category_code === null || policy.category_code === categoryCode) &&
        (policy.urgency === null || policy.urgency === urgency),
    )
    .sort((a, b) => rank(a) - rank(b))[0];
}

/** Approved extensions asked for while this run of the clock was going (reopening starts afresh). */
const extensionsOf = (clock: SlaClockRow, extensions: readonly ExtensionRow[]) =>
  extensions
    .filter(
      (extension) =>
        extension.request_id === clock.request_id &&
        extension.clock_kind === clock.kind &&
        extension.status === 'approved' &&
        extension.requested_at >= clock.started_at,
    )
    .map((extension) => limitOf(clock.limit_unit, extension.amount));

/** When the clock runs out, and when its warning begins, from its start, limit and extensions. */
export function scheduleOf(
  calendar: WorkingCalendar,
  clock: Pick<SlaClockRow, 'started_at' | 'limit_unit' | 'limit_amount' | 'warn_when_remaining'>,
  extensions: readonly DeadlineLimit[],
): { dueAt: Date; warnAt: Date } {
  const read = (limit: DeadlineLimit, extra: readonly DeadlineLimit[]) =>
    evaluateDeadline(calendar, {
      startedAt: clock.started_at,
      limit,
      extensions: extra,
      now: clock.started_at,
    }).dueAt;
  const dueAt = read(limitOf(clock.limit_unit, clock.limit_amount), extensions);
  const total = clock.limit_amount + extensions.reduce((sum, part) => sum + Object.values(part)[0]!, 0);
  if (clock.limit_unit === 'hours')
    return { dueAt, warnAt: new Date(dueAt.getTime() - clock.warn_when_remaining * 60 * 60 * 1000) };
  // A day clock shows `remaining` of w once total − w counted days have ended: the due instant of a
  // limit of total − w days.
  const before = total - clock.warn_when_remaining;
  return { dueAt, warnAt: before <= 0 ? clock.started_at : read(limitOf(clock.limit_unit, before), []) };
}

export type SlaClockView = {
  kind: ClockKind;
  state: DeadlineState;
  unit: LimitUnit;
  limit: number;
  total: number;
  remaining: number;
  startedAt: string;
  dueAt: string;
  completedAt: string | null;
  completedInTime: boolean | null;
  provisional: boolean;
};

/** The clocks of these requests as read now, by request id. */
export async function readClocks(
  db: Db,
  requestIds: readonly string[],
  now: Date,
): Promise<Map<string, SlaClockView[]>> {
  const clocks = await listClocks(db, requestIds);
  const result = new Map<string, SlaClockView[]>();
  if (clocks.length === 0) return result;
  const extensions = await listExtensions(db, requestIds);
  const earliest = new Date(Math.min(...clocks.map((clock) => clock.started_at.getTime())));
  const calendar = await calendarFor(db, earliest, now);
  for (const clock of clocks) {
    const status = evaluateDeadline(calendar, {
      startedAt: clock.started_at,
      limit: limitOf(clock.limit_unit, clock.limit_amount),
      extensions: extensionsOf(clock, extensions),
      warnWhenRemaining: clock.warn_when_remaining,
      completedAt: clock.completed_at,
      now,
    });
    const view: SlaClockView = {
      kind: clock.kind,
      state: status.state,
      unit: clock.limit_unit,
      limit: clock.limit_amount,
      total: status.total,
      remaining: status.remaining,
      startedAt: clock.started_at.toISOString(),
      dueAt: status.dueAt.toISOString(),
      completedAt: clock.completed_at?.toISOString() ?? null,
      completedInTime: status.completedInTime,
      provisional: status.provisional,
    };
    result.set(
      clock.request_id,
      [...(result.get(clock.request_id) ?? []), view].sort(
        (a, b) => CLOCK_KINDS.indexOf(a.kind) - CLOCK_KINDS.indexOf(b.kind),
      ),
    );
  }
  return result;
}

/** Starts the three clocks of a request just dispatched (inside the intake transaction). */
export async function startClocks(tx: Db, request: RequestRow, at: Date): Promise<void> {
  const policy = choosePolicy(
    await listApplicablePolicies(tx, request.category_code, request.urgency),
    request.category_code,
    request.urgency,
  );
  if (!policy) return;
  const calendar = await calendarFor(tx, at, at);
  await insertClocks(
    tx,
    CLOCK_KINDS.map((kind) => {
      const unit = policy[`${kind}_unit`];
      const amount = policy[`${kind}_amount`];
      const base = {
        started_at: at,
        limit_unit: unit,
        limit_amount: amount,
        warn_when_remaining: warnWhenRemaining(unit, amount, policy.warn_percent),
      };
      const { dueAt, warnAt } = scheduleOf(calendar, base, []);
      return {
        ...base,
        request_id: request.id,
        kind,
        province_code: request.province_code,
        policy_id: policy.id,
        due_at: dueAt,
        warn_at: warnAt,
        completed_at: null,
        warned_at: null,
        overdue_at: null,
      };
    }),
  );
}

/** Stops a clock when what it measures has happened (the first time only). */
export async function completeClock(tx: Db, requestId: string, kind: ClockKind, at: Date): Promise<void> {
  const [clock] = (await listClocks(tx, [requestId])).filter((row) => row.kind === kind);
  if (clock && clock.completed_at === null) await updateClock(tx, requestId, kind, { completed_at: at });
}

/** Starts a clock again from `at`: reopening (resolution), or a transfer where the policy says so. */
export async function restartClock(tx: Db, requestId: string, kind: ClockKind, at: Date): Promise<void> {
  const [clock] = (await listClocks(tx, [requestId])).filter((row) => row.kind === kind);
  if (!clock) return;
  const calendar = await calendarFor(tx, at, at);
  const { dueAt, warnAt } = scheduleOf(calendar, { ...clock, started_at: at }, []);
  await updateClock(tx, requestId, kind, {
    started_at: at,
    due_at: dueAt,
    warn_at: warnAt,
    completed_at: null,
    warned_at: null,
    overdue_at: null,
  });
}

/** Recomputes a clock's due and warning instants after an extension was approved. */
export async function rescheduleClock(tx: Db, requestId: string, kind: ClockKind): Promise<void> {
  const [clock] = (await listClocks(tx, [requestId])).filter((row) => row.kind === kind);
  if (!clock) return;
  const calendar = await calendarFor(tx, clock.started_at, clock.started_at);
  const { dueAt, warnAt } = scheduleOf(
    calendar,
    clock,
    extensionsOf(clock, await listExtensions(tx, [requestId])),
  );
  await updateClock(tx, requestId, kind, {
    due_at: dueAt,
    warn_at: warnAt,
    warned_at: null,
    overdue_at: null,
  });
}

/** After a transfer is accepted: fresh running clocks for the new unit if the policy says so. */
export async function restartClocksOnTransfer(tx: Db, requestId: string, at: Date): Promise<void> {
  const clocks = await listClocks(tx, [requestId]);
  const policyId = clocks[0]?.policy_id;
  if (!policyId) return;
  const policy = (await listPolicies(tx)).find((row) => row.id === policyId);
  if (!policy?.restarts_on_transfer) return;
  for (const clock of clocks)
    if (clock.completed_at === null) await restartClock(tx, requestId, clock.kind, at);
}

export type PolicyInput = {
  categoryCode: string | null;
  urgency: Urgency | null;
  contact: { unit: LimitUnit; amount: number };
  feedback: { unit: LimitUnit; amount: number };
  resolution: { unit: LimitUnit; amount: number };
  warnPercent: number;
  restartsOnTransfer: boolean;
};

export type PolicyView = PolicyInput & { id: string; updatedAt: string };

export const policyViewOf = (row: SlaPolicyRow): PolicyView => ({
  id: row.id,
  categoryCode: row.category_code,
  urgency: row.urgency,
  contact: { unit: row.contact_unit, amount: row.contact_amount },
  feedback: { unit: row.feedback_unit, amount: row.feedback_amount },
  resolution: { unit: row.resolution_unit, amount: row.resolution_amount },
  warnPercent: row.warn_percent,
  restartsOnTransfer: row.restarts_on_transfer,
  updatedAt: row.updated_at.toISOString(),
});

export async function listPolicyViews(db: Db): Promise<PolicyView[]> {
  return (await listPolicies(db)).map(policyViewOf);
}

/**
 * Sets the policy for a category (or all) and an urgency (or any), creating or replacing it. Running
 * clocks keep the limits they started with; the new levels apply to requests dispatched from now on.
 * The levels are one table for the deployment, so the route needs feedback.sla.manage and docs/feedback.md
 * says to grant it only at the top division.
 */
export async function setPolicy(
  deps: { db: Db; clock: Clock },
  actor: AccessActor,
  input: PolicyInput,
  requestId?: string,
): Promise<PolicyView> {
  const { db, clock } = deps;
  if (input.categoryCode !== null) {
    const known = await db
      .selectFrom('feedback_category')
      .select('code')
      .where('code', '=', input.categoryCode)
      .executeTakeFirst();
    if (!known)
      throw feedbackErrors.invalidRequest([{ pointer: '/categoryCode', detail: 'is not a category' }]);
  }
  const now = clock.now();
  return inTransaction(db, async (tx) => {
    const existing = await findPolicy(tx, input.categoryCode, input.urgency);
    const values = {
      category_code: input.categoryCode,
      urgency: input.urgency,
      contact_unit: input.contact.unit,
      contact_amount: input.contact.amount,
      feedback_unit: input.feedback.unit,
      feedback_amount: input.feedback.amount,
      resolution_unit: input.resolution.unit,
      resolution_amount: input.resolution.amount,
      warn_percent: input.warnPercent,
      restarts_on_transfer: input.restartsOnTransfer,
      updated_by: actor.accountId,
      updated_at: now,
    };
    const id = existing?.id ?? randomUUID();
    if (existing) await updatePolicy(tx, id, values);
    else await insertPolicy(tx, { ...values, id, created_at: now });
    await recordAuditEvent(tx, {
      action: existing ? 'feedback.sla-policy.updated' : 'feedback.sla-policy.created',
      actor: { kind: 'staff', id: actor.accountId },
      record: { type: 'feedback.sla-policy', id },
      at: now,
      requestId: requestId ?? null,
      payloadHash: hashPayload({ before: existing ? policyViewOf(existing) : null, after: { id, ...input } }),
    });
    return policyViewOf((await findPolicy(tx, input.categoryCode, input.urgency))!);
  });
}

/**
 * Writes the warnings and overdue marks that have come due into the requests' histories (with an
 * audit event each), so that "it went overdue at 14:00" is on record even if nobody looked then.
 * Reading a clock never depends on this: its state is always computed from the injected clock.
 */
export async function markDueClocks(deps: { db: Db; clock: Clock }, batch = 200): Promise<number> {
  const now = deps.clock.now();
  const due = await listClocksToMark(deps.db, now, batch);
  let marked = 0;
  for (const candidate of due) {
    marked += await inTransaction(deps.db, async (tx) => {
      const request = await tx
        .selectFrom('feedback_request')
        .select(['id', 'status', 'holder_organisation_id'])
        .where('id', '=', candidate.request_id)
        .forUpdate()
        .executeTakeFirstOrThrow();
      // Read again under the request's lock: another server may have marked it meanwhile.
      const clock = (await listClocks(tx, [candidate.request_id])).find((row) => row.kind === candidate.kind);
      if (!clock || clock.completed_at) return 0;
      const isOverdue = clock.due_at <= now && clock.overdue_at === null;
      const isWarning = !isOverdue && clock.warned_at === null && clock.warn_at <= now && clock.due_at > now;
      if (!isOverdue && !isWarning) return 0;
      await updateClock(
        tx,
        clock.request_id,
        clock.kind,
        isOverdue ? { overdue_at: now, warned_at: clock.warned_at ?? now } : { warned_at: now },
      );
      await insertUpdate(tx, {
        id: randomUUID(),
        request_id: clock.request_id,
        province_code: clock.province_code,
        kind: isOverdue ? 'sla-overdue' : 'sla-warning',
        status: request.status,
        organisation_id: request.holder_organisation_id,
        actor_account_id: null,
        public_note: null,
        internal_note: `${clock.kind} ${isOverdue ? 'overdue since' : 'due at'} ${clock.due_at.toISOString()}`,
        created_at: now,
      });
      await recordAuditEvent(tx, {
        action: isOverdue ? 'feedback.sla.overdue' : 'feedback.sla.warning',
        actor: { kind: 'system', id: 'feedback-sla' },
        onBehalfOf: request.holder_organisation_id,
        record: { type: 'feedback.request', id: clock.request_id },
        at: now,
        requestId: null,
        payloadHash: hashPayload({ requestId: clock.request_id, clock: clock.kind, dueAt: clock.due_at }),
      });
      return 1;
    });
  }
  return marked;
}

/** Runs markDueClocks every `intervalMs` until stopped (serve starts it; each server may, safely). */
export function startSlaMarking(options: {
  db: Db;
  clock: Clock;
  intervalMs: number;
  onError: (error: unknown) => void;
}): { stop(): Promise<void> } {
  let running: Promise<unknown> = Promise.resolve();
  const timer = setInterval(() => {
    running = markDueClocks(options).catch(options.onError);
  }, options.intervalMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
