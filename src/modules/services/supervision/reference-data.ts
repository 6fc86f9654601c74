import type { SeedStep } from '../../../platform/seeding/index.ts';
import { defineRole } from '../../identity/index.ts';
import { APPROVE_EXTENSIONS } from '../applications/index.ts';
import { READ_SUPERVISION } from './service.ts';

/**
 * The built-in roles of handling supervision, as a step of their own so that databases whose
 * built-in roles were loaded before these existed get them too.
 */
export const supervisionReferenceSteps: readonly SeedStep[] = [
  {
    name: 'services.supervision-roles',
    description:
      'Built-in roles 行政审批监管员 (supervision figures) and 办件延期审批人 (extension approvals)',
    async run({ db, clock }) {
      const seed = { kind: 'system', id: 'seed' } as const;
      await defineRole(
        db,
        clock,
        seed,
        {
          code: 'service-supervisor',
          nameZh: '行政审批监管员',
          nameEn: 'Service supervision officer',
          permissions: [READ_SUPERVISION],
        },
        true,
      );
      await defineRole(
        db,
        clock,
        seed,
        {
          code: 'service-extension-approver',
          nameZh: '办件延期审批人',
          nameEn: 'Case extension approver',
          permissions: [APPROVE_EXTENSIONS],
        },
        true,
      );
    },
  },
];
