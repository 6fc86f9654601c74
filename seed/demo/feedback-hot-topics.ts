/**
 * Demo hot topics: a week of generated 12345 requests over the demo district's townships with a few
 * injected bursts, taken through the real intake as an import and analysed by the worker, so that
 * the hot-topics board has alerts; and a watcher for 西湖区 with published credentials (docs/demo.md).
 */
import {
  analyseBatch,
  createAnalysisEngine,
  generateSyntheticRequests,
  HOT_TOPIC_WATCHER,
  submitRequest,
  syntheticIntake,
} from '../../src/modules/feedback/index.ts';
import { seedGrant, seedOrganisation, seedPersonAccount } from '../../src/modules/identity/index.ts';
import type { SeedStep } from '../../src/platform/seeding/index.ts';
import { DEMO_PASSWORD } from './identity.ts';

const HOUR = 3_600_000;
const SOURCE = 'demo-generator';

export const DEMO_HOT_TOPIC_WATCHER = {
  role: HOT_TOPIC_WATCHER,
  name: '周研判',
  residentId: '330106199107070115',
  phone: '13900330231',
  totpSecret: 'SHUZHIDEMOHOTTOPICWATCHERAAAAAAA',
} as const;

/** A week of requests ending at the hour before `now`, with bursts after the detectors' first days. */
export function demoStream(now: Date) {
  const days = 7;
  const endAt = Math.floor(now.getTime() / HOUR) * HOUR;
  return generateSyntheticRequests({
    seed: 12345,
    startAt: endAt - days * 24 * HOUR,
    days,
    backgroundPerDay: 320,
    burstCount: 4,
    quietDays: 3,
  });
}

export const demoHotTopicWatcher: SeedStep = {
  name: 'feedback.demo-hot-topic-watcher',
  description: 'A hot-topic watcher for 西湖区 in the district social governance centre',
  async run({ db, clock, vault }) {
    if (!vault) throw new Error('the demo hot-topic watcher needs the vault');
    const centre = await seedOrganisation(db, clock, {
      kind: 'government-department',
      nameZh: '西湖区社会治理中心',
      nameEn: 'Xihu District Social Governance Centre',
      divisionCode: '330106',
    });
    const watcher = DEMO_HOT_TOPIC_WATCHER;
    const watcherId = await seedPersonAccount(
      db,
      { vault, clock },
      {
        kind: 'staff',
        name: watcher.name,
        residentId: watcher.residentId,
        phone: watcher.phone,
        password: DEMO_PASSWORD,
        organisationId: centre,
        totpSecret: watcher.totpSecret,
      },
    );
    await seedGrant(db, clock, { accountId: watcherId, roleCode: watcher.role, divisionCode: '330106' });
  },
};

/**
 * About 2,600 requests through the intake take a minute or so on the embedded database, so this step
 * runs with `serve --demo` and `seed --demo` but not in the test suites' demo data.
 */
export const demoGeneratedRequests: SeedStep = {
  name: 'feedback.demo-generated-requests',
  description: 'A week of generated 12345 requests with injected bursts, imported and analysed',
  async run({ db, clock, vault }) {
    if (!vault) throw new Error('the generated requests go through the intake, which needs the vault');
    for (const request of demoStream(clock.now()).requests) {
      const { input, imported } = syntheticIntake(request, SOURCE);
      await submitRequest({ db, clock, vault }, { kind: 'import', source: SOURCE }, input, { imported });
    }
    const engine = createAnalysisEngine();
    for (;;) {
      const outcome = await analyseBatch(db, clock, engine, { advanceTo: clock.now() });
      if (outcome.outcome !== 'analysed' || outcome.isQueueEmpty) break;
    }
  },
};
