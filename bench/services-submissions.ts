/**
 * Submissions of service applications per second, end to end over HTTP: a listening server (the real
 * `buildApp`, session cookies, schema validation, access checks, the submission transaction with its
 * number, due dates, workflow start, notifications and audit event) driven by N concurrent clients,
 * against a raw PostgreSQL loop (begin; insert one row; commit) at the same concurrency on the same
 * server in the same run.
 *
 * The demo data is loaded first (reference data, demo people and the demo catalogue); the clients are
 * the demo citizens, each submitting 个体工商户设立登记 drafts prepared before the clock starts, so the
 * figure is the submission call itself (`POST /api/services/applications/{id}/submission`).
 *
 *   BENCH_DATABASE_URL=postgres://… node bench/services-submissions.ts [clients] [submissions per client]
 */
import { sql } from 'kysely';
import { demoCredentials } from '../seed/demo/credentials.ts';
import { DEMO_CITIZENS, DEMO_PASSWORD, demoIdentity } from '../seed/demo/identity.ts';
import { DEMO_ITEM_CODES, demoServicesCatalogue } from '../seed/demo/services-catalogue.ts';
import { referenceSteps } from '../seed/reference/index.ts';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { systemClock } from '../src/platform/clock/index.ts';
import { readMigrationFiles } from '../src/platform/migrations/index.ts';
import { runSeedSteps } from '../src/platform/seeding/index.ts';
import { createVault } from '../src/platform/vault/index.ts';
import { MIGRATIONS_DIR, readVersion } from '../src/runtime.ts';
import { freshBenchDatabase, machine, ratioLine } from './support.ts';

const clients = Number(process.argv[2] ?? 8);
const perClient = Number(process.argv[3] ?? 150);

const bench = await freshBenchDatabase(clients + 4);
const { db } = bench.database;
const config = loadConfig({ NODE_ENV: 'test', SHUZHI_RATE_LIMIT_PER_MINUTE: '1000000', LOG_LEVEL: 'warn' });
const vault = createVault(config.vaultKeys);
await runSeedSteps(db, systemClock, referenceSteps);
await runSeedSteps(db, systemClock, [demoIdentity, demoCredentials, demoServicesCatalogue], { vault });

const app = await buildApp({
  config,
  database: bench.database,
  migrations: readMigrationFiles(MIGRATIONS_DIR),
  clock: systemClock,
  version: readVersion(),
  logger: false,
});
const base = await app.listen({ host: '127.0.0.1', port: 0 });

async function call(cookie: string, method: string, path: string, body?: unknown): Promise<Response> {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: { cookie, 'content-type': 'application/json', 'idempotency-key': crypto.randomUUID() },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  return response;
}

async function signIn(phone: string): Promise<string> {
  const response = await fetch(`${base}/api/identity/sessions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ identifier: phone, password: DEMO_PASSWORD }),
  });
  if (!response.ok) throw new Error(`sign-in ${phone}: ${response.status} ${await response.text()}`);
  return response.headers
    .getSetCookie()
    .map((cookie) => cookie.split(';')[0])
    .join('; ');
}

// One session per client, spread over the demo citizens (several clients may share one person).
const cookies = await Promise.all(
  Array.from({ length: clients }, (_, n) => signIn(DEMO_CITIZENS[n % DEMO_CITIZENS.length]!.phone)),
);
const answersOf = (n: number) => {
  const citizen = DEMO_CITIZENS[n % DEMO_CITIZENS.length]!;
  return {
    operatorName: citizen.name,
    residentId: citizen.residentId,
    isCivilServant: false,
    scope: '日用百货零售',
    premisesKind: 'owned',
  };
};
const drafts = await Promise.all(
  cookies.map(async (cookie, n) => {
    const ids: string[] = [];
    for (let i = 0; i < perClient; i++) {
      const draft = (await (
        await call(cookie, 'POST', '/api/services/applications', {
          itemCode: DEMO_ITEM_CODES.individualBusiness,
        })
      ).json()) as { id: string };
      await call(cookie, 'PUT', `/api/services/applications/${draft.id}/answers`, { answers: answersOf(n) });
      ids.push(draft.id);
    }
    return ids;
  }),
);

const submitStarted = performance.now();
await Promise.all(
  cookies.map(async (cookie, n) => {
    for (const id of drafts[n]!)
      await call(cookie, 'POST', `/api/services/applications/${id}/submission`, {
        declarationAccepted: true,
      });
  }),
);
const submitSeconds = (performance.now() - submitStarted) / 1000;
const submissionsPerSecond = (clients * perClient) / submitSeconds;
const submitted = await db
  .selectFrom('service_application')
  .select((eb) => eb.fn.countAll<string>().as('count'))
  .where('state', '=', 'submitted')
  .executeTakeFirstOrThrow();

await sql`create table bench_raw_submission (id uuid primary key, number text not null, answers text not null, submitted_at timestamptz not null)`.execute(
  db,
);
const rawCount = clients * perClient * 4;
const rawStarted = performance.now();
await Promise.all(
  Array.from({ length: clients }, async (_, n) => {
    for (let i = 0; i < rawCount / clients; i++)
      await db
        .transaction()
        .execute((tx) =>
          sql`insert into bench_raw_submission (id, number, answers, submitted_at) values (${crypto.randomUUID()}, ${`330106-${n}-${i}`}, ${JSON.stringify(answersOf(n))}, now())`.execute(
            tx,
          ),
        );
  }),
);
const rawPerSecond = rawCount / ((performance.now() - rawStarted) / 1000);

await app.close();
await bench.drop();

console.log(
  `machine: ${machine()}; PostgreSQL; ${clients} concurrent clients, ${clients * perClient} submissions over HTTP`,
);
console.log(`submitted rows in the database: ${submitted.count}`);
console.log(ratioLine('raw insert + commit', rawPerSecond, 'tx/s', rawPerSecond, 'itself'));
console.log(
  ratioLine(
    'submissions over HTTP',
    submissionsPerSecond,
    'submissions/s',
    rawPerSecond,
    'raw insert + commit',
  ),
);
console.log(
  ratioLine(
    'against the 50 % target',
    submissionsPerSecond,
    'submissions/s',
    rawPerSecond / 2,
    '50 % of raw',
  ),
);
