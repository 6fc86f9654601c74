import type { GeoPoint } from './geo.ts';
import { distanceMeters } from './geo.ts';
import { bandKeys, createMinHasher, estimateJaccard, hashString } from './minhash.ts';

export type DuplicateIndexOptions = {
  /**
   * Words per shingle. 1 by default: paraphrases of one complaint reorder their words (文三路128号门口
   * 路面有个大坑 / 路面有个大坑，在文三路128号附近), which breaks word pairs but keeps the word set.
   */
  shingleSize?: number;
  /** LSH bands × rows per band = signature length. */
  bands?: number;
  rows?: number;
  /** Least estimated Jaccard similarity for two requests to be the same matter. */
  threshold?: number;
  /** Two requests further apart in time than this are never the same matter; older entries are dropped. */
  windowMs?: number;
  /** When both requests carry a point, they match within this distance instead of by division. */
  maxDistanceMeters?: number;
  /** Seed of the MinHash family: the same seed gives the same groups on every run. */
  seed?: number;
};

export type DuplicateIndexRequest = {
  id: string;
  /** Milliseconds since the epoch. */
  at: number;
  divisionCode: string;
  point?: GeoPoint | null;
  /**
   * The request's category, when known: requests of different categories are never one matter, and
   * filing band keys per category keeps each request from meeting the whole district's requests.
   */
  category?: string | null;
  /** Normalised terms from the tokenizer. */
  tokens: readonly string[];
};

export type DuplicateMatch = {
  /** The group: the id of its first request. */
  groupId: string;
  /** The most similar earlier request of the group, or null when the request opens a new group. */
  duplicateOf: string | null;
  /** Estimated Jaccard similarity to `duplicateOf` (0 when none). */
  similarity: number;
};

export type DuplicateIndex = {
  add(request: DuplicateIndexRequest): DuplicateMatch;
  /** Requests held (those within the window of the latest time seen). */
  readonly size: number;
};

type Group = { id: string; firstAt: number; members: Set<Entry> };

type Entry = {
  id: string;
  at: number;
  divisionCode: string;
  point: GeoPoint | null;
  group: Group;
  signature: Uint32Array;
  /** The number of the last lookup that met this entry, so that each lookup weighs it once. */
  seenBy: number;
  /** The place keys and band keys the entry is filed under, to take it out again when it expires. */
  places: number[];
  bandKeys: number[];
};

export const DUPLICATE_INDEX_DEFAULTS = {
  shingleSize: 1,
  bands: 20,
  rows: 3,
  threshold: 0.5,
  windowMs: 7 * 24 * 3600_000,
  maxDistanceMeters: 300,
  seed: 0x5eed_12345,
} as const;

/** Degrees of latitude per metre; longitude cells are widened by 1/cos(latitude) below. */
const DEGREES_PER_METER = 1 / 111_195;

/**
 * An incremental near-duplicate index: each request is compared only with the earlier requests that
 * share an LSH band with it, are within the time window, and are in the same place (same division,
 * or within a distance when both have points). Band keys are filed per division and, for requests
 * with a point, per grid cell as wide as the distance, so that a request only meets candidates from
 * its own place (the 3 × 3 cells around it). When a request matches requests of two groups, the
 * groups merge under the older one's id. Memory is bounded by the window: entries older than the
 * window before the latest request seen are dropped, and a group lives only through its entries.
 */
