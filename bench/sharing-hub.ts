/**
 * The data-sharing hub against calling the same provider directly, in one run: throughput and latency
 * of `POST /api/sharing/hub/query` (the real `buildApp` listening on a loopback port over PostgreSQL:
 * key check, agreement with its row lock and rate count, the provider call, field selection and masks,
 * the access row and its ledger event in the same transaction) against POSTing the very request the
 * hub sends to the owner's provider endpoint, at the same concurrency.
 *
 * The owner's provider endpoint is a small HTTP server in a child process (its own event loop, as an
 * outside system would have), serving the owner's household records either from memory or, with
 * `postgresql`, by one indexed select per request on its own table. The setup goes through the API as
 * departments would: two data sharing officers sign in, the owner registers the resource with the
 * endpoint, the consumer requests it, the owner approves with masked fields, the consumer registers a
 * system and gets its key. The hub's local query API (records the owner loaded into the platform) is
 * measured too, against the same direct figure.
 *
 *   BENCH_DATABASE_URL=postgres://… node bench/sharing-hub.ts [concurrency] [seconds per phase] [memory|postgresql]
 */
import { type ChildProcess, fork } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import os from 'node:os';
import { sql } from 'kysely';
import pg from 'pg';
import { DEMO_PASSWORD, DEMO_STAFF, demoIdentity } from '../seed/demo/identity.ts';
import { referenceSteps } from '../seed/reference/index.ts';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { findAccountIdByResidentId, seedGrant, totpCodeAt } from '../src/modules/identity/index.ts';
import { DATA_SHARING_OFFICER, loadLocalRecords } from '../src/modules/sharing/index.ts';
import { systemClock } from '../src/platform/clock/index.ts';
import { residentIdCheckCharacter } from '../src/platform/identifiers/index.ts';
import { readMigrationFiles } from '../src/platform/migrations/index.ts';
import { runSeedSteps } from '../src/platform/seeding/index.ts';
import { createVault } from '../src/platform/vault/index.ts';
import { MIGRATIONS_DIR, readVersion } from '../src/runtime.ts';
import { freshBenchDatabase, machine, ratioLine } from './support.ts';

type OwnerRecord = { divisionCode: string; values: Record<string, string | number | null> };
type ProviderSetup =
  | { kind: 'memory'; records: OwnerRecord[] }
  | { kind: 'postgresql'; url: string; poolSize: number };
type ProviderRequest = { accessId: string; resourceCode: string; subject: string; fields: string[] };

const ENDPOINT_RESOURCE = 'bench.household-endpoint';
const LOCAL_RESOURCE = 'bench.household-local';
const PURPOSE = '核验低保申请人户籍信息';

/**
 * The owner's system: answers the hub's provider request with the record, as JSON. Run in a child
 * process; told by its parent where the records are, it answers with the port it listens on.
 */
async function serveProvider(setup: ProviderSetup): Promise<number> {
  const byResidentId = new Map<string, OwnerRecord>();
  let pool: pg.Pool | undefined;
  if (setup.kind === 'memory')
    for (const record of setup.records) byResidentId.set(String(record.values.residentId), record);
  else pool = new pg.Pool({ connectionString: setup.url, max: setup.poolSize });
  const lookup = async (residentId: string): Promise<OwnerRecord | undefined> => {
    if (!pool) return byResidentId.get(residentId);
    const result = await pool.query<{ division_code: string; record: OwnerRecord['values'] }>(
      'select division_code, record from bench_owner_record where resident_id = $1',
      [residentId],
    );
    const row = result.rows[0];
    return row && { divisionCode: row.division_code, values: row.record };
  };
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', async () => {
      const asked = JSON.parse(Buffer.concat(chunks).toString('utf8')) as ProviderRequest;
      const record = asked.resourceCode === ENDPOINT_RESOURCE ? await lookup(asked.subject) : undefined;
      if (!record) {
        response.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"not found"}');
        return;
      }
      const values: OwnerRecord['values'] = {};
      for (const field of asked.fields) values[field] = record.values[field] ?? null;
      response
        .writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify({ divisionCode: record.divisionCode, record: values }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as { port: number }).port;
}

function startProvider(setup: ProviderSetup): Promise<{ child: ChildProcess; url: string }> {
  const child = fork(import.meta.filename, ['provider'], { stdio: 'inherit' });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('message', (message: { port: number }) =>
      resolve({ child, url: `http://127.0.0.1:${message.port}/household-records` }),
    );
    child.send(setup);
  });
}

