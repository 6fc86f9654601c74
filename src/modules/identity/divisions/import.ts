import type { Kysely } from 'kysely';
import type { Clock } from '../../../platform/clock/index.ts';
import type { Tables } from '../../../platform/db/index.ts';
import { hashPayload, recordAuditEvent } from '../../ledger/index.ts';
import { type DivisionFile, readDivisionFile, TOWNSHIP_FILES, VILLAGE_FILE } from './source.ts';
import { upsertDivisions } from './store.ts';

export type DivisionImportProgress = { file: string; done: number; expected: number };

export type DivisionImportResult = { rowsRead: number; files: { file: string; rows: number }[] };

const BATCH = 5000;

/**
 * Loads the division codes (down to townships, or to villages as well). Each batch is its own
 * transaction with its own audit event, so a village import of 620k rows never holds one huge
 * transaction, and an interrupted import can be re-run: rows already there are skipped or
 * refreshed, never doubled.
 */
export async function importDivisions(
  db: Kysely<Tables>,
  clock: Clock,
  options: { includeVillages: boolean; onProgress?: (progress: DivisionImportProgress) => void },
): Promise<DivisionImportResult> {
  const files: DivisionFile[] = [...TOWNSHIP_FILES, ...(options.includeVillages ? [VILLAGE_FILE] : [])];
  const result: DivisionImportResult = { rowsRead: 0, files: [] };
  // Inside a caller's transaction (a seed step) everything joins it; on its own, a transaction per batch.
  const inTransaction = <T>(work: (tx: Kysely<Tables>) => Promise<T>) =>
    db.isTransaction ? work(db) : db.transaction().execute(work);
  for (const source of files) {
    let rows = 0;
    for await (const batch of readDivisionFile(source, BATCH)) {
      await inTransaction(async (tx) => {
        await upsertDivisions(tx, batch);
        await recordAuditEvent(tx, {
          action: 'identity.divisions.imported',
          actor: { kind: 'system', id: 'division-import' },
          record: { type: 'identity.division-batch', id: `${batch[0]!.code}-${batch.at(-1)!.code}` },
          at: clock.now(),
          reason: `statistical division codes 2023, ${source.file}`,
          payloadHash: hashPayload(batch.map((row) => [row.code, row.name_zh])),
        });
      });
      rows += batch.length;
      options.onProgress?.({ file: source.file, done: rows, expected: source.expectedRows });
    }
    result.files.push({ file: source.file, rows });
    result.rowsRead += rows;
  }
  return result;
}
