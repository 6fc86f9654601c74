import { type FormEvent, useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ApiError } from '../../app/api.ts';
import { formatDateTime } from '../../app/format.ts';
import { isLanguage, type Language } from '../../app/languages.ts';
import { usePageTitle } from '../../app/usePageTitle.ts';
import { Button } from '../../ui/Button.tsx';
import { SelectField } from '../account/index.ts';
import { DataTable } from '../administration/index.ts';
import { type AlertSummary, acknowledgeAlert, fetchAlerts, hotTopicPaths } from '../hot-topics/index.ts';
import { Chart, SERIES_SYMBOLS } from './Chart.tsx';
import {
  type Category,
  fetchCategories,
  fetchRanking,
  fetchRecurring,
  fetchTrend,
  type Ranking,
  type RecurringProblem,
  type TrendPoint,
  type UnitClass,
} from './feedbackLeadersApi.ts';
import './feedback-leaders.css';

type Load<T> =
  | { kind: 'loading' }
  | { kind: 'loaded'; data: T }
  | { kind: 'signed-out' | 'forbidden' | 'no-scheme' | 'unavailable' };

function failureOf(error: unknown): Load<never> {
  if (error instanceof ApiError && error.status === 401) return { kind: 'signed-out' };
  if (error instanceof ApiError && error.status === 403) return { kind: 'forbidden' };
  if (error instanceof ApiError && error.status === 404) return { kind: 'no-scheme' };
  return { kind: 'unavailable' };
}

/** Loads `fetcher` again whenever `key` changes; a newer load wins over an older one. */
function useLoad<T>(key: string, fetcher: (signal: AbortSignal) => Promise<T>): Load<T> {
  const [state, setState] = useState<Load<T>>({ kind: 'loading' });
  // biome-ignore lint/correctness/useExhaustiveDependencies: key names everything the fetcher depends on.
  useEffect(() => {
    const controller = new AbortController();
    setState({ kind: 'loading' });
    fetcher(controller.signal).then(
      (data) => setState({ kind: 'loaded', data }),
      (error: unknown) => {
        if (!controller.signal.aborted) setState(failureOf(error));
      },
    );
    return () => controller.abort();
  }, [key]);
  return state;
}

/** This month in China Standard Time, as the evaluation counts months. */
function currentMonth(): string {
  return new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 7);
}

function useLanguage(): Language {
  const { i18n } = useTranslation();
  return isLanguage(i18n.language) ? i18n.language : 'zh-CN';
}

function Status({ load }: { load: Load<unknown> }) {
  const { t } = useTranslation('feedbackLeaders');
  if (load.kind === 'loading') return <p role="status">{t('page.loading')}</p>;
  if (load.kind === 'loaded') return null;
  const key = {
    'signed-out': 'page.signedOut',
    forbidden: 'page.forbidden',
    'no-scheme': 'page.noScheme',
    unavailable: 'page.unavailable',
  } as const;
  return <p className="account-alert">{t(key[load.kind])}</p>;
}

/** The leaders' page: the evaluation of the units in their area and the hot-topics board. */
export function LeadersPage() {
  const { t } = useTranslation('feedbackLeaders');
  usePageTitle(t('page.heading'));
  const [unitClass, setUnitClass] = useState<UnitClass>('township');
  const [month, setMonth] = useState(currentMonth);
  const [shown, setShown] = useState({ unitClass: 'township' as UnitClass, month: currentMonth() });
  const categories = useLoad('categories', (signal) => fetchCategories(signal));

  function apply(event: FormEvent) {
    event.preventDefault();
    if (/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) setShown({ unitClass, month });
  }

  return (
    <div className="leaders-page">
      <h1>{t('page.heading')}</h1>
      <p>{t('page.lead')}</p>
      <form className="leaders-controls" onSubmit={apply} aria-label={t('controls.label')}>
        <SelectField
          id="leaders-unit-class"
          label={t('controls.unitClass')}
          value={unitClass}
          onChange={(event) => setUnitClass(event.target.value as UnitClass)}
        >
          {(['township', 'district', 'department'] as const).map((value) => (
            <option key={value} value={value}>
              {t(`controls.classes.${value}`)}
            </option>
          ))}
        </SelectField>
        <div className="form-field">
          <label className="form-field__label" htmlFor="leaders-month">
            {t('controls.month')}
          </label>
          <input
            id="leaders-month"
            className="form-field__input"
            type="month"
            value={month}
            onChange={(event) => setMonth(event.target.value)}
          />
        </div>
        <Button type="submit">{t('controls.apply')}</Button>
      </form>
      <RankingSection unitClass={shown.unitClass} month={shown.month} />
      <TrendSection unitClass={shown.unitClass} month={shown.month} />
      <RecurringSection categories={categories.kind === 'loaded' ? categories.data : []} />
      <AlertsSection />
    </div>
  );
}

