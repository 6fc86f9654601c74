import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/support/test-app.ts';
import { createVault, type Vault } from '../../../platform/vault/index.ts';
import { defineRole, seedGrant, seedOrganisation, seedPersonAccount } from '../../identity/index.ts';
import { listRecordEvents } from '../../ledger/index.ts';
import {
  createDuplicateIndex,
  createHotTopicDetector,
  createTokenizer,
  generateSyntheticRequests,
  type SyntheticRequest,
} from '../analysis/index.ts';
import { submitRequest } from '../intake.ts';
import { syntheticIntake } from './synthetic-intake.ts';
import { analyseBatch, createAnalysisEngine, WATCH_HOT_TOPICS } from './worker.ts';

const COUNTY = '330106';
const XIXI = '330106004';
const HOUR = 3_600_000;
const STREAM = generateSyntheticRequests({
  seed: 20261128,
  startAt: Date.UTC(2026, 9, 31, 16),
  days: 5,
  backgroundPerDay: 160,
  burstCount: 2,
  quietDays: 3,
  burstRatePerHour: [4, 6],
  burstHours: [8, 12],
});
const tokenizer = createTokenizer();

let t: TestApp;
let vault: Vault;
let countyWatcher: string;
let xixiWatcher: string;
const idOf = new Map<string, string>();

async function submitAll(requests: readonly SyntheticRequest[]): Promise<void> {
  for (const request of requests) {
    const { input, imported } = syntheticIntake(request, 'worker-test');
    const { request: row } = await submitRequest(
      { db: t.database.db, clock: t.clock, vault },
      { kind: 'import', source: 'worker-test' },
      input,
      { imported },
    );
    idOf.set(request.id, row.id);
  }
}

/** Runs batches until the queue is empty; returns how many batches it took. */
async function drain(engine: ReturnType<typeof createAnalysisEngine>): Promise<number> {
  let batches = 0;
  for (;;) {
    const outcome = await analyseBatch(t.database.db, t.clock, engine);
    expect(outcome.outcome).not.toBe('busy');
    if (outcome.outcome !== 'analysed') return batches;
    batches += 1;
    if (outcome.isQueueEmpty) return batches;
  }
}

/** What one uninterrupted run of the pure analysis over the same stream finds. */
function expectedAnalysis() {
  const index = createDuplicateIndex();
  const detector = createHotTopicDetector();
  const duplicateOf = new Map<string, string | null>();
  for (const request of STREAM.requests) {
    const id = idOf.get(request.id) as string;
    const { input } = syntheticIntake(request, 'worker-test');
    const tokens = tokenizer.tokenize(input.description);
    const match = index.add({
      id,
      at: request.at,
      divisionCode: request.divisionCode,
      category: input.categoryCode,
      point: request.point,
      tokens,
    });
    duplicateOf.set(id, match.duplicateOf);
    detector.add({
      id,
      at: request.at,
      category: input.categoryCode,
      divisionCode: request.divisionCode,
      point: request.point,
      tokens,
      groupId: match.groupId,
    });
  }
  return { duplicateOf, alerts: detector.alerts() };
}

beforeAll(async () => {
  t = await createTestApp();
  vault = createVault(t.config.vaultKeys);
  const db = t.database.db;
  await defineRole(
    db,
    t.clock,
    { kind: 'system', id: 'test' },
    {
      code: 'hot-topic-test-watcher',
      nameZh: '热点研判',
      nameEn: 'Hot-topic watcher',
      permissions: [WATCH_HOT_TOPICS],
    },
    false,
  );
  const office = await seedOrganisation(db, t.clock, {
    kind: 'government-department',
    nameZh: '西湖区人民政府办公室',
    nameEn: 'Xihu District Government Office',
    divisionCode: COUNTY,
  });
  const watcher = async (n: number, divisionCode: string) => {
    const accountId = await seedPersonAccount(
      db,
      { vault, clock: t.clock },
      {
        kind: 'staff',
        name: '王研判',
        residentId: ['110105199001010029', '110105199001010037'][n] as string,
        phone: `1370000990${n}`,
        password: 'plum blossom river 7',
        organisationId: office,
      },
    );
    await seedGrant(db, t.clock, { accountId, roleCode: 'hot-topic-test-watcher', divisionCode });
    return accountId;
  };
  countyWatcher = await watcher(0, COUNTY);
  xixiWatcher = await watcher(1, XIXI);
});
afterAll(async () => {
  await t.close();
});

