import { type FormEvent, useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../app/api.ts';
import { formatDateTime } from '../../app/format.ts';
import { type Language, useLanguage } from '../../app/languages.ts';
import { Button } from '../../ui/Button.tsx';
import { DescriptionList } from '../../ui/DescriptionList.tsx';
import { ErrorSummary, FormField, SelectField, summaryItemsOf, useFormProblems } from '../account/index.ts';
import {
  fetchRequest,
  type RequestDetail,
  rateRequest,
  reopenRequest,
  type Satisfaction,
} from './feedbackApi.ts';

const localName = (zh: string, en: string | null, language: Language) =>
  language === 'en' ? (en ?? zh) : zh;

const SATISFACTIONS: readonly Satisfaction[] = ['satisfied', 'basically-satisfied', 'dissatisfied'];
const SHOWN_HISTORY = [
  'submitted',
  'dispatched',
  'status-changed',
  'transfer-accepted',
  'transfer-decided',
  'replied',
  'reopened',
  'rated',
  'contacted',
] as const;

type Load =
  | { kind: 'loading' }
  | { kind: 'loaded'; request: RequestDetail }
  | { kind: 'not-found' | 'unavailable' };

/** One request as its reader may see it: the public, or its sender with history, rating and reopening. */
export function RequestDetailView({ id, backLink }: { id: string; backLink: React.ReactNode }) {
  const { t } = useTranslation('feedback');
  const language = useLanguage();
  const [state, setState] = useState<Load>({ kind: 'loading' });
  const headingId = useId();

  useEffect(() => {
    const controller = new AbortController();
    setState({ kind: 'loading' });
    fetchRequest(id, controller.signal).then(
      (request) => setState({ kind: 'loaded', request }),
      (error: unknown) => {
        if (controller.signal.aborted) return;
        setState({ kind: error instanceof ApiError && error.status === 404 ? 'not-found' : 'unavailable' });
      },
    );
    return () => controller.abort();
  }, [id]);

  if (state.kind === 'loading') return <p>{t('request.loading')}</p>;
  if (state.kind !== 'loaded')
    return (
      <>
        <p role="alert">{t(state.kind === 'not-found' ? 'request.notFound' : 'request.unavailable')}</p>
        {backLink}
      </>
    );
  const request = state.request;
  const resolution = request.sla?.find((clock) => clock.kind === 'resolution');
  const replace = (next: RequestDetail) => setState({ kind: 'loaded', request: next });
  return (
    <article aria-labelledby={headingId} data-testid="feedback-request">
      {backLink}
      <h2 id={headingId}>{t('request.heading', { id: request.id })}</h2>
      <p>
        <strong>{t(`list.statuses.${request.status}`)}</strong>
        {request.statusNotes ? ` — ${request.statusNotes}` : ''}
      </p>
      <h3>{t('request.details')}</h3>
      <DescriptionList
        items={[
          {
            term: t('list.category'),
            description: localName(request.categoryNameZh, request.categoryNameEn, language),
          },
          { term: t('list.kind'), description: t(`form.kinds.${request.kind}`) },
          { term: t('request.description'), description: request.description },
          ...(request.address ? [{ term: t('request.address'), description: request.address }] : []),
          {
            term: t('request.holder'),
            description: request.holder
              ? localName(request.holder.nameZh, request.holder.nameEn, language)
              : t('form.unrouted'),
          },
          { term: t('request.submittedAt'), description: formatDateTime(request.submittedAt, language) },
          ...(request.closedAt
            ? [{ term: t('request.closedAt'), description: formatDateTime(request.closedAt, language) }]
            : []),
          ...(resolution && resolution.state !== 'stopped'
            ? [
                {
                  term: t('request.due'),
                  description: t('request.dueAt', { at: formatDateTime(resolution.dueAt, language) }),
                },
              ]
            : []),
        ]}
      />
      <section aria-labelledby={`${headingId}-replies`}>
        <h3 id={`${headingId}-replies`}>{t('request.replies')}</h3>
        {request.replies.length === 0 && <p>{t('request.noReplies')}</p>}
        <ol className="feedback-replies">
          {request.replies.map((reply) => (
            <li key={reply.id} data-testid="feedback-reply">
              <p className="feedback-replies__meta">
                {t(`request.replyKinds.${reply.kind}`)} ·{' '}
                {reply.organisation
                  ? localName(reply.organisation.nameZh, reply.organisation.nameEn, language)
                  : ''}{' '}
                · {formatDateTime(reply.at, language)}
              </p>
              <p>{reply.text}</p>
            </li>
          ))}
        </ol>
      </section>
      {request.history && (
        <section aria-labelledby={`${headingId}-history`}>
          <h3 id={`${headingId}-history`}>{t('request.history')}</h3>
          <ol className="feedback-history">
            {/* Internal steps (progress notes, deadline marks) carry nothing for the citizen. */}
            {request.history
              .filter(
                (entry) => entry.publicNote || (SHOWN_HISTORY as readonly string[]).includes(entry.kind),
              )
              .map((entry) => (
                <li key={entry.id}>
                  {formatDateTime(entry.at, language)} —{' '}
                  {t(
                    `request.historyKinds.${(SHOWN_HISTORY as readonly string[]).includes(entry.kind) ? (entry.kind as (typeof SHOWN_HISTORY)[number]) : 'other'}`,
                  )}{' '}
                  ({t(`list.statuses.${entry.status}`)}){entry.publicNote ? `：${entry.publicNote}` : ''}
                </li>
              ))}
          </ol>
        </section>
      )}
      {request.followUp?.rating && (
        <p data-testid="feedback-rating">
          {t('request.rated', {
            satisfaction: t(`request.satisfactions.${request.followUp.rating.satisfaction}`),
          })}
        </p>
      )}
      {request.followUp?.canRate && <RatingForm id={request.id} onDone={replace} />}
      {request.followUp?.canReopen && request.followUp.reopenUntil && (
        <ReopenForm
          id={request.id}
          until={formatDateTime(request.followUp.reopenUntil, language)}
          onDone={replace}
        />
      )}
    </article>
  );
}

function RatingForm({ id, onDone }: { id: string; onDone: (request: RequestDetail) => void }) {
  const { t } = useTranslation('feedback');
  const baseId = useId();
  const [satisfaction, setSatisfaction] = useState<Satisfaction | ''>('');
  const [score, setScore] = useState('');
  const [comment, setComment] = useState('');
  const [isSending, setIsSending] = useState(false);
  const { errors, formError, summaryRef, showProblems } = useFormProblems<'satisfaction'>();
  const ids = { satisfaction: `${baseId}-satisfaction-${SATISFACTIONS[0]}` };

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!satisfaction) return showProblems({ satisfaction: t('request.required') });
    setIsSending(true);
    try {
      onDone(
        await rateRequest(id, {
          satisfaction,
          ...(score ? { score: Number(score) } : {}),
          ...(comment.trim() ? { comment: comment.trim() } : {}),
        }),
      );
    } catch (error) {
      showProblems({}, error instanceof ApiError ? (error.detail ?? error.title) : t('request.failed'));
    } finally {
      setIsSending(false);
    }
  }

  return (
    <section aria-labelledby={`${baseId}-heading`}>
      <h3 id={`${baseId}-heading`}>{t('request.rate')}</h3>
      <p>{t('request.rateLead')}</p>
      <ErrorSummary
        items={summaryItemsOf(['satisfaction'], ids, errors, formError)}
        summaryRef={summaryRef}
      />
      <form onSubmit={submit} noValidate>
        <fieldset
          className="form-field"
          aria-describedby={errors.satisfaction ? `${baseId}-error` : undefined}
        >
          <legend>{t('request.satisfaction')}</legend>
          {errors.satisfaction && (
            <p id={`${baseId}-error`} className="form-field__error">
              {errors.satisfaction}
            </p>
          )}
          {SATISFACTIONS.map((option) => (
            <label key={option} className="feedback-choice">
              <input
                type="radio"
                id={`${baseId}-satisfaction-${option}`}
                name={`${baseId}-satisfaction`}
                value={option}
                checked={satisfaction === option}
                onChange={() => setSatisfaction(option)}
              />{' '}
              {t(`request.satisfactions.${option}`)}
            </label>
          ))}
        </fieldset>
        <SelectField
          id={`${baseId}-score`}
          label={t('request.score')}
          value={score}
          onChange={(event) => setScore(event.target.value)}
        >
          <option value="">{t('request.noScore')}</option>
          {[5, 4, 3, 2, 1].map((value) => (
            <option key={value} value={value}>
              {value}
            </option>
          ))}
        </SelectField>
        <FormField id={`${baseId}-comment`} label={t('request.comment')}>
          <textarea
            id={`${baseId}-comment`}
            className="form-field__input"
            rows={3}
            maxLength={2000}
            value={comment}
            onChange={(event) => setComment(event.target.value)}
          />
        </FormField>
        <Button type="submit" disabled={isSending}>
          {t('request.sendRating')}
        </Button>
      </form>
    </section>
  );
}

