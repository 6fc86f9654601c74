import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Clock } from '../../../platform/clock/index.ts';
import type { Tables } from '../../../platform/db/index.ts';
import { enqueueNotification } from '../../../platform/notifications/index.ts';
import { findNearestPermissionHolders, getDivision, pathOfCode } from '../../identity/index.ts';
import { type AuditEvent, hashPayload, recordAuditEvents } from '../../ledger/index.ts';
import {
  createDuplicateIndex,
  createHotTopicDetector,
  createTokenizer,
  type DuplicateIndex,
  type DuplicateIndexOptions,
  type HotTopicAlert,
  type HotTopicChange,
  type HotTopicDetector,
  type HotTopicOptions,
  type Tokenizer,
} from '../analysis/index.ts';
import { findCategory } from '../store.ts';
import { inTransaction } from '../transaction.ts';
import {
  type AlertRow,
  type AnalysedRequest,
  type AnalysisResultRow,
  deleteQueued,
  findAnalysedSince,
  findLatestAnalysedAt,
  findQueued,
  insertAlert,
  insertResults,
  mergeGroups,
  nextResultSeq,
  readState,
  releaseLease,
  tryLockAnalysis,
  updateAlert,
  writeState,
} from './store.ts';

type Db = Kysely<Tables>;

export const WATCH_HOT_TOPICS = 'feedback.hot-topics.watch';
const SYSTEM_ACTOR = { kind: 'system', id: 'feedback-analysis' } as const;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export type AnalysisOptions = {
  /** Requests analysed per transaction. */
  batchLimit?: number;
  /** How far back a (re)starting worker replays analysed requests to rebuild its memory. */
  replayWindowMs?: number;
  /**
   * A request submitted this long before the detectors' clock is grouped but not counted: a record
   * imported late says nothing about what is hot now, and counting it in the current hour would be.
   */
  lateLimitMs?: number;
  /**
   * How long a worker keeps the work after its last batch. Workers of other servers wait meanwhile,
   * so one server's memory stays current instead of each rebuilding after the other's batches.
   */
  leaseMs?: number;
  duplicates?: DuplicateIndexOptions;
  hotTopics?: HotTopicOptions;
};

const DEFAULTS = { batchLimit: 2000, replayWindowMs: 14 * DAY, lateLimitMs: DAY, leaseMs: 60_000 };

/**
 * The worker's memory: the duplicate index and hot-topic detector over the recent window, and the
 * version of the database state they reflect (null when they must be rebuilt before use).
 */
export type AnalysisEngine = {
  /** Random per engine: the lease holder's name. */
  readonly id: string;
  readonly options: Required<
    Pick<AnalysisOptions, 'batchLimit' | 'replayWindowMs' | 'lateLimitMs' | 'leaseMs'>
  > &
    AnalysisOptions;
  readonly tokenizer: Tokenizer;
  index: DuplicateIndex;
  detector: HotTopicDetector;
  version: bigint | null;
  /** The detectors' clock: the latest time counted or advanced to (ms), or null before any. */
  detectorNow: number | null;
  /** The floor for counting: the last time the detectors were advanced to without a request. */
  advancedTo: number | null;
};

export function createAnalysisEngine(
  options: AnalysisOptions = {},
  tokenizer = createTokenizer(),
): AnalysisEngine {
  return {
    id: randomUUID(),
    options: { ...DEFAULTS, ...options },
    tokenizer,
    index: createDuplicateIndex(options.duplicates),
    detector: createHotTopicDetector(options.hotTopics),
    version: null,
    detectorNow: null,
    advancedTo: null,
  };
}

export type AnalysisOutcome =
  | { outcome: 'analysed'; analysed: number; raised: number; isQueueEmpty: boolean }
  | { outcome: 'nothing-queued' }
  | { outcome: 'busy' };

/**
 * One batch in one transaction: takes the oldest queued requests, groups them, counts them in the
 * detectors, stores results and alerts, notifies and audits new alerts, and removes them from the
 * queue. With `advanceTo` and an empty queue, the detectors' clock moves on (quiet hours close).
 * Another server at work → 'busy'. A failure rolls everything back and leaves the memory marked stale,
 * so the next batch rebuilds it from the database first.
 */
