import type { SchemeRow, UnitMonthCounts } from './store.ts';

export type Weights = { response: number; resolution: number; satisfaction: number };

export type UnitRates = {
  eligible: number;
  responded: number;
  resolved: number;
  rated: number;
  satisfied: number;
  /** Shares 0–1, four decimals; satisfaction is null when nobody rated. */
  responseRate: number | null;
  resolutionRate: number | null;
  satisfactionRate: number | null;
  /** 0–100, two decimals: the weighted mean of the rates that exist. */
  composite: number | null;
};

export function weightsOf(scheme: SchemeRow): Weights {
  return {
    response: Number(scheme.weight_response),
    resolution: Number(scheme.weight_resolution),
    satisfaction: Number(scheme.weight_satisfaction),
  };
}

const round = (value: number, places: number) => Math.round(value * 10 ** places) / 10 ** places;
const share = (part: number, whole: number) => (whole === 0 ? null : part / whole);

/**
 * The rates of one unit in one month and their composite. A rate with no requests behind it (no
 * rating yet) is left out of the composite and the other weights share its place, so a unit is not
 * scored zero for what citizens have not yet said.
 */
export function ratesOf(counts: Omit<UnitMonthCounts, 'unit' | 'month'>, weights: Weights): UnitRates {
  const rates = {
    response: share(counts.responded, counts.eligible),
    resolution: share(counts.resolved, counts.eligible),
    satisfaction: share(counts.satisfied, counts.rated),
  };
  let weighted = 0;
  let weightSum = 0;
  for (const part of ['response', 'resolution', 'satisfaction'] as const) {
    const rate = rates[part];
    if (rate === null || weights[part] === 0) continue;
    weighted += weights[part] * rate;
    weightSum += weights[part];
  }
  return {
    eligible: counts.eligible,
    responded: counts.responded,
    resolved: counts.resolved,
    rated: counts.rated,
    satisfied: counts.satisfied,
    responseRate: rates.response === null ? null : round(rates.response, 4),
    resolutionRate: rates.resolution === null ? null : round(rates.resolution, 4),
    satisfactionRate: rates.satisfaction === null ? null : round(rates.satisfaction, 4),
    composite: weightSum === 0 ? null : round((100 * weighted) / weightSum, 2),
  };
}

/**
 * Competition ranking by composite, highest first (equal scores share a rank: 1, 2, 2, 4); units
 * without a composite come last, unranked.
 */
export function rankByComposite<T extends { composite: number | null }>(
  rows: readonly T[],
): Map<T, number | null> {
  const ranks = new Map<T, number | null>();
  const scored = rows.filter((row) => row.composite !== null).sort((a, b) => b.composite! - a.composite!);
  scored.forEach((row, index) => {
    const previous = scored[index - 1];
    ranks.set(
      row,
      previous && previous.composite === row.composite ? (ranks.get(previous) as number) : index + 1,
    );
  });
  for (const row of rows) if (row.composite === null) ranks.set(row, null);
  return ranks;
}