/** Synthetic residents of 西湖区 with valid resident ID numbers, born 1960–1999. */
function ownerRecords(count: number): OwnerRecord[] {
  const townships = ['330106001', '330106004', '330106005', '330106008'];
  return Array.from({ length: count }, (_, n) => {
    const birth = `${1960 + (n % 40)}${String(1 + (n % 12)).padStart(2, '0')}${String(1 + (n % 28)).padStart(2, '0')}`;
    const body = `330106${birth}${String(n % 1000).padStart(3, '0')}`;
    return {
      divisionCode: townships[n % townships.length]!,
      values: {
        residentId: body + residentIdCheckCharacter(body),
        name: `测试居民${n}`,
        phone: `139${String(n).padStart(8, '0')}`,
        address: `杭州市西湖区文三路${n % 500}号${n % 30}幢`,
        householdNumber: `HH${String(330106000000 + n)}`,
        registeredOn: `20${String(n % 25).padStart(2, '0')}-0${1 + (n % 9)}-1${n % 10}`,
      },
    };
  });
}

const FIELDS = [
  { name: 'residentId', type: 'resident-id', grade: 'core', isPersonal: true, isSensitive: true },
  { name: 'name', type: 'person-name', grade: 'important', isPersonal: true, isSensitive: false },
  { name: 'phone', type: 'phone', grade: 'important', isPersonal: true, isSensitive: false },
  { name: 'address', type: 'string', grade: 'important', isPersonal: true, isSensitive: false },
  { name: 'householdNumber', type: 'string', grade: 'general', isPersonal: false, isSensitive: false },
  { name: 'registeredOn', type: 'date', grade: 'general', isPersonal: false, isSensitive: false },
].map((field) => ({ ...field, description: field.name }));

type Phase = {
  name: string;
  concurrency: number;
  calls: number;
  perSecond: number;
  p50: number;
  p99: number;
  failures: Map<string, number>;
};

function percentile(sorted: readonly number[], fraction: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * fraction))] ?? Number.NaN;
}

