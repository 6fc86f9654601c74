import type { SeedStep } from '../../../platform/seeding/index.ts';
import { defineRole } from '../../identity/index.ts';
import { WATCH_HOT_TOPICS } from './worker.ts';

export const HOT_TOPIC_WATCHER = 'hot-topic-watcher';

/** The built-in role of those who watch hot topics for an area (its own step: databases seeded before get it too). */
export const feedbackAnalysisReferenceSteps: readonly SeedStep[] = [
  {
    name: 'feedback.hot-topic-watcher-role',
    description: 'The built-in role of staff who see and acknowledge hot-topic alerts of their area',
    async run({ db, clock }) {
      await defineRole(
        db,
        clock,
        { kind: 'system', id: 'seed' },
        {
          code: HOT_TOPIC_WATCHER,
          nameZh: '热点诉求研判员',
          nameEn: 'Hot-topic watcher',
          permissions: [WATCH_HOT_TOPICS],
        },
        true,
      );
    },
  },
];
