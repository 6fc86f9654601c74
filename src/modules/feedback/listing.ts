import { type Expression, type ExpressionBuilder, type Kysely, type SqlBool, sql } from 'kysely';
import type { Tables } from '../../platform/db/index.ts';
import { DomainError } from '../../platform/errors/index.ts';
import type { AccessActor } from '../identity/index.ts';
import { readClocks, type SlaClockView } from './sla.ts';
import { REQUEST_COLUMNS, type RequestKind, type RequestRow, type RequestStatus } from './store.ts';
import { HANDLE_REQUESTS, type PublicRequest, toPublicRequests } from './views.ts';

type Db = Kysely<Tables>;

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 200;

export type RequestFilter = {
  categoryCode?: string | undefined;
  kind?: RequestKind | undefined;
  status?: RequestStatus | undefined;
  /** Requests in this division's subtree. */
  divisionCode?: string | undefined;
  submittedAfter?: string | undefined;
  submittedBefore?: string | undefined;
  limit?: number | undefined;
  cursor?: string | undefined;
  /** Only requests with a running service-level clock in warning (or past due), or past due, at `now`. */
  sla?: { state: 'warning' | 'overdue'; now: Date } | undefined;
};

export type Page<T> = { items: T[]; nextCursor: string | null };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * Keyset pages, newest first: a cursor is the (submitted_at, id) of the last row shown, so the next
 * page starts right after it however many requests arrive meanwhile.
 */
function decodeCursor(cursor: string): [Date, string] {
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    key = undefined;
  }
  if (
    Array.isArray(key) &&
    key.length === 2 &&
    typeof key[0] === 'string' &&
    !Number.isNaN(Date.parse(key[0])) &&
    typeof key[1] === 'string' &&
    UUID.test(key[1])
  )
    return [new Date(key[0]), key[1]];
  throw new DomainError({
    kind: 'invalid',
    code: 'invalid-cursor',
    title: 'The cursor is not valid',
    detail: 'cursor (in the query string) is not one this API gave out; start again without it.',
    fields: [{ pointer: '/cursor', detail: 'is not a cursor this API gave out' }],
  });
}

const encodeCursor = (row: RequestRow) =>
  Buffer.from(JSON.stringify([row.submitted_at.toISOString(), row.id])).toString('base64url');

async function pageOfRequests(
  db: Db,
  filter: RequestFilter,
  restrict: (eb: ExpressionBuilder<Tables, 'feedback_request'>) => Expression<SqlBool>,
): Promise<Page<RequestRow>> {
  const limit = filter.limit ?? DEFAULT_PAGE_SIZE;
  let query = db
    .selectFrom('feedback_request')
    .select(REQUEST_COLUMNS)
    .where((eb) => restrict(eb));
  if (filter.categoryCode) query = query.where('category_code', '=', filter.categoryCode);
  if (filter.kind) query = query.where('kind', '=', filter.kind);
  if (filter.status) query = query.where('status', '=', filter.status);
  if (filter.submittedAfter) query = query.where('submitted_at', '>=', new Date(filter.submittedAfter));
  if (filter.submittedBefore) query = query.where('submitted_at', '<', new Date(filter.submittedBefore));
  if (filter.divisionCode) {
    const code = filter.divisionCode;
    // The division's own path ends in its code; its subtree is every path through it.
    query = query.where((eb) =>
      eb.or([eb('division_code', '=', code), sql<SqlBool>`${eb.ref('division_path')} like ${`%.${code}.%`}`]),
    );
  }
  if (filter.sla) {
    const { state, now } = filter.sla;
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom('feedback_sla_clock as c')
          .select('c.kind')
          .whereRef('c.request_id', '=', 'feedback_request.id')
          .where('c.completed_at', 'is', null)
          .where(state === 'overdue' ? 'c.due_at' : 'c.warn_at', '<=', now),
      ),
    );
  }
  if (filter.cursor) {
    const [at, id] = decodeCursor(filter.cursor);
    query = query.where((eb) =>
      eb.or([eb('submitted_at', '<', at), eb.and([eb('submitted_at', '=', at), eb('id', '<', id)])]),
    );
  }
  const rows = await query
    .orderBy('submitted_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit + 1)
    .execute();
  const shown = rows.slice(0, limit);
  return { items: shown, nextCursor: rows.length > limit ? encodeCursor(shown.at(-1)!) : null };
}

/** Every request, public view: the 12345 record is open to all, without personal data. */
export async function listPublicRequests(db: Db, filter: RequestFilter): Promise<Page<PublicRequest>> {
  const page = await pageOfRequests(db, filter, () => sql<SqlBool>`true`);
  return { items: await toPublicRequests(db, page.items), nextCursor: page.nextCursor };
}

/** The citizen's own requests (submitted signed in). */
export async function listOwnRequests(
  db: Db,
  actor: AccessActor,
  filter: RequestFilter,
): Promise<Page<PublicRequest>> {
  const page = await pageOfRequests(db, filter, (eb) => eb('contact_account_id', '=', actor.accountId));
  return { items: await toPublicRequests(db, page.items), nextCursor: page.nextCursor };
}

/**
 * The handler's queue: requests held by the units the actor acts for, requests offered to them, and
 * disputes for them to decide. Scopes come from the grants of feedback.requests.handle, filtered in
 * SQL, so a township handler never lists another township's requests.
 */
export async function listQueue(
  db: Db,
  actor: AccessActor,
  filter: RequestFilter,
  now: Date,
): Promise<Page<PublicRequest & { sla: SlaClockView[] }>> {
  const scopes = actor.scopesOf(HANDLE_REQUESTS);
  const page = await pageOfRequests(db, filter, (eb) => {
    if (scopes.length === 0) return sql<SqlBool>`false`;
    const inScope = (pathColumn: string, organisationColumn: string) =>
      eb.or(
        scopes.map((scope) => {
          const path = sql.ref(pathColumn);
          const within = sql<SqlBool>`(${path} = ${scope.divisionPath} or ${path} like ${`${scope.divisionPath}.%`})`;
          return scope.organisationId === null
            ? within
            : sql<SqlBool>`(${within} and ${sql.ref(organisationColumn)} = ${scope.organisationId})`;
        }),
      );
    const transferScope = (status: string, pathColumn: string, organisationColumn: string) =>
      eb.exists(
        eb
          .selectFrom('feedback_transfer as t')
          .select('t.id')
          .whereRef('t.request_id', '=', 'feedback_request.id')
          .where('t.status', '=', status as never)
          .where(() => inScope(pathColumn, organisationColumn)),
      );
    return eb.or([
      inScope('feedback_request.holder_division_path', 'feedback_request.holder_organisation_id'),
      transferScope('offered', 't.to_division_path', 't.to_organisation_id'),
      transferScope('disputed', 't.arbiter_division_path', 't.arbiter_organisation_id'),
    ]);
  });
  const clocks = await readClocks(
    db,
    page.items.map((row) => row.id),
    now,
  );
  const items = await toPublicRequests(db, page.items);
  return {
    items: items.map((item, index) => ({ ...item, sla: clocks.get(page.items[index]!.id) ?? [] })),
    nextCursor: page.nextCursor,
  };
}
