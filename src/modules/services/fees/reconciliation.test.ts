import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fenOf, yuanOf } from './money.ts';
import { cashReference, expectedEntries, matchStatement, parseStatement } from './reconciliation.ts';

describe('money', () => {
  it('turns fen into yuan and back without loss', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 99_999_999_999 }), (fen) => fenOf(yuanOf(fen)) === fen));
    expect(fenOf('12.5')).toBe(1250);
    expect(fenOf('0.05')).toBe(5);
    expect(fenOf('1.234')).toBeUndefined();
    expect(fenOf('01')).toBeUndefined();
  });
});

describe('reconciliation', () => {
  const reference = fc.stringMatching(/^[A-Z]-[0-9]{1,4}$/);
  const entries = fc.uniqueArray(
    fc.record({ reference, amountFen: fc.integer({ min: 1, max: 1_000_000 }) }),
    {
      selector: (entry) => entry.reference,
      maxLength: 30,
    },
  );

  it('reports every expected entry and statement line exactly once, and a faithful statement as all matched', () => {
    fc.assert(
      fc.property(entries, entries, (expected, statementEntries) => {
        const statement = statementEntries.map((entry) => ({ date: '2026-11-27', ...entry }));
        const report = matchStatement(expected, statement);
        const references = new Set([...expected, ...statement].map((entry) => entry.reference));
        expect(report.map((line) => line.reference).sort()).toEqual([...references].sort());
        const faithful = matchStatement(
          expected,
          expected.map((entry) => ({ date: '2026-11-27', ...entry })),
        );
        expect(faithful.every((line) => line.outcome === 'matched')).toBe(true);
      }),
    );
  });

  it('expects cash as one deposit of the day and other methods one by one', () => {
    const expected = expectedEntries('2026-11-27', [
      { receiptNumber: 'A-1', amountFen: 1000, method: 'cash' },
      { receiptNumber: 'A-2', amountFen: 250, method: 'cash' },
      { receiptNumber: 'A-3', amountFen: 4000, method: 'pos' },
    ]);
    expect(expected).toEqual([
      { reference: 'A-3', amountFen: 4000 },
      { reference: cashReference('2026-11-27'), amountFen: 1250 },
    ]);
  });

  it('refuses a statement without the header, with a repeated reference or a wrong day, by line', () => {
    expect(parseStatement('a,b,c\n', '2026-11-27').problems[0]?.pointer).toBe('/statementCsv');
    const parsed = parseStatement(
      'date,reference,amount\n2026-11-27,A-1,1.00\n2026-11-27,A-1,2.00\n2026-11-28,A-2,1.00\n2026-11-27,A-3',
      '2026-11-27',
    );
    expect(parsed.lines).toHaveLength(1);
    expect(parsed.problems.map((problem) => problem.pointer)).toEqual([
      '/statementCsv/lines/3',
      '/statementCsv/lines/4',
      '/statementCsv/lines/5',
    ]);
  });
});
