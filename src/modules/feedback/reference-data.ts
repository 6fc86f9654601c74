import type { SeedStep } from '../../platform/seeding/index.ts';
import { defineRole } from '../identity/index.ts';
import { APPROVE_EXTENSIONS, MANAGE_SLA } from './sla.ts';

/**
 * Reference data of feedback handling: the supervisor role (诉求督办员) that sets service levels and
 * decides the extensions the units below ask for. Its own step, so databases seeded before it get it.
 */
export const feedbackReferenceSteps: readonly SeedStep[] = [
  {
    name: 'feedback.supervisor-role',
    description: 'The built-in role of feedback supervisors (诉求督办员): service levels and extensions',
    async run({ db, clock }) {
      await defineRole(
        db,
        clock,
        { kind: 'system', id: 'seed' },
        {
          code: 'feedback-supervisor',
          nameZh: '诉求督办员',
          nameEn: 'Feedback supervisor',
          permissions: [MANAGE_SLA, APPROVE_EXTENSIONS],
        },
        true,
      );
    },
  },
];
