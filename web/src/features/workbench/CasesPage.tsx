import { type FormEvent, useCallback, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { ApiError } from '../../app/api.ts';
import { formatDateTime } from '../../app/format.ts';
import { isLanguage } from '../../app/languages.ts';
import { usePageTitle } from '../../app/usePageTitle.ts';
import { Button } from '../../ui/Button.tsx';
import { DescriptionList } from '../../ui/DescriptionList.tsx';
import { ErrorSummary, FieldError, SelectField, type SummaryItem } from '../account/index.ts';
import { DataTable } from '../administration/index.ts';
import { CasePanel } from './CasePanel.tsx';
import {
  type ActionBody,
  type ActionName,
  actOnTask,
  type DeadlineMark,
  type DeadlineState,
  fetchQueue,
  fetchTask,
  type QueueItem,
  type QueueState,
  type TaskView,
} from './workbenchApi.ts';
import './workbench.css';

type DeadlineFilter = Exclude<DeadlineState, 'paused'> | '';

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

function useLanguage() {
  const { i18n } = useTranslation();
  return isLanguage(i18n.language) ? i18n.language : 'zh-CN';
}

/** The handler's queue with filters; `?task=<id>` opens one task with its history and the actions on it. */
export function CasesPage() {
  const { t } = useTranslation('workbench');
  usePageTitle(t('cases.title'));
  const language = useLanguage();
  const [searchParams, setSearchParams] = useSearchParams();
  const taskId = searchParams.get('task');
  const caseId = searchParams.get('case');
  const [state, setState] = useState<QueueState | ''>('');
  const [deadline, setDeadline] = useState<DeadlineFilter>('');
  const [filter, setFilter] = useState<{ state: QueueState | ''; deadline: DeadlineFilter }>({
    state: '',
    deadline: '',
  });
  const [queue, setQueue] = useState<Load<{ items: QueueItem[]; nextCursor: string | null }>>({
    kind: 'loading',
  });
  const [generation, setGeneration] = useState(0);

  const fetchPage = useCallback(
    (cursor: string | undefined, signal?: AbortSignal) =>
      fetchQueue(
        {
          state: filter.state || undefined,
          deadline: filter.deadline || undefined,
          cursor,
        },
        signal,
      ),
    [filter],
  );

  // biome-ignore lint/correctness/useExhaustiveDependencies: generation is the reload signal after an action.
  useEffect(() => {
    const controller = new AbortController();
    setQueue({ kind: 'loading' });
    fetchPage(undefined, controller.signal).then(
      (page) => setQueue({ kind: 'loaded', data: { items: page.tasks, nextCursor: page.nextCursor } }),
      (error: unknown) => {
        if (!controller.signal.aborted) setQueue(failureOf(error));
      },
    );
    return () => controller.abort();
  }, [fetchPage, generation]);

  async function loadMore() {
    if (queue.kind !== 'loaded' || !queue.data.nextCursor) return;
    const page = await fetchPage(queue.data.nextCursor).catch(() => undefined);
    if (page)
      setQueue({
        kind: 'loaded',
        data: { items: [...queue.data.items, ...page.tasks], nextCursor: page.nextCursor },
      });
  }

  function applyFilters(event: FormEvent) {
    event.preventDefault();
    setFilter({ state, deadline });
  }

  const name = (task: { name: { zh: string; en: string } }) =>
    language === 'en' ? task.name.en : task.name.zh;

  return (
    <div className="workbench-page">
      <h1>{t('cases.title')}</h1>
      <p>{t('cases.introduction')}</p>
      {caseId ? (
        <CasePanel applicationId={caseId} onClose={() => setSearchParams(taskId ? { task: taskId } : {})} />
      ) : taskId ? (
        <TaskPanel
          taskId={taskId}
          onClose={() => setSearchParams({})}
          onActed={() => setGeneration((count) => count + 1)}
        />
      ) : (
        <>
          <form className="workbench-filters" onSubmit={applyFilters} aria-label={t('cases.filters')}>
            <SelectField
              id="queue-state"
              label={t('cases.state')}
              value={state}
              onChange={(event) => setState(event.target.value as QueueState | '')}
            >
              <option value="">{t('cases.stateAll')}</option>
              <option value="open">{t('states.open')}</option>
              <option value="accepted">{t('states.accepted')}</option>
              <option value="awaiting-supplements">{t('states.awaiting-supplements')}</option>
            </SelectField>
            <SelectField
              id="queue-deadline"
              label={t('cases.deadline')}
              value={deadline}
              onChange={(event) => setDeadline(event.target.value as DeadlineFilter)}
            >
              <option value="">{t('cases.deadlineAll')}</option>
              <option value="running">{t('cases.deadlineRunning')}</option>
              <option value="warning">{t('cases.deadlineWarning')}</option>
              <option value="overdue">{t('cases.deadlineOverdue')}</option>
            </SelectField>
            <Button type="submit">{t('cases.apply')}</Button>
          </form>
          {queue.kind === 'loading' && <p role="status">{t('cases.loading')}</p>}
          {queue.kind === 'signed-out' && <p className="account-alert">{t('cases.signedOut')}</p>}
          {queue.kind === 'forbidden' && <p className="account-alert">{t('cases.forbidden')}</p>}
          {(queue.kind === 'unavailable' || queue.kind === 'not-found') && (
            <p className="account-alert">{t('cases.unavailable')}</p>
          )}
          {queue.kind === 'loaded' && queue.data.items.length === 0 && <p>{t('cases.none')}</p>}
          {queue.kind === 'loaded' && queue.data.items.length > 0 && (
            <DataTable
              caption={t('cases.caption')}
              headings={[
                t('cases.columns.step'),
                t('cases.columns.subject'),
                t('cases.columns.state'),
                t('cases.columns.openedAt'),
                t('cases.columns.dueAt'),
                t('cases.columns.remaining'),
              ]}
            >
              {queue.data.items.map((item) => (
                <tr key={item.id}>
                  <td>
                    <Link to={`?task=${item.id}`}>
                      {t('cases.open')}：{name(item)}
                    </Link>
                  </td>
                  <td>{item.subject.id}</td>
                  <td>
                    {t(
                      `states.${item.instanceState === 'awaiting-supplements' ? 'awaiting-supplements' : item.state}` as 'states.open',
                    )}
                  </td>
                  <td>{formatDateTime(item.openedAt, language)}</td>
                  <td>{item.dueAt ? formatDateTime(item.dueAt, language) : t('cases.noDue')}</td>
                  <td>{item.deadline ? <DeadlineBadge mark={item.deadline} /> : t('cases.noDue')}</td>
                </tr>
              ))}
            </DataTable>
          )}
          {queue.kind === 'loaded' && queue.data.nextCursor && (
            <Button onClick={() => void loadMore()}>{t('cases.loadMore')}</Button>
          )}
        </>
      )}
    </div>
  );
}

/** The mark in words as well as colour, so it reads the same without colour vision. */
function DeadlineBadge({ mark }: { mark: DeadlineMark }) {
  const { t } = useTranslation('workbench');
  return (
    <span className={`workbench-deadline workbench-deadline--${mark.state}`}>
      {t(`cases.marks.${mark.state}`, { count: mark.remainingWorkingDays })}
      {mark.provisional && t('cases.provisional')}
    </span>
  );
}

type ActionField = 'comment' | 'reasons' | 'items';

/** Turns the form into the action's body, or the problems with it (each with the field it is about). */
function bodyOf(
  action: Exclude<ActionName, 'transfer'>,
  text: { comment: string; lines: string },
  version: number,
  t: ReturnType<typeof useTranslation<'workbench'>>['t'],
): { body: ActionBody } | { problems: { field: ActionField; message: string }[] } {
  const comment = text.comment.trim() ? { comment: text.comment.trim() } : {};
  const lines = text.lines
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
  if (action === 'reject') {
    if (lines.length === 0)
      return { problems: [{ field: 'reasons', message: t('problems.reasonsRequired') }] };
    return { body: { action, reasons: lines, ...comment, version } };
  }
  if (action === 'request-supplements') {
    if (lines.length === 0) return { problems: [{ field: 'items', message: t('problems.itemsRequired') }] };
    const items = lines.map((line) => line.split(/[:：]/));
    const bad = items.findIndex(
      (parts) => parts.length < 2 || !parts[0]!.trim() || !parts.slice(1).join(':').trim(),
    );
    if (bad >= 0)
      return { problems: [{ field: 'items', message: t('problems.itemFormat', { line: bad + 1 }) }] };
    return {
      body: {
        action,
        items: items.map(([material, ...detail]) => ({
          material: material!.trim(),
          detail: detail.join(':').trim(),
        })),
        version,
      },
    };
  }
  return { body: { action, ...comment, version } };
}

function TaskPanel({
  taskId,
  onClose,
  onActed,
}: {
  taskId: string;
  onClose: () => void;
  onActed: () => void;
}) {
  const { t } = useTranslation('workbench');
  const language = useLanguage();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const summaryRef = useRef<HTMLDivElement>(null);
  const noticeId = useId();
  const [view, setView] = useState<Load<TaskView>>({ kind: 'loading' });
  const [generation, setGeneration] = useState(0);
  const [action, setAction] = useState<Exclude<ActionName, 'transfer'> | ''>('');
  const [comment, setComment] = useState('');
  const [lines, setLines] = useState('');
  const [problems, setProblems] = useState<SummaryItem[]>([]);
  const [fieldErrors, setFieldErrors] = useState<Partial<Record<ActionField, string>>>({});
  const [notice, setNotice] = useState('');
  const [isSubmitting, setIsSubmitting] = useState(false);

  // biome-ignore lint/correctness/useExhaustiveDependencies: generation is the reload signal after an action.
  useEffect(() => {
    const controller = new AbortController();
    fetchTask(taskId, controller.signal).then(
      (data) => {
        setView({ kind: 'loaded', data });
        setAction((current) => (current && data.allowedActions.includes(current) ? current : ''));
      },
      (error: unknown) => {
        if (!controller.signal.aborted) setView(failureOf(error));
      },
    );
    return () => controller.abort();
  }, [taskId, generation]);

  useEffect(() => {
    headingRef.current?.focus();
  }, []);

  useEffect(() => {
    if (problems.length > 0) summaryRef.current?.focus();
  }, [problems]);

  if (view.kind !== 'loaded')
    return (
      <section className="workbench-task" aria-labelledby="task-heading">
        <h2 id="task-heading" ref={headingRef} tabIndex={-1}>
          {t('task.details')}
        </h2>
        {view.kind === 'loading' ? (
          <p role="status">{t('cases.loading')}</p>
        ) : (
          <p className="account-alert">
            {view.kind === 'not-found'
              ? t('task.notFound')
              : t(`cases.${view.kind === 'signed-out' ? 'signedOut' : view.kind}`)}
          </p>
        )}
        <Button onClick={onClose}>{t('task.close')}</Button>
      </section>
    );

  const { task, instance, tasks, actions, allowedActions } = view.data;
  const choices = allowedActions.filter(
    (name): name is Exclude<ActionName, 'transfer'> => name !== 'transfer',
  );
  const name = (of: { name: { zh: string; en: string } }) => (language === 'en' ? of.name.en : of.name.zh);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!action || isSubmitting) return;
    const built = bodyOf(action, { comment, lines }, task.version, t);
    if ('problems' in built) {
      setFieldErrors(Object.fromEntries(built.problems.map((problem) => [problem.field, problem.message])));
      setProblems(
        built.problems.map((problem) => ({ fieldId: `task-${problem.field}`, message: problem.message })),
      );
      return;
    }
    setIsSubmitting(true);
    try {
      await actOnTask(task.id, built.body);
      setProblems([]);
      setFieldErrors({});
      setComment('');
      setLines('');
      setNotice(t('task.done', { action: t(`actions.${action}`) }));
      onActed();
      setGeneration((count) => count + 1);
    } catch (error) {
      const message =
        error instanceof ApiError
          ? error.status === 409
            ? t('problems.changed')
            : t('problems.unexpected', { status: error.status, detail: error.detail ?? error.title })
          : t('problems.unreachable');
      setProblems([{ fieldId: undefined, message }]);
      if (error instanceof ApiError && error.status === 409) setGeneration((count) => count + 1);
    } finally {
      setIsSubmitting(false);
    }
  }

  const linesField = action === 'reject' ? 'reasons' : action === 'request-supplements' ? 'items' : undefined;

  return (
    <section className="workbench-task" aria-labelledby="task-heading">
      <h2 id="task-heading" ref={headingRef} tabIndex={-1}>
        {t('task.heading', { name: name(task) })}
      </h2>
      <Button onClick={onClose}>{t('task.close')}</Button>
      <p id={noticeId} className="workbench-notice" role="status">
        {notice}
      </p>
      <h3>{t('task.details')}</h3>
      <DescriptionList
        items={[
          { term: t('task.subject'), description: instance.subject.id },
          { term: t('task.caseState'), description: t(`states.${instance.state}` as 'states.open') },
          { term: t('task.taskState'), description: t(`states.${task.state}`) },
          {
            term: t('cases.columns.dueAt'),
            description: instance.dueAt ? formatDateTime(instance.dueAt, language) : t('cases.noDue'),
          },
        ]}
      />
      {instance.subject.kind === 'application' && (
        <Link to={`?task=${task.id}&case=${instance.subject.id}`}>{t('caseView.open')}</Link>
      )}
      <h3>{t('task.tasks')}</h3>
      <ul className="workbench-steps">
        {tasks.map((step) => (
          <li key={step.id}>
            {name(step)}：{t(`states.${step.state}`)}
            {step.outcome === 'rejected' ? `（${t('states.rejected')}）` : ''}
          </li>
        ))}
      </ul>
      <h3>{t('task.history')}</h3>
      <ol className="workbench-history">
        {actions.map((entry) => (
          <li key={entry.id}>
            <time dateTime={entry.at}>{formatDateTime(entry.at, language)}</time>{' '}
            {t(`actions.${entry.action}` as 'actions.accept')}
            {entry.reasons.length > 0 && <span>：{entry.reasons.join('；')}</span>}
            {entry.comment && <span>：{entry.comment}</span>}
            {entry.supplements && (
              <ul>
                {entry.supplements.map((item) => (
                  <li key={item.material}>
                    {item.material}：{item.detail}
                  </li>
                ))}
              </ul>
            )}
          </li>
        ))}
      </ol>
      <h3>{t('task.act')}</h3>
      {choices.length === 0 ? (
        <p>{t('task.nothingToDo')}</p>
      ) : (
        <form onSubmit={(event) => void submit(event)} noValidate>
          <ErrorSummary items={problems} summaryRef={summaryRef} />
          <SelectField
            id="task-action"
            label={t('task.action')}
            value={action}
            onChange={(event) => {
              setAction(event.target.value as Exclude<ActionName, 'transfer'> | '');
              setProblems([]);
              setFieldErrors({});
            }}
          >
            <option value="">—</option>
            {choices.map((choice) => (
              <option key={choice} value={choice}>
                {t(`actions.${choice}`)}
              </option>
            ))}
          </SelectField>
          {linesField && (
            <TextArea
              id={`task-${linesField}`}
              label={t(`task.${linesField}`)}
              hint={t(`task.${linesField}Hint`)}
              error={fieldErrors[linesField]}
              value={lines}
              onChange={setLines}
            />
          )}
          {action !== 'request-supplements' && (
            <TextArea
              id="task-comment"
              label={t('task.comment')}
              hint={t('task.commentHint')}
              error={fieldErrors.comment}
              value={comment}
              onChange={setComment}
            />
          )}
          <Button
            type="submit"
            className="button--primary"
            aria-disabled={!action || isSubmitting || undefined}
          >
            {isSubmitting ? t('task.submitting') : t('task.submit')}
          </Button>
        </form>
      )}
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
  hint: string;
  error: string | undefined;
  value: string;
  onChange: (value: string) => void;
}) {
  return (
    <div className={error ? 'form-field form-field--error' : 'form-field'}>
      <label htmlFor={id} className="form-field__label">
        {label}
      </label>
      <p id={`${id}-hint`} className="form-field__hint">
        {hint}
      </p>
      {error && <FieldError id={`${id}-error`} message={error} />}
      <textarea
        id={id}
        className="form-field__input workbench-textarea"
        rows={4}
        value={value}
        aria-describedby={[`${id}-hint`, error && `${id}-error`].filter(Boolean).join(' ')}
        aria-invalid={error ? true : undefined}
        onChange={(event) => onChange(event.target.value)}
      />
    </div>
  );
}