export async function analyseBatch(
  db: Db,
  clock: Clock,
  engine: AnalysisEngine,
  options: { advanceTo?: Date } = {},
): Promise<AnalysisOutcome> {
  try {
    // Joins the caller's transaction when there is one (the demo seed step analyses what it adds).
    return await inTransaction(db, async (tx) => {
      if (!(await tryLockAnalysis(tx))) return { outcome: 'busy' } as const;
      const state = await readState(tx);
      const now = clock.now();
      if (state.holder !== engine.id && state.heldUntil !== null && state.heldUntil > now)
        return { outcome: 'busy' } as const;
      if (engine.version !== state.version) await rebuild(tx, engine, state.advancedTo);
      engine.version = null;
      const advancedBefore = engine.advancedTo;
      const queued = await findQueued(tx, engine.options.batchLimit);
      const changes: HotTopicChange[] = [];
      const results: AnalysisResultRow[] = [];
      let seq = await nextResultSeq(tx);
      for (const request of queued) {
        const { result, merged, changes: counted } = analyseOne(engine, request, now, seq);
        seq += 1n;
        results.push(result);
        changes.push(...counted);
        if (merged.length > 0) {
          // Earlier results of the merged groups are stored already; later ones in this batch not yet.
          for (const earlier of results)
            if (merged.includes(earlier.group_id)) earlier.group_id = result.group_id;
          await mergeGroups(tx, result.group_id, merged);
        }
      }
      await insertResults(tx, results);
      await deleteQueued(
        tx,
        queued.map((request) => request.id),
      );
      const isQueueEmpty = queued.length < engine.options.batchLimit;
      if (isQueueEmpty && options.advanceTo) changes.push(...advance(engine, options.advanceTo.getTime()));
      const heldUntil = new Date(now.getTime() + engine.options.leaseMs);
      if (queued.length === 0 && changes.length === 0 && engine.advancedTo === advancedBefore) {
        await writeState(tx, { ...state, holder: engine.id, heldUntil });
        engine.version = state.version;
        return { outcome: 'nothing-queued' } as const;
      }
      const raised = await storeAlerts(tx, changes, now);
      const version = state.version + 1n;
      await writeState(tx, {
        version,
        advancedTo: engine.advancedTo === null ? null : new Date(engine.advancedTo),
        holder: engine.id,
        heldUntil,
      });
      engine.version = version;
      return { outcome: 'analysed', analysed: queued.length, raised, isQueueEmpty } as const;
    });
  } catch (error) {
    engine.version = null;
    throw error;
  }
}

function analyseOne(
  engine: AnalysisEngine,
  request: AnalysedRequest,
  now: Date,
  seq: bigint,
): { result: AnalysisResultRow; merged: readonly string[]; changes: HotTopicChange[] } {
  const tokens = engine.tokenizer.tokenize(request.description);
  const at = request.submitted_at.getTime();
  const point =
    request.latitude === null || request.longitude === null
      ? null
      : { latitude: request.latitude, longitude: request.longitude };
  const match = engine.index.add({
    id: request.id,
    at,
    divisionCode: request.division_code,
    category: request.category_code,
    point,
    tokens,
  });
  const countedAt = countingTime(engine, at);
  const changes =
    countedAt === null
      ? []
      : engine.detector.add({
          id: request.id,
          at: countedAt,
          category: request.category_code,
          divisionCode: request.division_code,
          point,
          tokens,
          groupId: match.groupId,
        });
  return {
    result: {
      request_id: request.id,
      seq,
      group_id: match.groupId,
      duplicate_of: match.duplicateOf,
      similarity: match.similarity,
      counted_at: countedAt === null ? null : new Date(countedAt),
      analysed_at: now,
    },
    merged: match.mergedGroupIds,
    changes,
  };
}

/** When the detectors count a request submitted at `at`, or null when it is too late to count. */
function countingTime(engine: AnalysisEngine, at: number): number | null {
  if (engine.detectorNow !== null && at < engine.detectorNow - engine.options.lateLimitMs) return null;
  const countedAt = Math.max(at, engine.advancedTo ?? at);
  engine.detectorNow = Math.max(engine.detectorNow ?? countedAt, countedAt);
  return countedAt;
}

