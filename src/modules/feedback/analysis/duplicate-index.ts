import type { GeoPoint } from './geo.ts';
import { distanceMeters } from './geo.ts';
import { createIntTable } from './int-table.ts';
import { bandKeysInto, createMinHasher, hashString, jaccard, mix32 } from './minhash.ts';

export type DuplicateIndexOptions = {
  /**
   * Words per shingle. 1 by default: paraphrases of one complaint reorder their words (文三路128号门口
   * 路面有个大坑 / 路面有个大坑，在文三路128号附近), which breaks word pairs but keeps the word set.
   */
  shingleSize?: number;
  /**
   * LSH bands × rows per band = MinHash signature length. The signature only picks candidates; their
   * similarity is then computed exactly on the shingle sets. So few, short bands: each band is a table
   * lookup per place, and a false candidate only costs a short merge of two sorted arrays.
   * 6 × 1 makes a pair at Jaccard 0.5 a candidate with probability 1 − 0.5⁶ ≈ 0.98 (20 × 3: 0.93).
   */
  bands?: number;
  rows?: number;
  /** Least Jaccard similarity of their shingle sets for two requests to be the same matter. */
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
  /**
   * The group this request was given before, when an index is rebuilt from stored results: if it
   * opens a group again (its group's first request fell outside the rebuilt window), the group keeps
   * that id, so requests that join it later get the id already stored for their fellows.
   */
  knownGroupId?: string | null;
};

export type DuplicateMatch = {
  /** The group: the id of its first request. */
  groupId: string;
  /** The most similar earlier request of the group, or null when the request opens a new group. */
  duplicateOf: string | null;
  /** Jaccard similarity to `duplicateOf` (0 when none). */
  similarity: number;
  /** Groups this request joined together, whose ids now stand for `groupId` (empty almost always). */
  mergedGroupIds: readonly string[];
};

export type DuplicateIndex = {
  add(request: DuplicateIndexRequest): DuplicateMatch;
  /** Requests held (those within the window of the latest time seen). */
  readonly size: number;
};

/** Shared by the (almost all) matches that merge nothing, so a match allocates no array. */
const NO_MERGES: readonly string[] = Object.freeze([]);

/**
 * A near-duplicate group as a union-find node: a group merged into another points at it, and the
 * root's id is the group's id. Entries keep the node they joined and find the root when asked.
 */
type Group = { id: string; firstAt: number; parent: Group | null };

/** What the index keeps of a request besides its postings (those live in typed arrays). */
type Entry = {
  id: string;
  at: number;
  divisionCode: string;
  category: string;
  point: GeoPoint | null;
  group: Group;
  /** The number of the last lookup that met this entry, so that each lookup weighs it once. */
  seenBy: number;
  /** Sorted distinct hashes of the request's shingles. */
  shingles: Uint32Array;
  /** How many bucket keys the entry is filed under (one place or two, times the bands). */
  keyCount: number;
};

export const DUPLICATE_INDEX_DEFAULTS = {
  shingleSize: 1,
  bands: 6,
  rows: 1,
  threshold: 0.5,
  windowMs: 7 * 24 * 3600_000,
  maxDistanceMeters: 300,
  seed: 0x5eed_12345,
} as const;

/** Degrees of latitude per metre on the sphere `distanceMeters` uses, with a little slack for rounding. */
const DEGREES_PER_METER = (180 / (Math.PI * 6_371_008.8)) * 1.001;

/** Kinds of place a request is filed under; mixed into the place hash so that they never meet. */
const PLACE_DIVISION = 1;
const PLACE_DIVISION_WITH_POINTS = 2;
const PLACE_CELL = 3;

function combine(a: number, b: number): number {
  return mix32(Math.imul(a ^ 0x9e3779b9, 0x01000193) ^ b);
}

/** How much wider than tall (in degrees) a stretch of ground is at a latitude: 1 / cos(latitude). */
function widening(latitude: number): number {
  return 1 / Math.max(Math.cos((Math.min(Math.abs(latitude), 90) * Math.PI) / 180), 0.01);
}

function root(group: Group): Group {
  let top = group;
  while (top.parent) top = top.parent;
  // Path compression: later lookups from this node take one step.
  let node = group;
  while (node.parent && node.parent !== top) {
    const next: Group = node.parent;
    node.parent = top;
    node = next;
  }
  return top;
}

