import { identityReferenceSteps } from '../../src/modules/identity/index.ts';
import { catalogueReferenceSteps } from '../../src/modules/services/index.ts';
import type { SeedStep } from '../../src/platform/seeding/index.ts';

/** Reference data every deployment needs; `serve` and `seed` run these steps (each once per database). */
export const referenceSteps: readonly SeedStep[] = [...identityReferenceSteps, ...catalogueReferenceSteps];
