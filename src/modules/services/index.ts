/**
 * Services: one-stop government services — the catalogue of service items and the workflow engine
 * that carries a case through departments. Each sub-folder adds its own exports here.
 */
export * from './workflow/index.ts';