const percent = (rate: number | null, missing: string) =>
  rate === null ? missing : `${(rate * 100).toFixed(1)}%`;

/** Stable while the language is, so that a chart built from the names is not drawn again on every render. */
function useUnitName() {
  const language = useLanguage();
  return useCallback(
    (unit: { nameZh: string; nameEn: string | null }) =>
      language === 'en' && unit.nameEn ? unit.nameEn : unit.nameZh,
    [language],
  );
}

function RankingSection({ unitClass, month }: { unitClass: UnitClass; month: string }) {
  const { t } = useTranslation('feedbackLeaders');
  const unitName = useUnitName();
  const load = useLoad(`${unitClass}/${month}`, (signal) => fetchRanking(unitClass, month, signal));
  const missing = t('notAvailable');
  const ranking: Ranking | undefined = load.kind === 'loaded' ? load.data : undefined;
  const option = useMemo(
    () =>
      ranking && {
        grid: { left: 8, right: 16, top: 8, bottom: 8, containLabel: true },
        tooltip: { trigger: 'axis' },
        xAxis: { type: 'value', max: 100 },
        yAxis: { type: 'category', inverse: true, data: ranking.rows.map((row) => unitName(row.unit)) },
        series: [
          {
            type: 'bar',
            data: ranking.rows.map((row) => row.composite),
            label: { show: true, position: 'right' },
          },
        ],
      },
    [ranking, unitName],
  );
  const change = (row: Ranking['rows'][number]) => {
    if (row.rankChange === null || row.compositeChange === null) return t('ranking.new');
    const places =
      row.rankChange > 0
        ? t('ranking.up', { count: row.rankChange })
        : row.rankChange < 0
          ? t('ranking.down', { count: -row.rankChange })
          : t('ranking.same');
    const points = t('ranking.points', {
      sign: row.compositeChange > 0 ? '+' : '',
      value: row.compositeChange,
    });
    return `${points}，${places}`;
  };
  return (
    <section aria-labelledby="leaders-ranking-heading" className="leaders-section">
      <h2 id="leaders-ranking-heading">{t('ranking.heading', { month })}</h2>
      <Status load={load} />
      {ranking && (
        <>
          <p>
            {t('ranking.scheme', {
              hours: ranking.scheme.responseWithinHours,
              days: ranking.scheme.resolutionWithinDays,
              score: ranking.scheme.satisfiedMinScore,
              wResponse: ranking.scheme.weights.response,
              wResolution: ranking.scheme.weights.resolution,
              wSatisfaction: ranking.scheme.weights.satisfaction,
            })}
          </p>
          {ranking.rows.length === 0 ? (
            <p>{t('ranking.none')}</p>
          ) : (
            <>
              {option && (
                <Chart
                  option={option}
                  height={Math.max(120, 40 * ranking.rows.length + 40)}
                  summary={t('ranking.chartSummary', {
                    month,
                    values: ranking.rows
                      .map((row) => `${unitName(row.unit)} ${row.composite ?? missing}`)
                      .join('，'),
                  })}
                />
              )}
              <DataTable
                caption={t('ranking.caption', { month, previous: ranking.previousMonth })}
                headings={[
                  t('ranking.columns.rank'),
                  t('ranking.columns.unit'),
                  t('ranking.columns.composite'),
                  t('ranking.columns.change'),
                  t('ranking.columns.response'),
                  t('ranking.columns.resolution'),
                  t('ranking.columns.satisfaction'),
                  t('ranking.columns.eligible'),
                ]}
              >
                {ranking.rows.map((row) => (
                  <tr key={row.unit.code}>
                    <td>{row.rank ?? missing}</td>
                    <th scope="row">{unitName(row.unit)}</th>
                    <td>{row.composite ?? missing}</td>
                    <td>{change(row)}</td>
                    <td>{percent(row.responseRate, missing)}</td>
                    <td>{percent(row.resolutionRate, missing)}</td>
                    <td>{percent(row.satisfactionRate, missing)}</td>
                    <td>{row.eligible}</td>
                  </tr>
                ))}
              </DataTable>
            </>
          )}
        </>
      )}
    </section>
  );
}

