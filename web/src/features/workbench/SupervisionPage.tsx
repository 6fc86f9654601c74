import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../app/api.ts';
import { formatDateTime } from '../../app/format.ts';
import { isLanguage } from '../../app/languages.ts';
import { usePageTitle } from '../../app/usePageTitle.ts';
import { Button } from '../../ui/Button.tsx';
import { ErrorSummary, type SummaryItem, TextField } from '../account/index.ts';
import { DataTable } from '../administration/index.ts';
import {
  type Figures,
  fetchOverdue,
  fetchVolumes,
  type Organisation,
  type OverdueCase,
} from './workbenchApi.ts';
import './workbench.css';

type Load<T> = { kind: 'loading' } | { kind: 'loaded'; data: T } | { kind: 'forbidden' | 'unavailable' };
type Volumes = Awaited<ReturnType<typeof fetchVolumes>>;

const beijingToday = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
const isDay = (value: string) => /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(value));

function failureOf(error: unknown): { kind: 'forbidden' | 'unavailable' } {
  return error instanceof ApiError && (error.status === 403 || error.status === 401)
    ? { kind: 'forbidden' }
    : { kind: 'unavailable' };
}

/** /workbench/supervision: overdue cases and per-department figures over the supervisor's area. */
export function SupervisionPage() {
  const { t, i18n } = useTranslation('workbench');
  usePageTitle(t('supervision.title'));
  const language = isLanguage(i18n.language) ? i18n.language : 'zh-CN';
  const today = beijingToday();
  const [from, setFrom] = useState(`${today.slice(0, 8)}01`);
  const [to, setTo] = useState(today);
  const [period, setPeriod] = useState({ from: `${today.slice(0, 8)}01`, to: today });
  const [problems, setProblems] = useState<SummaryItem[]>([]);
  const summaryRef = useRef<HTMLDivElement>(null);
  const [overdue, setOverdue] = useState<Load<OverdueCase[]>>({ kind: 'loading' });
  const [volumes, setVolumes] = useState<Load<Volumes>>({ kind: 'loading' });

  useEffect(() => {
    const controller = new AbortController();
    fetchOverdue(controller.signal).then(
      (data) => setOverdue({ kind: 'loaded', data: data.cases }),
      (error: unknown) => {
        if (!controller.signal.aborted) setOverdue(failureOf(error));
      },
    );
    return () => controller.abort();
  }, []);

  useEffect(() => {
    const controller = new AbortController();
    setVolumes({ kind: 'loading' });
    fetchVolumes(period, controller.signal).then(
      (data) => setVolumes({ kind: 'loaded', data }),
      (error: unknown) => {
        if (!controller.signal.aborted) setVolumes(failureOf(error));
      },
    );
    return () => controller.abort();
  }, [period]);

  useEffect(() => {
    if (problems.length > 0) summaryRef.current?.focus();
  }, [problems]);

  function count(event: FormEvent) {
    event.preventDefault();
    if (!isDay(from) || !isDay(to) || to < from) {
      setProblems([{ fieldId: isDay(from) ? 'period-to' : 'period-from', message: t('problems.period') }]);
      return;
    }
    setProblems([]);
    setPeriod({ from, to });
  }

  const nameOf = (organisation: Organisation) =>
    (language === 'en' ? organisation.nameEn : organisation.nameZh) ?? organisation.nameZh ?? organisation.id;
  const percent = (rate: number | null) =>
    rate === null
      ? t('supervision.notApplicable')
      : new Intl.NumberFormat(language, { style: 'percent', maximumFractionDigits: 1 }).format(rate);
  const row = (label: string, figures: Figures, key: string) => (
    <tr key={key}>
      <th scope="row">{label}</th>
      <td>{figures.received}</td>
      <td>{figures.decided}</td>
      <td>{figures.approved}</td>
      <td>{figures.rejected}</td>
      <td>{figures.inProgress}</td>
      <td>{figures.withdrawn}</td>
      <td>{percent(figures.onTimeRate)}</td>
      <td>{percent(figures.noVisitRate)}</td>
      <td>{percent(figures.atMostOneVisitRate)}</td>
    </tr>
  );

  if (overdue.kind === 'forbidden' || volumes.kind === 'forbidden')
    return (
      <div className="workbench-page">
        <h1>{t('supervision.title')}</h1>
        <p className="account-alert">{t('supervision.forbidden')}</p>
      </div>
    );

  return (
    <div className="workbench-page">
      <h1>{t('supervision.title')}</h1>
      <p>{t('supervision.introduction')}</p>

      <h2>{t('supervision.overdueHeading')}</h2>
      {overdue.kind === 'loading' && <p role="status">{t('cases.loading')}</p>}
      {overdue.kind === 'unavailable' && <p className="account-alert">{t('cases.unavailable')}</p>}
      {overdue.kind === 'loaded' && overdue.data.length === 0 && <p>{t('supervision.noOverdue')}</p>}
      {overdue.kind === 'loaded' && overdue.data.length > 0 && (
        <DataTable
          caption={t('supervision.overdueCaption')}
          headings={[
            t('supervision.overdueColumns.number'),
            t('supervision.overdueColumns.item'),
            t('supervision.overdueColumns.department'),
            t('supervision.overdueColumns.due'),
            t('supervision.overdueColumns.over'),
          ]}
        >
          {overdue.data.map((item) => (
            <tr key={item.applicationId}>
              <td>{item.number}</td>
              <td>{item.itemCode}</td>
              <td>{nameOf(item.organisation)}</td>
              <td>{formatDateTime(item.statutoryDueAt, language)}</td>
              <td>{item.workingDaysOverdue}</td>
            </tr>
          ))}
        </DataTable>
      )}

      <h2>{t('supervision.periodHeading')}</h2>
      <form className="workbench-filters" onSubmit={count} noValidate aria-label={t('supervision.period')}>
        <ErrorSummary items={problems} summaryRef={summaryRef} />
        <TextField
          id="period-from"
          label={t('supervision.from')}
          type="date"
          value={from}
          onChange={(event) => setFrom(event.target.value)}
        />
        <TextField
          id="period-to"
          label={t('supervision.to')}
          type="date"
          value={to}
          onChange={(event) => setTo(event.target.value)}
        />
        <Button type="submit">{t('supervision.apply')}</Button>
      </form>
      {volumes.kind === 'loading' && <p role="status">{t('cases.loading')}</p>}
      {volumes.kind === 'unavailable' && <p className="account-alert">{t('cases.unavailable')}</p>}
      {volumes.kind === 'loaded' && volumes.data.departments.length === 0 && <p>{t('supervision.none')}</p>}
      {volumes.kind === 'loaded' && volumes.data.departments.length > 0 && (
        <>
          <DataTable
            caption={t('supervision.volumesCaption', period)}
            headings={[
              t('supervision.columns.department'),
              t('supervision.columns.received'),
              t('supervision.columns.decided'),
              t('supervision.columns.approved'),
              t('supervision.columns.rejected'),
              t('supervision.columns.inProgress'),
              t('supervision.columns.withdrawn'),
              t('supervision.columns.onTime'),
              t('supervision.columns.noVisit'),
              t('supervision.columns.atMostOne'),
            ]}
          >
            {volumes.data.departments.map((department) =>
              row(nameOf(department.organisation), department, department.organisation.id),
            )}
            {row(t('supervision.total'), volumes.data.total, 'total')}
          </DataTable>
          <h3>{t('supervision.chartHeading')}</h3>
          <ul className="workbench-bars">
            {volumes.data.departments.map((department) => (
              <li key={department.organisation.id}>
                <span>
                  {t('supervision.chartBar', {
                    department: nameOf(department.organisation),
                    rate: percent(department.onTimeRate),
                  })}
                </span>
                {/* The figure is in the text above; the bar only repeats it for the eye. */}
                <div className="workbench-bar__track" aria-hidden="true">
                  <div
                    className="workbench-bar__fill"
                    style={{ width: `${Math.round((department.onTimeRate ?? 0) * 100)}%` }}
                  />
                </div>
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
