import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../app/format.ts';
import { useLanguage } from '../../app/languages.ts';
import { usePageTitle } from '../../app/usePageTitle.ts';
import { Button } from '../../ui/Button.tsx';
import { ErrorSummary, summaryItemsOf, TextField, useFormProblems } from '../account/index.ts';
import { LoadProblem, usePartyName } from './parts.tsx';
import { problemText } from './problemText.ts';
import { approveRequest, fetchRequests, rejectRequest, type SharingRequest } from './sharingApi.ts';
import { useLoad } from './useLoad.ts';
import './sharing.css';

/** Requests the department made or received; the owner's officer approves or rejects those received. */
export function RequestsPage() {
  const { t } = useTranslation('sharing');
  const language = useLanguage();
  const partyName = usePartyName();
  usePageTitle(t('requests.title'));
  const [state, reload] = useLoad(fetchRequests);
  const [deciding, setDeciding] = useState<string | undefined>();

  return (
    <div className="sharing-page">
      <h1>{t('requests.title')}</h1>
      <LoadProblem state={state} />
      {state.kind === 'loaded' && state.value.length === 0 && <p>{t('requests.none')}</p>}
      {state.kind === 'loaded' && (
        <ul className="sharing-list">
          {state.value.map((request) => (
            <li key={request.id} className="sharing-card" data-testid="sharing-request">
              <h2>
                {request.resource.name} · {partyName(request.consumer)}
              </h2>
              <dl className="sharing-facts">
                <dt>{t('requests.status')}</dt>
                <dd>{t(`requests.statuses.${request.status}`)}</dd>
                <dt>{t('requests.purpose')}</dt>
                <dd>{request.purpose}</dd>
                <dt>{t('requests.legalBasis')}</dt>
                <dd>{request.legalBasis}</dd>
                <dt>{t('requests.fields')}</dt>
                <dd>{request.fields.join(', ')}</dd>
                <dt>{t('requests.due')}</dt>
                <dd>{formatDateTime(request.dueAt, language)}</dd>
                {request.rejectionReason && (
                  <>
                    <dt>{t('requests.rejectionReason')}</dt>
                    <dd>{request.rejectionReason}</dd>
                  </>
                )}
              </dl>
              {request.status === 'pending' && deciding !== request.id && (
                <Button onClick={() => setDeciding(request.id)}>
                  {t('requests.decide', { resource: request.resource.name })}
                </Button>
              )}
              {request.status === 'pending' && deciding === request.id && (
                <DecisionForm
                  request={request}
                  onDecided={() => {
                    setDeciding(undefined);
                    reload();
                  }}
                />
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

type Field = 'fields' | 'validUntil' | 'rateLimit' | 'reason';
const FIELDS: readonly Field[] = ['fields', 'validUntil', 'rateLimit', 'reason'];

/** Approve the same or fewer fields (some masked), for a time and a rate; or reject, saying why. */
function DecisionForm({ request, onDecided }: { request: SharingRequest; onDecided: () => void }) {
  const { t } = useTranslation('sharing');
  const prefix = useId();
  const ids = Object.fromEntries(FIELDS.map((field) => [field, `${prefix}-${field}`])) as Record<
    Field,
    string
  >;
  const [approved, setApproved] = useState<string[]>(request.fields);
  const [masked, setMasked] = useState<string[]>([]);
  const oneYearOn = new Date(Date.now() + 365 * 86_400_000).toISOString().slice(0, 10);
  const [values, setValues] = useState({ validUntil: oneYearOn, rateLimit: '60', reason: '' });
  const { errors, formError, summaryRef, showProblems } = useFormProblems<Field>();

  async function decide(event: FormEvent, decision: 'approve' | 'reject') {
    event.preventDefault();
    const problems: Partial<Record<Field, string>> = {};
    if (decision === 'reject') {
      if (!values.reason.trim()) problems.reason = t('requests.problems.reason');
    } else {
      if (approved.length === 0) problems.fields = t('requests.problems.fields');
      if (!/^\d{4}-\d{2}-\d{2}$/.test(values.validUntil))
        problems.validUntil = t('requests.problems.validUntil');
      if (!/^[1-9][0-9]{0,5}$/.test(values.rateLimit.trim()))
        problems.rateLimit = t('requests.problems.rateLimit');
    }
    if (Object.keys(problems).length > 0) return showProblems(problems);
    try {
      if (decision === 'reject') await rejectRequest(request.id, values.reason.trim());
      else
        await approveRequest(request.id, {
          fields: approved,
          maskedFields: masked.filter((name) => approved.includes(name)),
          validUntil: new Date(`${values.validUntil}T23:59:59+08:00`).toISOString(),
          rateLimitPerMinute: Number(values.rateLimit.trim()),
        });
      onDecided();
    } catch (error) {
      showProblems({}, problemText(error, t));
    }
  }

  const toggle = (list: string[], name: string, on: boolean) =>
    on ? [...list.filter((item) => item !== name), name] : list.filter((item) => item !== name);

  return (
    <form noValidate onSubmit={(event) => void decide(event, 'approve')}>
      <ErrorSummary items={summaryItemsOf(FIELDS, ids, errors, formError)} summaryRef={summaryRef} />
      <fieldset id={ids.fields}>
        <legend>{t('requests.approveFields')}</legend>
        {errors.fields && <p className="form-field__error">{errors.fields}</p>}
        {request.fields.map((name) => (
          <div key={name} className="sharing-field-choice">
            <label className="sharing-check">
              <input
                type="checkbox"
                checked={approved.includes(name)}
                onChange={(event) => setApproved((list) => toggle(list, name, event.target.checked))}
              />
              {t('requests.share', { field: name })}
            </label>
            <label className="sharing-check">
              <input
                type="checkbox"
                checked={masked.includes(name)}
                disabled={!approved.includes(name)}
                onChange={(event) => setMasked((list) => toggle(list, name, event.target.checked))}
              />
              {t('requests.mask', { field: name })}
            </label>
          </div>
        ))}
      </fieldset>
      <TextField
        id={ids.validUntil}
        type="date"
        label={t('requests.validUntil')}
        error={errors.validUntil}
        value={values.validUntil}
        onChange={(event) => setValues((previous) => ({ ...previous, validUntil: event.target.value }))}
      />
      <TextField
        id={ids.rateLimit}
        inputMode="numeric"
        label={t('requests.rateLimit')}
        error={errors.rateLimit}
        value={values.rateLimit}
        onChange={(event) => setValues((previous) => ({ ...previous, rateLimit: event.target.value }))}
      />
      <Button type="submit">{t('requests.approve')}</Button>
      <TextField
        id={ids.reason}
        label={t('requests.reason')}
        hint={t('requests.reasonHint')}
        error={errors.reason}
        value={values.reason}
        onChange={(event) => setValues((previous) => ({ ...previous, reason: event.target.value }))}
      />
      <Button onClick={(event) => void decide(event, 'reject')}>{t('requests.reject')}</Button>
    </form>
  );
}
