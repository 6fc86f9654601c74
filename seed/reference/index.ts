import { credentialsReferenceSteps } from '../../src/modules/credentials/index.ts';
import {
  evaluationReferenceSteps,
  feedbackAnalysisReferenceSteps,
  feedbackReferenceSteps,
} from '../../src/modules/feedback/index.ts';
import { identityReferenceSteps } from '../../src/modules/identity/index.ts';
import { auditedWrite, hashPayload } from '../../src/modules/ledger/index.ts';
import {
  catalogueReferenceSteps,
  feeReferenceSteps,
  supervisionReferenceSteps,
} from '../../src/modules/services/index.ts';
import { sharingReferenceSteps } from '../../src/modules/sharing/index.ts';
import { calendarReferenceSteps } from '../../src/platform/calendar/index.ts';
import type { SeedStep } from '../../src/platform/seeding/index.ts';

/** Reference data every deployment needs; `serve` and `seed` run these steps (each once per database). */
export const referenceSteps: readonly SeedStep[] = [
  ...identityReferenceSteps,
  ...calendarReferenceSteps({ auditedWrite, hashPayload }),
  ...credentialsReferenceSteps,
  ...catalogueReferenceSteps,
  ...sharingReferenceSteps,
  ...supervisionReferenceSteps,
  ...feeReferenceSteps,
  ...feedbackReferenceSteps,
  ...evaluationReferenceSteps,
  ...feedbackAnalysisReferenceSteps,
];