/** N closed-loop clients for `seconds`, each call timed from send to the last byte of the answer. */
async function drive(
  name: string,
  concurrency: number,
  seconds: number,
  call: (subject: number) => Promise<Response>,
  subjects: number,
): Promise<Phase> {
  const latencies: number[] = [];
  const failures = new Map<string, number>();
  const started = performance.now();
  const until = started + seconds * 1000;
  await Promise.all(
    Array.from({ length: concurrency }, async (_, worker) => {
      for (let n = worker * 7919; performance.now() < until; n++) {
        const sent = performance.now();
        const response = await call(n % subjects);
        const text = await response.text();
        latencies.push(performance.now() - sent);
        if (response.status !== 200) {
          const key = `${response.status} ${text.slice(0, 160)}`;
          failures.set(key, (failures.get(key) ?? 0) + 1);
        }
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    name,
    concurrency,
    calls: latencies.length,
    perSecond: latencies.length / elapsed,
    p50: percentile(latencies, 0.5),
    p99: percentile(latencies, 0.99),
    failures,
  };
}

async function main() {
  const concurrency = Number(process.argv[2] ?? 8);
  const seconds = Number(process.argv[3] ?? 8);
  const providerKind = (process.argv[4] ?? 'memory') as ProviderSetup['kind'];
  const recordCount = 5_000;

  const bench = await freshBenchDatabase(concurrency + 4);
  const { db } = bench.database;
  const config = loadConfig({ NODE_ENV: 'test', SHUZHI_RATE_LIMIT_PER_MINUTE: '1000000', LOG_LEVEL: 'warn' });
  const vault = createVault(config.vaultKeys);
  await runSeedSteps(db, systemClock, referenceSteps);
  await runSeedSteps(db, systemClock, [demoIdentity], { vault });

  const records = ownerRecords(recordCount);
  if (providerKind === 'postgresql') {
    await sql`create table bench_owner_record (resident_id text primary key, division_code text not null, record jsonb not null)`.execute(
      db,
    );
    for (let from = 0; from < records.length; from += 1_000) {
      const batch = records.slice(from, from + 1_000);
      await sql`insert into bench_owner_record (resident_id, division_code, record) select * from unnest(${batch.map((r) => String(r.values.residentId))}::text[], ${batch.map((r) => r.divisionCode)}::text[], ${batch.map((r) => JSON.stringify(r.values))}::jsonb[])`.execute(
        db,
      );
    }
  }
  const provider = await startProvider(
    providerKind === 'memory'
      ? { kind: 'memory', records }
      : { kind: 'postgresql', url: bench.url, poolSize: concurrency },
  );

  const app = await buildApp({
    config,
    database: bench.database,
    migrations: readMigrationFiles(MIGRATIONS_DIR),
    clock: systemClock,
    version: readVersion(),
    logger: false,
  });
  const base = await app.listen({ host: '127.0.0.1', port: 0 });

  // Two departments' data sharing officers: the county service centre owns the household records, the
  // city's market regulator consumes them.
  const officer = async (key: string) => {
    const staff = DEMO_STAFF.find((candidate) => candidate.key === key)!;
    const accountId = (await findAccountIdByResidentId(db, vault, staff.residentId))!;
    const { organisation_id: organisationId } = await db
      .selectFrom('account')
      .select('organisation_id')
      .where('id', '=', accountId)
      .executeTakeFirstOrThrow();
    await seedGrant(db, systemClock, {
      accountId,
      roleCode: DATA_SHARING_OFFICER,
      divisionCode: staff.grantDivision,
      organisationId: organisationId!,
    });
    const response = await fetch(`${base}/api/identity/sessions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        identifier: staff.phone,
        password: DEMO_PASSWORD,
        otp: totpCodeAt(staff.totpSecret!, new Date()),
      }),
    });
    if (!response.ok) throw new Error(`sign-in ${key}: ${response.status} ${await response.text()}`);
    const cookie = response.headers
      .getSetCookie()
      .map((value) => value.split(';')[0])
      .join('; ');
    return { accountId, organisationId: organisationId!, cookie };
  };
  const owner = await officer('county-administrator');
  const consumer = await officer('city-registrar');
  const call = async (cookie: string, path: string, body: unknown) => {
    const response = await fetch(`${base}${path}`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`POST ${path}: ${response.status} ${await response.text()}`);
    return response.json() as Promise<{ id: string; apiKey: string }>;
  };
  const agree = async (code: string, accessMethod: 'endpoint' | 'local') => {
    await call(owner.cookie, '/api/sharing/resources', {
      code,
      name: `户籍人口信息（${accessMethod}）`,
      legalBasis: '《户口登记条例》',
      updateFrequency: 'daily',
      fields: FIELDS,
      sharingType: 'conditional',
      sharingConditions: '用于社会救助审核',
      openType: 'not-open',
      accessMethod,
      ...(accessMethod === 'endpoint' ? { endpointUrl: provider.url } : {}),
      subjectField: 'residentId',
    });
    const request = await call(consumer.cookie, '/api/sharing/requests', {
      resourceCode: code,
      purpose: PURPOSE,
      legalBasis: '《社会救助暂行办法》',
      fields: FIELDS.map((field) => field.name),
    });
    await call(owner.cookie, `/api/sharing/requests/${request.id}/approval`, {
      fields: FIELDS.map((field) => field.name),
      maskedFields: ['residentId', 'phone'],
      divisionCodes: ['330106'],
      validUntil: new Date(Date.now() + 86_400_000).toISOString(),
      // The largest rate an agreement may have: the bench must not be stopped by the rate limit.
      rateLimitPerMinute: 100_000,
    });
  };
  await agree(ENDPOINT_RESOURCE, 'endpoint');
  await agree(LOCAL_RESOURCE, 'local');
  await loadLocalRecords(db, { clock: systemClock, vault }, owner, LOCAL_RESOURCE, records);
  const { apiKey } = await call(consumer.cookie, '/api/sharing/systems', { name: '市场监管综合业务系统' });

  const subjectOf = (n: number) => String(records[n]!.values.residentId);
  const direct = (n: number) =>
    fetch(provider.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        accessId: randomUUID(),
        resourceCode: ENDPOINT_RESOURCE,
        subject: subjectOf(n),
        fields: FIELDS.map((field) => field.name),
      }),
    });
  const hub = (resourceCode: string) => (n: number) =>
    fetch(`${base}/api/sharing/hub/query`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-sharing-key': apiKey },
      body: JSON.stringify({
        resourceCode,
        subject: subjectOf(n),
        purpose: PURPOSE,
        caseNumber: `DB-2026-${String(n).padStart(6, '0')}`,
        endUser: '市场监管局 王审核',
      }),
    });

  // One answer checked before timing: agreed fields, masks applied, the provider's values otherwise.
  const sample = (await (await hub(ENDPOINT_RESOURCE)(0)).json()) as {
    record: Record<string, string>;
    maskedFields: string[];
  };
  const sampleOk =
    sample.record.name === records[0]!.values.name &&
    sample.record.residentId !== records[0]!.values.residentId &&
    sample.maskedFields.join() === 'residentId,phone';
  if (!sampleOk) throw new Error(`the hub's answer is not the agreed record: ${JSON.stringify(sample)}`);

  const load: string[] = [];
  const noteLoad = () => load.push(os.loadavg()[0]!.toFixed(1));
  noteLoad();
  // Warm-up: connections, JIT, plan caches.
  await drive('warm-up direct', concurrency, 2, direct, recordCount);
  await drive('warm-up hub', concurrency, 2, hub(ENDPOINT_RESOURCE), recordCount);
  await drive('warm-up hub local', concurrency, 1, hub(LOCAL_RESOURCE), recordCount);

  const phases: Phase[] = [];
  for (let round = 1; round <= 2; round++) {
    phases.push(await drive(`direct to provider, round ${round}`, concurrency, seconds, direct, recordCount));
    phases.push(
      await drive(
        `hub → endpoint, round ${round}`,
        concurrency,
        seconds,
        hub(ENDPOINT_RESOURCE),
        recordCount,
      ),
    );
    noteLoad();
  }
  phases.push(await drive('hub → local query API', concurrency, seconds, hub(LOCAL_RESOURCE), recordCount));
  const quiet = Math.max(2, Math.round(seconds / 2));
  phases.push(await drive('direct to provider, 1 client', 1, quiet, direct, recordCount));
  phases.push(await drive('hub → endpoint, 1 client', 1, quiet, hub(ENDPOINT_RESOURCE), recordCount));
  phases.push(await drive('hub → local query API, 1 client', 1, quiet, hub(LOCAL_RESOURCE), recordCount));
  noteLoad();

  const logged = await db
    .selectFrom('sharing_access')
    .select(['outcome', (eb) => eb.fn.countAll<string>().as('count')])
    .groupBy('outcome')
    .execute();
  const pendingLedger = await sql<{ count: string }>`select count(*) as count from ledger_pending`
    .execute(db)
    .then((result) => result.rows[0]?.count)
    .catch(() => 'n/a');

  await app.close();
  provider.child.kill();
  await bench.drop();

  console.log(
    `machine: ${machine()}; PostgreSQL; provider: ${providerKind}, ${recordCount} records; ${concurrency} concurrent clients, ${seconds} s a phase; load average ${load.join(' → ')}`,
  );
  console.log(
    `checked answer: agreed fields, residentId and phone masked; access rows: ${logged.map((row) => `${row.outcome} ${row.count}`).join(', ')}; ledger events pending: ${pendingLedger}`,
  );
  for (const phase of phases) {
    console.log(
      `${phase.name}: ${phase.perSecond.toFixed(0)} calls/s (${phase.calls} calls, ${phase.concurrency} clients), p50 ${phase.p50.toFixed(3)} ms, p99 ${phase.p99.toFixed(3)} ms`,
    );
    for (const [failure, count] of phase.failures) console.log(`  ${count} × ${failure}`);
  }
  const byName = (name: string) => phases.find((phase) => phase.name === name)!;
  for (let round = 1; round <= 2; round++) {
    const plain = byName(`direct to provider, round ${round}`);
    const through = byName(`hub → endpoint, round ${round}`);
    console.log(
      ratioLine(
        `round ${round}: hub throughput`,
        through.perSecond,
        'calls/s',
        plain.perSecond,
        'direct to provider',
      ),
      `(target ≥ 0.800 ×); p50 overhead ${(through.p50 - plain.p50).toFixed(3)} ms (target ≤ 2 ms)`,
    );
  }
  const plain = byName('direct to provider, round 2');
  const local = byName('hub → local query API');
  console.log(
    ratioLine(
      'local query API throughput',
      local.perSecond,
      'calls/s',
      plain.perSecond,
      'direct to provider',
    ),
  );
  const plainOne = byName('direct to provider, 1 client');
  for (const name of ['hub → endpoint, 1 client', 'hub → local query API, 1 client']) {
    const phase = byName(name);
    console.log(
      `${name}: p50 overhead ${(phase.p50 - plainOne.p50).toFixed(3)} ms over the direct call (target ≤ 2 ms); throughput ${(phase.perSecond / plainOne.perSecond).toFixed(3)} × direct`,
    );
  }
}

// Last, so that every constant above is initialised before either role runs. The provider ends with
// its parent, whichever way the parent ends.
if (process.argv[2] === 'provider') {
  process.once('disconnect', () => process.exit(0));
  process.once('message', async (setup: ProviderSetup) => {
    process.send!({ port: await serveProvider(setup) });
  });
} else {
  await main();
}
