import type { Kysely } from 'kysely';
import type { Clock } from '../clock/index.ts';
import type { Tables } from '../db/index.ts';
import { NotFoundError } from '../errors/index.ts';
import type { DeploymentProfile } from './schemas.ts';
import { type DeploymentProfileValues, findDeploymentProfile, upsertDeploymentProfile } from './store.ts';

export async function getDeploymentProfile(db: Kysely<Tables>): Promise<DeploymentProfile> {
  const row = await findDeploymentProfile(db);
  if (!row) {
    throw new NotFoundError(
      'deployment-profile-missing',
      'This deployment has no profile yet: an operator sets it with `shuzhi seed` or the administration pages.',
    );
  }
  return {
    name: { 'zh-CN': row.name_zh, en: row.name_en },
    contact: {
      email: row.contact_email,
      phone: row.contact_phone,
      address: { 'zh-CN': row.address_zh, en: row.address_en },
      officeHours: { 'zh-CN': row.office_hours_zh, en: row.office_hours_en },
    },
    accessibilityStatementUpdatedOn: row.accessibility_statement_updated_on,
  };
}

export async function saveDeploymentProfile(
  db: Kysely<Tables>,
  clock: Clock,
  profile: DeploymentProfile,
): Promise<void> {
  const values: DeploymentProfileValues = {
    name_zh: profile.name['zh-CN'],
    name_en: profile.name.en,
    contact_email: profile.contact.email,
    contact_phone: profile.contact.phone,
    address_zh: profile.contact.address['zh-CN'],
    address_en: profile.contact.address.en,
    office_hours_zh: profile.contact.officeHours['zh-CN'],
    office_hours_en: profile.contact.officeHours.en,
    accessibility_statement_updated_on: profile.accessibilityStatementUpdatedOn,
  };
  await upsertDeploymentProfile(db, values, clock.now());
}
