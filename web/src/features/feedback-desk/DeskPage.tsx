import { type FormEvent, type ReactNode, useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { ApiError } from '../../app/api.ts';
import { formatDateTime } from '../../app/format.ts';
import { type Language, useLanguage } from '../../app/languages.ts';
import { usePageTitle } from '../../app/usePageTitle.ts';
import { Button } from '../../ui/Button.tsx';
import { DescriptionList } from '../../ui/DescriptionList.tsx';
import {
  ErrorSummary,
  FormField,
  fieldOfPointer,
  SelectField,
  summaryItemsOf,
  TextField,
  useFormProblems,
} from '../account/index.ts';
import {
  fetchHandlerView,
  fetchQueue,
  type HandlerView,
  postAction,
  type QueueItem,
  type SlaClock,
} from './deskApi.ts';
import { feedbackDeskMessages } from './i18n.ts';
import './desk.css';

const HISTORY_KINDS = feedbackDeskMessages.en.historyKinds;
type HistoryKind = keyof typeof HISTORY_KINDS;

type Load<T> =
  | { kind: 'loading' }
  | { kind: 'loaded'; data: T }
  | { kind: 'signed-out' | 'forbidden' | 'not-found' | 'unavailable' };

function failureOf(error: unknown): Load<never> {
  if (error instanceof ApiError && error.status === 401) return { kind: 'signed-out' };
  if (error instanceof ApiError && error.status === 403) return { kind: 'forbidden' };
  if (error instanceof ApiError && error.status === 404) return { kind: 'not-found' };
  return { kind: 'unavailable' };
}

const localName = (zh: string, en: string | null, language: Language) =>
  language === 'en' ? (en ?? zh) : zh;

function useClockText() {
  const { t } = useTranslation('feedbackDesk');
  const language = useLanguage();
  return (clock: SlaClock) =>
    t('clockDue', {
      clock: t(`clocks.${clock.kind}`),
      state: t(`states.${clock.state}`),
      at: formatDateTime(clock.dueAt, language),
    });
}

/** /workbench/feedback-desk: the queue with time limits and filters; `?id=` opens one request to act on. */
export function DeskPage() {
  const { t } = useTranslation('feedbackDesk');
  usePageTitle(t('page.heading'));
  const [searchParams] = useSearchParams();
  const id = searchParams.get('id');
  return (
    <div className="page">
      <h1>{t('page.heading')}</h1>
      <p className="page__lead">{t('page.lead')}</p>
      {id ? <DeskRequest id={id} /> : <Queue />}
    </div>
  );
}

function LoadProblem({ kind }: { kind: 'signed-out' | 'forbidden' | 'not-found' | 'unavailable' }) {
  const { t } = useTranslation('feedbackDesk');
  return (
    <p role="alert">
      {t(
        kind === 'signed-out'
          ? 'page.signInFirst'
          : kind === 'forbidden'
            ? 'page.forbidden'
            : 'page.unavailable',
      )}
    </p>
  );
}

function Queue() {
  const { t } = useTranslation('feedbackDesk');
  const language = useLanguage();
  const clockText = useClockText();
  const baseId = useId();
  const [searchParams, setSearchParams] = useSearchParams();
  const [status, setStatus] = useState(searchParams.get('status') ?? '');
  const [sla, setSla] = useState(searchParams.get('sla') ?? '');
  const [queue, setQueue] = useState<Load<{ items: QueueItem[]; nextCursor: string | null }>>({
    kind: 'loading',
  });
  const query = searchParams.toString();

  // biome-ignore lint/correctness/useExhaustiveDependencies: the address (query) holds the filters.
  useEffect(() => {
    const controller = new AbortController();
    setQueue({ kind: 'loading' });
    fetchQueue(
      { status: searchParams.get('status') ?? undefined, sla: searchParams.get('sla') ?? undefined },
      controller.signal,
    ).then(
      (page) => setQueue({ kind: 'loaded', data: page }),
      (error: unknown) => {
        if (!controller.signal.aborted) setQueue(failureOf(error));
      },
    );
    return () => controller.abort();
  }, [query]);

  function apply(event: FormEvent) {
    event.preventDefault();
    const next = new URLSearchParams();
    if (status) next.set('status', status);
    if (sla) next.set('sla', sla);
    setSearchParams(next);
  }

  async function more(cursor: string) {
    if (queue.kind !== 'loaded') return;
    const page = await fetchQueue(
      { status: searchParams.get('status') ?? undefined, sla: searchParams.get('sla') ?? undefined, cursor },
      new AbortController().signal,
    );
    setQueue({
      kind: 'loaded',
      data: { items: [...queue.data.items, ...page.items], nextCursor: page.nextCursor },
    });
  }

  return (
    <>
      <section aria-labelledby={`${baseId}-filters`}>
        <h2 id={`${baseId}-filters`}>{t('queue.filters')}</h2>
        <form onSubmit={apply} className="desk-filters">
          <SelectField
            id={`${baseId}-status`}
            label={t('queue.status')}
            value={status}
            onChange={(event) => setStatus(event.target.value)}
          >
            <option value="">{t('queue.anyStatus')}</option>
            {(['open', 'acknowledged', 'in-progress', 'closed'] as const).map((option) => (
              <option key={option} value={option}>
                {t(`statuses.${option}`)}
              </option>
            ))}
          </SelectField>
          <SelectField
            id={`${baseId}-sla`}
            label={t('queue.sla')}
            value={sla}
            onChange={(event) => setSla(event.target.value)}
          >
            <option value="">{t('queue.anySla')}</option>
            {(['warning', 'overdue'] as const).map((option) => (
              <option key={option} value={option}>
                {t(`queue.slaFilters.${option}`)}
              </option>
            ))}
          </SelectField>
          <Button type="submit">{t('queue.apply')}</Button>
        </form>
        <p>
          <Link to="?sla=overdue">{t('queue.overdueLink')}</Link>
        </p>
      </section>
      {queue.kind === 'loading' && <p>{t('page.loading')}</p>}
      {queue.kind !== 'loading' && queue.kind !== 'loaded' && <LoadProblem kind={queue.kind} />}
      {queue.kind === 'loaded' && queue.data.items.length === 0 && <p>{t('queue.empty')}</p>}
      {queue.kind === 'loaded' && queue.data.items.length > 0 && (
        <>
          {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a keyboard user must be able to scroll a wide table. */}
          <section className="desk-table" aria-labelledby={`${baseId}-caption`} tabIndex={0}>
            <table>
              <caption id={`${baseId}-caption`}>{t('queue.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('queue.id')}</th>
                  <th scope="col">{t('queue.category')}</th>
                  <th scope="col">{t('queue.urgency')}</th>
                  <th scope="col">{t('queue.status')}</th>
                  <th scope="col">{t('queue.clocks')}</th>
                  <th scope="col">{t('queue.submittedAt')}</th>
                </tr>
              </thead>
              <tbody>
                {queue.data.items.map((item) => (
                  <tr key={item.id}>
                    <th scope="row">
                      <Link to={`?id=${encodeURIComponent(item.id)}`}>{item.id}</Link>
                    </th>
                    <td>{localName(item.categoryNameZh, item.categoryNameEn, language)}</td>
                    <td>{t(`urgencies.${item.urgency}`)}</td>
                    <td>{t(`statuses.${item.status}`)}</td>
                    <td>
                      <ul className="desk-clocks">
                        {item.sla
                          .filter((clock) => clock.state !== 'stopped')
                          .map((clock) => (
                            <li key={clock.kind} className={`desk-clock desk-clock--${clock.state}`}>
                              {clockText(clock)}
                            </li>
                          ))}
                      </ul>
                    </td>
                    <td>{formatDateTime(item.submittedAt, language)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
          {queue.data.nextCursor && (
            <Button type="button" onClick={() => more(queue.data.nextCursor!)}>
              {t('queue.more')}
            </Button>
          )}
        </>
      )}
    </>
  );
}

function DeskRequest({ id }: { id: string }) {
  const { t } = useTranslation('feedbackDesk');
  const language = useLanguage();
  const clockText = useClockText();
  const headingId = useId();
  const [state, setState] = useState<Load<HandlerView>>({ kind: 'loading' });
  const [notice, setNotice] = useState<string | undefined>();

  useEffect(() => {
    const controller = new AbortController();
    fetchHandlerView(id, controller.signal).then(
      (data) => setState({ kind: 'loaded', data }),
      (error: unknown) => {
        if (!controller.signal.aborted) setState(failureOf(error));
      },
    );
    return () => controller.abort();
  }, [id]);

  const back = <Link to="?">{t('request.back')}</Link>;
  if (state.kind === 'loading') return <p>{t('page.loading')}</p>;
  if (state.kind !== 'loaded')
    return (
      <>
        <LoadProblem kind={state.kind} />
        {back}
      </>
    );
  const request = state.data;
  const done = (next: HandlerView) => {
    setState({ kind: 'loaded', data: next });
    setNotice(t('request.done'));
  };
  const reload = async () => done(await fetchHandlerView(id));
  const isOpen = request.handlingRole === 'holder' && request.status !== 'closed';
  // A history kind added later than this page is shown as it is rather than as a missing key.
  const historyKindOf = (kind: string) =>
    kind in HISTORY_KINDS ? t(`historyKinds.${kind as HistoryKind}`) : kind;
  return (
    <article aria-labelledby={headingId} data-testid="desk-request">
      {back}
      <h2 id={headingId}>{t('request.heading', { id: request.id })}</h2>
      {notice && (
        <p role="status" className="page__notice">
          {notice}
        </p>
      )}
      <DescriptionList
        items={[
          { term: t('queue.status'), description: t(`statuses.${request.status}`) },
          { term: t('queue.urgency'), description: t(`urgencies.${request.urgency}`) },
          { term: t('request.description'), description: request.description },
          ...(request.address ? [{ term: t('request.address'), description: request.address }] : []),
          {
            term: t('request.contact'),
            description: request.contact
              ? [request.contact.maskedName, request.contact.maskedPhone, request.contact.maskedEmail]
                  .filter(Boolean)
                  .join(' ') || '—'
              : t('request.noContact'),
          },
          {
            term: t('request.holder'),
            description: request.holder
              ? localName(request.holder.nameZh, request.holder.nameEn, language)
              : '—',
          },
        ]}
      />
      {request.sla && request.sla.length > 0 && (
        <section aria-labelledby={`${headingId}-clocks`}>
          <h3 id={`${headingId}-clocks`}>{t('request.clocks')}</h3>
          <ul className="desk-clocks" data-testid="desk-clocks">
            {request.sla.map((clock) => (
              <li key={clock.kind} className={`desk-clock desk-clock--${clock.state}`}>
                {clockText(clock)}
              </li>
            ))}
          </ul>
        </section>
      )}
      {request.pendingTransfer?.status === 'offered' && request.handlingRole === 'offered' && (
        <TransferAnswer request={request} onDone={reload} />
      )}
      {isOpen && <ContactForm id={request.id} onDone={done} />}
      {isOpen && <ReplyForm id={request.id} onDone={done} />}
      {isOpen && <ProgressForm id={request.id} onDone={done} />}
      {isOpen && !request.pendingTransfer && <TransferForm id={request.id} onDone={reload} />}
      <section aria-labelledby={`${headingId}-replies`}>
        <h3 id={`${headingId}-replies`}>{t('request.replies')}</h3>
        <ol>
          {request.replies.map((reply) => (
            <li key={reply.id}>
              {formatDateTime(reply.at, language)} · <strong>{t(`replyForm.kinds.${reply.kind}`)}</strong>
              <p>
                {t('request.published')}: {reply.text}
              </p>
              {reply.originalText && (
                <p className="desk-internal">
                  {t('request.original')}: {reply.originalText}
                </p>
              )}
            </li>
          ))}
        </ol>
      </section>
      {request.history && (
        <section aria-labelledby={`${headingId}-history`}>
          <h3 id={`${headingId}-history`}>{t('request.history')}</h3>
          <ol>
            {request.history.map((entry) => (
              <li key={entry.id}>
                {formatDateTime(entry.at, language)} · {historyKindOf(entry.kind)} ·{' '}
                {t(`statuses.${entry.status}`)}
                {entry.publicNote ? ` · ${entry.publicNote}` : ''}
                {entry.internalNote ? ` · ${t('request.internal')}: ${entry.internalNote}` : ''}
              </li>
            ))}
          </ol>
        </section>
      )}
    </article>
  );
}

/** One action form: its fields' problems in an error summary that takes focus, server problems mapped to fields. */
function ActionForm<Field extends string>({
  heading,
  fields,
  ids,
  validate,
  run,
  submitLabel,
  children,
  testId,
}: {
  heading: string;
  fields: readonly Field[];
  ids: Record<Field, string>;
  validate: () => Partial<Record<Field, string>>;
  run: () => Promise<void>;
  submitLabel: string;
  children: (errors: Partial<Record<Field, string>>) => ReactNode;
  testId: string;
}) {
  const { t } = useTranslation('feedbackDesk');
  const headingId = useId();
  const [isSending, setIsSending] = useState(false);
  const { errors, formError, summaryRef, showProblems } = useFormProblems<Field>();
  async function submit(event: FormEvent) {
    event.preventDefault();
    const missing = validate();
    if (Object.keys(missing).length > 0) return showProblems(missing);
    setIsSending(true);
    try {
      await run();
      showProblems({});
    } catch (error) {
      if (error instanceof ApiError && error.errors.length > 0) {
        const fieldErrors: Partial<Record<Field, string>> = {};
        const other: string[] = [];
        for (const problem of error.errors) {
          const field = fieldOfPointer(problem.pointer) as Field;
          if (fields.includes(field)) fieldErrors[field] = problem.detail;
          else other.push(problem.detail);
        }
        showProblems(fieldErrors, other.length > 0 ? other.join('; ') : undefined);
      } else showProblems({}, error instanceof ApiError ? (error.detail ?? error.title) : t('failed'));
    } finally {
      setIsSending(false);
    }
  }
  return (
    <section aria-labelledby={headingId} className="desk-action" data-testid={testId}>
      <h3 id={headingId}>{heading}</h3>
      <ErrorSummary items={summaryItemsOf(fields, ids, errors, formError)} summaryRef={summaryRef} />
      <form onSubmit={submit} noValidate>
        {children(errors)}
        <Button type="submit" disabled={isSending}>
          {submitLabel}
        </Button>
      </form>
    </section>
  );
}

function TextArea({
  id,
  label,
  hint,
  error,
  value,
  onChange,
}: {
  id: string;
  label: string;
  hint?: string;
  error: string | undefined;
  value: string;
  onChange: (value: string) => void;
}) {
  return (
    <FormField id={id} label={label} hint={hint} error={error}>
      <textarea
        id={id}
        className="form-field__input"
        rows={4}
        maxLength={5000}
        value={value}
        aria-invalid={error ? true : undefined}
        aria-describedby={
          [hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(' ') || undefined
        }
        onChange={(event) => onChange(event.target.value)}
      />
    </FormField>
  );
}

function ContactForm({ id, onDone }: { id: string; onDone: (view: HandlerView) => void }) {
  const { t } = useTranslation('feedbackDesk');
  const baseId = useId();
  const ids = { channel: `${baseId}-channel`, note: `${baseId}-note` };
  const [channel, setChannel] = useState('phone');
  const [note, setNote] = useState('');
  return (
    <ActionForm
      heading={t('contactForm.heading')}
      fields={['channel', 'note'] as const}
      ids={ids}
      testId="desk-contact"
      validate={() => (note.trim() ? {} : { note: t('required') })}
      run={async () => {
        onDone(await postAction(id, 'contacts', { channel, note }));
        setNote('');
      }}
      submitLabel={t('contactForm.submit')}
    >
      {(errors) => (
        <>
          <SelectField
            id={ids.channel}
            label={t('contactForm.channel')}
            value={channel}
            onChange={(event) => setChannel(event.target.value)}
          >
            {(['phone', 'sms', 'visit', 'online', 'letter'] as const).map((option) => (
              <option key={option} value={option}>
                {t(`contactForm.channels.${option}`)}
              </option>
            ))}
          </SelectField>
          <TextArea
            id={ids.note}
            label={t('contactForm.note')}
            error={errors.note}
            value={note}
            onChange={setNote}
          />
        </>
      )}
    </ActionForm>
  );
}

function ProgressForm({ id, onDone }: { id: string; onDone: (view: HandlerView) => void }) {
  const { t } = useTranslation('feedbackDesk');
  const baseId = useId();
  const ids = { note: `${baseId}-note` };
  const [note, setNote] = useState('');
  return (
    <ActionForm
      heading={t('progressForm.heading')}
      fields={['note'] as const}
      ids={ids}
      testId="desk-progress"
      validate={() => (note.trim() ? {} : { note: t('required') })}
      run={async () => {
        onDone(await postAction(id, 'progress', { note }));
        setNote('');
      }}
      submitLabel={t('progressForm.submit')}
    >
      {(errors) => (
        <TextArea
          id={ids.note}
          label={t('progressForm.note')}
          error={errors.note}
          value={note}
          onChange={setNote}
        />
      )}
    </ActionForm>
  );
}

/**
 * The moderation step: the handler previews the redacted text and publishes exactly that; editing
 * the text afterwards asks for a new preview (the server refuses a text it was not shown).
 */
function ReplyForm({ id, onDone }: { id: string; onDone: (view: HandlerView) => void }) {
  const { t } = useTranslation('feedbackDesk');
  const baseId = useId();
  const ids = { kind: `${baseId}-kind`, text: `${baseId}-text`, names: `${baseId}-names` };
  const [kind, setKind] = useState<'interim' | 'final'>('interim');
  const [text, setText] = useState('');
  const [names, setNames] = useState('');
  const [preview, setPreview] = useState<{ text: string; count: number } | undefined>();
  const nameList = names
    .split(/[,，、]/)
    .map((name) => name.trim())
    .filter(Boolean);
  const changed = (update: () => void) => {
    update();
    setPreview(undefined);
  };
  return (
    <ActionForm
      heading={t('replyForm.heading')}
      fields={['kind', 'text', 'names'] as const}
      ids={ids}
      testId="desk-reply"
      validate={() => (text.trim() ? {} : { text: t('required') })}
      run={async () => {
        if (!preview) {
          const shown = await postAction<{ text: string; replaced: { count: number }[] }>(
            id,
            'reply-preview',
            {
              text,
              names: nameList,
            },
          );
          setPreview({
            text: shown.text,
            count: shown.replaced.reduce((sum, entry) => sum + entry.count, 0),
          });
          return;
        }
        onDone(await postAction(id, 'replies', { kind, text, names: nameList, previewedText: preview.text }));
        setText('');
        setPreview(undefined);
      }}
      submitLabel={preview ? t('replyForm.publish') : t('replyForm.preview')}
    >
      {(errors) => (
        <>
          <SelectField
            id={ids.kind}
            label={t('replyForm.kind')}
            value={kind}
            onChange={(event) => changed(() => setKind(event.target.value as 'interim' | 'final'))}
          >
            <option value="interim">{t('replyForm.kinds.interim')}</option>
            <option value="final">{t('replyForm.kinds.final')}</option>
          </SelectField>
          <TextArea
            id={ids.text}
            label={t('replyForm.text')}
            hint={t('replyForm.textHint')}
            error={errors.text}
            value={text}
            onChange={(value) => changed(() => setText(value))}
          />
          <TextField
            id={ids.names}
            label={t('replyForm.names')}
            error={errors.names}
            value={names}
            onChange={(event) => changed(() => setNames(event.target.value))}
          />
          <div aria-live="polite">
            {preview && (
              <section
                className="desk-preview"
                data-testid="desk-preview"
                aria-labelledby={`${baseId}-preview`}
              >
                <h4 id={`${baseId}-preview`}>{t('replyForm.previewHeading')}</h4>
                <p>{preview.text}</p>
                <p>{t('replyForm.replaced', { count: preview.count })}</p>
              </section>
            )}
          </div>
        </>
      )}
    </ActionForm>
  );
}

function TransferForm({ id, onDone }: { id: string; onDone: () => Promise<void> }) {
  const { t } = useTranslation('feedbackDesk');
  const baseId = useId();
  const ids = { toOrganisationId: `${baseId}-to`, reason: `${baseId}-reason` };
  const [to, setTo] = useState('');
  const [reason, setReason] = useState('');
  return (
    <ActionForm
      heading={t('transferForm.heading')}
      fields={['toOrganisationId', 'reason'] as const}
      ids={ids}
      testId="desk-transfer"
      validate={() => ({
        ...(to.trim() ? {} : { toOrganisationId: t('required') }),
        ...(reason.trim() ? {} : { reason: t('required') }),
      })}
      run={async () => {
        await postAction<{ id: string }>(id, 'transfers', { toOrganisationId: to.trim(), reason });
        await onDone();
      }}
      submitLabel={t('transferForm.submit')}
    >
      {(errors) => (
        <>
          <TextField
            id={ids.toOrganisationId}
            label={t('transferForm.to')}
            error={errors.toOrganisationId}
            value={to}
            onChange={(event) => setTo(event.target.value)}
          />
          <TextArea
            id={ids.reason}
            label={t('transferForm.reason')}
            error={errors.reason}
            value={reason}
            onChange={setReason}
          />
        </>
      )}
    </ActionForm>
  );
}

/** A transfer under way: the unit offered it accepts or refuses (the server checks whose turn it is). */
function TransferAnswer({ request, onDone }: { request: HandlerView; onDone: () => Promise<void> }) {
  const { t } = useTranslation('feedbackDesk');
  const language = useLanguage();
  const baseId = useId();
  const transfer = request.pendingTransfer!;
  const ids = { reason: `${baseId}-reason` };
  const [action, setAction] = useState<'accept' | 'refuse'>('accept');
  const [reason, setReason] = useState('');
  return (
    <ActionForm
      heading={t('transferForm.pending', {
        from: localName(transfer.from.nameZh, transfer.from.nameEn, language),
        to: localName(transfer.to.nameZh, transfer.to.nameEn, language),
        reason: transfer.reason,
      })}
      fields={['reason'] as const}
      ids={ids}
      testId="desk-transfer-answer"
      validate={() => (action === 'refuse' && !reason.trim() ? { reason: t('required') } : {})}
      run={async () => {
        await postAction(
          request.id,
          `transfers/${transfer.id}/answer`,
          action === 'accept' ? { action } : { action, reason },
        );
        await onDone();
      }}
      submitLabel={action === 'accept' ? t('transferForm.accept') : t('transferForm.refuse')}
    >
      {(errors) => (
        <>
          <SelectField
            id={`${baseId}-action`}
            label={t('transferForm.heading')}
            value={action}
            onChange={(event) => setAction(event.target.value as 'accept' | 'refuse')}
          >
            <option value="accept">{t('transferForm.accept')}</option>
            <option value="refuse">{t('transferForm.refuse')}</option>
          </SelectField>
          {action === 'refuse' && (
            <TextArea
              id={ids.reason}
              label={t('transferForm.refuseReason')}
              error={errors.reason}
              value={reason}
              onChange={setReason}
            />
          )}
        </>
      )}
    </ActionForm>
  );
}
