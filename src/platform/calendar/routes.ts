import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { Clock } from '../clock/index.ts';
import type { Tables } from '../db/index.ts';
import type { CalendarAudit, CalendarEditor } from './audit-port.ts';
import {
  CalendarDay,
  CalendarYear,
  DateParams,
  DayInput,
  Publication,
  PublicationInput,
  WorkingDaysAnswer,
  WorkingDaysQuery,
  YearParams,
} from './schemas.ts';
import {
  dueAfterWorkingDays,
  getCalendarYear,
  MANAGE_CALENDAR,
  removeCalendarDay,
  setCalendarDay,
  setYearPublished,
} from './service.ts';

export type CalendarRouteDeps = { db: Kysely<Tables>; clock: Clock; audit: CalendarAudit };

const tags = ['platform'];
const manage = { access: { permission: MANAGE_CALENDAR } };

export async function calendarRoutes(app: FastifyInstance, deps: CalendarRouteDeps): Promise<void> {
  /** The access hook has put the signed-in actor on the request; identity's actors carry their department. */
  const changeBy = (request: FastifyRequest) => ({
    clock: deps.clock,
    audit: deps.audit,
    editor: request.actor as CalendarEditor,
    requestId: request.id,
  });

  app.get<{ Params: YearParams }>(
    '/api/calendar/years/:year',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary:
          "A year of the working-day calendar: its holidays and make-up working days, and whether it's published",
        params: YearParams,
        response: { 200: CalendarYear },
      },
    },
    async (request) => getCalendarYear(deps.db, request.params.year),
  );

  app.get<{ Querystring: WorkingDaysQuery }>(
    '/api/calendar/working-days',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'The due date of a limit in working days (the starting day not counted)',
        querystring: WorkingDaysQuery,
        response: { 200: WorkingDaysAnswer },
      },
    },
    async (request) => dueAfterWorkingDays(deps.db, request.query.from, request.query.days),
  );

  app.put<{ Params: DateParams; Body: DayInput }>(
    '/api/calendar/days/:date',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Make a date a holiday or a make-up working day (or correct it); audited',
        params: DateParams,
        body: DayInput,
        response: { 200: CalendarDay },
      },
    },
    async (request) => setCalendarDay(deps.db, changeBy(request), request.params.date, request.body),
  );

  app.delete<{ Params: DateParams }>(
    '/api/calendar/days/:date',
    {
      config: manage,
      schema: { tags, summary: 'Return a date to the ordinary week; audited', params: DateParams },
    },
    async (request, reply) => {
      await removeCalendarDay(deps.db, changeBy(request), request.params.date);
      return reply.status(204).send();
    },
  );

  app.put<{ Params: YearParams; Body: PublicationInput }>(
    '/api/calendar/years/:year/published',
    {
      config: manage,
      schema: {
        tags,
        summary: "Mark a year's arrangement as published (with its notice) or withdraw that; audited",
        params: YearParams,
        body: PublicationInput,
        response: { 200: Publication },
      },
    },
    async (request) => setYearPublished(deps.db, changeBy(request), request.params.year, request.body),
  );
}
