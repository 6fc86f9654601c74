import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'seed/**/*.test.ts', 'test/**/*.test.ts'],
    globalSetup: ['test/support/global-setup.ts'],
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Browser journeys poll the page; on two busy cores a render after a fetch can take seconds.
    expect: { poll: { timeout: 15_000, interval: 100 } },
    reporters: ['default'],
  },
});
