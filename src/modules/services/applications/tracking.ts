/**
 * Following a case: the applicant's status by number (with the public check code), the public view by
 * number and check code that shows no personal data, and the applicant's rating after a decision.
 */
import { timingSafeEqual } from 'node:crypto';
import type { AccessActor } from '../../identity/index.ts';
import { hashPayload, recordAuditEvents } from '../../ledger/index.ts';
import { applicationErrors } from './errors.ts';
import { isApplicationNumber } from './number.ts';
import type { ApplicationDeps } from './service.ts';
import {
  type ApplicationRow,
  findApplicationByNumber,
  insertRating,
  listClockEvents,
  lockApplication,
} from './store.ts';

const CHECK_PURPOSE = 'services.application-check';
const DECIDED: readonly ApplicationRow['state'][] = ['approved', 'rejected'];

/**
 * Eight hex characters keyed by the vault's blind-index key: anyone given the number and the code may
 * see where the case stands, and a number alone (printed on a receipt, say) reveals nothing.
 */
export function checkCodeOf(deps: Pick<ApplicationDeps, 'vault'>, number: string): string {
  return deps.vault.blindIndex(number, CHECK_PURPOSE).slice(0, 8).toUpperCase();
}

function publicView(row: ApplicationRow, isPaused: boolean) {
  const iso = (at: Date | null) => at?.toISOString() ?? null;
  return {
    number: row.application_number!,
    itemCode: row.item_code,
    versionNumber: row.version_number,
    divisionCode: row.division_code,
    state: row.state,
    isClockPaused: isPaused,
    submittedAt: iso(row.submitted_at),
    acceptedAt: iso(row.accepted_at),
    decidedAt: iso(row.decided_at),
    statutoryDueAt: iso(row.statutory_due_at),
    promisedDueAt: iso(row.promised_due_at),
  };
}

async function isPaused(deps: ApplicationDeps, id: string): Promise<boolean> {
  const events = await listClockEvents(deps.db, id);
  return events.filter((event) => event.kind !== 'extension').at(-1)?.kind === 'pause';
}

/** The applicant's own case by its number, with the check code to give others and the result. */
export async function getMyStatus(deps: ApplicationDeps, actor: AccessActor, number: string) {
  const row = isApplicationNumber(number) ? await findApplicationByNumber(deps.db, number) : undefined;
  if (!row || row.applicant_account_id !== actor.accountId) throw applicationErrors.notFound(number);
  return {
    ...publicView(row, await isPaused(deps, row.id)),
    id: row.id,
    checkCode: checkCodeOf(deps, number),
    credentialIdentifier: row.credential_identifier,
    rejectionReasons: row.rejection_reasons,
  };
}

/** Where a case stands, for whoever holds its number and check code; a wrong pair is a plain 404. */
export async function getPublicStatus(deps: ApplicationDeps, number: string, checkCode: string) {
  const expected = isApplicationNumber(number) ? checkCodeOf(deps, number) : undefined;
  const given = Buffer.from(checkCode.toUpperCase());
  if (!expected || given.length !== expected.length || !timingSafeEqual(given, Buffer.from(expected)))
    throw applicationErrors.notFound(number);
  const row = await findApplicationByNumber(deps.db, number);
  if (!row) throw applicationErrors.notFound(number);
  return publicView(row, await isPaused(deps, row.id));
}

/** 好差评: once per application, by its applicant, after the decision. */
export async function rateApplication(
  deps: ApplicationDeps,
  actor: AccessActor,
  id: string,
  input: { score: number; comment?: string },
) {
  return deps.db.transaction().execute(async (tx) => {
    const row = await lockApplication(tx, id);
    if (!row || row.applicant_account_id !== actor.accountId) throw applicationErrors.notFound(id);
    if (!DECIDED.includes(row.state)) throw applicationErrors.notDecided(row.state);
    const now = deps.clock.now();
    const comment = input.comment?.trim() || null;
    if (
      !(await insertRating(tx, {
        application_id: id,
        province_code: row.province_code,
        score: input.score,
        comment,
        rated_at: now,
      }))
    )
      throw applicationErrors.alreadyRated();
    await recordAuditEvents(tx, [
      {
        action: 'services.application.rated',
        actor: { kind: actor.kind, id: actor.accountId },
        onBehalfOf: actor.organisationId,
        record: { type: 'services.application', id },
        at: now,
        payloadHash: hashPayload({ score: input.score, comment }),
      },
    ]);
    return { score: input.score, comment, ratedAt: now.toISOString() };
  });
}
