/**
 * MinHash signatures over word shingles, and LSH banding keys.
 *
 * Written here rather than taken from npm: the `minhash` package is a pre-1.0 release that has not
 * been maintained for years, and the MinHash in `bloom-filters` takes numeric elements under a fixed
 * maximum and offers no banding; what is needed (seeded hash family, word shingles, band keys) is a
 * few dozen lines.
 *
 * Everything here works on 32-bit integers in typed arrays: each term is hashed once, shingles are
 * combined from the term hashes (no joined strings), and a hasher reuses its scratch arrays, so that
 * signing a request allocates nothing but the signature it returns.
 */
import { createRandom } from './random.ts';

export type MinHasher = {
  readonly permutations: number;
  /** The distinct hashes of a token sequence's shingles, sorted ascending (a fresh array). */
  shingleSet(tokens: readonly string[]): Uint32Array;
  /**
   * The signature of a shingle set: for each hash function, the least hash over the set. Written into
   * `into` when given (of length `permutations`), so that a caller can reuse one array.
   */
  signature(shingles: Uint32Array, into?: Uint32Array): Uint32Array;
};

/** FNV-1a over UTF-16 code units, with a final avalanche so that close strings land far apart. */
export function hashString(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  }
  return mix32(hash);
}

/** The murmur3 finaliser: a bijection on 32-bit integers with full avalanche. */
export function mix32(value: number): number {
  let z = value >>> 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

/**
 * Writes the hashes of the k-word shingles of a sequence into `into` (a sequence shorter than k is one
 * shingle) and returns how many there are. A shingle's hash is FNV over its terms' hashes, so a term
 * is hashed once however many shingles hold it. Repeated shingles are written again: a minimum does
 * not change when an element repeats, so they need not be removed.
 */
export function shingleHashesInto(tokens: readonly string[], shingleSize: number, into: Uint32Array): number {
  const count = tokens.length;
  if (count === 0) return 0;
  for (let i = 0; i < count; i++) into[i] = hashString(tokens[i] as string);
  const size = Math.min(shingleSize, count);
  if (size === 1) return count;
  // In place: shingle `start` reads only the term hashes at start … start + size − 1.
  const shingles = count - size + 1;
  for (let start = 0; start < shingles; start++) {
    let hash = 0x811c9dc5;
    for (let offset = 0; offset < size; offset++) {
      hash = Math.imul(hash ^ (into[start + offset] as number), 0x01000193);
    }
    into[start] = mix32(hash);
  }
  return shingles;
}

/**
 * Hash function i is x ↦ aᵢ·x + bᵢ (mod 2³²) with odd aᵢ and any bᵢ from a seeded generator: each is a
 * permutation of the 32-bit integers, and since the elements are already well-mixed hashes, the
 * minimum over a set is a near-uniform pick from it (the Jaccard test checks the estimate). Two
 * integer operations per element and function, where a full mixer per pair cost three times as much.
 */
export function createMinHasher(options: {
  permutations: number;
  shingleSize: number;
  seed: number;
}): MinHasher {
  const random = createRandom(options.seed);
  const seeds = Uint32Array.from({ length: options.permutations * 2 }, () => random.nextUint32());
  const { permutations, shingleSize } = options;
  let scratch = new Uint32Array(64);
  return {
    permutations,
    shingleSet(tokens) {
      if (scratch.length < tokens.length) scratch = new Uint32Array(tokens.length * 2);
      const count = shingleHashesInto(tokens, shingleSize, scratch);
      const sorted = scratch.subarray(0, count).sort();
      let distinct = 0;
      for (let i = 0; i < count; i++) {
        if (i === 0 || sorted[i] !== sorted[i - 1]) sorted[distinct++] = sorted[i] as number;
      }
      return sorted.slice(0, distinct);
    },
    signature(shingles, into = new Uint32Array(permutations)) {
      return signatureInto(shingles, shingles.length, seeds, into);
    },
  };
}

/**
 * The signature of the first `count` elements of `elements` (distinct or not) under `seeds` (aᵢ, bᵢ
 * pairs, so twice the signature's length), written into `into`.
 */
export function signatureInto(
  elements: ArrayLike<number>,
  count: number,
  seeds: Uint32Array,
  into: Uint32Array,
): Uint32Array {
  for (let i = 0; i < into.length; i++) {
    const multiplier = (seeds[2 * i] as number) | 1;
    const offset = seeds[2 * i + 1] as number;
    let least = 0xffffffff;
    for (let j = 0; j < count; j++) {
      const z = (Math.imul(elements[j] as number, multiplier) + offset) >>> 0;
      if (z < least) least = z;
    }
    into[i] = least;
  }
  return into;
}

/** Jaccard similarity of two sets given as sorted arrays of distinct hashes (from `shingleSet`). */
export function jaccard(a: Uint32Array, b: Uint32Array): number {
  if (a.length === 0 && b.length === 0) return 1;
  let i = 0;
  let j = 0;
  let shared = 0;
  while (i < a.length && j < b.length) {
    const x = a[i] as number;
    const y = b[j] as number;
    if (x === y) {
      shared += 1;
      i += 1;
      j += 1;
    } else if (x < y) i += 1;
    else j += 1;
  }
  return shared / (a.length + b.length - shared);
}

/** The share of positions where two signatures agree: an unbiased estimate of Jaccard similarity. */
export function estimateJaccard(a: Uint32Array, b: Uint32Array): number {
  let equal = 0;
  for (let i = 0; i < a.length; i++) if (a[i] === b[i]) equal += 1;
  return equal / a.length;
}

/**
 * Writes one key per band of `rows` consecutive signature positions into `into`; equal keys make a
 * candidate pair. The band number is mixed in, so equal rows in different bands give different keys.
 */
export function bandKeysInto(signature: Uint32Array, bands: number, rows: number, into: Uint32Array): void {
  for (let band = 0; band < bands; band++) {
    let hash = 0x811c9dc5 ^ band;
    for (let row = 0; row < rows; row++) {
      hash = Math.imul(hash ^ (signature[band * rows + row] as number), 0x01000193);
    }
    into[band] = mix32(hash);
  }
}