function TrendSection({ unitClass, month }: { unitClass: UnitClass; month: string }) {
  const { t } = useTranslation('feedbackLeaders');
  const load = useLoad(`${unitClass}/${month}`, (signal) => fetchTrend(unitClass, month, signal));
  const missing = t('notAvailable');
  const points: TrendPoint[] | undefined = load.kind === 'loaded' ? load.data.points : undefined;
  const option = useMemo(() => {
    if (!points) return undefined;
    const asPercent = (rate: number | null) => (rate === null ? null : Math.round(rate * 1000) / 10);
    const series = [
      { name: t('trend.columns.composite'), data: points.map((point) => point.composite) },
      { name: t('trend.columns.response'), data: points.map((point) => asPercent(point.responseRate)) },
      { name: t('trend.columns.resolution'), data: points.map((point) => asPercent(point.resolutionRate)) },
      {
        name: t('trend.columns.satisfaction'),
        data: points.map((point) => asPercent(point.satisfactionRate)),
      },
    ];
    return {
      grid: { left: 8, right: 16, top: 40, bottom: 8, containLabel: true },
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      xAxis: { type: 'category', data: points.map((point) => point.month) },
      yAxis: { type: 'value', min: 0, max: 100 },
      series: series.map((entry, index) => ({
        ...entry,
        type: 'line',
        symbol: SERIES_SYMBOLS[index],
        symbolSize: 8,
        connectNulls: false,
      })),
    };
  }, [points, t]);
  return (
    <section aria-labelledby="leaders-trend-heading" className="leaders-section">
      <h2 id="leaders-trend-heading">{t('trend.heading')}</h2>
      {load.kind !== 'no-scheme' && <Status load={load} />}
      {points && option && (
        <>
          <Chart
            option={option}
            summary={t('trend.chartSummary', {
              values: points.map((point) => `${point.month} ${point.composite ?? missing}`).join('，'),
            })}
          />
          <DataTable
            caption={t('trend.caption')}
            headings={[
              t('trend.columns.month'),
              t('trend.columns.composite'),
              t('trend.columns.response'),
              t('trend.columns.resolution'),
              t('trend.columns.satisfaction'),
              t('trend.columns.eligible'),
            ]}
          >
            {points.map((point) => (
              <tr key={point.month}>
                <th scope="row">{point.month}</th>
                <td>{point.composite ?? missing}</td>
                <td>{percent(point.responseRate, missing)}</td>
                <td>{percent(point.resolutionRate, missing)}</td>
                <td>{percent(point.satisfactionRate, missing)}</td>
                <td>{point.eligible}</td>
              </tr>
            ))}
          </DataTable>
        </>
      )}
    </section>
  );
}

function useCategoryName(categories: readonly Category[]) {
  const language = useLanguage();
  return (code: string) => {
    const category = categories.find((candidate) => candidate.code === code);
    if (!category) return code;
    return language === 'en' ? category.nameEn : category.nameZh;
  };
}

function RecurringSection({ categories }: { categories: readonly Category[] }) {
  const { t } = useTranslation('feedbackLeaders');
  const language = useLanguage();
  const categoryName = useCategoryName(categories);
  const unitName = useUnitName();
  const load = useLoad('recurring', (signal) => fetchRecurring(signal));
  const data = load.kind === 'loaded' ? load.data : undefined;
  const items: RecurringProblem[] = data?.items ?? [];
  return (
    <section aria-labelledby="leaders-recurring-heading" className="leaders-section">
      <h2 id="leaders-recurring-heading">{t('recurring.heading')}</h2>
      <Status load={load} />
      {data && (
        <>
          <p>{t('recurring.lead', { days: data.withinDays, count: data.minCount })}</p>
          {items.length === 0 ? (
            <p>{t('recurring.none')}</p>
          ) : (
            <DataTable
              caption={t('recurring.caption')}
              headings={[
                t('recurring.columns.place'),
                t('recurring.columns.category'),
                t('recurring.columns.count'),
                t('recurring.columns.afterClosure'),
                t('recurring.columns.period'),
                t('recurring.columns.requests'),
              ]}
            >
              {items.map((item) => (
                <tr key={`${item.division.code}/${item.categoryCode}`}>
                  <th scope="row">{unitName(item.division)}</th>
                  <td>{categoryName(item.categoryCode)}</td>
                  <td>{item.requestCount}</td>
                  <td>{item.afterClosureCount}</td>
                  <td>
                    {formatDateTime(item.firstAt, language)} – {formatDateTime(item.lastAt, language)}
                  </td>
                  <td className="leaders-request-numbers">
                    {item.requestIds.slice(0, 3).join('、')}
                    {item.requestCount > 3 && t('recurring.more', { count: item.requestCount - 3 })}
                  </td>
                </tr>
              ))}
            </DataTable>
          )}
        </>
      )}
    </section>
  );
}

