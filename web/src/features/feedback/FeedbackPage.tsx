import { type FormEvent, useEffect, useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ApiError } from '../../app/api.ts';
import { formatDateTime } from '../../app/format.ts';
import { type Language, useLanguage } from '../../app/languages.ts';
import { usePageTitle } from '../../app/usePageTitle.ts';
import { Button } from '../../ui/Button.tsx';
import {
  accountPaths,
  DivisionSearchField,
  ErrorSummary,
  FormField,
  fieldOfPointer,
  newIdempotencyKey,
  SelectField,
  summaryItemsOf,
  TextField,
  useAccountStatus,
  useFormProblems,
} from '../account/index.ts';
import {
  type Category,
  type DivisionMatch,
  fetchCategories,
  fetchLatestRequests,
  type PublicRequest,
  type RequestKind,
  searchPlaces,
  submitRequest,
} from './feedbackApi.ts';
import './feedback.css';

const KINDS: readonly RequestKind[] = ['complaint', 'demand', 'suggestion', 'enquiry', 'praise'];
const FIELDS = ['categoryCode', 'kind', 'description', 'divisionCode', 'address'] as const;
type Field = (typeof FIELDS)[number];

const localName = (zh: string, en: string | null, language: Language) =>
  language === 'en' ? (en ?? zh) : zh;

/** The citizen's page: submit a request (signed in) and read the latest ones, without personal data. */
export function FeedbackPage() {
  const { t } = useTranslation('feedback');
  usePageTitle(t('page.heading'));
  const [refresh, setRefresh] = useState(0);
  return (
    <div className="page">
      <h1>{t('page.heading')}</h1>
      <p className="page__lead">{t('page.lead')}</p>
      <SubmitForm onSubmitted={() => setRefresh((count) => count + 1)} />
      {/* A new key after each submission loads the list again, with the new request in it. */}
      <LatestRequests key={refresh} />
    </div>
  );
}

function SubmitForm({ onSubmitted }: { onSubmitted: () => void }) {
  const { t } = useTranslation('feedback');
  const language = useLanguage();
  const { status } = useAccountStatus();
  const baseId = useId();
  const ids = Object.fromEntries(FIELDS.map((field) => [field, `${baseId}-${field}`])) as Record<
    Field,
    string
  >;
  const [categories, setCategories] = useState<Category[]>([]);
  const [categoryCode, setCategoryCode] = useState('');
  const [kind, setKind] = useState<RequestKind>('complaint');
  const [description, setDescription] = useState('');
  const [address, setAddress] = useState('');
  const [division, setDivision] = useState<DivisionMatch | null>(null);
  const [isDisclosed, setIsDisclosed] = useState(false);
  const [isSending, setIsSending] = useState(false);
  const [confirmation, setConfirmation] = useState<string | undefined>();
  const [idempotencyKey, setIdempotencyKey] = useState(newIdempotencyKey);
  const { errors, formError, summaryRef, showProblems } = useFormProblems<Field>();

  useEffect(() => {
    const controller = new AbortController();
    fetchCategories(controller.signal).then(setCategories, () => setCategories([]));
    return () => controller.abort();
  }, []);

  const divisionTexts = useMemo(
    () => ({
      chosen: (name: string) => t('form.divisionChosen', { name }),
      searching: t('form.divisionSearching'),
      none: (query: string) => t('form.divisionNone', { query }),
      found: (count: number) => t('form.divisionFound', { count }),
      unavailable: t('form.divisionUnavailable'),
      results: t('form.divisionResults'),
    }),
    [t],
  );

  if (status === 'checking') return null;
  if (status === 'signed-out') {
    return (
      <section aria-labelledby={`${baseId}-heading`}>
        <h2 id={`${baseId}-heading`}>{t('form.heading')}</h2>
        <p>
          {t('form.signInFirst')} <Link to={accountPaths.signIn}>{t('form.signIn')}</Link>
        </p>
      </section>
    );
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    const missing: Partial<Record<Field, string>> = {};
    if (!categoryCode) missing.categoryCode = t('form.required');
    if (!description.trim()) missing.description = t('form.required');
    if (!division) missing.divisionCode = t('form.required');
    if (Object.keys(missing).length > 0 || !division) return showProblems(missing);
    setIsSending(true);
    setConfirmation(undefined);
    try {
      const created = await submitRequest(
        {
          categoryCode,
          kind,
          description,
          divisionCode: division.code,
          ...(address.trim() ? { address } : {}),
          isIdentityDisclosed: isDisclosed,
        },
        idempotencyKey,
      );
      showProblems({});
      setConfirmation(
        t('form.submitted', {
          id: created.id,
          holder: created.holder
            ? localName(created.holder.nameZh, created.holder.nameEn, language)
            : t('form.unrouted'),
        }),
      );
      setDescription('');
      setAddress('');
      setIdempotencyKey(newIdempotencyKey());
      onSubmitted();
    } catch (error) {
      if (error instanceof ApiError && error.errors.length > 0) {
        const fieldErrors: Partial<Record<Field, string>> = {};
        const other: string[] = [];
        for (const problem of error.errors) {
          const field = fieldOfPointer(problem.pointer) as Field;
          if (FIELDS.includes(field)) fieldErrors[field] = problem.detail;
          else other.push(problem.detail);
        }
        showProblems(fieldErrors, other.length > 0 ? other.join('; ') : undefined);
      } else showProblems({}, error instanceof ApiError ? (error.detail ?? error.title) : t('form.failed'));
    } finally {
      setIsSending(false);
    }
  }

  return (
    <section aria-labelledby={`${baseId}-heading`}>
      <h2 id={`${baseId}-heading`}>{t('form.heading')}</h2>
      <ErrorSummary items={summaryItemsOf(FIELDS, ids, errors, formError)} summaryRef={summaryRef} />
      {confirmation && (
        <p role="status" className="page__notice" data-testid="feedback-confirmation">
          {confirmation}
        </p>
      )}
      <form onSubmit={submit} noValidate>
        <SelectField
          id={ids.categoryCode}
          label={t('form.category')}
          error={errors.categoryCode}
          value={categoryCode}
          onChange={(event) => setCategoryCode(event.target.value)}
        >
          <option value="">{t('form.categoryChoose')}</option>
          {categories.map((category) => (
            <option key={category.code} value={category.code}>
              {localName(category.groupZh, category.groupEn, language)} —{' '}
              {localName(category.nameZh, category.nameEn, language)}
            </option>
          ))}
        </SelectField>
        <SelectField
          id={ids.kind}
          label={t('form.kind')}
          error={errors.kind}
          value={kind}
          onChange={(event) => setKind(event.target.value as RequestKind)}
        >
          {KINDS.map((option) => (
            <option key={option} value={option}>
              {t(`form.kinds.${option}`)}
            </option>
          ))}
        </SelectField>
        <FormField
          id={ids.description}
          label={t('form.description')}
          hint={t('form.descriptionHint')}
          error={errors.description}
        >
          <textarea
            id={ids.description}
            className="form-field__input"
            rows={5}
            maxLength={5000}
            value={description}
            aria-describedby={[`${ids.description}-hint`, errors.description && `${ids.description}-error`]
              .filter(Boolean)
              .join(' ')}
            aria-invalid={errors.description ? true : undefined}
            onChange={(event) => setDescription(event.target.value)}
          />
        </FormField>
        <DivisionSearchField
          id={ids.divisionCode}
          label={t('form.division')}
          hint={t('form.divisionHint')}
          chosen={division}
          onChoose={setDivision}
          error={errors.divisionCode}
          search={searchPlaces}
          texts={divisionTexts}
          radioName="feedbackDivision"
          chosenTestId="feedback-division-chosen"
        />
        <TextField
          id={ids.address}
          label={t('form.address')}
          error={errors.address}
          value={address}
          maxLength={500}
          onChange={(event) => setAddress(event.target.value)}
        />
        <div className="form-field">
          <label>
            <input
              type="checkbox"
              checked={isDisclosed}
              onChange={(event) => setIsDisclosed(event.target.checked)}
            />{' '}
            {t('form.disclose')}
          </label>
        </div>
        <Button type="submit" disabled={isSending}>
          {isSending ? t('form.submitting') : t('form.submit')}
        </Button>
      </form>
    </section>
  );
}

