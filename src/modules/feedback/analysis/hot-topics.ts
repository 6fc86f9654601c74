import { pathOfCode } from '../../identity/index.ts';
import { type BurstOptions, type BurstState, baselineShare, newBurstState, updateBurst } from './burst.ts';
import type { GeoPoint } from './geo.ts';
import { type TermScore, topTermsByLogOdds } from './keywords.ts';
import { newSurgeState, type SurgeOptions, type SurgeState, updateSurge } from './surge.ts';
import { NUMBER_TOKEN } from './tokenizer.ts';

export type HotTopicRequest = {
  id: string;
  /** Milliseconds since the epoch. */
  at: number;
  category: string;
  divisionCode: string;
  point?: GeoPoint | null;
  tokens: readonly string[];
  /** The near-duplicate group from the duplicate index, when the caller has one. */
  groupId?: string | null;
};

export type HotTopicKey =
  | { kind: 'category-place'; category: string; divisionCode: string }
  | { kind: 'duplicate-group'; groupId: string };

export type HotTopicAlert = {
  /** Stable: the key and the start of the first hot bin. */
  id: string;
  key: HotTopicKey;
  /** The most frequent category among the requests of the alert. */
  category: string;
  /** Which detectors found the key hot during the alert. */
  detectors: ('burst' | 'surge')[];
  /** Start of the first hot bin (ms). */
  startAt: number;
  /** End of the last hot bin (ms); null while the alert is still open. */
  endAt: number | null;
  /** Requests of the key during the hot bins. */
  count: number;
  /** Requests per bin from a few bins before the start to the latest hot bin. */
  trend: { binStart: number; count: number }[];
  /** Terms of the alert's requests against the key's baseline, highest log-odds z first. */
  keywords: TermScore[];
  extent: {
    divisions: string[];
    /** [west, south, east, north] of the requests that had points, or null when none had. */
    boundingBox: [number, number, number, number] | null;
  };
  /** The smallest division that covers every request of the alert: the level that should answer. */
  responsibleDivision: string;
  sampleRequestIds: string[];
};

export type HotTopicChange = { change: 'opened' | 'updated' | 'closed'; alert: HotTopicAlert };

export type HotTopicOptions = {
  /** Width of a time bin (ms); one hour by default. */
  binMs?: number;
  burst?: Partial<BurstOptions>;
  surge?: Partial<SurgeOptions>;
  /** Fewest requests a hot period needs before it is reported. */
  minAlertCount?: number;
  /** Bins before the start shown in an alert's trend. */
  trendContextBins?: number;
  keywordCount?: number;
  sampleCount?: number;
  /** A duplicate group is watched once it has this many requests. */
  minGroupSize?: number;
  /** A quiet duplicate group is forgotten after this many bins without a request. */
  groupIdleBins?: number;
  /** Bins from the first request before any alert (baselines still forming). */
  warmUpBins?: number;
};

export type HotTopicDetector = {
  /** Adds one request; closing the bins before it may open, update or close alerts. */
  add(request: HotTopicRequest): HotTopicChange[];
  /** Closes every bin that ends at or before `at` (call on a timer when requests are few). */
  advanceTo(at: number): HotTopicChange[];
  /** Every reported alert, open and closed, oldest first. */
  alerts(): HotTopicAlert[];
};

type OpenPeriod = {
  startBin: number;
  /** The bin of the trend's first count (the context before the start). */
  trendStartBin: number;
  count: number;
  detectors: Set<'burst' | 'surge'>;
  terms: Map<string, number>;
  categories: Map<string, number>;
  divisions: Set<string>;
  box: [number, number, number, number] | null;
  samples: string[];
  trend: number[];
  alert: HotTopicAlert | null;
};

type KeyState = {
  key: HotTopicKey;
  name: string;
  burst: BurstState;
  surge: SurgeState;
  /** Requests of the key in the current (still open) bin. */
  pending: HotTopicRequest[];
  /** Term counts of the key's requests outside hot periods. */
  baselineTerms: Map<string, number>;
  /** Counts of the last few closed bins, oldest first, for an alert's trend. */
  recentCounts: number[];
  lastRequestBin: number;
  open: OpenPeriod | null;
};

const DEFAULTS = {
  binMs: 3600_000,
  burst: { scale: 3, gamma: 1, horizonBins: 720 },
  surge: { alpha: 0.02, threshold: 5, exitThreshold: 1.5, minCount: 4 },
  minAlertCount: 8,
  trendContextBins: 6,
  keywordCount: 8,
  sampleCount: 10,
  minGroupSize: 3,
  groupIdleBins: 72,
  warmUpBins: 48,
};

