/**
 * A seeded pseudo-random source, so that MinHash permutations and synthetic streams are the same on
 * every run and machine (Math.random cannot be seeded).
 */
export type Random = {
  /** Uniform in [0, 1). */
  next(): number;
  /** A uniform 32-bit unsigned integer. */
  nextUint32(): number;
  /** Uniform integer in [0, n). */
  int(n: number): number;
  pick<T>(items: readonly T[]): T;
  /** Standard normal deviate (Box–Muller). */
  normal(): number;
  /** Poisson deviate with mean `mean`. */
  poisson(mean: number): number;
};

/** SplitMix32: a small, well-mixed generator with a full 2^32 period over its state. */
export function createRandom(seed: number): Random {
  let state = seed >>> 0;
  function nextUint32(): number {
    state = (state + 0x9e3779b9) >>> 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  }
  function next(): number {
    return nextUint32() / 4294967296;
  }
  function poisson(mean: number): number {
    if (mean <= 0) return 0;
    if (mean > 60) {
      // Knuth's product method needs e^-mean to stay representable and costs O(mean) draws; the
      // normal approximation is accurate to a fraction of a request at this size.
      return Math.max(0, Math.round(mean + Math.sqrt(mean) * normal()));
    }
    const limit = Math.exp(-mean);
    let count = 0;
    let product = next();
    while (product > limit) {
      count += 1;
      product *= next();
    }
    return count;
  }
  function normal(): number {
    const u = 1 - next();
    const v = next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }
  return {
    next,
    nextUint32,
    int: (n) => Math.floor(next() * n),
    pick: (items) => {
      const item = items[Math.floor(next() * items.length)];
      if (item === undefined) throw new Error('pick from an empty list');
      return item;
    },
    normal,
    poisson,
  };
}
