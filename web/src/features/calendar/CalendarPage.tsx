import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { type Language, useLanguage } from '../../app/languages.ts';
import { usePageTitle } from '../../app/usePageTitle.ts';
import { Button } from '../../ui/Button.tsx';
import { focusSoon } from '../administration/index.ts';
import { type CalendarYear, FIRST_YEAR, fetchCalendarYear, LAST_YEAR } from './calendarApi.ts';
import { currentBeijingYear, type DayStatus, statusOf, weeksOf } from './calendarDays.ts';
import { DayEditor } from './DayEditor.tsx';
import { PublicationPanel } from './PublicationPanel.tsx';
import { type CalendarT, dayName, fullDate } from './words.ts';
import './calendar.css';

const MONTHS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];

type Loaded = { kind: 'loading' } | { kind: 'unavailable' } | { kind: 'loaded'; calendar: CalendarYear };

function yearOfParam(value: string | null): number {
  const year = Number(value);
  return Number.isInteger(year) && year >= FIRST_YEAR && year <= LAST_YEAR ? year : currentBeijingYear();
}

/**
 * The working-day calendar of one year as twelve month grids, marking the State Council's holidays
 * and make-up working days; choosing a day opens its editor, and the year can be published. The
 * year is in the address (`?year=2026`), so a link shows the same year.
 */
export function CalendarPage() {
  const { t } = useTranslation('calendar');
  const language = useLanguage();
  usePageTitle(t('title'));
  const [params, setParams] = useSearchParams();
  const year = yearOfParam(params.get('year'));
  const [loaded, setLoaded] = useState<Loaded>({ kind: 'loading' });
  const [generation, setGeneration] = useState(0);
  const [selected, setSelected] = useState<string | undefined>();
  const [notice, setNotice] = useState<string | undefined>();

  // biome-ignore lint/correctness/useExhaustiveDependencies: generation is the reload signal.
  useEffect(() => {
    const controller = new AbortController();
    fetchCalendarYear(year, controller.signal).then(
      (calendar) => setLoaded({ kind: 'loaded', calendar }),
      () => {
        if (!controller.signal.aborted) setLoaded({ kind: 'unavailable' });
      },
    );
    return () => controller.abort();
  }, [year, generation]);

  const overrides = useMemo(
    () => new Map(loaded.kind === 'loaded' ? loaded.calendar.days.map((day) => [day.date, day]) : []),
    [loaded],
  );

  const goToYear = (next: number) => {
    setSelected(undefined);
    setNotice(undefined);
    setLoaded({ kind: 'loading' });
    setParams({ year: String(next) });
  };
  const changed = useCallback((message: string) => {
    setNotice(message);
    setGeneration((count) => count + 1);
  }, []);

  return (
    <div className="admin-page calendar-page">
      <h1>{t('title')}</h1>
      <p>{t('introduction')}</p>
      <nav className="calendar-years" aria-label={t('yearNavigation')}>
        <Button onClick={() => goToYear(year - 1)} disabled={year <= FIRST_YEAR}>
          {t('previousYear')}
        </Button>
        <h2 id="calendar-year-heading" tabIndex={-1}>
          {t('yearHeading', { year })}
        </h2>
        <Button onClick={() => goToYear(year + 1)} disabled={year >= LAST_YEAR}>
          {t('nextYear')}
        </Button>
      </nav>
      <p className="admin-notice" role="status">
        {notice}
      </p>
      {loaded.kind === 'loading' && <p role="status">{t('loading')}</p>}
      {loaded.kind === 'unavailable' && <p className="account-alert">{t('unavailable')}</p>}
      {loaded.kind === 'loaded' && (
        <>
          <PublicationPanel key={loaded.calendar.year} calendar={loaded.calendar} onChanged={changed} />
          <Legend t={t} />
          {selected && (
            <DayEditor
              key={selected}
              date={selected}
              status={statusOf(selected, overrides)}
              onClose={(message) => {
                focusSoon(`calendar-day-${selected}`);
                setSelected(undefined);
                if (message) changed(message);
              }}
            />
          )}
          <div className="calendar-months">
            {MONTHS.map((month) => (
              <MonthGrid
                key={month}
                year={year}
                month={month}
                language={language}
                statusOf={(date) => statusOf(date, overrides)}
                selected={selected}
                onSelect={(date) => {
                  setSelected(date);
                  focusSoon('calendar-editor-heading');
                }}
              />
            ))}
          </div>
        </>
      )}
    </div>
  );
}

