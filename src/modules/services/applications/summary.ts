/**
 * What other parts of the services module (fees, bundles) may know of an application: its identity,
 * place and state, never its answers.
 */
import type { Kysely } from 'kysely';
import type { Tables } from '../../../platform/db/index.ts';
import { type ApplicationRow, findApplication, findApplicationByNumber } from './store.ts';

export type ApplicationSummary = {
  id: string;
  number: string | null;
  state: ApplicationRow['state'];
  itemCode: string;
  itemVersionId: string;
  versionNumber: number;
  divisionCode: string;
  provinceCode: string;
  implementingOrganisationId: string;
  applicantAccountId: string;
  applicantOrganisationId: string | null;
  decidedAt: Date | null;
  workflowInstanceId: string | null;
};

export function summaryOf(row: ApplicationRow): ApplicationSummary {
  return {
    id: row.id,
    number: row.application_number,
    state: row.state,
    itemCode: row.item_code,
    itemVersionId: row.item_version_id,
    versionNumber: row.version_number,
    divisionCode: row.division_code,
    provinceCode: row.province_code,
    implementingOrganisationId: row.implementing_organisation_id,
    applicantAccountId: row.applicant_account_id,
    applicantOrganisationId: row.applicant_organisation_id,
    decidedAt: row.decided_at,
    workflowInstanceId: row.workflow_instance_id,
  };
}

export async function findApplicationSummary(
  db: Kysely<Tables>,
  by: { id: string } | { number: string },
): Promise<ApplicationSummary | undefined> {
  const row = 'id' in by ? await findApplication(db, by.id) : await findApplicationByNumber(db, by.number);
  return row ? summaryOf(row) : undefined;
}

/**
 * A check run in the final approval's transaction before the result is issued; throwing refuses the
 * approval (and undoes it). The fees part uses it so that an unpaid fee holds the certificate back.
 */
export type ApprovalGate = (tx: Kysely<Tables>, application: ApplicationSummary) => Promise<void>;
