/**
 * The payment-provider interface: how a fee order is created, paid, queried and reconciled. One
 * provider works today, `counter`: money is taken at the service centre's counter (cash, POS or bank
 * transfer) and a clerk records it with the receipt number; the bank statement is reconciled daily.
 * An online provider would implement the same four operations against its gateway.
 */
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Tables } from '../../../platform/db/index.ts';
import type { ApplicationSummary } from '../applications/index.ts';
import { feeErrors } from './errors.ts';
import { yuanOf } from './money.ts';
import { expectedEntries, matchStatement, type StatementLine } from './reconciliation.ts';
import {
  type FeeLine,
  type FeeOrderRow,
  type FeePaymentRow,
  findOrderOfApplication,
  insertOrder,
  insertPayment,
  listPaymentsOfDay,
  listPaymentsOfOrder,
  type PaymentMethod,
  type ReconciliationLine,
  updateOrder,
} from './store.ts';

type Db = Kysely<Tables>;

export type PaymentInput = {
  amountFen: number;
  method: PaymentMethod;
  receiptNumber: string;
  receivedOn: string;
  recordedBy: string;
};

export type FeeStatus = {
  order: FeeOrderRow;
  payments: FeePaymentRow[];
};

export interface PaymentProvider {
  readonly code: FeeOrderRow['provider'];
  /** The order of an application's fee, created once from the guide's lines; the same order after. */
  createOrder(
    tx: Db,
    application: ApplicationSummary,
    lines: readonly FeeLine[],
    at: Date,
  ): Promise<FeeOrderRow>;
  /** Records money received against the order; the order is paid when the payments cover it. */
  recordPayment(tx: Db, order: FeeOrderRow, payment: PaymentInput, at: Date): Promise<FeeOrderRow>;
  queryStatus(db: Db, applicationId: string): Promise<FeeStatus | undefined>;
  /** Matches the payments received in a division on a day against the statement lines of that day. */
  reconcile(
    db: Db,
    divisionCode: string,
    day: string,
    statement: readonly StatementLine[],
  ): Promise<ReconciliationLine[]>;
}

export const counterProvider: PaymentProvider = {
  code: 'counter',

  async createOrder(tx, application, lines, at) {
    const existing = await findOrderOfApplication(tx, application.id, { forUpdate: true });
    if (existing) return existing;
    const order: FeeOrderRow = {
      id: randomUUID(),
      application_id: application.id,
      province_code: application.provinceCode,
      division_code: application.divisionCode,
      implementing_organisation_id: application.implementingOrganisationId,
      item_code: application.itemCode,
      item_version_id: application.itemVersionId,
      provider: 'counter',
      lines: [...lines],
      amount_fen: String(lines.reduce((sum, line) => sum + line.amountFen, 0)),
      paid_fen: '0',
      state: 'unpaid',
      waiver_reason: null,
      waived_by: null,
      created_at: at,
      settled_at: null,
    };
    await insertOrder(tx, order);
    return order;
  },

  async recordPayment(tx, order, payment, at) {
    const owed = Number(order.amount_fen) - Number(order.paid_fen);
    if (payment.amountFen > owed) throw feeErrors.overpaid(yuanOf(owed));
    const isNew = await insertPayment(tx, {
      id: randomUUID(),
      order_id: order.id,
      province_code: order.province_code,
      division_code: order.division_code,
      amount_fen: String(payment.amountFen),
      method: payment.method,
      receipt_number: payment.receiptNumber,
      received_on: payment.receivedOn,
      recorded_by: payment.recordedBy,
      recorded_at: at,
    });
    if (!isNew) throw feeErrors.receiptUsed(payment.receiptNumber);
    const paid = Number(order.paid_fen) + payment.amountFen;
    const changes = {
      paid_fen: String(paid),
      ...(paid === Number(order.amount_fen) ? { state: 'paid' as const, settled_at: at } : {}),
    };
    await updateOrder(tx, order.id, changes);
    return { ...order, ...changes };
  },

  async queryStatus(db, applicationId) {
    const order = await findOrderOfApplication(db, applicationId);
    if (!order) return undefined;
    return { order, payments: await listPaymentsOfOrder(db, order.id) };
  },

  async reconcile(db, divisionCode, day, statement) {
    const payments = await listPaymentsOfDay(db, divisionCode, day);
    const expected = expectedEntries(
      day,
      payments.map((payment) => ({
        receiptNumber: payment.receipt_number,
        amountFen: Number(payment.amount_fen),
        method: payment.method,
      })),
    );
    return matchStatement(expected, statement);
  },
};
