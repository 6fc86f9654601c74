/**
 * Fees of applications (docs/services.md, "Fees"): the order from the guide of the version the
 * application was made under, counter payments, waivers, the daily reconciliation, and the rule that
 * holds the final approval back until the fee is settled. Every change is audited in its transaction.
 */
import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Clock } from '../../../platform/clock/index.ts';
import type { Tables } from '../../../platform/db/index.ts';
import type { FieldProblem } from '../../../platform/errors/index.ts';
import { type AccessActor, pathOfCode } from '../../identity/index.ts';
import { hashPayload, recordAuditEvents } from '../../ledger/index.ts';
import {
  type ApplicationSummary,
  type ApprovalGate,
  beijingDay,
  findApplicationSummary,
} from '../applications/index.ts';
import { getGuide } from '../catalogue/index.ts';
import { feeErrors } from './errors.ts';
import { fenOf, yuanOf } from './money.ts';
import { counterProvider, type PaymentProvider } from './provider.ts';
import { parseStatement } from './reconciliation.ts';
import {
  type FeeLine,
  type FeeOrderRow,
  insertReconciliation,
  type PaymentMethod,
  updateOrder,
} from './store.ts';

type Db = Kysely<Tables>;
export type FeeDeps = { db: Db; clock: Clock; provider?: PaymentProvider };

export const COLLECT_FEES = 'services.fees.collect';
export const WAIVE_FEES = 'services.fees.waive';
/** Between submission and the decision: a draft owes nothing yet, a decided case is closed. */
const PAYABLE_STATES: readonly ApplicationSummary['state'][] = [
  'submitted',
  'accepted',
  'awaiting-supplements',
];

function inTransaction<T>(db: Db, work: (tx: Db) => Promise<T>): Promise<T> {
  return db.isTransaction ? work(db) : db.transaction().execute(work);
}

/** The guide's fee lines of the version the application was made under (empty: free). */
async function feeLinesOf(db: Db, application: ApplicationSummary): Promise<FeeLine[]> {
  const guide = await getGuide(db, application.itemCode, { version: application.versionNumber });
  return guide.guide.fees
    .map((fee) => ({
      nameZh: fee.name.zh,
      nameEn: fee.name.en,
      amountFen: fenOf(fee.amountYuan) ?? 0,
      basisZh: fee.basis.zh,
      basisEn: fee.basis.en,
    }))
    .filter((line) => line.amountFen > 0);
}

const targetOf = (application: ApplicationSummary) => ({
  divisionPath: pathOfCode(application.divisionCode),
  organisationId: application.implementingOrganisationId,
});

async function audit(
  tx: Db,
  action: string,
  record: { type: string; id: string },
  actor: AccessActor,
  at: Date,
  payload: unknown,
  reason: string | null = null,
) {
  await recordAuditEvents(tx, [
    {
      action: `services.fee.${action}`,
      actor: { kind: actor.kind, id: actor.accountId },
      onBehalfOf: actor.organisationId,
      record,
      at,
      reason,
      payloadHash: hashPayload(payload),
    },
  ]);
}

function feeView(
  application: ApplicationSummary,
  lines: readonly FeeLine[],
  status?: Awaited<ReturnType<PaymentProvider['queryStatus']>>,
) {
  const amount = lines.reduce((sum, line) => sum + line.amountFen, 0);
  const order = status?.order;
  const paid = order ? Number(order.paid_fen) : 0;
  return {
    applicationId: application.id,
    applicationNumber: application.number,
    state: amount === 0 ? ('free' as const) : (order?.state ?? ('unpaid' as const)),
    amountYuan: yuanOf(order ? Number(order.amount_fen) : amount),
    paidYuan: yuanOf(paid),
    outstandingYuan: yuanOf(
      order?.state === 'waived' ? 0 : (order ? Number(order.amount_fen) : amount) - paid,
    ),
    lines: (order?.lines ?? lines).map((line) => ({
      name: { zh: line.nameZh, en: line.nameEn },
      amountYuan: yuanOf(line.amountFen),
      basis: { zh: line.basisZh, en: line.basisEn },
    })),
    provider: order?.provider ?? null,
    waiverReason: order?.waiver_reason ?? null,
    settledAt: order?.settled_at?.toISOString() ?? null,
    payments: (status?.payments ?? []).map((payment) => ({
      amountYuan: yuanOf(Number(payment.amount_fen)),
      method: payment.method,
      receiptNumber: payment.receipt_number,
      receivedOn: payment.received_on,
      recordedAt: payment.recorded_at.toISOString(),
    })),
  };
}
export type FeeView = ReturnType<typeof feeView>;

