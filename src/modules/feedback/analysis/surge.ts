/**
 * An EWMA z-score surge detector: the key's share of the stream is tracked as an exponentially
 * weighted moving average, and a bin surges when its count stands more than `threshold` binomial
 * standard deviations above the count that share predicts. Bins in a surge do not move the average,
 * so a long surge does not teach the detector that it is normal.
 */
export type SurgeOptions = {
  /** Weight of the newest bin in the moving average (0–1). */
  alpha: number;
  /** z at which a bin surges. */
  threshold: number;
  /** z under which a surge ends. */
  exitThreshold: number;
  /** Fewest requests in a bin for it to surge (a single request is never a surge). */
  minCount: number;
};

export type SurgeState = { share: number; isSurging: boolean; lastZ: number };

export function newSurgeState(initialShare: number): SurgeState {
  return { share: initialShare, isSurging: false, lastZ: 0 };
}

/** Advances one key by one closed bin. Mutates `state`. */
export function updateSurge(state: SurgeState, count: number, total: number, options: SurgeOptions): void {
  const expected = state.share * total;
  // A floor on the variance keeps a key with a tiny share from surging on every lone request.
  const variance = Math.max(expected * (1 - state.share), 0.25);
  const z = (count - expected) / Math.sqrt(variance);
  state.lastZ = z;
  if (state.isSurging) state.isSurging = z >= options.exitThreshold;
  else state.isSurging = z >= options.threshold && count >= options.minCount;
  if (!state.isSurging && total > 0) {
    state.share += options.alpha * (count / total - state.share);
  }
}