function AlertsSection() {
  const { t } = useTranslation('feedbackLeaders');
  const load = useLoad('alerts', (signal) => fetchAlerts(signal, { limit: 20 }));
  const [acknowledged, setAcknowledged] = useState<Record<string, AlertSummary>>({});
  const items = load.kind === 'loaded' ? load.data.map((item) => acknowledged[item.id] ?? item) : [];
  return (
    <section aria-labelledby="leaders-alerts-heading" className="leaders-section">
      <h2 id="leaders-alerts-heading">{t('alerts.heading')}</h2>
      {load.kind === 'forbidden' ? null : <Status load={load} />}
      {load.kind === 'loaded' && items.length === 0 && <p>{t('alerts.none')}</p>}
      <ul className="leaders-alerts">
        {items.map((alert) => (
          <AlertCard
            key={alert.id}
            alert={alert}
            onAcknowledged={(updated) =>
              setAcknowledged((current) => ({ ...current, [updated.id]: updated }))
            }
          />
        ))}
      </ul>
    </section>
  );
}

function AlertCard({
  alert,
  onAcknowledged,
}: {
  alert: AlertSummary;
  onAcknowledged: (alert: AlertSummary) => void;
}) {
  const { t } = useTranslation('feedbackLeaders');
  const language = useLanguage();
  const [state, setState] = useState<'idle' | 'sending' | 'failed'>('idle');
  const headingId = `alert-${alert.id}`;
  const option = useMemo(
    () => ({
      grid: { left: 8, right: 16, top: 8, bottom: 8, containLabel: true },
      tooltip: { trigger: 'axis' },
      xAxis: {
        type: 'category',
        data: alert.trend.map((bin) => formatDateTime(bin.binStart, language).replace(/:\d\d$/, '')),
      },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        {
          type: 'line',
          data: alert.trend.map((bin) => bin.count),
          symbol: 'circle',
          areaStyle: { opacity: 0.15 },
        },
      ],
    }),
    [alert.trend, language],
  );
  async function acknowledge() {
    setState('sending');
    try {
      onAcknowledged(await acknowledgeAlert(alert.id));
      setState('idle');
    } catch {
      setState('failed');
    }
  }
  return (
    <li className="leaders-alert" aria-labelledby={headingId}>
      <h3 id={headingId} tabIndex={-1}>
        {t('alerts.title', {
          category: language === 'en' ? alert.category.nameEn : alert.category.nameZh,
          place: alert.responsibleDivision.nameZh,
        })}
      </h3>
      <p>
        {t(`alerts.kinds.${alert.keyKind}`)} · {t('alerts.count', { count: alert.requestCount })} ·{' '}
        {t('alerts.period', { start: formatDateTime(alert.startedAt, language) })}
        {alert.endedAt
          ? t('alerts.ended', { end: formatDateTime(alert.endedAt, language) })
          : t('alerts.ongoing')}
      </p>
      <p>
        {t('alerts.keywords')}：{alert.keywords.join(language === 'en' ? ', ' : '、')}
      </p>
      <p>
        {t('alerts.responsible')}：{alert.responsibleDivision.nameZh}（{alert.responsibleDivision.code}）
      </p>
      <p>
        <Link to={hotTopicPaths.alert(alert.id)}>{t('alerts.details')}</Link>
      </p>
      <Chart
        option={option}
        height={180}
        summary={t('alerts.trendSummary', { max: Math.max(0, ...alert.trend.map((bin) => bin.count)) })}
      />
      <details>
        <summary>{t('alerts.tableToggle')}</summary>
        <DataTable
          caption={t('alerts.trendCaption')}
          headings={[t('alerts.columns.hour'), t('alerts.columns.count')]}
        >
          {alert.trend.map((bin) => (
            <tr key={bin.binStart}>
              <th scope="row">{formatDateTime(bin.binStart, language)}</th>
              <td>{bin.count}</td>
            </tr>
          ))}
        </DataTable>
      </details>
      {alert.acknowledgedAt ? (
        <p role="status">
          {t('alerts.acknowledged', { at: formatDateTime(alert.acknowledgedAt, language) })}
        </p>
      ) : (
        <Button onClick={() => void acknowledge()} disabled={state === 'sending'}>
          {state === 'sending' ? t('alerts.acknowledging') : t('alerts.acknowledge')}
        </Button>
      )}
      {state === 'failed' && <p className="account-alert">{t('alerts.acknowledgeFailed')}</p>}
    </li>
  );
}
