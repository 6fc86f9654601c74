import { type Kysely, sql } from 'kysely';
import type { Tables } from '../../../platform/db/index.ts';

declare module '../../../platform/db/tables.ts' {
  interface Tables {
    oidc_payload: OidcPayloadRow;
    oidc_signing_key: SigningKeyRow;
    sso_client: SsoClientRow;
  }
}

export type OidcPayloadRow = {
  model: string;
  id: string;
  payload: Record<string, unknown>;
  grant_id: string | null;
  user_code: string | null;
  uid: string | null;
  expires_at: Date | null;
  consumed_at: Date | null;
};

export type SigningAlgorithm = 'ES256' | 'RS256';

export type SigningKeyRow = {
  kid: string;
  algorithm: SigningAlgorithm;
  public_jwk: Record<string, unknown>;
  private_jwk_encrypted: string;
  created_at: Date;
  superseded_at: Date | null;
  retired_at: Date | null;
};

export type SsoClientRow = {
  id: string;
  name_zh: string;
  name_en: string | null;
  organisation_id: string;
  kind: 'confidential' | 'public';
  secret_hash: string | null;
  redirect_uris: string[];
  post_logout_redirect_uris: string[];
  status: 'active' | 'disabled';
  province_code: string;
  created_at: Date;
  updated_at: Date;
};

type Db = Kysely<Tables>;

/** Expired rows are deleted a batch at a time as new ones are written, so the table does not grow. */
const EXPIRED_BATCH = 100;

export async function upsertPayload(db: Db, row: OidcPayloadRow): Promise<void> {
  await db
    .insertInto('oidc_payload')
    .values({ ...row, payload: sql`cast(${JSON.stringify(row.payload)} as jsonb)` })
    .onConflict((oc) =>
      oc.columns(['model', 'id']).doUpdateSet({
        payload: (eb) => eb.ref('excluded.payload'),
        grant_id: (eb) => eb.ref('excluded.grant_id'),
        user_code: (eb) => eb.ref('excluded.user_code'),
        uid: (eb) => eb.ref('excluded.uid'),
        expires_at: (eb) => eb.ref('excluded.expires_at'),
      }),
    )
    .execute();
}

const PAYLOAD_COLUMNS = ['payload', 'consumed_at'] as const;

/** A live row: expired rows are treated as absent even before they are cleaned away. */
export async function findPayload(
  db: Db,
  model: string,
  key: { column: 'id' | 'uid' | 'user_code'; value: string },
  now: Date,
) {
  return db
    .selectFrom('oidc_payload')
    .select(PAYLOAD_COLUMNS)
    .where('model', '=', model)
    .where(key.column, '=', key.value)
    .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', now)]))
    .executeTakeFirst();
}

export async function markPayloadConsumed(db: Db, model: string, id: string, at: Date): Promise<void> {
  await db
    .updateTable('oidc_payload')
    .set({ consumed_at: at })
    .where('model', '=', model)
    .where('id', '=', id)
    .execute();
}

export async function deletePayload(db: Db, model: string, id: string): Promise<void> {
  await db.deleteFrom('oidc_payload').where('model', '=', model).where('id', '=', id).execute();
}

export async function deletePayloadsOfGrant(db: Db, model: string, grantId: string): Promise<void> {
  await db.deleteFrom('oidc_payload').where('model', '=', model).where('grant_id', '=', grantId).execute();
}

export async function deleteExpiredPayloads(db: Db, now: Date): Promise<number> {
  const result = await sql`
    delete from oidc_payload
    where (model, id) in (
      select model, id from oidc_payload where expires_at <= ${now} limit ${EXPIRED_BATCH}
    )
  `.execute(db);
  return Number(result.numAffectedRows ?? 0n);
}

const KEY_COLUMNS = [
  'kid',
  'algorithm',
  'public_jwk',
  'private_jwk_encrypted',
  'created_at',
  'superseded_at',
  'retired_at',
] as const;

/** Keys still published, the signing ones (not superseded) first and the newest first within each group. */
export async function listPublishedKeys(db: Db) {
  return db
    .selectFrom('oidc_signing_key')
    .select(KEY_COLUMNS)
    .where('retired_at', 'is', null)
    .orderBy(sql`superseded_at is not null`)
    .orderBy('created_at', 'desc')
    .orderBy('kid')
    .execute();
}

/** The same keys, without their key material: what changes when keys rotate. */
export async function listPublishedKeyStates(db: Db) {
  return db
    .selectFrom('oidc_signing_key')
    .select(['kid', 'superseded_at'])
    .where('retired_at', 'is', null)
    .orderBy(sql`superseded_at is not null`)
    .orderBy('created_at', 'desc')
    .orderBy('kid')
    .execute();
}

export async function insertSigningKey(db: Db, row: SigningKeyRow): Promise<void> {
  await db
    .insertInto('oidc_signing_key')
    .values({ ...row, public_jwk: sql`cast(${JSON.stringify(row.public_jwk)} as jsonb)` })
    .execute();
}

/** Retires keys superseded earlier, then supersedes the current ones; returns the kids touched. */
export async function retireAndSupersedeKeys(db: Db, at: Date) {
  const retired = await db
    .updateTable('oidc_signing_key')
    .set({ retired_at: at })
    .where('retired_at', 'is', null)
    .where('superseded_at', 'is not', null)
    .returning('kid')
    .execute();
  const superseded = await db
    .updateTable('oidc_signing_key')
    .set({ superseded_at: at })
    .where('superseded_at', 'is', null)
    .returning('kid')
    .execute();
  return { retired: retired.map((row) => row.kid), superseded: superseded.map((row) => row.kid) };
}

/** Serialises key creation between servers starting together (held until the transaction ends). */
export async function lockSigningKeys(tx: Db): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtext('oidc_signing_key'))`.execute(tx);
}

const CLIENT_COLUMNS = [
  'c.id',
  'c.name_zh',
  'c.name_en',
  'c.organisation_id',
  'c.kind',
  'c.secret_hash',
  'c.redirect_uris',
  'c.post_logout_redirect_uris',
  'c.status',
  'c.created_at',
  'c.updated_at',
] as const;

export async function findClient(db: Db, id: string) {
  return db
    .selectFrom('sso_client as c')
    .innerJoin('organisation as o', 'o.id', 'c.organisation_id')
    .innerJoin('division as d', 'd.code', 'o.division_code')
    .select([...CLIENT_COLUMNS, 'd.path as division_path'])
    .where('c.id', '=', id)
    .executeTakeFirst();
}

export function selectClients(db: Db) {
  return db
    .selectFrom('sso_client as c')
    .innerJoin('organisation as o', 'o.id', 'c.organisation_id')
    .innerJoin('division as d', 'd.code', 'o.division_code')
    .select([...CLIENT_COLUMNS, 'd.path as division_path', 'o.name_zh as organisation_name_zh']);
}

export async function insertClient(db: Db, row: SsoClientRow): Promise<void> {
  await db.insertInto('sso_client').values(row).execute();
}

export async function updateClient(
  db: Db,
  id: string,
  changes: Partial<
    Pick<SsoClientRow, 'name_zh' | 'name_en' | 'redirect_uris' | 'post_logout_redirect_uris' | 'status'>
  > & { updated_at: Date },
): Promise<boolean> {
  const result = await db.updateTable('sso_client').set(changes).where('id', '=', id).executeTakeFirst();
  return result.numUpdatedRows > 0n;
}
