import type { Kysely } from 'kysely';
import type { Clock } from '../../../platform/clock/index.ts';
import type { Tables } from '../../../platform/db/index.ts';
import { type AccessActor, getDivision } from '../../identity/index.ts';
import { hashPayload, recordAuditEvents } from '../../ledger/index.ts';
import { findCategory, listCategories } from '../store.ts';
import { inTransaction } from '../transaction.ts';
import { hotTopicErrors } from './errors.ts';
import { ALERT_COLUMNS, type AlertRow, acknowledgeAlert, findAlert } from './store.ts';
import { WATCH_HOT_TOPICS } from './worker.ts';

type Db = Kysely<Tables>;

export const MAX_ALERTS = 200;

export type AlertSummary = {
  id: string;
  keyKind: AlertRow['key_kind'];
  detectors: AlertRow['detectors'];
  category: { code: string; nameZh: string; nameEn: string };
  responsibleDivision: { code: string; nameZh: string };
  requestCount: number;
  keywords: string[];
  trend: { binStart: string; count: number }[];
  startedAt: string;
  endedAt: string | null;
  raisedAt: string;
  acknowledgedAt: string | null;
};

export type AlertDetail = AlertSummary & {
  keywordScores: { term: string; score: number }[];
  extent: {
    divisions: { code: string; nameZh: string }[];
    boundingBox: [number, number, number, number] | null;
  };
  samples: {
    id: string;
    publicId: string;
    description: string;
    submittedAt: string;
    address: string | null;
  }[];
  acknowledgedBy: string | null;
};

function isWithinScope(actor: AccessActor, path: string): boolean {
  return actor.can(WATCH_HOT_TOPICS, { divisionPath: path });
}

async function divisionName(db: Db, code: string): Promise<{ code: string; nameZh: string }> {
  const division = await getDivision(db, code).catch(() => undefined);
  return { code, nameZh: division?.name ?? code };
}

async function summarise(
  db: Db,
  row: AlertRow,
  categories: Map<string, { code: string; nameZh: string; nameEn: string }>,
): Promise<AlertSummary> {
  return {
    id: row.id,
    keyKind: row.key_kind,
    detectors: row.detectors,
    category: categories.get(row.category_code) ?? {
      code: row.category_code,
      nameZh: row.category_code,
      nameEn: row.category_code,
    },
    responsibleDivision: await divisionName(db, row.responsible_division_code),
    requestCount: row.request_count,
    keywords: row.keywords.map((keyword) => keyword.term),
    trend: row.trend,
    startedAt: row.started_at.toISOString(),
    endedAt: row.ended_at?.toISOString() ?? null,
    raisedAt: row.raised_at.toISOString(),
    acknowledgedAt: row.acknowledged_at?.toISOString() ?? null,
  };
}

async function categoryNames(db: Db) {
  return new Map(
    (await listCategories(db)).map((category) => [
      category.code,
      { code: category.code, nameZh: category.name_zh, nameEn: category.name_en },
    ]),
  );
}

/** Alerts the actor answers for (responsible division within their grants), newest start first. */
export async function listAlerts(
  db: Db,
  actor: AccessActor,
  filter: { state?: 'active' | 'ended' | undefined; limit?: number | undefined },
): Promise<AlertSummary[]> {
  const scopes = actor.scopesOf(WATCH_HOT_TOPICS);
  if (scopes.length === 0) return [];
  let query = db
    .selectFrom('feedback_hot_topic_alert')
    .select(ALERT_COLUMNS)
    .where((eb) =>
      eb.or(
        scopes.flatMap((scope) => [
          eb('responsible_division_path', '=', scope.divisionPath),
          eb('responsible_division_path', 'like', `${scope.divisionPath}.%`),
        ]),
      ),
    );
  if (filter.state === 'active') query = query.where('ended_at', 'is', null);
  if (filter.state === 'ended') query = query.where('ended_at', 'is not', null);
  const rows = await query
    .orderBy('started_at', 'desc')
    .orderBy('id')
    .limit(filter.limit ?? MAX_ALERTS)
    .execute();
  const categories = await categoryNames(db);
  return Promise.all(rows.map((row) => summarise(db, row, categories)));
}

async function visibleAlert(db: Db, actor: AccessActor, id: string): Promise<AlertRow> {
  const row = await findAlert(db, id);
  if (!row || !isWithinScope(actor, row.responsible_division_path)) throw hotTopicErrors.alertNotFound(id);
  return row;
}

export async function getAlertDetail(db: Db, actor: AccessActor, id: string): Promise<AlertDetail> {
  const row = await visibleAlert(db, actor, id);
  const category = await findCategory(db, row.category_code);
  const categories = new Map(
    category
      ? [[category.code, { code: category.code, nameZh: category.name_zh, nameEn: category.name_en }]]
      : [],
  );
  const samples =
    row.sample_request_ids.length === 0
      ? []
      : await db
          .selectFrom('feedback_request')
          .select(['id', 'public_id', 'description', 'submitted_at', 'address'])
          .where('id', 'in', row.sample_request_ids)
          .orderBy('submitted_at')
          .orderBy('id')
          .execute();
  const box = row.bounding_box;
  return {
    ...(await summarise(db, row, categories)),
    keywordScores: row.keywords,
    extent: {
      divisions: await Promise.all(row.extent_divisions.map((code) => divisionName(db, code))),
      boundingBox: box && box.length === 4 ? [box[0]!, box[1]!, box[2]!, box[3]!] : null,
    },
    samples: samples.map((sample) => ({
      id: sample.id,
      publicId: sample.public_id,
      description: sample.description,
      submittedAt: sample.submitted_at.toISOString(),
      address: sample.address,
    })),
    acknowledgedBy: row.acknowledged_by,
  };
}

/** Records that someone responsible has seen the alert; once, audited. */
export async function acknowledge(
  deps: { db: Db; clock: Clock },
  actor: AccessActor,
  id: string,
  requestId: string,
): Promise<void> {
  const { db, clock } = deps;
  const row = await visibleAlert(db, actor, id);
  if (row.acknowledged_at) throw hotTopicErrors.alreadyAcknowledged(row.acknowledged_at);
  const now = clock.now();
  await inTransaction(db, async (tx) => {
    if (!(await acknowledgeAlert(tx, id, actor.accountId, now))) {
      const current = await findAlert(tx, id);
      throw hotTopicErrors.alreadyAcknowledged(current?.acknowledged_at ?? now);
    }
    await recordAuditEvents(tx, [
      {
        action: 'feedback.hot-topic.acknowledged',
        actor: { kind: 'staff', id: actor.accountId },
        onBehalfOf: actor.organisationId,
        record: { type: 'feedback.hot-topic-alert', id },
        at: now,
        requestId,
        payloadHash: hashPayload({ id, acknowledgedBy: actor.accountId }),
      },
    ]);
  });
}