/**
 * Moves the detectors' clock towards `to`, at most one replay window at a time, so a quiet spell
 * after an import of old records closes its alerts over a few ticks instead of all hours since then
 * at once.
 */
function advance(engine: AnalysisEngine, to: number): HotTopicChange[] {
  // Only whole bins matter to the detectors; moving by less would only rewrite the state every tick.
  const binMs = engine.options.hotTopics?.binMs ?? HOUR;
  if (engine.detectorNow === null) return [];
  const target = Math.floor(Math.min(to, engine.detectorNow + engine.options.replayWindowMs) / binMs) * binMs;
  if (target <= engine.detectorNow) return [];
  engine.detectorNow = target;
  engine.advancedTo = target;
  return engine.detector.advanceTo(target);
}

/**
 * Fresh memory replayed from the stored results of the recent window, in the order they were first
 * analysed, with the times the detectors counted them at: the same inputs give the same groups and
 * detector state (alerts it re-raises are in the table already and are not raised again).
 */
async function rebuild(tx: Db, engine: AnalysisEngine, advancedTo: Date | null): Promise<void> {
  engine.index = createDuplicateIndex(engine.options.duplicates);
  engine.detector = createHotTopicDetector(engine.options.hotTopics);
  engine.detectorNow = null;
  engine.advancedTo = null;
  const latest = await findLatestAnalysedAt(tx);
  const advancedMs = advancedTo?.getTime() ?? null;
  if (latest === null) return;
  const since = new Date(Math.max(latest.getTime(), advancedMs ?? 0) - engine.options.replayWindowMs);
  const rows = await findAnalysedSince(tx, since);
  // A group whose first request is replayed gets its id again by itself; only a group whose first
  // request fell out of the window needs its stored id handed in (a stored id may also be a merged
  // group's new root, which the replay must reach by merging again, not by starting there).
  const replayed = new Set(rows.map((row) => row.id));
  for (const row of rows) {
    const tokens = engine.tokenizer.tokenize(row.description);
    const point =
      row.latitude === null || row.longitude === null
        ? null
        : { latitude: row.latitude, longitude: row.longitude };
    const match = engine.index.add({
      id: row.id,
      at: row.submitted_at.getTime(),
      divisionCode: row.division_code,
      category: row.category_code,
      point,
      tokens,
      knownGroupId: replayed.has(row.group_id) ? null : row.group_id,
    });
    if (row.counted_at === null) continue;
    const countedAt = row.counted_at.getTime();
    engine.detectorNow = Math.max(engine.detectorNow ?? countedAt, countedAt);
    engine.detector.add({
      id: row.id,
      at: countedAt,
      category: row.category_code,
      divisionCode: row.division_code,
      point,
      tokens,
      groupId: match.groupId,
    });
  }
  if (advancedMs !== null) {
    engine.detector.advanceTo(advancedMs);
    engine.detectorNow = Math.max(engine.detectorNow ?? advancedMs, advancedMs);
    engine.advancedTo = advancedMs;
  }
}

function toRow(alert: HotTopicAlert, now: Date): AlertRow {
  return {
    id: randomUUID(),
    alert_key: alert.id,
    key_kind: alert.key.kind,
    detectors: [...alert.detectors],
    category_code: alert.category,
    division_code: alert.key.kind === 'category-place' ? alert.key.divisionCode : null,
    group_id: alert.key.kind === 'duplicate-group' ? alert.key.groupId : null,
    request_count: alert.count,
    keywords: alert.keywords.map(({ term, score }) => ({ term, score })),
    trend: alert.trend.map(({ binStart, count }) => ({ binStart: new Date(binStart).toISOString(), count })),
    extent_divisions: [...alert.extent.divisions],
    bounding_box: alert.extent.boundingBox ? [...alert.extent.boundingBox] : null,
    sample_request_ids: [...alert.sampleRequestIds],
    responsible_division_code: alert.responsibleDivision,
    responsible_division_path: pathOfCode(alert.responsibleDivision),
    started_at: new Date(alert.startAt),
    ended_at: alert.endAt === null ? null : new Date(alert.endAt),
    raised_at: now,
    updated_at: now,
    acknowledged_by: null,
    acknowledged_at: null,
  };
}