function Legend({ t }: { t: CalendarT }) {
  return (
    <section className="calendar-legend" aria-labelledby="calendar-legend-heading">
      <h2 id="calendar-legend-heading">{t('legend.heading')}</h2>
      <ul>
        <li>
          <span className="calendar-swatch calendar-day--holiday" aria-hidden="true">
            {t('markHoliday')}
          </span>
          {t('legend.holiday')}
        </li>
        <li>
          <span className="calendar-swatch calendar-day--workday" aria-hidden="true">
            {t('markWorkday')}
          </span>
          {t('legend.workday')}
        </li>
        <li>
          <span className="calendar-swatch calendar-day--weekend" aria-hidden="true" />
          {t('legend.weekend')}
        </li>
      </ul>
    </section>
  );
}

function MonthGrid({
  year,
  month,
  language,
  statusOf: status,
  selected,
  onSelect,
}: {
  year: number;
  month: number;
  language: Language;
  statusOf: (date: string) => DayStatus;
  selected: string | undefined;
  onSelect: (date: string) => void;
}) {
  const { t } = useTranslation('calendar');
  const caption = new Intl.DateTimeFormat(language, { month: 'long', timeZone: 'UTC' }).format(
    new Date(Date.UTC(year, month - 1, 1)),
  );
  const weekdays = Array.from({ length: 7 }, (_, index) => {
    // 2024-01-01 was a Monday.
    const day = new Date(Date.UTC(2024, 0, 1 + index));
    return {
      short: new Intl.DateTimeFormat(language, { weekday: 'short', timeZone: 'UTC' }).format(day),
      long: new Intl.DateTimeFormat(language, { weekday: 'long', timeZone: 'UTC' }).format(day),
    };
  });
  return (
    <table className="calendar-month">
      <caption>{caption}</caption>
      <thead>
        <tr>
          {weekdays.map((weekday) => (
            <th scope="col" key={weekday.long}>
              <abbr title={weekday.long}>{weekday.short}</abbr>
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {weeksOf(year, month).map((week) => (
          <tr key={week.find(Boolean)}>
            {week.map((date, index) =>
              date ? (
                <td key={date}>
                  <DayButton
                    date={date}
                    status={status(date)}
                    language={language}
                    isSelected={date === selected}
                    onSelect={onSelect}
                    t={t}
                  />
                </td>
              ) : (
                // biome-ignore lint/suspicious/noArrayIndexKey: blank cells have nothing else to key by.
                <td key={`blank-${index}`} />
              ),
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function DayButton({
  date,
  status,
  language,
  isSelected,
  onSelect,
  t,
}: {
  date: string;
  status: DayStatus;
  language: Language;
  isSelected: boolean;
  onSelect: (date: string) => void;
  t: CalendarT;
}) {
  const label = t(`dayLabel.${status.kind}`, {
    date: fullDate(date, language),
    name: status.override ? dayName(status.override, language) : '',
  });
  const mark =
    status.kind === 'holiday' ? t('markHoliday') : status.kind === 'workday' ? t('markWorkday') : undefined;
  return (
    <button
      type="button"
      id={`calendar-day-${date}`}
      className={`calendar-day calendar-day--${status.kind}`}
      aria-label={label}
      aria-pressed={isSelected}
      onClick={() => onSelect(date)}
    >
      <span aria-hidden="true">{Number(date.slice(8))}</span>
      {mark && (
        <span className="calendar-day__mark" aria-hidden="true">
          {mark}
        </span>
      )}
    </button>
  );
}
