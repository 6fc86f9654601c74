/**
 * Daily reconciliation of counter payments against the bank statement (pure: parsing and matching).
 *
 * POS and bank-transfer payments reach the collecting account one by one, with the receipt number as
 * the statement reference. Cash is banked once a day as one deposit whose reference is
 * `CASH-<yyyymmdd>`, so the day's cash receipts are matched as one total against it.
 */
import { parse } from 'csv-parse/sync';
import type { FieldProblem } from '../../../platform/errors/index.ts';
import { fenOf } from './money.ts';
import type { PaymentMethod, ReconciliationLine } from './store.ts';

export type StatementLine = { date: string; reference: string; amountFen: number };
export type ExpectedEntry = { reference: string; amountFen: number };

export const cashReference = (day: string) => `CASH-${day.replaceAll('-', '')}`;

/**
 * Reads `date,reference,amount` (a header line first; amount in yuan with at most two decimals). Every
 * line must be of the statement day and each reference appear once; otherwise the problems, by line.
 */
export function parseStatement(
  csv: string,
  statementDate: string,
): { lines: StatementLine[]; problems: FieldProblem[] } {
  let records: string[][];
  try {
    records = parse(csv, { skip_empty_lines: true, trim: true, relax_column_count: true }) as string[][];
  } catch (error) {
    return {
      lines: [],
      problems: [{ pointer: '/statementCsv', detail: `is not CSV: ${(error as Error).message}` }],
    };
  }
  const [header, ...rows] = records;
  if (header?.map((name) => name.toLowerCase()).join(',') !== 'date,reference,amount')
    return {
      lines: [],
      problems: [{ pointer: '/statementCsv', detail: 'must start with the header date,reference,amount' }],
    };
  const problems: FieldProblem[] = [];
  const lines: StatementLine[] = [];
  const seen = new Set<string>();
  rows.forEach((row, index) => {
    const at = `/statementCsv/lines/${index + 2}`;
    const [date, reference, amount] = row;
    if (row.length !== 3 || date === undefined || reference === undefined || amount === undefined) {
      problems.push({ pointer: at, detail: 'must have three fields: date, reference, amount' });
      return;
    }
    const amountFen = fenOf(amount);
    if (date !== statementDate)
      problems.push({ pointer: at, detail: `is dated ${date}, not ${statementDate}` });
    else if (reference.length === 0) problems.push({ pointer: at, detail: 'has no reference' });
    else if (amountFen === undefined || amountFen === 0)
      problems.push({ pointer: at, detail: `amount ${amount} is not a positive amount in yuan` });
    else if (seen.has(reference))
      problems.push({ pointer: at, detail: `repeats the reference ${reference}` });
    else {
      seen.add(reference);
      lines.push({ date, reference, amountFen });
    }
  });
  return { lines, problems };
}

/** What the statement of a day should show for the payments recorded on it. */
export function expectedEntries(
  day: string,
  payments: readonly { receiptNumber: string; amountFen: number; method: PaymentMethod }[],
): ExpectedEntry[] {
  const entries: ExpectedEntry[] = [];
  let cash = 0;
  for (const payment of payments) {
    if (payment.method === 'cash') cash += payment.amountFen;
    else entries.push({ reference: payment.receiptNumber, amountFen: payment.amountFen });
  }
  if (cash > 0) entries.push({ reference: cashReference(day), amountFen: cash });
  return entries;
}

/** Each expected entry and statement line exactly once: matched, missing, unexpected or amount-differs. */
export function matchStatement(
  expected: readonly ExpectedEntry[],
  statement: readonly StatementLine[],
): ReconciliationLine[] {
  const onStatement = new Map(statement.map((line) => [line.reference, line.amountFen]));
  const report: ReconciliationLine[] = [];
  for (const entry of expected) {
    const found = onStatement.get(entry.reference);
    onStatement.delete(entry.reference);
    report.push({
      reference: entry.reference,
      outcome: found === undefined ? 'missing' : found === entry.amountFen ? 'matched' : 'amount-differs',
      expectedFen: entry.amountFen,
      statementFen: found ?? null,
    });
  }
  for (const [reference, amountFen] of onStatement)
    report.push({ reference, outcome: 'unexpected', expectedFen: null, statementFen: amountFen });
  return report.sort((a, b) => a.reference.localeCompare(b.reference));
}
