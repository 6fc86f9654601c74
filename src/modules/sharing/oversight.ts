/**
 * Oversight of one department's sharing: its resources and agreements, exchanges per day with denials,
 * the consumers that read most, and a flag on any consumer suddenly reading far more than usual.
 */
import type { Kysely } from 'kysely';
import type { Clock } from '../../platform/clock/index.ts';
import type { Tables } from '../../platform/db/index.ts';
import { type AccessActor, findOrganisationSummaries } from '../identity/index.ts';
import { actingDepartment } from './catalogue.ts';
import { sharingErrors } from './errors.ts';
import {
  countAccessesPerDay,
  countConsumerWindows,
  listAgreementsOfParty,
  searchResources,
} from './store.ts';

type Db = Kysely<Tables>;

export const READ_OVERSIGHT = 'sharing.oversight.read';

const DAY_MS = 24 * 3_600_000;
const DAYS_SHOWN = 30;
const BASELINE_DAYS = 7;
/** A day's reading is anomalous at this many times the consumer's daily average, and at least the floor. */
const ANOMALY_FACTOR = 3;
const ANOMALY_FLOOR = 20;

/** Is `recent` (one day) far above the daily average of `baseline` over the baseline days? */
export function isAnomalous(recent: number, baseline: number): boolean {
  const average = baseline / BASELINE_DAYS;
  return recent >= ANOMALY_FLOOR && recent > ANOMALY_FACTOR * average;
}

export async function departmentOversight(db: Db, clock: Clock, actor: AccessActor) {
  const department = await actingDepartment(db, actor);
  if (!actor.can(READ_OVERSIGHT, { divisionPath: department.divisionPath, organisationId: department.id }))
    throw sharingErrors.notOwner();
  const now = clock.now();
  const [resources, agreements, perDay, windows] = await Promise.all([
    searchResources(db, { ownerOrganisationId: department.id }),
    listAgreementsOfParty(db, department.id),
    countAccessesPerDay(db, department.id, new Date(now.getTime() - DAYS_SHOWN * DAY_MS)),
    countConsumerWindows(
      db,
      department.id,
      new Date(now.getTime() - DAY_MS),
      new Date(now.getTime() - (BASELINE_DAYS + 1) * DAY_MS),
    ),
  ]);
  const days = new Map<string, { day: string; granted: number; denied: number }>();
  for (const row of perDay) {
    const entry = days.get(row.day) ?? { day: row.day, granted: 0, denied: 0 };
    entry[row.outcome] += Number(row.n);
    days.set(row.day, entry);
  }
  const names = await findOrganisationSummaries(
    db,
    windows.map((row) => row.consumer_organisation_id),
  );
  const consumers = windows
    .map((row) => {
      const recent = Number(row.recent);
      const baseline = Number(row.baseline);
      const organisation = names.get(row.consumer_organisation_id);
      return {
        id: row.consumer_organisation_id,
        nameZh: organisation?.nameZh ?? '',
        nameEn: organisation?.nameEn ?? null,
        lastDay: recent,
        dailyAverageBefore: baseline / BASELINE_DAYS,
        total: recent + baseline,
        isAnomalous: isAnomalous(recent, baseline),
      };
    })
    .sort((a, b) => b.total - a.total);
  const owned = agreements.filter((row) => row.owner_organisation_id === department.id);
  return {
    department: { id: department.id, nameZh: department.nameZh, nameEn: department.nameEn },
    resources: resources.length,
    agreements: {
      active: owned.filter((row) => row.status === 'active' && row.valid_until > now).length,
      suspended: owned.filter((row) => row.status === 'suspended').length,
      revoked: owned.filter((row) => row.status === 'revoked').length,
      expired: owned.filter((row) => row.status === 'active' && row.valid_until <= now).length,
      asConsumer: agreements.length - owned.length,
    },
    exchangesPerDay: [...days.values()],
    topConsumers: consumers.slice(0, 10),
    anomalies: consumers.filter((consumer) => consumer.isAnomalous),
  };
}
