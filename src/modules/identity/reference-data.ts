import type { SeedStep } from '../../platform/seeding/index.ts';
import { BUILT_IN_ROLES } from './access/built-in-roles.ts';
import { defineRole } from './access/service.ts';
import { importDivisions } from './divisions/index.ts';

/** Reference data every deployment needs, loaded by `serve` and `seed` (each step once per database). */
export const identityReferenceSteps: readonly SeedStep[] = [
  {
    name: 'identity.divisions-to-township',
    description: 'National statistical division codes 2023, province to township (about 44,700 rows)',
    async run({ db, clock }) {
      await importDivisions(db, clock, { includeVillages: false });
    },
  },
  {
    name: 'identity.built-in-roles',
    description: 'The roles shipped with the platform (administrators grant them within their own area)',
    async run({ db, clock }) {
      for (const role of BUILT_IN_ROLES)
        await defineRole(db, clock, { kind: 'system', id: 'seed' }, role, true);
    },
  },
];
