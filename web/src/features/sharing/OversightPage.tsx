import { useTranslation } from 'react-i18next';
import { usePageTitle } from '../../app/usePageTitle.ts';
import { LoadProblem, usePartyName } from './parts.tsx';
import { type ConsumerActivity, fetchOversight } from './sharingApi.ts';
import { useLoad } from './useLoad.ts';
import './sharing.css';

/** A department's sharing at a glance: what it offers, what it agreed, who calls how often, what looks odd. */
export function OversightPage() {
  const { t } = useTranslation('sharing');
  const partyName = usePartyName();
  usePageTitle(t('oversight.title'));
  const [state] = useLoad(fetchOversight);

  function consumerTable(caption: string, rows: readonly ConsumerActivity[]) {
    return (
      <div className="sharing-table">
        <table>
          <caption>{caption}</caption>
          <thead>
            <tr>
              <th scope="col">{t('oversight.consumer')}</th>
              <th scope="col">{t('oversight.lastDay')}</th>
              <th scope="col">{t('oversight.average')}</th>
              <th scope="col">{t('oversight.total')}</th>
              <th scope="col">{t('oversight.flag')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.id}>
                <th scope="row">{partyName(row)}</th>
                <td>{row.lastDay}</td>
                <td>{row.dailyAverageBefore.toFixed(1)}</td>
                <td>{row.total}</td>
                <td>{row.isAnomalous ? t('oversight.anomalous') : t('oversight.normal')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    );
  }

  if (state.kind !== 'loaded')
    return (
      <div className="sharing-page">
        <h1>{t('oversight.title')}</h1>
        <LoadProblem state={state} />
      </div>
    );
  const view = state.value;
  return (
    <div className="sharing-page">
      <h1>{t('oversight.title')}</h1>
      <p>{partyName(view.department)}</p>
      <h2>{t('oversight.summary')}</h2>
      <dl className="sharing-facts">
        <dt>{t('oversight.resources')}</dt>
        <dd>{view.resources}</dd>
        {(['active', 'suspended', 'revoked', 'expired', 'asConsumer'] as const).map((key) => (
          <div key={key}>
            <dt>{t(`oversight.agreements.${key}`)}</dt>
            <dd>{view.agreements[key]}</dd>
          </div>
        ))}
      </dl>
      <h2>{t('oversight.exchanges')}</h2>
      <div className="sharing-table">
        <table>
          <caption>{t('oversight.exchangesCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('oversight.day')}</th>
              <th scope="col">{t('oversight.granted')}</th>
              <th scope="col">{t('oversight.denied')}</th>
            </tr>
          </thead>
          <tbody>
            {view.exchangesPerDay.map((row) => (
              <tr key={row.day}>
                <th scope="row">{row.day}</th>
                <td>{row.granted}</td>
                <td>{row.denied}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h2>{t('oversight.consumers')}</h2>
      {consumerTable(t('oversight.topConsumers'), view.topConsumers)}
      <h2>{t('oversight.anomalies')}</h2>
      {view.anomalies.length === 0 ? (
        <p>{t('oversight.noAnomalies')}</p>
      ) : (
        consumerTable(t('oversight.anomalies'), view.anomalies)
      )}
    </div>
  );
}
