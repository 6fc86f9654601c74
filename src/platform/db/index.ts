export { DataDirectoryLockedError } from './data-dir-lock.ts';
export type { Database, DatabaseKind, OpenDatabaseOptions } from './open-database.ts';
export { openDatabase, redactUrl } from './open-database.ts';
export type { Tables } from './tables.ts';
