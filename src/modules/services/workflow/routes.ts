import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { Clock } from '../../../platform/clock/index.ts';
import type { Tables } from '../../../platform/db/index.ts';
import type { AccessActor } from '../../identity/index.ts';
import { workflowErrors } from './errors.ts';
import { HANDLE_CASES } from './handlers.ts';
import { getInstanceHistory, getTaskView, listWorkQueue } from './queue.ts';
import { ActionInput, History, IdParams, Outcome, Queue, QueueQuery, TaskView } from './schemas.ts';
import { actOnTask, type TaskAction, type WorkflowReaction } from './service.ts';

export type WorkflowRouteDeps = {
  db: Kysely<Tables>;
  clock: Clock;
  /** Run in each action's transaction by the owner of the cases (the applications layer). */
  react?: WorkflowReaction;
};

const actorOf = (request: FastifyRequest) => request.actor as AccessActor;
const tags = ['services'];
const access = { permission: HANDLE_CASES };

type Jsonified<T> = T extends Date
  ? string
  : T extends readonly (infer Item)[]
    ? Jsonified<Item>[]
    : T extends object
      ? { [Key in keyof T]: Jsonified<T[Key]> }
      : T;

/** The engine speaks in Dates; the API in RFC 3339 strings. */
function jsonified<T>(value: T): Jsonified<T> {
  if (value instanceof Date) return value.toISOString() as Jsonified<T>;
  if (Array.isArray(value)) return value.map(jsonified) as Jsonified<T>;
  if (value !== null && typeof value === 'object')
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, jsonified(item)]),
    ) as Jsonified<T>;
  return value as Jsonified<T>;
}

const FIELDS_OF: Record<ActionInput['action'], readonly string[]> = {
  accept: ['comment'],
  'request-supplements': ['items', 'comment'],
  approve: ['comment'],
  reject: ['reasons', 'comment'],
  transfer: ['reason', 'toOrganisationId', 'toAccountId'],
};

/** The body as the service's action; a field another action takes is refused rather than ignored. */
function taskActionOf(body: ActionInput): TaskAction {
  const { action, version: _version, ...fields } = body;
  const strays = Object.keys(fields).filter((field) => !FIELDS_OF[action].includes(field));
  if (strays.length > 0)
    throw workflowErrors.invalidAction(
      strays.map((field) => ({ pointer: `/${field}`, detail: `is not used by the ${action} action` })),
    );
  const comment = body.comment === undefined ? {} : { comment: body.comment };
  switch (action) {
    case 'accept':
    case 'approve':
      return { action, ...comment };
    case 'request-supplements':
      return { action, items: body.items ?? [], ...comment };
    case 'reject':
      return { action, reasons: body.reasons ?? [], ...comment };
    case 'transfer':
      return {
        action,
        reason: body.reason ?? '',
        ...(body.toOrganisationId === undefined ? {} : { toOrganisationId: body.toOrganisationId }),
        ...(body.toAccountId === undefined ? {} : { toAccountId: body.toAccountId }),
      };
  }
}

/** Staff work on cases: their queue, one task with its history, and the actions on a task. */
export async function workflowRoutes(app: FastifyInstance, deps: WorkflowRouteDeps): Promise<void> {
  app.get<{ Querystring: QueueQuery }>(
    '/api/services/workflow/queue',
    {
      config: { access },
      schema: {
        tags,
        summary: 'The tasks you may act on now, oldest first, a page at a time',
        querystring: QueueQuery,
        response: { 200: Queue },
      },
    },
    async (request) => {
      const { overdue, ...filter } = request.query;
      const page = await listWorkQueue(deps.db, deps.clock, actorOf(request), {
        ...filter,
        ...(overdue === undefined ? {} : { isOverdue: overdue }),
      });
      return { tasks: jsonified(page.items), nextCursor: page.nextCursor };
    },
  );

  app.get<{ Params: { id: string } }>(
    '/api/services/workflow/tasks/:id',
    {
      config: { access },
      schema: {
        tags,
        summary: 'One task with its case’s history and the actions you may take on it',
        params: IdParams,
        response: { 200: TaskView },
      },
    },
    async (request) => jsonified(await getTaskView(deps.db, actorOf(request), request.params.id)),
  );

  app.post<{ Params: { id: string }; Body: ActionInput }>(
    '/api/services/workflow/tasks/:id/actions',
    {
      config: { access },
      schema: {
        tags,
        summary: 'Accept, ask for supplements, approve, reject or transfer a task',
        params: IdParams,
        body: ActionInput,
        response: { 200: Outcome },
      },
    },
    async (request) =>
      jsonified(
        await actOnTask(
          deps.db,
          deps.clock,
          {
            ...taskActionOf(request.body),
            taskId: request.params.id,
            requestId: request.id,
            ...(request.body.version === undefined ? {} : { version: request.body.version }),
          },
          actorOf(request),
          deps.react,
        ),
      ),
  );

  app.get<{ Params: { id: string } }>(
    '/api/services/workflow/instances/:id/history',
    {
      config: { access },
      schema: {
        tags,
        summary: 'A case’s tasks and every action on it, in order',
        params: IdParams,
        response: { 200: History },
      },
    },
    async (request) => jsonified(await getInstanceHistory(deps.db, actorOf(request), request.params.id)),
  );
}
