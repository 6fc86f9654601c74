export type { SeedContext, SeedReport, SeedStep } from './seeding.ts';
export { runSeedSteps } from './seeding.ts';
