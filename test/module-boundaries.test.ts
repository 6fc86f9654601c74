import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT, spawnNode } from './support/processes.ts';

/**
 * The boundary rules in .dependency-cruiser.cjs, shown on a fixture tree that breaks them
 * (test/fixtures/boundary-violation). `npm run lint` applies the same rules to the real tree.
 */
describe('module boundaries', () => {
  const depcruise = `${PROJECT_ROOT}/node_modules/dependency-cruiser/bin/dependency-cruise.mjs`;
  const config = `${PROJECT_ROOT}/.dependency-cruiser.cjs`;

  it('fails when a module imports another module past its index.ts, or platform imports a module', async () => {
    const run = spawnNode(
      [depcruise, 'src', '--config', config, '--output-type', 'err'],
      {},
      {
        cwd: `${PROJECT_ROOT}/test/fixtures/boundary-violation`,
      },
    );
    const { code } = await run.exited;
    expect(code).not.toBe(0);
    expect(run.output()).toContain('module-only-through-index');
    expect(run.output()).toContain('src/modules/services/service.ts → src/modules/identity/store.ts');
    expect(run.output()).toContain('platform-is-below-modules');
    expect(run.output()).not.toContain('src/modules/services/index.ts → src/modules/identity/index.ts');
  }, 60_000);
});
