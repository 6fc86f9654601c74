import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Clock } from '../../../platform/clock/index.ts';
import type { Tables } from '../../../platform/db/index.ts';
import { enqueueNotification } from '../../../platform/notifications/index.ts';
import { findPermissionHolders, pathOfCode } from '../../identity/index.ts';
import { hashPayload, recordAuditEvent } from '../../ledger/index.ts';
import {
  createDuplicateIndex,
  createHotTopicDetector,
  createTokenizer,
  type HotTopicAlert,
  type Tokenizer,
} from '../analysis/index.ts';
import { inTransaction } from '../transaction.ts';
import {
  type AlertRow,
  insertAlertIfNew,
  listActiveProvinces,
  listRequestsForAnalysis,
  refreshAlert,
} from './store.ts';

type Db = Kysely<Tables>;

export const WATCH_HOT_TOPICS = 'feedback.hot-topics.watch';

const DAY = 24 * 3600_000;
const CHINA_OFFSET = 8 * 3600_000;

export type RecomputeOptions = {
  /** Days of requests analysed before now (the detector needs two of them to learn its baselines). */
  days?: number;
  /** A tokenizer already loaded (loading the dictionary takes a moment). */
  tokenizer?: Tokenizer;
};

export type RecomputeReport = { provinces: number; requests: number; raised: number; updated: number };

let sharedTokenizer: Tokenizer | undefined;

/**
 * The hot-topics job: runs the text analysis over the stored requests of the last `days` days (each
 * province on its own, so that a key's share is of its province's requests), and stores each alert it
 * finds. Idempotent: the window starts at a midnight (UTC+8) and an alert is keyed by the detector's
 * id, so running again updates the same alerts and raises — and announces — only new ones.
 */
export async function recomputeHotTopicAlerts(
  deps: { db: Db; clock: Clock },
  options: RecomputeOptions = {},
): Promise<RecomputeReport> {
  const { db, clock } = deps;
  const now = clock.now();
  const days = options.days ?? 14;
  const dayStart = Math.floor((now.getTime() + CHINA_OFFSET) / DAY) * DAY - CHINA_OFFSET;
  const from = new Date(dayStart - days * DAY);
  const to = new Date(now.getTime() + 1);
  if (!options.tokenizer) sharedTokenizer ??= createTokenizer();
  const tokenizer = options.tokenizer ?? (sharedTokenizer as Tokenizer);
  const report: RecomputeReport = { provinces: 0, requests: 0, raised: 0, updated: 0 };
  for (const provinceCode of await listActiveProvinces(db, from, to)) {
    report.provinces += 1;
    const requests = await listRequestsForAnalysis(db, provinceCode, from, to);
    report.requests += requests.length;
    const duplicates = createDuplicateIndex();
    const detector = createHotTopicDetector();
    for (const request of requests) {
      const point =
        request.latitude === null || request.longitude === null
          ? null
          : { latitude: request.latitude, longitude: request.longitude };
      const tokens = tokenizer.tokenize(request.description);
      const at = request.submitted_at.getTime();
      const { groupId } = duplicates.add({
        id: request.id,
        at,
        divisionCode: request.division_code,
        point,
        category: request.category_code,
        tokens,
      });
      detector.add({
        id: request.id,
        at,
        category: request.category_code,
        divisionCode: request.division_code,
        point,
        tokens,
        groupId,
      });
    }
    detector.advanceTo(now.getTime());
    for (const alert of detector.alerts()) {
      const row = toRow(alert, provinceCode, now);
      const outcome = await storeAlert(db, row);
      if (outcome === 'raised') report.raised += 1;
      if (outcome === 'updated') report.updated += 1;
    }
  }
  return report;
}

function toRow(alert: HotTopicAlert, provinceCode: string, now: Date): AlertRow {
  return {
    id: randomUUID(),
    detector_alert_id: alert.id,
    province_code: provinceCode,
    key_kind: alert.key.kind,
    detectors: alert.detectors,
    category_code: alert.category,
    division_code: alert.key.kind === 'category-place' ? alert.key.divisionCode : null,
    group_id: alert.key.kind === 'duplicate-group' ? alert.key.groupId : null,
    keywords: alert.keywords.map((keyword) => ({
      term: keyword.term,
      score: Math.round(keyword.score * 1000) / 1000,
    })),
    trend: alert.trend.map((bin) => ({ binStart: new Date(bin.binStart).toISOString(), count: bin.count })),
    extent_divisions: alert.extent.divisions,
    extent_box: alert.extent.boundingBox,
    sample_request_ids: alert.sampleRequestIds,
    request_count: alert.count,
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

/**
 * Stores a new alert with its audit event and notices to the people watching hot topics at the
 * responsible level (the deepest level that has such people), all in one transaction.
 */
async function storeAlert(db: Db, row: AlertRow): Promise<'raised' | 'updated' | 'unchanged'> {
  return inTransaction(db, async (tx) => {
    if (!(await insertAlertIfNew(tx, row))) return (await refreshAlert(tx, row)) ? 'updated' : 'unchanged';
    await recordAuditEvent(tx, {
      action: 'feedback.hot-topic.raised',
      actor: { kind: 'system', id: 'feedback-hot-topics' },
      record: { type: 'feedback.hot-topic', id: row.id },
      at: row.raised_at,
      requestId: null,
      payloadHash: hashPayload({
        detectorAlertId: row.detector_alert_id,
        count: row.request_count,
        responsible: row.responsible_division_code,
      }),
    });
    const holders = await findPermissionHolders(
      tx,
      WATCH_HOT_TOPICS,
      row.responsible_division_path,
      row.raised_at,
    );
    const deepest = Math.max(0, ...holders.map((holder) => holder.divisionPath.length));
    const terms = row.keywords
      .slice(0, 4)
      .map((keyword) => keyword.term)
      .join('、');
    for (const holder of holders.filter((candidate) => candidate.divisionPath.length === deepest)) {
      await enqueueNotification(tx, {
        recipientAccountId: holder.accountId,
        topic: 'feedback.hot-topic.raised',
        subject: {
          zh: `热点诉求预警：${row.request_count} 件（${row.responsible_division_code}）`,
          en: `Hot-topic alert: ${row.request_count} requests (${row.responsible_division_code})`,
        },
        body: {
          zh: `${row.category_code} 类诉求自 ${row.started_at.toISOString()} 起集中出现，关键词：${terms}。请在热点看板签收并安排处置。`,
          en: `Requests of category ${row.category_code} have clustered since ${row.started_at.toISOString()}; keywords: ${terms}. Please acknowledge it on the hot-topics board and act.`,
        },
        link: `/dashboard/feedback-leaders#alert-${row.id}`,
        channels: ['in-app', 'email'],
        dedupeKey: `feedback.hot-topic:${row.detector_alert_id}`,
        at: row.raised_at,
      });
    }
    return 'raised';
  });
}