/**
 * The fee of an application: for its applicant, or for staff who collect fees where it is handled.
 * Anyone else gets "not found", as for the application itself.
 */
export async function getFee(deps: FeeDeps, actor: AccessActor, applicationId: string): Promise<FeeView> {
  const application = await findApplicationSummary(deps.db, { id: applicationId });
  const isOwn = application?.applicantAccountId === actor.accountId;
  if (
    !application ||
    application.state === 'draft' ||
    !(isOwn || actor.can(COLLECT_FEES, targetOf(application)))
  )
    throw feeErrors.applicationNotFound(applicationId);
  const provider = deps.provider ?? counterProvider;
  return feeView(
    application,
    await feeLinesOf(deps.db, application),
    await provider.queryStatus(deps.db, application.id),
  );
}

/** The application by number, for staff holding `permission` where it is handled, with its fee lines. */
async function payableApplication(tx: Db, actor: AccessActor, permission: string, number: string) {
  const application = await findApplicationSummary(tx, { number });
  if (!application || !actor.can(permission, targetOf(application)))
    throw feeErrors.applicationNotFound(number);
  if (!PAYABLE_STATES.includes(application.state)) throw feeErrors.notPayable(application.state);
  const lines = await feeLinesOf(tx, application);
  if (lines.length === 0) throw feeErrors.noFee(application.itemCode);
  return { application, lines };
}

export type CounterPaymentInput = {
  applicationNumber: string;
  amountYuan: string;
  method: PaymentMethod;
  receiptNumber: string;
  receivedOn?: string;
};

/** A clerk records money received at the counter: the order is made from the guide if need be, then paid. */
export async function recordCounterPayment(
  deps: FeeDeps,
  actor: AccessActor,
  input: CounterPaymentInput,
): Promise<FeeView> {
  const provider = deps.provider ?? counterProvider;
  const now = deps.clock.now();
  const today = beijingDay(now);
  const problems: FieldProblem[] = [];
  const amountFen = fenOf(input.amountYuan);
  if (amountFen === undefined || amountFen === 0)
    problems.push({
      pointer: '/amountYuan',
      detail: 'must be a positive amount in yuan, at most two decimals',
    });
  const receivedOn = input.receivedOn ?? today;
  if (receivedOn > today)
    problems.push({ pointer: '/receivedOn', detail: `must not be after today (${today})` });
  if (problems.length > 0) throw feeErrors.invalid(problems);
  return inTransaction(deps.db, async (tx) => {
    const { application, lines } = await payableApplication(tx, actor, COLLECT_FEES, input.applicationNumber);
    const order = await provider.createOrder(tx, application, lines, now);
    if (order.state !== 'unpaid') throw feeErrors.alreadySettled(order.state);
    const after = await provider.recordPayment(
      tx,
      order,
      {
        amountFen: amountFen!,
        method: input.method,
        receiptNumber: input.receiptNumber,
        receivedOn,
        recordedBy: actor.accountId,
      },
      now,
    );
    await audit(tx, 'payment-recorded', { type: 'services.fee-order', id: order.id }, actor, now, {
      application: application.id,
      amountFen,
      method: input.method,
      receiptNumber: input.receiptNumber,
      receivedOn,
      state: after.state,
    });
    return feeView(application, lines, await provider.queryStatus(tx, application.id));
  });
}

