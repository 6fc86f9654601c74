import type { SeedStep } from '../../../platform/seeding/index.ts';
import { defineRole } from '../../identity/index.ts';
import { COLLECT_FEES, WAIVE_FEES } from './service.ts';

/**
 * The built-in fee roles: a cashier records counter payments and reconciles; a supervisor may also
 * waive a fee. A step of its own, so databases seeded before fees existed get them too.
 */
export const feeReferenceSteps: readonly SeedStep[] = [
  {
    name: 'services.fee-roles',
    description: 'The built-in roles of fee collection (收费员, 收费主管)',
    async run({ db, clock }) {
      const by = { kind: 'system' as const, id: 'seed' };
      await defineRole(
        db,
        clock,
        by,
        { code: 'fee-cashier', nameZh: '收费员', nameEn: 'Fee cashier', permissions: [COLLECT_FEES] },
        true,
      );
      await defineRole(
        db,
        clock,
        by,
        {
          code: 'fee-supervisor',
          nameZh: '收费主管',
          nameEn: 'Fee supervisor',
          permissions: [COLLECT_FEES, WAIVE_FEES],
        },
        true,
      );
    },
  },
];
