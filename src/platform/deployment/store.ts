import type { Kysely } from 'kysely';
import type { Tables } from '../db/index.ts';

declare module '../db/tables.ts' {
  interface Tables {
    deployment_profile: DeploymentProfileRow;
  }
}

export type DeploymentProfileRow = {
  id: boolean;
  name_zh: string;
  name_en: string;
  contact_email: string;
  contact_phone: string;
  address_zh: string;
  address_en: string;
  office_hours_zh: string;
  office_hours_en: string;
  accessibility_statement_updated_on: string;
  updated_at: Date;
};

export type DeploymentProfileValues = Omit<DeploymentProfileRow, 'id' | 'updated_at'>;

const COLUMNS = [
  'name_zh',
  'name_en',
  'contact_email',
  'contact_phone',
  'address_zh',
  'address_en',
  'office_hours_zh',
  'office_hours_en',
  'accessibility_statement_updated_on',
  'updated_at',
] as const;

export async function findDeploymentProfile(db: Kysely<Tables>) {
  return db.selectFrom('deployment_profile').select(COLUMNS).executeTakeFirst();
}

export async function upsertDeploymentProfile(
  db: Kysely<Tables>,
  values: DeploymentProfileValues,
  updatedAt: Date,
): Promise<void> {
  await db
    .insertInto('deployment_profile')
    .values({ id: true, ...values, updated_at: updatedAt })
    .onConflict((conflict) => conflict.column('id').doUpdateSet({ ...values, updated_at: updatedAt }))
    .execute();
}