export function createDuplicateIndex(options: DuplicateIndexOptions = {}): DuplicateIndex {
  const settings = { ...DUPLICATE_INDEX_DEFAULTS, ...options };
  const { bands, rows, threshold, windowMs, maxDistanceMeters } = settings;
  if (!Number.isInteger(bands) || !Number.isInteger(rows) || bands < 1 || rows < 1) {
    throw new RangeError('bands and rows must be positive integers');
  }
  if (!Number.isInteger(settings.shingleSize) || settings.shingleSize < 1) {
    throw new RangeError('shingleSize must be a positive integer');
  }
  if (!(threshold > 0 && threshold <= 1)) throw new RangeError('threshold must be in (0, 1]');
  const hasher = createMinHasher({
    permutations: bands * rows,
    shingleSize: settings.shingleSize,
    seed: settings.seed,
  });
  // Place key → (band, band key) → entries: a lookup first finds its few places, then searches
  // small per-place tables, which stay in cache where one table of every key would not.
  const buckets = new Map<number, Map<number, Entry[]>>();
  // Entries in arrival order; arrival times may be slightly out of order, so expiry uses the latest.
  const entries: Entry[] = [];
  let head = 0;
  let latestAt = Number.NEGATIVE_INFINITY;
  let lookups = 0;
  const cellDegrees = maxDistanceMeters * DEGREES_PER_METER;

  function isSamePlace(a: Entry, b: DuplicateIndexRequest): boolean {
    if (a.point && b.point) return distanceMeters(a.point, b.point) <= maxDistanceMeters;
    return a.divisionCode === b.divisionCode;
  }

  /** Bucket keys to file a request under (first) and to look candidates up in (all). */
  function placeKeys(request: DuplicateIndexRequest): { file: number[]; look: number[] } {
    const topic = request.category ?? '';
    const division = hashString(`d:${topic}:${request.divisionCode}`);
    if (!request.point) return { file: [division], look: [division] };
    const { longitude, latitude } = request.point;
    const widen = 1 / Math.max(Math.cos((latitude * Math.PI) / 180), 0.01);
    const x = Math.floor(longitude / (cellDegrees * widen));
    const y = Math.floor(latitude / cellDegrees);
    const look = [division];
    for (let dx = -1; dx <= 1; dx++) {
      for (let dy = -1; dy <= 1; dy++) look.push(hashString(`c:${topic}:${x + dx}:${y + dy}`));
    }
    return { file: [division, hashString(`c:${topic}:${x}:${y}`)], look };
  }

  function bucketKey(band: number, bandKey: number): number {
    // 30 bits keep the key a small integer, which V8 hashes in a Map faster than a heap number;
    // a rare collision only adds a candidate that the similarity check then drops.
    return (Math.imul(bandKey ^ Math.imul(band + 1, 0x27d4eb2f), 0x85ebca6b) >>> 2) & 0x3fffffff;
  }

  function expire(): void {
    while (head < entries.length && (entries[head] as Entry).at < latestAt - windowMs) {
      const old = entries[head] as Entry;
      head += 1;
      old.group.members.delete(old);
      for (const placeKey of old.places) {
        const table = buckets.get(placeKey);
        if (!table) continue;
        for (const key of old.bandKeys) {
          const bucket = table.get(key);
          if (!bucket) continue;
          const kept = bucket.filter((entry) => entry !== old);
          if (kept.length === 0) table.delete(key);
          else table.set(key, kept);
        }
        if (table.size === 0) buckets.delete(placeKey);
      }
    }
    // Compact the queue now and then so the array does not grow with everything ever seen.
    if (head > 4096 && head * 2 > entries.length) {
      entries.splice(0, head);
      head = 0;
    }
  }

  function merge(into: Group, from: Group): void {
    for (const member of from.members) {
      member.group = into;
      into.members.add(member);
    }
    from.members.clear();
  }

  return {
    get size() {
      return entries.length - head;
    },
    add(request) {
      latestAt = Math.max(latestAt, request.at);
      expire();
      const signature = hasher.signature(request.tokens);
      const keys = bandKeys(signature, bands, rows).map((key, band) => bucketKey(band, key));
      const place = placeKeys(request);
      let best: Entry | null = null;
      let bestSimilarity = 0;
      const matchedGroups = new Set<Group>();
      lookups += 1;
      for (const placeKey of place.look) {
        const table = buckets.get(placeKey);
        if (!table) continue;
        for (const key of keys) {
          const bucket = table.get(key);
          if (!bucket) continue;
          for (const candidate of bucket) {
            if (candidate.seenBy === lookups) continue;
            candidate.seenBy = lookups;
            if (Math.abs(candidate.at - request.at) > windowMs || !isSamePlace(candidate, request)) continue;
            const similarity = estimateJaccard(signature, candidate.signature);
            if (similarity < threshold) continue;
            matchedGroups.add(candidate.group);
            if (similarity > bestSimilarity) {
              best = candidate;
              bestSimilarity = similarity;
            }
          }
        }
      }
      const chosen = best as Entry | null;
      let group: Group = { id: request.id, firstAt: request.at, members: new Set() };
      if (matchedGroups.size > 0) {
        // The group whose first request came first keeps its id, so ids already handed out stay valid for it.
        const ordered = [...matchedGroups].sort((a, b) => a.firstAt - b.firstAt || (a.id < b.id ? -1 : 1));
        group = ordered[0] as Group;
        for (const other of ordered.slice(1)) merge(group, other);
      }
      const entry: Entry = {
        id: request.id,
        at: request.at,
        divisionCode: request.divisionCode,
        point: request.point ?? null,
        group,
        signature,
        seenBy: lookups,
        places: place.file,
        bandKeys: keys,
      };
      if (request.at >= latestAt - windowMs) {
        group.members.add(entry);
        entries.push(entry);
        for (const placeKey of place.file) {
          let table = buckets.get(placeKey);
          if (!table) {
            table = new Map();
            buckets.set(placeKey, table);
          }
          for (const key of keys) {
            const bucket = table.get(key);
            if (bucket) bucket.push(entry);
            else table.set(key, [entry]);
          }
        }
      }
      return {
        groupId: group.id,
        duplicateOf: chosen ? chosen.id : null,
        similarity: chosen ? bestSimilarity : 0,
      };
    },
  };
}
