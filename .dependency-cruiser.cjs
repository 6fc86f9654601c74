/**
 * Module boundaries (docs/ARCHITECTURE.md): a module is reached only through its index.ts,
 * and platform never depends on a module.
 */
module.exports = {
  forbidden: [
    {
      name: 'module-only-through-index',
      comment: 'Another module may import src/modules/<name>/index.ts only, never its inner files.',
      severity: 'error',
      from: { path: '^src/modules/([^/]+)/' },
      to: { path: '^src/modules/([^/]+)/', pathNot: ['^src/modules/$1/', '^src/modules/[^/]+/index\\.ts$'] },
    },
    {
      name: 'outside-only-through-index',
      comment:
        'Code outside src/modules (app, main, seed, bench, tests) imports a module through its index.ts.',
      severity: 'error',
      from: { pathNot: '^src/modules/' },
      to: { path: '^src/modules/[^/]+/(?!index\\.ts$)' },
    },
    {
      name: 'platform-is-below-modules',
      comment: 'platform/ is the floor every module stands on; it must not depend on a module.',
      severity: 'error',
      from: { path: '^src/platform/' },
      to: { path: '^src/modules/' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    exclude: { path: ['node_modules', 'dist', '^web/', '^test/fixtures/'] },
  },
};
