/** The application number as the API checks it, e.g. 330106-20261127-0000427. */
export const APPLICATION_NUMBER = /^[0-9]{2,12}-[0-9]{8}-[0-9]{6}[0-9X]$/;

/** The conflicts of a fee that the staff can act on, by the platform's code, to the message key that explains them. */
export const CONFLICT_MESSAGES: Record<
  string,
  'problems.notPayable' | 'problems.settled' | 'problems.noFee'
> = {
  'services.fee-not-payable': 'problems.notPayable',
  'services.fee-settled': 'problems.settled',
  'services.no-fee': 'problems.noFee',
};

export function conflictMessageOf(code: string | undefined): ConflictMessage | undefined {
  return code === undefined ? undefined : CONFLICT_MESSAGES[code];
}
