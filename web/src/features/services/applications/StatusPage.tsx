import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../app/api.ts';
import { formatDateTime } from '../../../app/format.ts';
import { useLanguage } from '../../../app/languages.ts';
import { usePageTitle } from '../../../app/usePageTitle.ts';
import { Button } from '../../../ui/Button.tsx';
import { DescriptionList } from '../../../ui/DescriptionList.tsx';
import { ErrorSummary, type SummaryItem, TextField, useFormProblems } from '../../account/index.ts';
import { fetchPublicStatus, type PublicStatus } from './applicationsApi.ts';
import './applications.css';

type Field = 'number' | 'checkCode';
const ids: Record<Field, string> = { number: 'status-number', checkCode: 'status-check-code' };

/** 办件查询: where a case stands, for whoever has its number and check code; no personal data. */
export function StatusPage() {
  const { t } = useTranslation('applications');
  usePageTitle(t('status.title'));
  const language = useLanguage();
  const [number, setNumber] = useState('');
  const [checkCode, setCheckCode] = useState('');
  const [result, setResult] = useState<PublicStatus | undefined>();
  const { errors, formError, summaryRef, showProblems } = useFormProblems<Field>();
  const when = (at: string | null) => (at ? formatDateTime(at, language) : '—');

  async function search(event: FormEvent) {
    event.preventDefault();
    setResult(undefined);
    const problems: Partial<Record<Field, string>> = {};
    if (!number.trim()) problems.number = t('status.numberRequired');
    if (!/^[0-9A-Fa-f]{8}$/.test(checkCode.trim())) problems.checkCode = t('status.checkCodeInvalid');
    if (Object.keys(problems).length > 0) return showProblems(problems);
    try {
      setResult(await fetchPublicStatus(number.trim(), checkCode.trim()));
      showProblems({});
    } catch (error) {
      showProblems(
        {},
        error instanceof ApiError && error.status === 404 ? t('status.notFound') : t('status.unavailable'),
      );
    }
  }

  const items: SummaryItem[] = [
    ...(['number', 'checkCode'] as const).flatMap((field) =>
      errors[field] ? [{ fieldId: ids[field], message: errors[field] }] : [],
    ),
    ...(formError ? [{ fieldId: undefined, message: formError }] : []),
  ];

  return (
    <div className="application">
      <h1>{t('status.title')}</h1>
      <p>{t('status.introduction')}</p>
      <ErrorSummary items={items} summaryRef={summaryRef} />
      <form onSubmit={(event) => void search(event)} noValidate className="application__status-form">
        <TextField
          id={ids.number}
          label={t('status.number')}
          hint={t('status.numberHint')}
          error={errors.number}
          value={number}
          autoComplete="off"
          onChange={(event) => setNumber(event.target.value)}
        />
        <TextField
          id={ids.checkCode}
          label={t('status.checkCode')}
          hint={t('status.checkCodeHint')}
          error={errors.checkCode}
          value={checkCode}
          autoComplete="off"
          onChange={(event) => setCheckCode(event.target.value)}
        />
        <Button type="submit" className="button--primary">
          {t('status.search')}
        </Button>
      </form>
      {result && (
        <section aria-labelledby="status-result" className="application__panel" data-testid="public-status">
          <h2 id="status-result">{t('status.result')}</h2>
          <DescriptionList
            items={[
              { term: t('tracking.number'), description: result.number },
              { term: t('tracking.item'), description: result.itemCode },
              { term: t('tracking.state'), description: <strong>{t(`states.${result.state}`)}</strong> },
              { term: t('tracking.submittedAt'), description: when(result.submittedAt) },
              { term: t('tracking.promisedDue'), description: when(result.promisedDueAt) },
              { term: t('tracking.statutoryDue'), description: when(result.statutoryDueAt) },
            ]}
          />
          {result.isClockPaused && <p className="application__notice">{t('tracking.paused')}</p>}
        </section>
      )}
    </div>
  );
}
