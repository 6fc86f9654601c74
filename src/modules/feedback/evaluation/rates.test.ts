import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { rankByComposite, ratesOf } from './rates.ts';

const counts = fc
  .record({
    eligible: fc.integer({ min: 0, max: 500 }),
    responded: fc.integer({ min: 0, max: 500 }),
    resolved: fc.integer({ min: 0, max: 500 }),
    rated: fc.integer({ min: 0, max: 500 }),
    satisfied: fc.integer({ min: 0, max: 500 }),
  })
  .map((c) => ({
    eligible: c.eligible,
    responded: Math.min(c.responded, c.eligible),
    resolved: Math.min(c.resolved, c.eligible),
    rated: Math.min(c.rated, c.eligible),
    satisfied: Math.min(c.satisfied, c.rated, c.eligible),
  }));
const weight = fc.integer({ min: 0, max: 1000 }).map((n) => n / 100);
const weights = fc
  .record({ response: weight, resolution: weight, satisfaction: weight })
  .filter((w) => w.response + w.resolution + w.satisfaction > 0);

describe('rates of a unit', () => {
  it('computes the weighted mean of the rates that exist (hand example)', () => {
    // 4 counted, 3 answered, 2 resolved, 2 of 3 satisfied; weights 0.3/0.4/0.3 → 62.5.
    const rates = ratesOf(
      { eligible: 4, responded: 3, resolved: 2, rated: 3, satisfied: 2 },
      { response: 0.3, resolution: 0.4, satisfaction: 0.3 },
    );
    expect(rates).toMatchObject({
      responseRate: 0.75,
      resolutionRate: 0.5,
      satisfactionRate: 0.6667,
      composite: 62.5,
    });
  });

  it('leaves a rate nobody has given out of the composite instead of counting it as zero', () => {
    const rates = ratesOf(
      { eligible: 2, responded: 2, resolved: 1, rated: 0, satisfied: 0 },
      { response: 1, resolution: 1, satisfaction: 2 },
    );
    expect(rates.satisfactionRate).toBeNull();
    expect(rates.composite).toBe(75);
  });

  it('keeps every rate in 0–1 and the composite between the lowest and highest weighted rate', () => {
    fc.assert(
      fc.property(counts, weights, (c, w) => {
        const rates = ratesOf(c, w);
        const used = (
          [
            [rates.responseRate, w.response],
            [rates.resolutionRate, w.resolution],
            [rates.satisfactionRate, w.satisfaction],
          ] as const
        )
          .filter(([rate, part]) => rate !== null && part > 0)
          .map(([rate]) => (rate as number) * 100);
        for (const rate of [rates.responseRate, rates.resolutionRate, rates.satisfactionRate])
          if (rate !== null) expect(rate >= 0 && rate <= 1).toBe(true);
        if (used.length === 0) expect(rates.composite).toBeNull();
        else {
          expect(rates.composite).not.toBeNull();
          // Rates are rounded to 4 places and the composite to 2, hence the slack of 0.01 points.
          expect(rates.composite!).toBeGreaterThanOrEqual(Math.min(...used) - 0.01);
          expect(rates.composite!).toBeLessThanOrEqual(Math.max(...used) + 0.01);
        }
      }),
    );
  });
});

describe('ranking', () => {
  it('shares a rank between equal scores, leaves a gap after them, and puts the unscored last', () => {
    const rows = [
      { composite: 80 },
      { composite: 90 },
      { composite: null },
      { composite: 80 },
      { composite: 70 },
    ];
    const ranks = rankByComposite(rows);
    expect(rows.map((row) => ranks.get(row))).toEqual([2, 1, null, 2, 4]);
  });

  it('gives a higher score never a worse rank', () => {
    fc.assert(
      fc.property(
        fc.array(fc.option(fc.integer({ min: 0, max: 100 }), { nil: null }), { maxLength: 30 }),
        (scores) => {
          const rows = scores.map((composite) => ({ composite }));
          const ranks = rankByComposite(rows);
          for (const a of rows)
            for (const b of rows)
              if (a.composite !== null && b.composite !== null && a.composite > b.composite)
                expect(ranks.get(a)!).toBeLessThan(ranks.get(b)!);
        },
      ),
    );
  });
});
