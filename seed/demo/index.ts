import type { SeedStep } from '../../src/platform/seeding/index.ts';
import { demoCredentials } from './credentials.ts';
import { demoDeploymentProfile } from './deployment-profile.ts';
import { demoFeedback } from './feedback.ts';
import { demoGeneratedRequests, demoHotTopicWatcher } from './feedback-hot-topics.ts';
import { demoIdentity } from './identity.ts';
import { demoServicesCatalogue } from './services-catalogue.ts';

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
  demoFeedback,
  demoHotTopicWatcher,
];

/** Demo data too slow for every test suite's demo database; `serve --demo` and `seed --demo` add it. */
export const demoGeneratedSteps: readonly SeedStep[] = [demoGeneratedRequests];
