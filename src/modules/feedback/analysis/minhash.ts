/**
 * MinHash signatures over word shingles, and LSH banding keys.
 *
 * Written here rather than taken from npm: the `minhash` package is a pre-1.0 release that has not
 * been maintained for years, and the MinHash in `bloom-filters` takes numeric elements under a fixed
 * maximum and offers no banding; what is needed (seeded hash family, word shingles, band keys) is a
 * few dozen lines.
 */
import { createRandom } from './random.ts';

export type MinHasher = {
  readonly permutations: number;
  /** The signature of a token sequence: for each hash function, the least hash over its shingles. */
  signature(tokens: readonly string[]): Uint32Array;
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
function mix32(value: number): number {
  let z = value >>> 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

/** Hashes of the distinct k-word shingles of a sequence; a sequence shorter than k is one shingle. */
export function shingleHashes(tokens: readonly string[], shingleSize: number): Set<number> {
  const hashes = new Set<number>();
  if (tokens.length === 0) return hashes;
  const size = Math.min(shingleSize, tokens.length);
  for (let start = 0; start + size <= tokens.length; start++) {
    // U+0001 cannot occur inside a token, so the joined shingle is unambiguous.
    hashes.add(hashString(tokens.slice(start, start + size).join('\u0001')));
  }
  return hashes;
}

/**
 * Hash function i is x ↦ mix32(x ⊕ seedᵢ) with seeds from a seeded generator: each is a
 * permutation of the 32-bit integers, so the minimum over a set is a uniform pick from it.
 */
export function createMinHasher(options: {
  permutations: number;
  shingleSize: number;
  seed: number;
}): MinHasher {
  const random = createRandom(options.seed);
  const seeds = Uint32Array.from({ length: options.permutations }, () => random.nextUint32());
  const permutations = options.permutations;
  return {
    permutations,
    signature(tokens) {
      return signatureOfSet(shingleHashes(tokens, options.shingleSize), seeds);
    },
  };
}

export function signatureOfSet(elements: Iterable<number>, seeds: Uint32Array): Uint32Array {
  const signature = new Uint32Array(seeds.length).fill(0xffffffff);
  for (const element of elements) {
    for (let i = 0; i < seeds.length; i++) {
      let z = (element ^ (seeds[i] as number)) >>> 0;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      z = (z ^ (z >>> 16)) >>> 0;
      if (z < (signature[i] as number)) signature[i] = z;
    }
  }
  return signature;
}

/** The share of positions where two signatures agree: an unbiased estimate of Jaccard similarity. */
export function estimateJaccard(a: Uint32Array, b: Uint32Array): number {
  let equal = 0;
  for (let i = 0; i < a.length; i++) if (a[i] === b[i]) equal += 1;
  return equal / a.length;
}

/** One key per band of `rows` consecutive signature positions; equal keys make a candidate pair. */
export function bandKeys(signature: Uint32Array, bands: number, rows: number): number[] {
  const keys: number[] = [];
  for (let band = 0; band < bands; band++) {
    let hash = 0x811c9dc5 ^ band;
    for (let row = 0; row < rows; row++) {
      hash = Math.imul(hash ^ (signature[band * rows + row] as number), 0x01000193);
    }
    keys.push(mix32(hash));
  }
  return keys;
}
