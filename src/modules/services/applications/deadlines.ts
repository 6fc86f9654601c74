/**
 * The statutory and promised clocks of an application, computed with the platform's working-day
 * calendar: counting starts the day after submission (Administrative Licensing Law art. 42, 82),
 * supplement notices pause it (art. 32 — the time the applicant takes does not count), and an
 * approved extension adds working days to the statutory limit only (a promise is not extended).
 */
import {
  type DeadlinePause,
  evaluateDeadline,
  type WorkingCalendar,
} from '../../../platform/calendar/index.ts';

export type ClockEvent = { kind: 'pause' | 'resume' | 'extension'; at: Date; extensionDays: number | null };

export type DueDates = { statutoryDueAt: Date; promisedDueAt: Date; isPaused: boolean; provisional: boolean };

export function pausesOf(events: readonly ClockEvent[]): DeadlinePause[] {
  const pauses: DeadlinePause[] = [];
  for (const event of events) {
    if (event.kind === 'pause') pauses.push({ from: event.at, to: null });
    const open = pauses.at(-1);
    if (event.kind === 'resume' && open && open.to === null) open.to = event.at;
  }
  return pauses;
}

export function dueDatesOf(
  calendar: WorkingCalendar,
  input: {
    submittedAt: Date;
    statutoryLimitDays: number;
    promisedLimitDays: number;
    events: readonly ClockEvent[];
    now: Date;
  },
): DueDates {
  const pauses = pausesOf(input.events);
  const extensions = input.events
    .filter((event) => event.kind === 'extension')
    .map((event) => ({ workingDays: event.extensionDays ?? 0 }));
  const statutory = evaluateDeadline(calendar, {
    startedAt: input.submittedAt,
    limit: { workingDays: input.statutoryLimitDays },
    pauses,
    extensions,
    now: input.now,
  });
  const promised = evaluateDeadline(calendar, {
    startedAt: input.submittedAt,
    limit: { workingDays: input.promisedLimitDays },
    pauses,
    now: input.now,
  });
  return {
    statutoryDueAt: statutory.dueAt,
    promisedDueAt: promised.dueAt,
    isPaused: pauses.at(-1)?.to === null,
    provisional: statutory.provisional || promised.provisional,
  };
}
