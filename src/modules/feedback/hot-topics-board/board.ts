import type { Kysely } from 'kysely';
import type { Clock } from '../../../platform/clock/index.ts';
import type { Tables } from '../../../platform/db/index.ts';
import { type AccessActor, getDivision } from '../../identity/index.ts';
import { hashPayload, recordAuditEvent } from '../../ledger/index.ts';
import { resolveArea } from '../evaluation/area.ts';
import { evaluationErrors } from '../evaluation/errors.ts';
import { inTransaction } from '../transaction.ts';
import { WATCH_HOT_TOPICS } from './recompute.ts';
import { type AlertRow, findAlertForUpdate, listAlertsInArea, markAcknowledged } from './store.ts';

type Db = Kysely<Tables>;

export type AlertView = {
  id: string;
  kind: AlertRow['key_kind'];
  detectors: AlertRow['detectors'];
  categoryCode: string;
  divisionCode: string | null;
  groupId: string | null;
  keywords: AlertRow['keywords'];
  trend: AlertRow['trend'];
  extent: { divisions: string[]; boundingBox: number[] | null };
  sampleRequestIds: string[];
  requestCount: number;
  responsibleDivision: { code: string; nameZh: string };
  startedAt: string;
  endedAt: string | null;
  raisedAt: string;
  acknowledgedAt: string | null;
  acknowledgedBy: string | null;
};

async function viewsOf(db: Db, rows: readonly AlertRow[]): Promise<AlertView[]> {
  const names = new Map<string, string>();
  for (const code of new Set(rows.map((row) => row.responsible_division_code))) {
    names.set(code, (await getDivision(db, code).catch(() => undefined))?.name ?? code);
  }
  return rows.map((row) => ({
    id: row.id,
    kind: row.key_kind,
    detectors: row.detectors,
    categoryCode: row.category_code,
    divisionCode: row.division_code,
    groupId: row.group_id,
    keywords: row.keywords,
    trend: row.trend,
    extent: { divisions: row.extent_divisions, boundingBox: row.extent_box },
    sampleRequestIds: row.sample_request_ids,
    requestCount: row.request_count,
    responsibleDivision: {
      code: row.responsible_division_code,
      nameZh: names.get(row.responsible_division_code) ?? row.responsible_division_code,
    },
    startedAt: row.started_at.toISOString(),
    endedAt: row.ended_at?.toISOString() ?? null,
    raisedAt: row.raised_at.toISOString(),
    acknowledgedAt: row.acknowledged_at?.toISOString() ?? null,
    acknowledgedBy: row.acknowledged_by,
  }));
}

/** The alerts whose responsible division lies in the leader's area, newest first. */
export async function listHotTopicAlerts(
  db: Db,
  actor: AccessActor,
  query: { divisionCode?: string | undefined; status: 'all' | 'unacknowledged'; limit: number },
): Promise<{ divisionCode: string; items: AlertView[] }> {
  const area = await resolveArea(db, actor, WATCH_HOT_TOPICS, query.divisionCode);
  const rows = await listAlertsInArea(db, {
    areaPath: area.path,
    isUnacknowledgedOnly: query.status === 'unacknowledged',
    limit: query.limit,
  });
  return { divisionCode: area.code, items: await viewsOf(db, rows) };
}

/** Someone at the responsible level (or above) acknowledges an alert, once; audited. */
export async function acknowledgeHotTopicAlert(
  db: Db,
  clock: Clock,
  actor: AccessActor,
  id: string,
  requestId?: string,
): Promise<AlertView> {
  const now = clock.now();
  const row = await inTransaction(db, async (tx) => {
    const alert = await findAlertForUpdate(tx, id);
    // Outside the actor's area an alert is as absent as one that does not exist.
    if (!alert || !actor.can(WATCH_HOT_TOPICS, { divisionPath: alert.responsible_division_path }))
      throw evaluationErrors.alertNotFound(id);
    if (alert.acknowledged_at) throw evaluationErrors.alreadyAcknowledged();
    await markAcknowledged(tx, id, actor.accountId, now);
    await recordAuditEvent(tx, {
      action: 'feedback.hot-topic.acknowledged',
      actor: { kind: 'staff', id: actor.accountId },
      onBehalfOf: actor.organisationId,
      record: { type: 'feedback.hot-topic', id },
      at: now,
      requestId: requestId ?? null,
      payloadHash: hashPayload({ id }),
    });
    return { ...alert, acknowledged_by: actor.accountId, acknowledged_at: now };
  });
  return (await viewsOf(db, [row]))[0] as AlertView;
}
