import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import type { SeedStep } from '../seeding/index.ts';
import type { CalendarAudit } from './audit-port.ts';
import { isCalendarDate } from './calendar-day.ts';
import { upsertDay, upsertYear } from './store.ts';
import type { DayKind } from './working-calendar.ts';

/** The State Council's arrangements for 2024–2026, as data (see the README there for the sources). */
export const CALENDAR_SOURCE_DIR = fileURLToPath(new URL('../../../seed/calendar/', import.meta.url));

export type ArrangedDay = { date: string; kind: DayKind; nameZh: string; nameEn: string; notice: string };
export type ArrangementNotice = { year: number; notice: string; titleZh: string; issuedOn: string };

function readCsv(file: string): Record<string, string>[] {
  return parse(fs.readFileSync(`${CALENDAR_SOURCE_DIR}${file}`, 'utf8'), { columns: true, trim: true });
}

/** Reads and checks the files; a malformed row stops the load with the row named, so nothing half-loads. */
export function readStateCouncilArrangements(): { notices: ArrangementNotice[]; days: ArrangedDay[] } {
  const notices = readCsv('state-council-notices.csv').map((row, index) => {
    const year = Number(row.year);
    if (!Number.isInteger(year) || !row.notice || !row.title_zh || !isCalendarDate(row.issued_on ?? ''))
      throw new Error(`state-council-notices.csv row ${index + 2} is malformed`);
    return { year, notice: row.notice, titleZh: row.title_zh, issuedOn: row.issued_on! };
  });
  const noticeOf = new Map(notices.map((notice) => [notice.year, notice.notice]));
  const days = readCsv('state-council-days.csv').map((row, index): ArrangedDay => {
    const date = row.date ?? '';
    const kind = row.kind;
    if (!isCalendarDate(date) || (kind !== 'holiday' && kind !== 'workday') || !row.name_zh || !row.name_en)
      throw new Error(`state-council-days.csv row ${index + 2} is malformed`);
    if (noticeOf.get(Number(date.slice(0, 4))) !== row.notice)
      throw new Error(
        `state-council-days.csv row ${index + 2}: its notice is not the notice of ${date.slice(0, 4)}`,
      );
    return { date, kind, nameZh: row.name_zh, nameEn: row.name_en, notice: row.notice! };
  });
  return { notices, days };
}

/**
 * The reference seed step: each year's days and its publication, one audited write per year
 * (the ledger's functions come in through `audit`, as for every calendar change).
 */
export function calendarReferenceSteps(audit: CalendarAudit): readonly SeedStep[] {
  return [
    {
      name: 'platform.calendar.state-council-2024-2026',
      description:
        "The State Council's holiday arrangements for 2024, 2025 and 2026 (holidays and make-up working days)",
      async run({ db, clock }) {
        const { notices, days } = readStateCouncilArrangements();
        const now = clock.now();
        for (const notice of notices) {
          const ofYear = days.filter((day) => day.date.startsWith(`${notice.year}-`));
          await audit.auditedWrite(
            db,
            {
              action: 'platform.calendar-year.published',
              actor: { kind: 'system', id: 'seed' },
              record: { type: 'platform.calendar-year', id: String(notice.year) },
              at: now,
              reason: `${notice.titleZh} (${notice.issuedOn})`,
              payloadHash: audit.hashPayload({ notice, days: ofYear }),
            },
            async (tx) => {
              for (const day of ofYear) {
                await upsertDay(tx, {
                  day: day.date,
                  kind: day.kind,
                  name_zh: day.nameZh,
                  name_en: day.nameEn,
                  notice: day.notice,
                  updated_at: now,
                });
              }
              await upsertYear(tx, {
                year: notice.year,
                is_published: true,
                notice: notice.notice,
                updated_at: now,
              });
            },
          );
        }
      },
    },
  ];
}