function ReopenForm({
  id,
  until,
  onDone,
}: {
  id: string;
  until: string;
  onDone: (request: RequestDetail) => void;
}) {
  const { t } = useTranslation('feedback');
  const baseId = useId();
  const [reason, setReason] = useState('');
  const [isSending, setIsSending] = useState(false);
  const { errors, formError, summaryRef, showProblems } = useFormProblems<'reason'>();
  const ids = { reason: `${baseId}-reason` };

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!reason.trim()) return showProblems({ reason: t('request.required') });
    setIsSending(true);
    try {
      onDone(await reopenRequest(id, reason.trim()));
    } catch (error) {
      showProblems({}, error instanceof ApiError ? (error.detail ?? error.title) : t('request.failed'));
    } finally {
      setIsSending(false);
    }
  }

  return (
    <section aria-labelledby={`${baseId}-heading`}>
      <h3 id={`${baseId}-heading`}>{t('request.reopen')}</h3>
      <p>{t('request.reopenLead', { until })}</p>
      <ErrorSummary items={summaryItemsOf(['reason'], ids, errors, formError)} summaryRef={summaryRef} />
      <form onSubmit={submit} noValidate>
        <FormField id={ids.reason} label={t('request.reason')} error={errors.reason}>
          <textarea
            id={ids.reason}
            className="form-field__input"
            rows={3}
            maxLength={2000}
            value={reason}
            aria-invalid={errors.reason ? true : undefined}
            aria-describedby={errors.reason ? `${ids.reason}-error` : undefined}
            onChange={(event) => setReason(event.target.value)}
          />
        </FormField>
        <Button type="submit" disabled={isSending}>
          {t('request.sendReopen')}
        </Button>
      </form>
    </section>
  );
}