/** Stores the detectors' changes; returns how many alerts were new. */
async function storeAlerts(tx: Db, changes: readonly HotTopicChange[], now: Date): Promise<number> {
  // An alert may change several times in one batch; its last state is the one to keep.
  const latest = new Map<string, HotTopicChange>();
  for (const change of changes) {
    const earlier = latest.get(change.alert.id);
    latest.set(change.alert.id, earlier?.change === 'opened' ? { ...change, change: 'opened' } : change);
  }
  let raised = 0;
  const events: AuditEvent[] = [];
  for (const change of latest.values()) {
    const row = toRow(change.alert, now);
    if (change.change === 'opened' && (await insertAlert(tx, row))) {
      raised += 1;
      events.push({
        action: 'feedback.hot-topic.raised',
        actor: SYSTEM_ACTOR,
        record: { type: 'feedback.hot-topic-alert', id: row.id },
        at: now,
        payloadHash: hashPayload({
          id: row.id,
          alertKey: row.alert_key,
          detectors: row.detectors,
          categoryCode: row.category_code,
          responsibleDivisionCode: row.responsible_division_code,
          requestCount: row.request_count,
          sampleRequestIds: row.sample_request_ids,
        }),
      });
      await notifyResponsible(tx, row, now);
    } else {
      await updateAlert(tx, row);
    }
  }
  await recordAuditEvents(tx, events);
  return raised;
}

async function notifyResponsible(tx: Db, row: AlertRow, now: Date): Promise<void> {
  const recipients = await findNearestPermissionHolders(
    tx,
    WATCH_HOT_TOPICS,
    row.responsible_division_path,
    now,
  );
  if (recipients.length === 0) return;
  const category = await findCategory(tx, row.category_code);
  const division = await getDivision(tx, row.responsible_division_code).catch(() => undefined);
  const place = division?.name ?? row.responsible_division_code;
  const terms = row.keywords.slice(0, 5).map((keyword) => keyword.term);
  const kindZh = row.detectors.map((detector) => (detector === 'burst' ? '突发' : '激增')).join('、');
  const kindEn = row.detectors.join(' and ');
  for (const recipientAccountId of recipients) {
    await enqueueNotification(tx, {
      recipientAccountId,
      topic: 'feedback.hot-topic.raised',
      subject: {
        zh: `热点诉求预警：${place} ${category?.name_zh ?? row.category_code}`,
        en: `Hot topic: ${category?.name_en ?? row.category_code} in ${place}`,
      },
      body: {
        zh: `${place}出现${kindZh}：${row.request_count} 件诉求。关键词：${terms.join('、') || '无'}。请及时研判处置。`,
        en: `A ${kindEn} of ${row.request_count} requests in ${place}. Keywords: ${terms.join(', ') || 'none'}. Please look into it.`,
      },
      link: `/hot-topics/${row.id}`,
      channels: ['in-app', 'email'],
      dedupeKey: `feedback.hot-topic:${row.alert_key}`,
      at: now,
    });
  }
}

export type RunningAnalysisWorker = { stop(): Promise<void>; analyseNow(): Promise<void> };

/**
 * Analyses in the background every `intervalMs`, straight again while full batches keep coming, and
 * moves the detectors' clock to the present when the queue is empty. Every server runs one; the
 * advisory lock lets one work at a time, and the state version tells a worker whose memory another
 * server's batches have outdated to rebuild it.
 */
export function startAnalysisWorker(
  db: Db,
  clock: Clock,
  options: AnalysisOptions & { intervalMs: number; onError: (error: unknown) => void },
): RunningAnalysisWorker {
  const engine = createAnalysisEngine(options);
  let isStopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();

  const drain = async () => {
    for (;;) {
      const result = await analyseBatch(db, clock, engine, { advanceTo: clock.now() });
      if (result.outcome !== 'analysed' || result.isQueueEmpty) return;
    }
  };
  const tick = () => {
    running = drain()
      .catch(options.onError)
      .finally(() => {
        if (!isStopped) timer = setTimeout(tick, options.intervalMs);
      });
  };
  timer = setTimeout(tick, options.intervalMs);

  return {
    async analyseNow() {
      await running;
      await drain();
    },
    async stop() {
      isStopped = true;
      clearTimeout(timer);
      await running;
      await releaseLease(db, engine.id, clock.now()).catch(options.onError);
    },
  };
}
