export type { MigrateResult, MigrationFile, MigrationStatus } from './migrations.ts';
export { MigrationError, migrate, readMigrationFiles, verifyMigrations } from './migrations.ts';
