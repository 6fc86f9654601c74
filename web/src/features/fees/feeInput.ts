/** The application number as the API checks it, e.g. 330106-20261127-0000427. */
export const APPLICATION_NUMBER = /^[0-9]{2,12}-[0-9]{8}-[0-9]{6}[0-9X]$/;

type ConflictMessage = 'problems.notPayable' | 'problems.settled' | 'problems.noFee';

/** The conflicts of a fee that staff can act on, by the platform's code, to the message that explains them. */
const CONFLICT_MESSAGES: Readonly<Record<string, ConflictMessage>> = {
  'services.fee-not-payable': 'problems.notPayable',
  'services.fee-settled': 'problems.settled',
  'services.no-fee': 'problems.noFee',
};

export function conflictMessageOf(code: string | undefined): ConflictMessage | undefined {
  return code === undefined ? undefined : CONFLICT_MESSAGES[code];
}