/**
 * An incremental near-duplicate index: each request is compared only with the earlier requests that
 * share an LSH band with it, are within the time window, and are in the same place (same category;
 * same division, or within a distance when both have points). When a request matches requests of two
 * groups, the groups merge under the older one's id. Memory is bounded by the window: entries older
 * than the window before the latest request seen are dropped, and a group lives only through them.
 *
 * Band keys are filed per place, so a lookup meets only candidates from its own place:
 * - a request without a point under its division (D);
 * - a request with a point under the grid cell holding it (C) and its division's pointed requests (P).
 * A request with a point looks in D and the cells within the distance around it (2 × 2 cells as wide as
 * twice the distance, usually); one without looks in D and P. Place and band key fold into one 30-bit
 * integer key (in an open-addressing table of typed arrays); a rare collision only adds a candidate that the place and
 * similarity checks then drop.
 *
 * Storage is built for a steady stream with little garbage: live entries sit in a ring of slots, and
 * each bucket is a chain of postings (entry slot × key number)
 * linked newest to oldest through typed arrays, so that the map holds only the newest posting's
 * number per key. A link records the sequence number of the entry it points to; a link whose slot has
 * since expired (or been reused) ends the chain, because everything after it is older still.
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
  if (!(maxDistanceMeters > 0)) throw new RangeError('maxDistanceMeters must be positive');
  const permutations = bands * rows;
  const hasher = createMinHasher({ permutations, shingleSize: settings.shingleSize, seed: settings.seed });
  // A posting number is slot × keysPerSlot + key number: room for two places' band keys per slot.
  const keysPerSlot = 2 * bands;
  const slotOf = (posting: number): number => (posting / keysPerSlot) | 0;

  // The ring: sequence number s lives in slot s mod capacity while it is live (head ≤ s < next).
  let capacity = 1024;
  let entries: (Entry | undefined)[] = new Array(capacity);
  let slotSequence = new Float64Array(capacity);
  let postingKey = new Uint32Array(capacity * keysPerSlot);
  let postingNext = new Int32Array(capacity * keysPerSlot);
  let postingNextSequence = new Float64Array(capacity * keysPerSlot);
  /** Bucket key → the newest posting filed under it. */
  const heads = createIntTable(1 << 14);
  let headSequence = 0;
  let nextSequence = 0;
  let latestAt = Number.NEGATIVE_INFINITY;
  let lookups = 0;

  const signature = new Uint32Array(permutations);
  const bandKeys = new Uint32Array(bands);
  const filePlaces = [0, 0];
  const reachDegrees = maxDistanceMeters * DEGREES_PER_METER;
  const cellDegrees = 2 * reachDegrees;

  /** Cell rows are cellDegrees tall; a row's cells are as wide as that ground is at its poleward edge. */
  function cellWidth(row: number): number {
    const poleward = Math.max(Math.abs(row * cellDegrees), Math.abs((row + 1) * cellDegrees));
    return cellDegrees * widening(poleward);
  }

  function bucketKey(place: number, band: number): number {
    return mix32(place ^ (bandKeys[band] as number)) >>> 2;
  }

  function isSamePlace(entry: Entry, request: DuplicateIndexRequest, category: string): boolean {
    if (entry.category !== category) return false;
    if (entry.point && request.point) return distanceMeters(entry.point, request.point) <= maxDistanceMeters;
    return entry.divisionCode === request.divisionCode;
  }

  /** Links the slot's postings at the front of their buckets; its keys are already in postingKey. */
  function file(slot: number, sequence: number, keyCount: number): void {
    // Set first: a key collision among the slot's own keys links the slot to itself.
    slotSequence[slot] = sequence;
    for (let k = 0; k < keyCount; k++) {
      const posting = slot * keysPerSlot + k;
      const key = postingKey[posting] as number;
      const previous = heads.get(key);
      if (previous < 0) {
        postingNext[posting] = -1;
      } else {
        postingNext[posting] = previous;
        postingNextSequence[posting] = slotSequence[slotOf(previous)] as number;
      }
      heads.set(key, posting);
    }
  }

  /** Doubles the ring when every slot is live, moving the live entries and refiling them in order. */
  function grow(): void {
    const old = { entries, slotSequence, postingKey, oldCapacity: capacity };
    capacity *= 2;
    entries = new Array(capacity);
    slotSequence = new Float64Array(capacity);
    postingKey = new Uint32Array(capacity * keysPerSlot);
    postingNext = new Int32Array(capacity * keysPerSlot);
    postingNextSequence = new Float64Array(capacity * keysPerSlot);
    heads.clear();
    for (let sequence = headSequence; sequence < nextSequence; sequence++) {
      const from = sequence % old.oldCapacity;
      const to = sequence % capacity;
      const entry = old.entries[from] as Entry;
      entries[to] = entry;
      postingKey.set(
        old.postingKey.subarray(from * keysPerSlot, from * keysPerSlot + entry.keyCount),
        to * keysPerSlot,
      );
      file(to, sequence, entry.keyCount);
    }
  }

  function expire(): void {
    const cutoff = latestAt - windowMs;
    while (headSequence < nextSequence) {
      const slot = headSequence % capacity;
      const old = entries[slot] as Entry;
      if (old.at >= cutoff) break;
      // A bucket whose newest posting is this entry's holds nothing live any more.
      for (let k = 0; k < old.keyCount; k++) {
        const posting = slot * keysPerSlot + k;
        const key = postingKey[posting] as number;
        if (heads.get(key) === posting) heads.delete(key);
      }
      entries[slot] = undefined;
      headSequence += 1;
    }
  }

  return {
    get size() {
      return nextSequence - headSequence;
    },
    add(request) {
      latestAt = Math.max(latestAt, request.at);
      expire();
      const shingles = hasher.shingleSet(request.tokens);
      hasher.signature(shingles, signature);
      bandKeysInto(signature, bands, rows, bandKeys);
      const category = request.category ?? '';
      const topic = hashString(category);
      const division = hashString(request.divisionCode);
      const divisionPlace = combine(combine(topic, PLACE_DIVISION), division);
      const pointedPlace = combine(combine(topic, PLACE_DIVISION_WITH_POINTS), division);
      lookups += 1;
      let best: Entry | null = null;
      let bestSimilarity = 0;
      let matched: Group[] | null = null;

      const search = (place: number): void => {
        for (let band = 0; band < bands; band++) {
          let posting = heads.get(bucketKey(place, band));
          while (posting >= 0) {
            const slot = slotOf(posting);
            const candidate = entries[slot] as Entry;
            if (candidate.seenBy !== lookups) {
              candidate.seenBy = lookups;
              if (
                Math.abs(candidate.at - request.at) <= windowMs &&
                isSamePlace(candidate, request, category)
              ) {
                const similarity = jaccard(shingles, candidate.shingles);
                if (similarity >= threshold) {
                  const group = root(candidate.group);
                  candidate.group = group;
                  matched ??= [];
                  if (!matched.includes(group)) matched.push(group);
                  if (similarity > bestSimilarity) {
                    best = candidate;
                    bestSimilarity = similarity;
                  }
                }
              }
            }
            const next = postingNext[posting] as number;
            if (next < 0) break;
            const nextSlotSequence = postingNextSequence[posting] as number;
            // The chain ends where its next entry has expired: its slot is gone or holds a newer entry.
            if (nextSlotSequence < headSequence || slotSequence[slotOf(next)] !== nextSlotSequence) break;
            posting = next;
          }
        }
      };

      search(divisionPlace);
      const point = request.point ?? null;
      let placeCount = 1;
      if (point) {
        const cellTopic = combine(topic, PLACE_CELL);
        const reachLongitude = reachDegrees * widening(Math.abs(point.latitude) + reachDegrees);
        const lastRow = Math.floor((point.latitude + reachDegrees) / cellDegrees);
        for (let row = Math.floor((point.latitude - reachDegrees) / cellDegrees); row <= lastRow; row++) {
          const width = cellWidth(row);
          const lastColumn = Math.floor((point.longitude + reachLongitude) / width);
          for (
            let column = Math.floor((point.longitude - reachLongitude) / width);
            column <= lastColumn;
            column++
          ) {
            search(combine(combine(cellTopic, column), row));
          }
        }
        const ownRow = Math.floor(point.latitude / cellDegrees);
        filePlaces[0] = combine(combine(cellTopic, Math.floor(point.longitude / cellWidth(ownRow))), ownRow);
        filePlaces[1] = pointedPlace;
        placeCount = 2;
      } else {
        search(pointedPlace);
        filePlaces[0] = divisionPlace;
      }

      const chosen = best as Entry | null;
      let group: Group;
      const groups = matched as Group[] | null;
      if (groups) {
        // The group whose first request came first keeps its id, so ids already handed out stay valid for it.
        groups.sort((a, b) => a.firstAt - b.firstAt || (a.id < b.id ? -1 : 1));
        group = groups[0] as Group;
        for (let n = 1; n < groups.length; n++) (groups[n] as Group).parent = group;
      } else {
        group = { id: request.knownGroupId ?? request.id, firstAt: request.at, parent: null };
      }
      if (request.at >= latestAt - windowMs) {
        if (nextSequence - headSequence === capacity) grow();
        const sequence = nextSequence;
        nextSequence += 1;
        const slot = sequence % capacity;
        const keyCount = placeCount * bands;
        entries[slot] = {
          id: request.id,
          at: request.at,
          divisionCode: request.divisionCode,
          category,
          point,
          group,
          seenBy: lookups,
          shingles,
          keyCount,
        };
        for (let p = 0; p < placeCount; p++) {
          for (let band = 0; band < bands; band++) {
            postingKey[slot * keysPerSlot + p * bands + band] = bucketKey(filePlaces[p] as number, band);
          }
        }
        file(slot, sequence, keyCount);
      }
      return {
        groupId: group.id,
        duplicateOf: chosen ? chosen.id : null,
        similarity: chosen ? bestSimilarity : 0,
        mergedGroupIds: groups && groups.length > 1 ? groups.slice(1).map((merged) => merged.id) : NO_MERGES,
      };
    },
  };
}
