import type { SeedStep } from '../../platform/seeding/index.ts';
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
];
