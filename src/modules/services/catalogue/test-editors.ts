/** Test helpers: departments and staff holding the catalogue editor role somewhere, as seed data makes them. */
import type { Kysely } from 'kysely';
import type { Clock } from '../../../platform/clock/index.ts';
import type { Tables } from '../../../platform/db/index.ts';
import type { Vault } from '../../../platform/vault/index.ts';
import { seedGrant, seedOrganisation, seedPersonAccount } from '../../identity/index.ts';

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

/** A GB 11643 resident ID number with a right check character, distinct per serial. */
export function residentIdFor(serial: number): string {
  const body = `33010619850101${String(serial).padStart(3, '0')}`;
  const sum = [...body].reduce((total, digit, index) => total + Number(digit) * WEIGHTS[index]!, 0);
  return `${body}${CHECK[sum % 11]}`;
}

export async function createDepartment(
  db: Kysely<Tables>,
  clock: Clock,
  nameZh: string,
  divisionCode: string,
) {
  return seedOrganisation(db, clock, { kind: 'government-department', nameZh, nameEn: nameZh, divisionCode });
}

let serial = 100;

/** A member of staff of `organisationId` holding `roleCode` over `divisionCode`'s subtree. */
export async function createStaffWithRole(
  db: Kysely<Tables>,
  deps: { clock: Clock; vault: Vault },
  options: { organisationId: string; roleCode: string; divisionCode: string },
): Promise<string> {
  serial += 1;
  const accountId = await seedPersonAccount(db, deps, {
    kind: 'staff',
    name: '目录员',
    residentId: residentIdFor(serial),
    phone: `139${String(serial).padStart(8, '0')}`,
    password: 'catalogue-editor-2026',
    organisationId: options.organisationId,
  });
  await seedGrant(db, deps.clock, {
    accountId,
    roleCode: options.roleCode,
    divisionCode: options.divisionCode,
  });
  return accountId;
}
