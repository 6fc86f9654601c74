import type { SeedStep } from '../../src/platform/seeding/index.ts';
import { demoCredentials } from './credentials.ts';
import { demoDeploymentProfile } from './deployment-profile.ts';
import { demoFeedback } from './feedback.ts';
import { demoGeneratedRequests, demoHotTopicWatcher } from './feedback-hot-topics.ts';
import { demoFeedbackOversight } from './feedback-oversight.ts';
import { demoIdentity } from './identity.ts';
import { demoServicesApplications, demoServicesBundles } from './services-applications.ts';
import { demoServicesCatalogue } from './services-catalogue.ts';
import { demoServicesExaminingStaff } from './services-handlers.ts';
import { demoServicesSupervision } from './services-supervision.ts';
import { demoSharing } from './sharing.ts';

/**
 * The demo data builder: an ordered list of steps that each module extends as it lands
 * (identity adds divisions and people, services adds the catalogue, …). Order matters: a step may
 * rely on the ones before it.
 */
export const demoSteps: readonly SeedStep[] = [
  demoDeploymentProfile,
  demoIdentity,
  demoCredentials,
  demoServicesCatalogue,
  demoServicesApplications,
  demoServicesBundles,
  demoServicesExaminingStaff,
  demoFeedback,
  demoServicesSupervision,
  demoFeedbackOversight,
  demoHotTopicWatcher,
  demoSharing,
];

/** Demo data too slow for every test suite's demo database; `serve --demo` and `seed --demo` add it. */
export const demoGeneratedSteps: readonly SeedStep[] = [demoGeneratedRequests];
