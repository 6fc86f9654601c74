import type { Kysely } from 'kysely';
import type { Tables } from '../../platform/db/index.ts';

type Db = Kysely<Tables>;

/** Runs `work` in a transaction, joining the caller's when there is one (a seed step, an import). */
export function inTransaction<T>(db: Db, work: (tx: Db) => Promise<T>): Promise<T> {
  return db.isTransaction ? work(db) : db.transaction().execute(work);
}
