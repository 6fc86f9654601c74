import { requestJson } from '../../app/api.ts';

export type PaymentMethod = 'cash' | 'pos' | 'bank-transfer';

export interface Fee {
  applicationId: string;
  applicationNumber: string | null;
  state: 'free' | 'unpaid' | 'paid' | 'waived';
  amountYuan: string;
  paidYuan: string;
  outstandingYuan: string;
  lines: { name: { zh: string; en: string }; amountYuan: string; basis: { zh: string; en: string } }[];
  waiverReason: string | null;
  payments: { amountYuan: string; method: PaymentMethod; receiptNumber: string; receivedOn: string }[];
}

export type CounterPayment = {
  applicationNumber: string;
  amountYuan: string;
  method: PaymentMethod;
  receiptNumber: string;
};

export function recordCounterPayment(body: CounterPayment) {
  return requestJson<Fee>('/api/services/fees/counter-payments', { method: 'POST', body });
}

export function waiveFee(body: { applicationNumber: string; reason: string }) {
  return requestJson<Fee>('/api/services/fees/waivers', { method: 'POST', body });
}

export type ReconciliationOutcome = 'matched' | 'missing' | 'unexpected' | 'amount-differs';

export interface Reconciliation {
  id: string;
  divisionCode: string;
  statementDate: string;
  statementSha256: string;
  totals: { matched: number; missing: number; unexpected: number; amountDiffers: number };
  isBalanced: boolean;
  lines: {
    reference: string;
    outcome: ReconciliationOutcome;
    expectedYuan: string | null;
    statementYuan: string | null;
  }[];
}

export function reconcileDay(body: { divisionCode: string; statementDate: string; statementCsv: string }) {
  return requestJson<Reconciliation>('/api/services/fees/reconciliations', { method: 'POST', body });
}