describe('the analysis worker', () => {
  it('survives a restart in the middle: groups and alerts as one uninterrupted run, nothing raised twice', async () => {
    const db = t.database.db;
    const half = Math.floor(STREAM.requests.length * 0.55);
    await submitAll(STREAM.requests.slice(0, half));
    const first = createAnalysisEngine({ batchLimit: 150, leaseMs: 60_000 });
    expect(await drain(first)).toBeGreaterThan(1);

    // A second server's worker waits while the first holds the lease, and takes over when it runs out.
    await submitAll(STREAM.requests.slice(half));
    const second = createAnalysisEngine({ batchLimit: 150 }, tokenizer);
    expect((await analyseBatch(db, t.clock, second)).outcome).toBe('busy');
    t.clock.advance(61_000);
    expect(await drain(second)).toBeGreaterThan(1);

    const queued = await db.selectFrom('feedback_analysis_queue').select('request_id').execute();
    expect(queued).toEqual([]);
    const results = await db
      .selectFrom('feedback_analysis_result')
      .select(['request_id', 'group_id', 'duplicate_of', 'similarity', 'counted_at'])
      .execute();
    expect(results).toHaveLength(STREAM.requests.length);

    const expected = expectedAnalysis();
    for (const result of results)
      expect(result.duplicate_of).toBe(expected.duplicateOf.get(result.request_id));
    // A request's group is the group of the request it duplicates (merges carried over).
    const groupOf = new Map(results.map((result) => [result.request_id, result.group_id]));
    for (const result of results)
      if (result.duplicate_of) expect(result.group_id).toBe(groupOf.get(result.duplicate_of));
    expect(results.filter((result) => result.duplicate_of !== null).length).toBeGreaterThan(20);

    const alerts = await db
      .selectFrom('feedback_hot_topic_alert')
      .select([
        'id',
        'alert_key',
        'detectors',
        'request_count',
        'trend',
        'keywords',
        'extent_divisions',
        'bounding_box',
        'sample_request_ids',
        'responsible_division_code',
        'ended_at',
      ])
      .orderBy('alert_key')
      .execute();
    expect(expected.alerts.length).toBeGreaterThan(0);
    expect(alerts.map((alert) => alert.alert_key)).toEqual(expected.alerts.map((alert) => alert.id).sort());
    for (const alert of alerts) {
      const truth = expected.alerts.find((candidate) => candidate.id === alert.alert_key)!;
      expect(alert.request_count).toBe(truth.count);
      expect(alert.detectors).toEqual(truth.detectors);
      expect(alert.trend.map((bin) => bin.count)).toEqual(truth.trend.map((bin) => bin.count));
      expect(alert.keywords.map((keyword) => keyword.term)).toEqual(
        truth.keywords.map((keyword) => keyword.term),
      );
      expect(alert.sample_request_ids).toEqual(truth.sampleRequestIds);
      expect(alert.extent_divisions).toEqual(truth.extent.divisions);
      expect(alert.responsible_division_code).toBe(truth.responsibleDivision);
      expect(alert.ended_at?.getTime() ?? null).toBe(truth.endAt);
    }

    // Every injected burst is found by an alert about its place and time.
    for (const burst of STREAM.bursts) {
      const found = expected.alerts.some(
        (alert) =>
          alert.extent.divisions.includes(burst.divisionCode) &&
          alert.startAt < burst.endAt &&
          (alert.endAt ?? Number.POSITIVE_INFINITY) > burst.startAt,
      );
      expect(found, `burst ${burst.id} in ${burst.divisionCode}`).toBe(true);
    }

    // One audit event and one notice per alert and recipient: the rebuild raised nothing again.
    for (const alert of alerts) {
      const events = await listRecordEvents(db, 'feedback.hot-topic-alert', alert.id, 10);
      expect(events.map((entry) => entry.event.action)).toEqual(['feedback.hot-topic.raised']);
      const notices = await db
        .selectFrom('notification')
        .select(['recipient_account_id', 'link'])
        .where('dedupe_key', '=', `feedback.hot-topic:${alert.alert_key}`)
        .execute();
      // The nearest level answers: 西溪's own watcher for a 西溪 alert, the district's for the rest.
      const recipient = alert.responsible_division_code === XIXI ? xixiWatcher : countyWatcher;
      expect(notices).toEqual([{ recipient_account_id: recipient, link: `/hot-topics/${alert.id}` }]);
    }
    // About a thousand requests through the real intake, twice the analysis: minutes on a busy machine.
  }, 300_000);

  it('closes alerts when time moves on without requests, and keeps its memory across batches', async () => {
    const db = t.database.db;
    const engine = createAnalysisEngine({}, tokenizer);
    t.clock.advance(61_000);
    const last = STREAM.requests[STREAM.requests.length - 1] as SyntheticRequest;
    const outcome = await analyseBatch(db, t.clock, engine, { advanceTo: new Date(last.at + 72 * HOUR) });
    expect(outcome).toMatchObject({ outcome: 'analysed', analysed: 0, raised: 0 });
    const open = await db
      .selectFrom('feedback_hot_topic_alert')
      .select('id')
      .where('ended_at', 'is', null)
      .execute();
    expect(open).toEqual([]);
    const state = await db.selectFrom('feedback_analysis_state').selectAll().executeTakeFirstOrThrow();
    expect(state.advanced_to?.getTime()).toBe(Math.floor((last.at + 72 * HOUR) / HOUR) * HOUR);
    expect(state.holder).toBe(engine.id);
    // Nothing new: nothing to write.
    expect((await analyseBatch(db, t.clock, engine)).outcome).toBe('nothing-queued');
  });

  it('queues every new request in the transaction that writes it', async () => {
    const db = t.database.db;
    const before = await sql<{ n: string }>`select count(*)::text as n from feedback_analysis_queue`.execute(
      db,
    );
    await submitAll(STREAM.requests.slice(0, 1).map((request) => ({ ...request, id: 'again' })));
    const after = await sql<{ n: string }>`select count(*)::text as n from feedback_analysis_queue`.execute(
      db,
    );
    expect(Number(after.rows[0]?.n)).toBe(Number(before.rows[0]?.n) + 1);
  });
});
