import { type Kysely, sql } from 'kysely';
import type { Tables } from '../../../platform/db/index.ts';

declare module '../../../platform/db/tables.ts' {
  interface Tables {
    service_fee_order: FeeOrderRow;
    service_fee_payment: FeePaymentRow;
    service_fee_reconciliation: ReconciliationRow;
  }
}

type Db = Kysely<Tables>;
const jsonb = <T>(value: T) => sql<T>`cast(${JSON.stringify(value)} as jsonb)`;

export type FeeLine = { nameZh: string; nameEn: string; amountFen: number; basisZh: string; basisEn: string };
export type PaymentMethod = 'cash' | 'pos' | 'bank-transfer';

export type FeeOrderRow = {
  id: string;
  application_id: string;
  province_code: string;
  division_code: string;
  implementing_organisation_id: string;
  item_code: string;
  item_version_id: string;
  provider: 'counter';
  lines: FeeLine[];
  amount_fen: string | bigint;
  paid_fen: string | bigint;
  state: 'unpaid' | 'paid' | 'waived';
  waiver_reason: string | null;
  waived_by: string | null;
  created_at: Date;
  settled_at: Date | null;
};

export type FeePaymentRow = {
  id: string;
  order_id: string;
  province_code: string;
  division_code: string;
  amount_fen: string | bigint;
  method: PaymentMethod;
  receipt_number: string;
  received_on: string;
  recorded_by: string;
  recorded_at: Date;
};

export type ReconciliationLine = {
  reference: string;
  outcome: 'matched' | 'missing' | 'unexpected' | 'amount-differs';
  expectedFen: number | null;
  statementFen: number | null;
};

export type ReconciliationRow = {
  id: string;
  province_code: string;
  division_code: string;
  statement_date: string;
  statement_sha256: string;
  matched: number;
  missing: number;
  unexpected: number;
  amount_differs: number;
  lines: ReconciliationLine[];
  reconciled_by: string;
  created_at: Date;
};

const ORDER_COLUMNS = [
  'id',
  'application_id',
  'province_code',
  'division_code',
  'implementing_organisation_id',
  'item_code',
  'item_version_id',
  'provider',
  'lines',
  'amount_fen',
  'paid_fen',
  'state',
  'waiver_reason',
  'waived_by',
  'created_at',
  'settled_at',
] as const;

const PAYMENT_COLUMNS = [
  'id',
  'order_id',
  'province_code',
  'division_code',
  'amount_fen',
  'method',
  'receipt_number',
  'received_on',
  'recorded_by',
  'recorded_at',
] as const;

export async function insertOrder(db: Db, row: FeeOrderRow): Promise<void> {
  await db
    .insertInto('service_fee_order')
    .values({ ...row, lines: jsonb(row.lines) })
    .execute();
}

export async function findOrderOfApplication(
  db: Db,
  applicationId: string,
  options: { forUpdate?: boolean } = {},
): Promise<FeeOrderRow | undefined> {
  const query = db
    .selectFrom('service_fee_order')
    .select(ORDER_COLUMNS)
    .where('application_id', '=', applicationId);
  return (options.forUpdate ? query.forUpdate() : query).executeTakeFirst();
}

export async function updateOrder(
  db: Db,
  id: string,
  changes: Partial<Pick<FeeOrderRow, 'paid_fen' | 'state' | 'waiver_reason' | 'waived_by' | 'settled_at'>>,
): Promise<void> {
  await db.updateTable('service_fee_order').set(changes).where('id', '=', id).execute();
}

/** Inserts the payment unless the receipt number is already used in the division; false then. */
export async function insertPayment(db: Db, row: FeePaymentRow): Promise<boolean> {
  const inserted = await db
    .insertInto('service_fee_payment')
    .values(row)
    .onConflict((conflict) => conflict.columns(['division_code', 'receipt_number']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return inserted !== undefined;
}

export async function listPaymentsOfOrder(db: Db, orderId: string): Promise<FeePaymentRow[]> {
  return db
    .selectFrom('service_fee_payment')
    .select(PAYMENT_COLUMNS)
    .where('order_id', '=', orderId)
    .orderBy('recorded_at')
    .execute();
}

export async function listPaymentsOfDay(db: Db, divisionCode: string, day: string): Promise<FeePaymentRow[]> {
  return db
    .selectFrom('service_fee_payment')
    .select(PAYMENT_COLUMNS)
    .where('division_code', '=', divisionCode)
    .where('received_on', '=', day)
    .orderBy('receipt_number')
    .execute();
}

export async function insertReconciliation(db: Db, row: ReconciliationRow): Promise<void> {
  await db
    .insertInto('service_fee_reconciliation')
    .values({ ...row, lines: jsonb(row.lines) })
    .execute();
}
