import { DomainError, type FieldProblem } from '../../../platform/errors/index.ts';

export const feeErrors = {
  applicationNotFound: (reference: string) =>
    new DomainError({
      kind: 'not-found',
      code: 'services.fee-application-not-found',
      title: 'No such application',
      detail: `There is no submitted application ${reference} you may collect or see fees for.`,
    }),
  noFee: (itemCode: string) =>
    new DomainError({
      kind: 'conflict',
      code: 'services.no-fee',
      title: 'This application has no fee',
      detail: `The guide of ${itemCode} under which it was made charges nothing.`,
    }),
  notPayable: (state: string) =>
    new DomainError({
      kind: 'conflict',
      code: 'services.fee-not-payable',
      title: 'The fee cannot be paid or waived now',
      detail: `The application is ${state}; fees are settled between submission and the decision.`,
    }),
  alreadySettled: (state: string) =>
    new DomainError({
      kind: 'conflict',
      code: 'services.fee-settled',
      title: 'The fee is already settled',
      detail: `The fee is already ${state}.`,
    }),
  overpaid: (outstandingYuan: string) =>
    new DomainError({
      kind: 'invalid',
      code: 'services.fee-overpaid',
      title: 'More than is owed',
      detail: `Only ${outstandingYuan} yuan is outstanding.`,
      fields: [{ pointer: '/amountYuan', detail: `must be at most ${outstandingYuan}` }],
    }),
  receiptUsed: (receiptNumber: string) =>
    new DomainError({
      kind: 'conflict',
      code: 'services.receipt-number-used',
      title: 'Receipt number already recorded',
      detail: `Receipt ${receiptNumber} is already recorded in this division.`,
    }),
  invalid: (fields: readonly FieldProblem[]) =>
    new DomainError({
      kind: 'invalid',
      code: 'services.fee-input-invalid',
      title: 'Some fields are not valid',
      detail: fields.map((field) => `${field.pointer} ${field.detail}`).join('; '),
      fields,
    }),
  unpaid: (number: string, outstandingYuan: string) =>
    new DomainError({
      kind: 'conflict',
      code: 'services.fee-unpaid',
      title: 'The fee is not paid',
      detail: `Application ${number} owes ${outstandingYuan} yuan; it can be approved and its result issued once the fee is paid in full or waived.`,
    }),
  notPermitted: (divisionCode: string) =>
    new DomainError({
      kind: 'forbidden',
      code: 'services.fee-not-permitted',
      title: 'Not permitted here',
      detail: `You may not do this for division ${divisionCode}.`,
    }),
};