type ListState = { kind: 'loading' } | { kind: 'loaded'; items: PublicRequest[] } | { kind: 'unavailable' };

function LatestRequests() {
  const { t } = useTranslation('feedback');
  const language = useLanguage();
  const captionId = useId();
  const [state, setState] = useState<ListState>({ kind: 'loading' });

  useEffect(() => {
    const controller = new AbortController();
    fetchLatestRequests(controller.signal).then(
      (page) => setState({ kind: 'loaded', items: page.items }),
      () => {
        if (!controller.signal.aborted) setState({ kind: 'unavailable' });
      },
    );
    return () => controller.abort();
  }, []);

  return (
    <section aria-labelledby={`${captionId}-heading`}>
      <h2 id={`${captionId}-heading`}>{t('list.heading')}</h2>
      {state.kind === 'loading' && <p>{t('list.loading')}</p>}
      {state.kind === 'unavailable' && <p role="alert">{t('list.unavailable')}</p>}
      {state.kind === 'loaded' && state.items.length === 0 && <p>{t('list.empty')}</p>}
      {state.kind === 'loaded' && state.items.length > 0 && (
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a keyboard user must be able to scroll a wide table.
        <section className="feedback-table" aria-labelledby={captionId} tabIndex={0}>
          <table>
            <caption id={captionId}>{t('list.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('list.id')}</th>
                <th scope="col">{t('list.category')}</th>
                <th scope="col">{t('list.kind')}</th>
                <th scope="col">{t('list.status')}</th>
                <th scope="col">{t('list.holder')}</th>
                <th scope="col">{t('list.submittedAt')}</th>
              </tr>
            </thead>
            <tbody>
              {state.items.map((item) => (
                <tr key={item.id}>
                  <th scope="row">{item.id}</th>
                  <td>{localName(item.categoryNameZh, item.categoryNameEn, language)}</td>
                  <td>{t(`form.kinds.${item.kind}`)}</td>
                  <td>{t(`list.statuses.${item.status}`)}</td>
                  <td>
                    {item.holder
                      ? localName(item.holder.nameZh, item.holder.nameEn, language)
                      : t('form.unrouted')}
                  </td>
                  <td>{formatDateTime(item.submittedAt, language)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
    </section>
  );
}
