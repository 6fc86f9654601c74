import { type Kysely, sql } from 'kysely';
import type { Clock } from '../../../platform/clock/index.ts';
import type { Tables } from '../../../platform/db/index.ts';
import type { Vault } from '../../../platform/vault/index.ts';
import { recordAuditEvent } from '../../ledger/index.ts';

/**
 * `shuzhi keys rotate`: re-encrypts every vault-encrypted field (personal data, TOTP secrets, the single
 * sign-on signing keys) that is not under the active vault key,
 * in small batches while the platform keeps serving. Readers never notice: the old key stays in the
 * key ring and decrypts what is not yet done, and each row is rewritten only if it is still what was
 * read (a concurrent change wins and is picked up on the next run). Blind indexes do not change: they
 * hang on the separate blind-index key.
 */
type EncryptedField = {
  table: 'person' | 'totp_credential' | 'oidc_signing_key';
  column: string;
  /** The column name the ciphertext is bound to as associated data. */
  contextColumn: string;
  /** The row's key, also bound as associated data; rows are walked in its order. */
  keyColumn: 'account_id' | 'kid';
};

const FIELDS: readonly EncryptedField[] = [
  { table: 'person', column: 'name_encrypted', contextColumn: 'name', keyColumn: 'account_id' },
  { table: 'person', column: 'resident_id_encrypted', contextColumn: 'resident_id', keyColumn: 'account_id' },
  { table: 'person', column: 'phone_encrypted', contextColumn: 'phone', keyColumn: 'account_id' },
  { table: 'person', column: 'email_encrypted', contextColumn: 'email', keyColumn: 'account_id' },
  {
    table: 'totp_credential',
    column: 'secret_encrypted',
    contextColumn: 'secret_encrypted',
    keyColumn: 'account_id',
  },
  // Left under a retired vault key, the provider could no longer sign: every sign-on would stop.
  {
    table: 'oidc_signing_key',
    column: 'private_jwk_encrypted',
    contextColumn: 'private_jwk_encrypted',
    keyColumn: 'kid',
  },
];

const BATCH = 500;

export type KeyRotationReport = { examined: number; reencrypted: number };

export async function rotatePersonalDataKeys(
  deps: { db: Kysely<Tables>; vault: Vault; clock: Clock },
  onProgress?: (report: KeyRotationReport) => void,
): Promise<KeyRotationReport> {
  const report: KeyRotationReport = { examined: 0, reencrypted: 0 };
  for (const field of FIELDS) {
    const key = sql.ref(field.keyColumn);
    let after: string | undefined;
    for (;;) {
      const rows = await sql<{ row_id: string; value: string | null }>`
        select ${key}::text as row_id, ${sql.ref(field.column)} as value from ${sql.table(field.table)}
        where ${after === undefined ? sql`true` : sql`${key} > ${after}`} order by ${key} limit ${BATCH}
      `.execute(deps.db);
      if (rows.rows.length === 0) break;
      after = rows.rows.at(-1)!.row_id;
      report.examined += rows.rows.length;
      // A null is an optional field left empty (an e-mail address): nothing to re-encrypt.
      const stale = rows.rows.filter((row) => row.value !== null && deps.vault.needsReencryption(row.value));
      if (stale.length > 0) {
        await deps.db.transaction().execute(async (tx) => {
          for (const row of stale) {
            const context = { table: field.table, column: field.contextColumn, rowId: row.row_id };
            const fresh = deps.vault.encrypt(deps.vault.decrypt(row.value!, context), context);
            const updated = await sql`
              update ${sql.table(field.table)} set ${sql.ref(field.column)} = ${fresh}
              where ${key} = ${row.row_id} and ${sql.ref(field.column)} = ${row.value}
            `.execute(tx);
            report.reencrypted += Number(updated.numAffectedRows ?? 0n);
          }
          await recordAuditEvent(tx, {
            action: 'identity.personal-data.re-encrypted',
            actor: { kind: 'system', id: 'key-rotation' },
            record: {
              type: 'identity.person-batch',
              id: `${field.table}.${field.column}:${stale[0]!.row_id}`,
            },
            at: deps.clock.now(),
            reason: `${stale.length} values of ${field.table}.${field.column} moved to the active vault key`,
          });
        });
      }
      onProgress?.(report);
    }
  }
  return report;
}
