import { type Static, Type } from 'typebox';

const Text = Type.Object({ zh: Type.String(), en: Type.String() });
const Yuan = Type.String({
  pattern: '^(0|[1-9][0-9]{0,8})(\\.[0-9]{1,2})?$',
  description: 'Yuan, at most two decimals',
});
const Day = Type.String({ format: 'date', description: 'A Beijing-time day, yyyy-mm-dd' });
const Method = Type.Union([Type.Literal('cash'), Type.Literal('pos'), Type.Literal('bank-transfer')]);
const ApplicationNumber = Type.String({ pattern: '^[0-9]{2,12}-[0-9]{8}-[0-9]{6}[0-9X]$' });

export const ApplicationIdParams = Type.Object(
  { id: Type.String({ format: 'uuid' }) },
  { additionalProperties: false },
);

export const Fee = Type.Object({
  applicationId: Type.String(),
  applicationNumber: Type.Union([Type.String(), Type.Null()]),
  state: Type.Union([
    Type.Literal('free'),
    Type.Literal('unpaid'),
    Type.Literal('paid'),
    Type.Literal('waived'),
  ]),
  amountYuan: Type.String(),
  paidYuan: Type.String(),
  outstandingYuan: Type.String(),
  lines: Type.Array(Type.Object({ name: Text, amountYuan: Type.String(), basis: Text })),
  provider: Type.Union([Type.Literal('counter'), Type.Null()]),
  waiverReason: Type.Union([Type.String(), Type.Null()]),
  settledAt: Type.Union([Type.String(), Type.Null()]),
  payments: Type.Array(
    Type.Object({
      amountYuan: Type.String(),
      method: Method,
      receiptNumber: Type.String(),
      receivedOn: Type.String(),
      recordedAt: Type.String(),
    }),
  ),
});

export const CounterPaymentInput = Type.Object(
  {
    applicationNumber: ApplicationNumber,
    amountYuan: Yuan,
    method: Method,
    receiptNumber: Type.String({
      pattern: '^[A-Za-z0-9-]{1,40}$',
      description: 'The receipt given to the payer; the reference the bank statement shows',
    }),
    receivedOn: Type.Optional(Day),
  },
  { additionalProperties: false },
);
export type CounterPaymentInput = Static<typeof CounterPaymentInput>;

export const WaiverInput = Type.Object(
  { applicationNumber: ApplicationNumber, reason: Type.String({ minLength: 1, maxLength: 1000 }) },
  { additionalProperties: false },
);
export type WaiverInput = Static<typeof WaiverInput>;

export const ReconciliationInput = Type.Object(
  {
    divisionCode: Type.String({ pattern: '^[0-9]{2,12}$' }),
    statementDate: Day,
    statementCsv: Type.String({
      minLength: 1,
      maxLength: 5_000_000,
      description: 'The bank statement of the day: a header date,reference,amount then one line per credit',
    }),
  },
  { additionalProperties: false },
);
export type ReconciliationInput = Static<typeof ReconciliationInput>;

export const Reconciliation = Type.Object({
  id: Type.String(),
  divisionCode: Type.String(),
  statementDate: Type.String(),
  statementSha256: Type.String(),
  totals: Type.Object({
    matched: Type.Integer(),
    missing: Type.Integer(),
    unexpected: Type.Integer(),
    amountDiffers: Type.Integer(),
  }),
  isBalanced: Type.Boolean(),
  lines: Type.Array(
    Type.Object({
      reference: Type.String(),
      outcome: Type.Union([
        Type.Literal('matched'),
        Type.Literal('missing'),
        Type.Literal('unexpected'),
        Type.Literal('amount-differs'),
      ]),
      expectedYuan: Type.Union([Type.String(), Type.Null()]),
      statementYuan: Type.Union([Type.String(), Type.Null()]),
    }),
  ),
});
