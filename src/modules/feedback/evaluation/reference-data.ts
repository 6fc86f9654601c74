import type { SeedStep } from '../../../platform/seeding/index.ts';
import { defineRole } from '../../identity/index.ts';
import { WATCH_HOT_TOPICS } from '../analysis-worker/index.ts';
import { CONFIGURE_EVALUATION, READ_EVALUATION } from './service.ts';

/**
 * The built-in roles of feedback oversight, a step of their own so that databases seeded before it
 * get them too. Granted at a division (a township head, a district's 12345 office), never per department.
 */
export const evaluationReferenceSteps: readonly SeedStep[] = [
  {
    name: 'feedback.oversight-roles',
    description:
      'The built-in roles of feedback leaders (诉求督办领导) and evaluation administrators (诉求考核管理员)',
    async run({ db, clock }) {
      const system = { kind: 'system', id: 'seed' } as const;
      await defineRole(
        db,
        clock,
        system,
        {
          code: 'feedback-leader',
          nameZh: '诉求督办领导',
          nameEn: 'Feedback oversight leader',
          permissions: [READ_EVALUATION, WATCH_HOT_TOPICS],
        },
        true,
      );
      await defineRole(
        db,
        clock,
        system,
        {
          code: 'feedback-evaluation-administrator',
          nameZh: '诉求考核管理员',
          nameEn: 'Feedback evaluation administrator',
          permissions: [CONFIGURE_EVALUATION, READ_EVALUATION],
        },
        true,
      );
    },
  },
];
