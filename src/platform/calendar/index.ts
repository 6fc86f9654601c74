/**
 * The working-day calendar and deadline clocks (see docs/calendar.md): the State Council's holiday
 * arrangements as data, pure working-day arithmetic over a loaded calendar, and the admin routes.
 */
export type { CalendarAudit, CalendarAuditEvent, CalendarEditor } from './audit-port.ts';
export type {
  DeadlineInput,
  DeadlineLimit,
  DeadlinePause,
  DeadlineState,
  DeadlineStatus,
  DeadlineUnit,
} from './deadline-clock.ts';
export { evaluateDeadline } from './deadline-clock.ts';
export { calendarReferenceSteps } from './reference-data.ts';
export { type CalendarRouteDeps, calendarRoutes } from './routes.ts';
export { loadWorkingCalendar, MANAGE_CALENDAR } from './service.ts';
export type { DayKind, WorkingCalendar } from './working-calendar.ts';
export {
  addWorkingDays,
  createWorkingCalendar,
  isSettledDay,
  isWorkingDay,
  workingDaysBetween,
} from './working-calendar.ts';
