import type { Kysely } from 'kysely';
import type { Tables } from '../db/index.ts';

/**
 * What the calendar needs from the audit ledger. The platform stands below the modules and may not
 * import one (the ledger is a module), so the application hands the ledger's own `auditedWrite` and
 * `hashPayload` in (src/app.ts, seed/reference): every calendar change is still written in the same
 * transaction as its audit event, through the ledger's interface.
 */
export type CalendarAuditEvent = {
  action: string;
  actor: { kind: 'staff' | 'system'; id: string };
  onBehalfOf?: string | null;
  record: { type: string; id: string };
  at: Date;
  reason?: string | null;
  requestId?: string | null;
  payloadHash?: string | null;
};

export type CalendarAudit = {
  auditedWrite<T>(
    db: Kysely<Tables>,
    event: CalendarAuditEvent,
    write: (tx: Kysely<Tables>) => Promise<T>,
  ): Promise<T>;
  hashPayload(payload: unknown): string;
};

/** Who changes the calendar: a signed-in member of staff (identity's actor carries these). */
export type CalendarEditor = { id: string; organisationId?: string | null };