function increment<K>(counts: Map<K, number>, key: K, by = 1): void {
  counts.set(key, (counts.get(key) ?? 0) + by);
}

/** The deepest division whose subtree holds every code: the common prefix of their paths. */
export function smallestCoveringDivision(codes: Iterable<string>): string {
  let common: string[] | null = null;
  for (const code of codes) {
    const path = pathOfCode(code).split('.');
    if (common === null) {
      common = path;
      continue;
    }
    let length = 0;
    while (length < common.length && length < path.length && common[length] === path[length]) length += 1;
    common = common.slice(0, length);
  }
  return common?.[common.length - 1] ?? '0';
}

function mostFrequent(counts: Map<string, number>): string {
  let best = '';
  let bestCount = -1;
  for (const [value, count] of counts) {
    if (count > bestCount || (count === bestCount && value < best)) {
      best = value;
      bestCount = count;
    }
  }
  return best;
}

/**
 * Hot topics per category and place and per near-duplicate group: each key runs Kleinberg's burst
 * automaton and an EWMA z-score detector over its counts per time bin; a key is hot while either
 * finds it so, and a hot period with at least `minAlertCount` requests becomes an alert.
 * Incremental: bins close as requests of later bins arrive (or on `advanceTo`).
 */
export function createHotTopicDetector(options: HotTopicOptions = {}): HotTopicDetector {
  const settings = { ...DEFAULTS, ...options };
  const burstOptions: BurstOptions = { ...DEFAULTS.burst, ...options.burst };
  const surgeOptions: SurgeOptions = { ...DEFAULTS.surge, ...options.surge };
  const { binMs } = settings;
  const keys = new Map<string, KeyState>();
  const globalTerms = new Map<string, number>();
  const groupSizes = new Map<string, { size: number; lastBin: number }>();
  const reported: HotTopicAlert[] = [];
  let currentBin: number | null = null;
  let firstBin: number | null = null;
  let currentTotal = 0;
  let totalSoFar = 0;

  function keyState(name: string, key: HotTopicKey): KeyState {
    let state = keys.get(name);
    if (!state) {
      const burst = newBurstState(totalSoFar);
      state = {
        key,
        name,
        burst,
        surge: newSurgeState(baselineShare(burst)),
        pending: [],
        baselineTerms: new Map(),
        recentCounts: [],
        lastRequestBin: currentBin ?? 0,
        open: null,
      };
      keys.set(name, state);
    }
    return state;
  }

  function toAlert(state: KeyState, period: OpenPeriod, endBin: number | null): HotTopicAlert {
    const baseline = state.key.kind === 'category-place' ? state.baselineTerms : globalTerms;
    return {
      id: `${state.name}@${new Date(period.startBin * binMs).toISOString()}`,
      key: state.key,
      category: mostFrequent(period.categories),
      detectors: [...period.detectors].sort(),
      startAt: period.startBin * binMs,
      endAt: endBin === null ? null : (endBin + 1) * binMs,
      count: period.count,
      trend: period.trend.map((count, index) => ({
        binStart: (period.trendStartBin + index) * binMs,
        count,
      })),
      keywords: topTermsByLogOdds(period.terms, baseline, globalTerms, settings.keywordCount),
      extent: { divisions: [...period.divisions].sort(), boundingBox: period.box },
      responsibleDivision: smallestCoveringDivision(period.divisions),
      sampleRequestIds: [...period.samples],
    };
  }

  function absorb(period: OpenPeriod, requests: readonly HotTopicRequest[]): void {
    for (const request of requests) {
      period.count += 1;
      increment(period.categories, request.category);
      period.divisions.add(request.divisionCode);
      for (const term of request.tokens) if (term !== NUMBER_TOKEN) increment(period.terms, term);
      if (period.samples.length < settings.sampleCount) period.samples.push(request.id);
      if (request.point) {
        const { longitude, latitude } = request.point;
        const box = period.box;
        period.box = box
          ? [
              Math.min(box[0], longitude),
              Math.min(box[1], latitude),
              Math.max(box[2], longitude),
              Math.max(box[3], latitude),
            ]
          : [longitude, latitude, longitude, latitude];
      }
    }
  }

  function closeBin(bin: number): HotTopicChange[] {
    const changes: HotTopicChange[] = [];
    const total = currentTotal;
    const isWarm = firstBin !== null && bin - firstBin >= settings.warmUpBins;
    for (const [name, state] of keys) {
      const count = state.pending.length;
      updateBurst(state.burst, count, total, burstOptions);
      updateSurge(state.surge, count, total, surgeOptions);
      const isHot = isWarm && (state.burst.isBursting || state.surge.isSurging);
      if (isHot) {
        if (!state.open) {
          state.open = {
            startBin: bin,
            trendStartBin: bin - settings.trendContextBins,
            count: 0,
            detectors: new Set(),
            terms: new Map(),
            categories: new Map(),
            divisions: new Set(),
            box: null,
            samples: [],
            // A key is created by its first request: it had none in the bins before it was known.
            trend: [
              ...Array<number>(settings.trendContextBins - state.recentCounts.length).fill(0),
              ...state.recentCounts,
            ],
            alert: null,
          };
        }
        const period = state.open;
        if (state.burst.isBursting) period.detectors.add('burst');
        if (state.surge.isSurging) period.detectors.add('surge');
        absorb(period, state.pending);
        period.trend.push(count);
        if (period.count >= settings.minAlertCount) {
          const alert = toAlert(state, period, null);
          if (period.alert) {
            Object.assign(period.alert, alert);
            changes.push({ change: 'updated', alert: period.alert });
          } else {
            period.alert = alert;
            reported.push(alert);
            changes.push({ change: 'opened', alert });
          }
        }
      } else {
        if (state.open?.alert) {
          Object.assign(state.open.alert, toAlert(state, state.open, bin - 1));
          changes.push({ change: 'closed', alert: state.open.alert });
        }
        state.open = null;
        // Only a category-place key has a baseline of its own; a group's alert compares with the stream.
        if (state.key.kind === 'category-place') {
          for (const request of state.pending) {
            for (const term of request.tokens)
              if (term !== NUMBER_TOKEN) increment(state.baselineTerms, term);
          }
        }
      }
      state.recentCounts.push(count);
      if (state.recentCounts.length > settings.trendContextBins) state.recentCounts.shift();
      state.pending = [];
      if (
        state.key.kind === 'duplicate-group' &&
        !state.open &&
        bin - state.lastRequestBin > settings.groupIdleBins
      ) {
        keys.delete(name);
        groupSizes.delete(state.key.groupId);
      }
    }
    // Idle groups are also recognised on their next request (see add), so sweeping them out only
    // bounds memory and need not run every bin.
    if (bin % Math.max(settings.groupIdleBins, 1) === 0) {
      for (const [groupId, group] of groupSizes) {
        if (bin - group.lastBin > settings.groupIdleBins) groupSizes.delete(groupId);
      }
    }
    totalSoFar += total;
    currentTotal = 0;
    return changes;
  }

  function advanceToBin(bin: number): HotTopicChange[] {
    const changes: HotTopicChange[] = [];
    if (currentBin === null) {
      currentBin = bin;
      firstBin = bin;
      return changes;
    }
    while (currentBin < bin) {
      changes.push(...closeBin(currentBin));
      currentBin += 1;
    }
    return changes;
  }

  return {
    add(request) {
      // A late request (for a bin already closed) counts in the current bin: closed bins are final.
      const changes = advanceToBin(Math.floor(request.at / binMs));
      const bin = currentBin as number;
      currentTotal += 1;
      for (const term of request.tokens) if (term !== NUMBER_TOKEN) increment(globalTerms, term);
      const placeName = `category-place:${request.category}:${request.divisionCode}`;
      const place = keyState(placeName, {
        kind: 'category-place',
        category: request.category,
        divisionCode: request.divisionCode,
      });
      place.pending.push(request);
      place.lastRequestBin = bin;
      if (request.groupId) {
        let group = groupSizes.get(request.groupId);
        if (!group) {
          group = { size: 0, lastBin: bin };
          groupSizes.set(request.groupId, group);
        } else if (bin - group.lastBin > settings.groupIdleBins) {
          // Idle that long, the group starts over, as if it had been swept out already.
          group.size = 0;
        }
        group.size += 1;
        group.lastBin = bin;
        if (group.size >= settings.minGroupSize) {
          const state = keyState(`duplicate-group:${request.groupId}`, {
            kind: 'duplicate-group',
            groupId: request.groupId,
          });
          state.pending.push(request);
          state.lastRequestBin = bin;
        }
      }
      return changes;
    },
    advanceTo(at) {
      return advanceToBin(Math.floor(at / binMs));
    },
    alerts: () => [...reported],
  };
}
