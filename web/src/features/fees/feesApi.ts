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