/** A permitted officer waives the fee, with the reason recorded on the order and in the ledger. */
export async function waiveFee(
  deps: FeeDeps,
  actor: AccessActor,
  input: { applicationNumber: string; reason: string },
): Promise<FeeView> {
  const reason = input.reason.trim();
  if (reason.length === 0)
    throw feeErrors.invalid([{ pointer: '/reason', detail: 'must say why the fee is waived' }]);
  const provider = deps.provider ?? counterProvider;
  const now = deps.clock.now();
  return inTransaction(deps.db, async (tx) => {
    const { application, lines } = await payableApplication(tx, actor, WAIVE_FEES, input.applicationNumber);
    const order: FeeOrderRow = await provider.createOrder(tx, application, lines, now);
    if (order.state !== 'unpaid') throw feeErrors.alreadySettled(order.state);
    await updateOrder(tx, order.id, {
      state: 'waived',
      waiver_reason: reason,
      waived_by: actor.accountId,
      settled_at: now,
    });
    await audit(
      tx,
      'waived',
      { type: 'services.fee-order', id: order.id },
      actor,
      now,
      { application: application.id },
      reason,
    );
    return feeView(application, lines, await provider.queryStatus(tx, application.id));
  });
}

/**
 * The rule (docs/services.md): an application whose version's guide charges a fee is not finally
 * approved, and no result is issued, until its order is paid in full or waived. Acceptance and the
 * steps before the last are not held back, so departments work while the applicant pays.
 */
export const feeApprovalGate: ApprovalGate = async (tx, application) => {
  const lines = await feeLinesOf(tx, application);
  if (lines.length === 0) return;
  const status = await counterProvider.queryStatus(tx, application.id);
  const state = status?.order.state ?? 'unpaid';
  if (state === 'unpaid') {
    const owed = lines.reduce((sum, line) => sum + line.amountFen, 0) - Number(status?.order.paid_fen ?? 0);
    throw feeErrors.unpaid(application.number ?? application.id, yuanOf(owed));
  }
};

export type ReconcileInput = { divisionCode: string; statementDate: string; statementCsv: string };

/** Imports a day's bank statement for a division and reports every entry; the report is kept and audited. */
export async function reconcileDay(deps: FeeDeps, actor: AccessActor, input: ReconcileInput) {
  if (!actor.can(COLLECT_FEES, { divisionPath: pathOfCode(input.divisionCode) }))
    throw feeErrors.notPermitted(input.divisionCode);
  const provider = deps.provider ?? counterProvider;
  const now = deps.clock.now();
  if (input.statementDate > beijingDay(now))
    throw feeErrors.invalid([{ pointer: '/statementDate', detail: 'must not be in the future' }]);
  const { lines: statement, problems } = parseStatement(input.statementCsv, input.statementDate);
  if (problems.length > 0) throw feeErrors.invalid(problems);
  return inTransaction(deps.db, async (tx) => {
    const report = await provider.reconcile(tx, input.divisionCode, input.statementDate, statement);
    const count = (outcome: string) => report.filter((line) => line.outcome === outcome).length;
    const id = crypto.randomUUID();
    const row = {
      id,
      province_code: input.divisionCode.slice(0, 2),
      division_code: input.divisionCode,
      statement_date: input.statementDate,
      statement_sha256: createHash('sha256').update(input.statementCsv).digest('hex'),
      matched: count('matched'),
      missing: count('missing'),
      unexpected: count('unexpected'),
      amount_differs: count('amount-differs'),
      lines: report,
      reconciled_by: actor.accountId,
      created_at: now,
    };
    await insertReconciliation(tx, row);
    await audit(tx, 'reconciled', { type: 'services.fee-reconciliation', id }, actor, now, row);
    return {
      id,
      divisionCode: row.division_code,
      statementDate: row.statement_date,
      statementSha256: row.statement_sha256,
      totals: {
        matched: row.matched,
        missing: row.missing,
        unexpected: row.unexpected,
        amountDiffers: row.amount_differs,
      },
      isBalanced: row.matched === report.length,
      lines: report.map((line) => ({
        reference: line.reference,
        outcome: line.outcome,
        expectedYuan: line.expectedFen === null ? null : yuanOf(line.expectedFen),
        statementYuan: line.statementFen === null ? null : yuanOf(line.statementFen),
      })),
    };
  });
}
