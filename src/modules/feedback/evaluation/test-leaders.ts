/** Test helpers: people who oversee feedback in an area (leaders, evaluation administrators). */
import type { Kysely } from 'kysely';
import type { Clock } from '../../../platform/clock/index.ts';
import type { Tables } from '../../../platform/db/index.ts';
import type { Vault } from '../../../platform/vault/index.ts';
import { seedGrant, seedPersonAccount } from '../../identity/index.ts';

let serial = 0;

/** A valid GB 11643 number, distinct per call and per test process. */
function residentId(n: number): string {
  const body = `33010619850101${String(n % 1000).padStart(3, '0')}`;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...body].reduce((total, digit, index) => total + Number(digit) * weights[index]!, 0);
  return body + '10X98765432'[sum % 11]!;
}

/** A member of staff of `organisationId` holding `roleCode` over `divisionCode`. */
export async function seedOverseer(
  db: Kysely<Tables>,
  deps: { clock: Clock; vault: Vault },
  spec: { organisationId: string; roleCode: string; divisionCode: string },
): Promise<string> {
  serial += 1;
  const n = (process.pid % 400) + serial * 11 + 500;
  const accountId = await seedPersonAccount(db, deps, {
    kind: 'staff',
    name: '王督办',
    residentId: residentId(n),
    phone: `139${String(n).padStart(8, '0')}`,
    password: 'plum blossom river 7',
    organisationId: spec.organisationId,
  });
  await seedGrant(db, deps.clock, { accountId, roleCode: spec.roleCode, divisionCode: spec.divisionCode });
  return accountId;
}
