/**
 * Kleinberg's two-state burst automaton for batched arrivals ("Bursty and Hierarchical Structure in
 * Streams", 2002, §4), run online: each closed time bin brings r requests of one key among d requests
 * in all. The base state emits at the key's usual share p₀, the burst state at s·p₀; entering the burst
 * state costs γ·ln(n), leaving it is free. The state reported after each bin is the last state of the
 * cheapest path so far (forward Viterbi), so a burst is seen as it happens, without hindsight.
 *
 * Shares rather than counts make the model indifferent to the daily rhythm of the whole stream.
 */
export type BurstOptions = {
  /** s: how many times its usual share a key must take to be in a burst. */
  scale: number;
  /** γ: the cost of entering a burst, in units of ln(horizon bins). */
  gamma: number;
  /** n in γ·ln(n): the number of bins the cost is calibrated for (a month of hours by default). */
  horizonBins: number;
};

export type BurstState = {
  /** Cheapest cost of a path ending in the base state, relative to the cheaper of the two. */
  baseCost: number;
  burstCost: number;
  /** Requests of the key and of the whole stream in bins spent in the base state (the baseline). */
  baseCount: number;
  baseTotal: number;
  isBursting: boolean;
};

export function newBurstState(totalSoFar: number): BurstState {
  // A key first seen now had no requests in every earlier bin: its baseline starts from them.
  return {
    baseCost: 0,
    burstCost: Number.POSITIVE_INFINITY,
    baseCount: 0,
    baseTotal: totalSoFar,
    isBursting: false,
  };
}

/** The key's usual share, with half a request of prior so that a share is never 0 or 1. */
export function baselineShare(state: BurstState): number {
  return (state.baseCount + 0.5) / (state.baseTotal + 1);
}

function emissionCost(count: number, total: number, share: number): number {
  // −ln of the binomial likelihood without the binomial coefficient, which both states share.
  return -(count * Math.log(share) + (total - count) * Math.log1p(-share));
}

/** Advances one key by one closed bin with `count` of its requests among `total`. Mutates `state`. */
export function updateBurst(state: BurstState, count: number, total: number, options: BurstOptions): void {
  const p0 = baselineShare(state);
  const p1 = Math.min(options.scale * p0, 0.9999);
  const enterCost = options.gamma * Math.log(options.horizonBins);
  const base = Math.min(state.baseCost, state.burstCost) + emissionCost(count, total, p0);
  const burst = Math.min(state.baseCost + enterCost, state.burstCost) + emissionCost(count, total, p1);
  const least = Math.min(base, burst);
  state.baseCost = base - least;
  state.burstCost = burst - least;
  state.isBursting = burst < base;
  if (!state.isBursting) {
    state.baseCount += count;
    state.baseTotal += total;
  }
}
