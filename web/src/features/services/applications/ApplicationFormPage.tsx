/**
 * The application form, one page at a time, drawn from the version's JSON Schema and UI schema.
 *
 * Written here rather than with a JSON Schema form library: the libraries (react-jsonschema-form and
 * the like) render a whole schema as one form, while ours is driven by the UI schema's pages with
 * `showIf` branches, exit pages, pre-filled verified answers and uploads that go to the server as
 * soon as they are chosen; fitting those in would mean replacing most of a library's rendering. Field
 * checks stay on the server (every save is checked against the schema and the problems come back with
 * pointers), so the page and the server can never disagree; the page itself checks only what is
 * required and that numbers are numbers.
 */
import { type FormEvent, useCallback, useEffect, useId, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { ApiError } from '../../../app/api.ts';
import { formatDateTime } from '../../../app/format.ts';
import { type Language, useLanguage } from '../../../app/languages.ts';
import { usePageTitle } from '../../../app/usePageTitle.ts';
import { Button } from '../../../ui/Button.tsx';
import {
  ErrorSummary,
  FieldError,
  newIdempotencyKey,
  type SummaryItem,
  useSignedInFetch,
} from '../../account/index.ts';
import { servicesPaths } from '../paths.ts';
import { inLanguage } from '../words.ts';
import {
  type Answers,
  type ApplicationWithMaterials,
  applicationPaths,
  type FormField,
  type FormPage,
  fetchApplication,
  fetchPrefill,
  fetchVersionGuide,
  type GuideWithForm,
  type Prefill,
  saveAnswers,
  submitApplication,
  uploadFile,
} from './applicationsApi.ts';
import {
  fieldIdOf,
  isAnswered,
  isLockedByPrefill,
  isRequired,
  pagesFor,
  propertyOf,
  valueAt,
  visibleAnswers,
  withValue,
} from './formModel.ts';
import './applications.css';

type Loaded = { application: ApplicationWithMaterials; guide: GuideWithForm; prefill: Prefill };
type T = ReturnType<typeof useTranslation<'applications'>>['t'];
type UploadInfo = { contentType: string; sizeBytes: number };

const CHECK = 'check';

function loadAll(id: string) {
  return async (signal: AbortSignal): Promise<Loaded> => {
    const application = await fetchApplication(id, signal);
    const [guide, prefill] = await Promise.all([
      fetchVersionGuide(application.itemCode, application.versionNumber, signal),
      application.state === 'draft'
        ? fetchPrefill(id, signal)
        : Promise.resolve({ fields: [], unfilled: [], materials: [] }),
    ]);
    return { application, guide, prefill };
  };
}

export function ApplicationFormPage() {
  const { t } = useTranslation('applications');
  const { id = '' } = useParams();
  const loaded = useSignedInFetch(useMemo(() => loadAll(id), [id]));
  usePageTitle(t('form.loading'));
  if (loaded.kind === 'loading')
    return (
      <div className="page application" aria-busy="true">
        <p role="status">{t('form.loading')}</p>
      </div>
    );
  if (loaded.kind === 'unavailable')
    return (
      <div className="page application">
        <h1>{t('form.unavailable')}</h1>
        <p>
          <Link to={applicationPaths.mine}>{t('mine.title')}</Link>
        </p>
      </div>
    );
  if (loaded.data.application.state !== 'draft')
    return (
      <div className="page application">
        <h1>{t('form.notDraft')}</h1>
        <p>
          <Link to={applicationPaths.tracking(id)}>{t('form.viewTracking')}</Link>
        </p>
      </div>
    );
  return <DraftForm {...loaded.data} />;
}

function formatBytes(bytes: number, language: Language): string {
  const format = (value: number) =>
    new Intl.NumberFormat(language, { maximumFractionDigits: 1 }).format(value);
  if (bytes >= 1_048_576) return `${format(bytes / 1_048_576)} MB`;
  if (bytes >= 1024) return `${format(bytes / 1024)} KB`;
  return `${format(bytes)} B`;
}

const TYPE_NAMES: Record<string, string> = {
  'application/pdf': 'PDF',
  'image/jpeg': 'JPEG',
  'image/png': 'PNG',
};
const typeName = (contentType: string) => TYPE_NAMES[contentType] ?? contentType;

function readAsBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(file);
  });
}

function sourceName(t: T, source: string): string {
  if (source.startsWith('credential:')) {
    const type = source.slice('credential:'.length).split('#')[0] ?? '';
    return t('form.sources.credential', {
      type: t(`credentialTypes.${type}` as 'credentialTypes.business-licence', { defaultValue: type }),
    });
  }
  return t(`form.sources.${source}` as 'form.sources.identity.name', { defaultValue: source });
}

/** The answer as the check page shows it. */
function displayOf(
  t: T,
  language: Language,
  field: FormField,
  value: unknown,
  upload: UploadInfo | undefined,
): string {
  if (!isAnswered(value)) return t('form.check.empty');
  if (field.widget === 'yes-no') return value === true ? t('form.yes') : t('form.no');
  if (field.widget === 'choice') {
    const option = field.options?.find((candidate) => candidate.value === value);
    return option ? inLanguage(option.label, language) : String(value);
  }
  if (field.widget === 'file')
    return upload
      ? t('form.check.uploaded', {
          type: typeName(upload.contentType),
          size: formatBytes(upload.sizeBytes, language),
        })
      : t('form.check.uploaded', { type: '', size: '' });
  return String(value);
}

function DraftForm({ application, guide, prefill }: Loaded) {
  const { t } = useTranslation('applications');
  const language = useLanguage();
  const navigate = useNavigate();
  const [searchParams, setSearchParams] = useSearchParams();
  const form = guide.form;
  const id = application.id;
  const itemName = language === 'en' ? guide.nameEn : guide.nameZh;
  const prefilled = useMemo(() => new Map(prefill.fields.map((field) => [field.pointer, field])), [prefill]);

  // Verified pre-filled values stand in for anything typed before (they cannot be changed); others
  // fill only what is still unanswered.
  const [answers, setAnswers] = useState<Answers>(() => {
    let start: Answers = application.answers;
    for (const page of form.ui.pages) {
      if (page.kind !== 'question') continue;
      for (const field of page.fields) {
        const known = prefilled.get(field.pointer);
        if (!known) continue;
        if (isLockedByPrefill(form, field, true) || !isAnswered(valueAt(start, field.pointer)))
          start = withValue(start, field.pointer, known.value);
      }
    }
    return start;
  });
  const [uploads, setUploads] = useState<Record<string, UploadInfo>>(() =>
    Object.fromEntries(
      application.materials
        .filter((material) => material.kind === 'upload' && material.content_type)
        .map((material) => [
          `/${material.material_key}`,
          { contentType: material.content_type!, sizeBytes: material.size_bytes ?? 0 },
        ]),
    ),
  );
  const [uploading, setUploading] = useState<string | undefined>();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | undefined>();
  const [savedAt, setSavedAt] = useState<string | undefined>();
  const [isDeclared, setIsDeclared] = useState(false);
  const [isSubmitting, setIsSubmitting] = useState(false);
  const [attempt, setAttempt] = useState(0);
  const summaryRef = useRef<HTMLDivElement>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const isDirty = useRef(false);
  const submissionKey = useRef(newIdempotencyKey());
  const declarationId = useId();

  const pages = pagesFor(form, answers);
  const questionPages = pages.filter((page) => page.kind === 'question');
  const requested = searchParams.get('page');
  const returnsToCheck = searchParams.get('return') === CHECK;
  const exit = pages.find((page) => page.kind === 'exit');
  const current: FormPage | typeof CHECK =
    requested === CHECK && !exit
      ? CHECK
      : (pages.find((page) => page.key === requested) ?? exit ?? pages[0] ?? CHECK);
  const index = current === CHECK ? -1 : pages.indexOf(current);
  const title =
    current === CHECK
      ? t('form.check.title')
      : current.kind === 'exit'
        ? t('form.exitTitle')
        : inLanguage(current.title, language);
  usePageTitle(`${title} – ${itemName}`);

  useEffect(() => {
    if (attempt > 0) summaryRef.current?.focus();
  }, [attempt]);

  const labelOf = useCallback(
    (pointer: string) => {
      for (const page of form.ui.pages)
        if (page.kind === 'question')
          for (const field of page.fields)
            if (field.pointer === pointer) return inLanguage(field.label, language);
      return pointer;
    },
    [form, language],
  );

  /** Server problems with pointers, in the applicant's words, keyed by the field's pointer. */
  const problemsOf = useCallback(
    (error: ApiError): Record<string, string> =>
      Object.fromEntries(
        error.errors.map((problem) => [
          problem.pointer,
          problem.detail === 'is required'
            ? t('form.required', { label: labelOf(problem.pointer) })
            : t('form.invalid', { label: labelOf(problem.pointer), detail: problem.detail }),
        ]),
      ),
    [labelOf, t],
  );

  function showProblems(fieldErrors: Record<string, string>, other?: string) {
    setErrors(fieldErrors);
    setFormError(other);
    setAttempt((count) => count + 1);
  }

  const save = useCallback(
    async (toSave: Answers): Promise<ApiError | undefined> => {
      try {
        await saveAnswers(id, toSave);
        isDirty.current = false;
        setSavedAt(new Date().toISOString());
        return undefined;
      } catch (error) {
        if (error instanceof ApiError) return error;
        throw error;
      }
    },
    [id],
  );

  // Autosave on every page change (the browser's back button included), so nothing typed is lost.
  const latest = useRef(answers);
  latest.current = answers;
  const pageKey = current === CHECK ? CHECK : current.key;
  // biome-ignore lint/correctness/useExhaustiveDependencies: the page key is the trigger; the answers are read at that moment.
  useEffect(() => {
    if (isDirty.current) void save(latest.current);
    headingRef.current?.focus();
  }, [pageKey]);

  function change(pointer: string, value: unknown) {
    isDirty.current = true;
    setAnswers((previous) => withValue(previous, pointer, value));
  }

  function goTo(key: string, options: { returnToCheck?: boolean } = {}) {
    setSearchParams(options.returnToCheck ? { page: key, return: CHECK } : { page: key });
  }

  /** What must be answered on this page before moving on: the schema's required fields, numbers as numbers. */
  function pageProblems(page: FormPage): Record<string, string> {
    if (page.kind !== 'question') return {};
    const problems: Record<string, string> = {};
    for (const field of page.fields) {
      const value = valueAt(answers, field.pointer);
      const label = inLanguage(field.label, language);
      if (field.widget === 'number' && isAnswered(value) && typeof value !== 'number')
        problems[field.pointer] = t('form.notNumber', { label });
      else if (!isAnswered(value) && isRequired(form, field.pointer))
        problems[field.pointer] =
          field.widget === 'file'
            ? t('form.requiredFile', { label })
            : field.widget === 'choice' || field.widget === 'yes-no'
              ? t('form.requiredChoice', { label })
              : t('form.required', { label });
    }
    return problems;
  }

  async function onContinue(event: FormEvent) {
    event.preventDefault();
    if (current === CHECK || current.kind !== 'question') return;
    const problems = pageProblems(current);
    if (Object.keys(problems).length > 0) return showProblems(problems);
    const failed = await save(answers);
    if (failed) {
      const fieldProblems = problemsOf(failed);
      return showProblems(
        fieldProblems,
        Object.keys(fieldProblems).length > 0
          ? undefined
          : t('form.saveFailed', { detail: failed.detail ?? failed.title }),
      );
    }
    setErrors({});
    setFormError(undefined);
    const after = pagesFor(form, answers);
    const next = after[after.indexOf(after.find((page) => page.key === current.key)!) + 1];
    if (returnsToCheck && !(next?.kind === 'exit')) goTo(CHECK);
    else goTo(next ? next.key : CHECK);
  }

  async function onSaveDraft() {
    const failed = await save(answers);
    if (failed) {
      const fieldProblems = problemsOf(failed);
      showProblems(fieldProblems, t('form.saveFailed', { detail: failed.detail ?? failed.title }));
    }
  }

  async function onFile(field: FormField, file: File | undefined) {
    if (!file || !field.file) return;
    const label = inLanguage(field.label, language);
    const withoutThis = Object.fromEntries(
      Object.entries(errors).filter(([pointer]) => pointer !== field.pointer),
    );
    if (file.size > field.file.maxBytes) {
      showProblems({
        ...withoutThis,
        [field.pointer]: t('form.fileTooLarge', { label, size: formatBytes(field.file.maxBytes, language) }),
      });
      return;
    }
    setUploading(field.pointer);
    try {
      const uploaded = await uploadFile(id, field.pointer, await readAsBase64(file));
      // The server stored the upload's id as the answer; keep the page's copy the same.
      setAnswers((previous) => withValue(previous, field.pointer, uploaded.id));
      setUploads((previous) => ({
        ...previous,
        [field.pointer]: { contentType: uploaded.contentType, sizeBytes: uploaded.sizeBytes },
      }));
      setErrors(withoutThis);
    } catch (error) {
      const detail = error instanceof ApiError ? (error.detail ?? error.title) : String(error);
      showProblems({ ...withoutThis, [field.pointer]: t('form.fileRejected', { label, detail }) });
    } finally {
      setUploading(undefined);
    }
  }

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (!isDeclared) return showProblems({ [declarationId]: t('form.check.declarationRequired') });
    setIsSubmitting(true);
    try {
      const toSubmit = visibleAnswers(form, answers);
      const failed = await save(toSubmit);
      if (failed) throw failed;
      await submitApplication(id, submissionKey.current);
      await navigate(applicationPaths.tracking(id), { state: { justSubmitted: true } });
    } catch (error) {
      setIsSubmitting(false);
      if (!(error instanceof ApiError)) throw error;
      if (error.code === 'services.applicant-ineligible') return showProblems({}, t('form.check.ineligible'));
      if (error.code === 'services.declaration-required')
        return showProblems({ [declarationId]: t('form.check.declarationRequired') });
      const fieldProblems = problemsOf(error);
      showProblems(
        fieldProblems,
        Object.keys(fieldProblems).length > 0
          ? undefined
          : t('form.check.failed', { detail: error.detail ?? error.title }),
      );
    }
  }

  // On the check page a field's problem links to its "change" link; elsewhere to the field itself.
  const summaryItems: SummaryItem[] = [
    ...Object.entries(errors).map(([pointer, message]) => ({
      fieldId:
        pointer === declarationId
          ? declarationId
          : current === CHECK
            ? `change${fieldIdOf(pointer)}`
            : fieldIdOf(pointer),
      message,
    })),
    ...(formError ? [{ fieldId: undefined, message: formError }] : []),
  ];
  const previous = index > 0 ? pages[index - 1] : current === CHECK ? pages.at(-1) : undefined;
  const back = (
    <p className="guide__back">
      {previous ? (
        <Link to={applicationPaths.form(id, previous.key)}>{t('form.back')}</Link>
      ) : (
        <Link to={servicesPaths.item(guide.code)}>{t('form.backToGuide')}</Link>
      )}
    </p>
  );
  const savedNotice = savedAt && (
    <p role="status" className="application__saved">
      {t('form.saved', { time: formatDateTime(savedAt, language) })}{' '}
      <Link to={applicationPaths.mine}>{t('mine.title')}</Link>
    </p>
  );

  if (current !== CHECK && current.kind === 'exit')
    return (
      <div className="page application">
        {back}
        <p className="application__item">{itemName}</p>
        <h1 ref={headingRef} tabIndex={-1}>
          {t('form.exitTitle')}
        </h1>
        <div className="application__exit" data-testid="exit-page">
          <h2>{inLanguage(current.title, language)}</h2>
          <p>{inLanguage(current.message, language)}</p>
        </div>
        <ul className="application__links">
          {previous && (
            <li>
              <Link to={applicationPaths.form(id, previous.key)}>{t('form.exitChange')}</Link>
            </li>
          )}
          <li>
            <Link to={servicesPaths.catalogue}>{t('form.exitElsewhere')}</Link>
          </li>
        </ul>
      </div>
    );

  if (current === CHECK)
    return (
      <div className="page application">
        {back}
        <p className="application__item">{itemName}</p>
        <h1 ref={headingRef} tabIndex={-1}>
          {t('form.check.title')}
        </h1>
        <ErrorSummary items={summaryItems} summaryRef={summaryRef} />
        <p>{t('form.check.intro')}</p>
        {questionPages.map((page) =>
          page.kind === 'question' ? (
            <section key={page.key} className="application__check" aria-labelledby={`check-${page.key}`}>
              <h2 id={`check-${page.key}`}>{inLanguage(page.title, language)}</h2>
              <dl className="check-list">
                {page.fields.map((field) => {
                  const label = inLanguage(field.label, language);
                  const value = valueAt(answers, field.pointer);
                  const error = errors[field.pointer];
                  const locked = isLockedByPrefill(form, field, prefilled.has(field.pointer));
                  return (
                    <div
                      key={field.pointer}
                      className={error ? 'check-list__row check-list__row--error' : 'check-list__row'}
                    >
                      <dt>{label}</dt>
                      <dd data-testid={`answer${field.pointer}`}>
                        {error && <FieldError id={`${fieldIdOf(field.pointer)}-error`} message={error} />}
                        {displayOf(t, language, field, value, uploads[field.pointer])}
                        {locked && <span className="prefill__badge"> {t('form.prefilled')}</span>}
                      </dd>
                      <dd className="check-list__action">
                        {!locked && (
                          <Link
                            id={`change${fieldIdOf(field.pointer)}`}
                            to={`${applicationPaths.form(id, page.key)}&return=${CHECK}`}
                            aria-label={t('form.check.changeLabel', { label })}
                          >
                            {t('form.check.change')}
                          </Link>
                        )}
                      </dd>
                    </div>
                  );
                })}
              </dl>
            </section>
          ) : null,
        )}
        {prefill.materials.length > 0 && (
          <section className="application__check" aria-labelledby="check-materials">
            <h2 id="check-materials">{t('form.check.materials')}</h2>
            <dl className="check-list">
              {prefill.materials.map((material) => {
                const described = guide.guide.materials.find(
                  (candidate) => candidate.key === material.materialKey,
                );
                return (
                  <div key={material.materialKey} className="check-list__row" data-testid="shared-material">
                    <dt>{described ? inLanguage(described.name, language) : material.materialKey}</dt>
                    <dd>
                      {material.isShared && material.credentialIdentifier
                        ? t('form.check.shared', { identifier: material.credentialIdentifier })
                        : t('form.check.notShared')}
                    </dd>
                  </div>
                );
              })}
            </dl>
          </section>
        )}
        <form onSubmit={(event) => void onSubmit(event)} noValidate>
          <fieldset className="application__declaration">
            <legend>{t('form.check.declarationTitle')}</legend>
            <div className={errors[declarationId] ? 'form-field form-field--error' : 'form-field'}>
              {errors[declarationId] && (
                <FieldError id={`${declarationId}-error`} message={errors[declarationId]} />
              )}
              <label className="choice">
                <input
                  id={declarationId}
                  type="checkbox"
                  className="choice__input"
                  checked={isDeclared}
                  onChange={(event) => setIsDeclared(event.target.checked)}
                  aria-describedby={errors[declarationId] ? `${declarationId}-error` : undefined}
                />{' '}
                {t('form.check.declaration')}
              </label>
            </div>
          </fieldset>
          <Button type="submit" className="button--primary" aria-disabled={isSubmitting || undefined}>
            {isSubmitting ? t('form.check.submitting') : t('form.check.submit')}
          </Button>
        </form>
      </div>
    );

  return (
    <div className="page application">
      {back}
      <p className="application__item">
        {itemName} ·{' '}
        {t('form.step', { current: questionPages.indexOf(current) + 1, total: questionPages.length })}
      </p>
      <ErrorSummary items={summaryItems} summaryRef={summaryRef} />
      <form onSubmit={(event) => void onContinue(event)} noValidate>
        <h1 ref={headingRef} tabIndex={-1}>
          {inLanguage(current.title, language)}
        </h1>
        {current.fields.map((field) => (
          <Field
            key={field.pointer}
            field={field}
            value={valueAt(answers, field.pointer)}
            error={errors[field.pointer]}
            isOptional={!isRequired(form, field.pointer)}
            prefillSource={prefilled.get(field.pointer)?.source}
            isLocked={isLockedByPrefill(form, field, prefilled.has(field.pointer))}
            contact={guide.implementation?.contacts.enquiry ?? guide.guide.contacts.enquiry}
            upload={uploads[field.pointer]}
            isUploading={uploading === field.pointer}
            schemaType={propertyOf(form, field.pointer).type}
            onChange={(value) => change(field.pointer, value)}
            onFile={(file) => void onFile(field, file)}
          />
        ))}
        <div className="application__actions">
          <Button
            type="submit"
            className="button--primary"
            aria-disabled={uploading !== undefined || undefined}
          >
            {t('form.continue')}
          </Button>
          <Button onClick={() => void onSaveDraft()}>{t('form.saveDraft')}</Button>
        </div>
      </form>
      {savedNotice}
    </div>
  );
}

function Field({
  field,
  value,
  error,
  isOptional,
  prefillSource,
  isLocked,
  contact,
  upload,
  isUploading,
  schemaType,
  onChange,
  onFile,
}: {
  field: FormField;
  value: unknown;
  error: string | undefined;
  isOptional: boolean;
  prefillSource: string | undefined;
  isLocked: boolean;
  contact: string;
  upload: UploadInfo | undefined;
  isUploading: boolean;
  schemaType: unknown;
  onChange: (value: unknown) => void;
  onFile: (file: File | undefined) => void;
}) {
  const { t } = useTranslation('applications');
  const language = useLanguage();
  const id = fieldIdOf(field.pointer);
  const label = `${inLanguage(field.label, language)}${isOptional ? ` ${t('form.optional')}` : ''}`;
  const hintText = field.hint ? inLanguage(field.hint, language) : undefined;
  const errorId = `${id}-error`;
  const hintId = `${id}-hint`;
  const describedBy = [hintText && hintId, error && errorId].filter(Boolean).join(' ') || undefined;
  const className = error ? 'form-field form-field--error' : 'form-field';
  const provenance = prefillSource && (
    <p className="prefill" id={`${id}-source`}>
      <span className="prefill__badge">{t('form.prefilled')}</span>{' '}
      {t('form.prefilledFrom', { source: sourceName(t, prefillSource) })}
    </p>
  );

  if (isLocked)
    return (
      <div className="form-field prefill-field" data-testid={`prefilled${field.pointer}`}>
        <label htmlFor={id} className="form-field__label">
          {inLanguage(field.label, language)}
        </label>
        {provenance}
        <p className="form-field__hint" id={`${id}-note`}>
          {t('form.prefilledNote', { contact })}
        </p>
        <input
          id={id}
          className="form-field__input prefill__value"
          readOnly
          value={
            field.widget === 'yes-no' ? (value === true ? t('form.yes') : t('form.no')) : String(value ?? '')
          }
          aria-describedby={`${id}-source ${id}-note`}
        />
      </div>
    );

  if (field.widget === 'choice' || field.widget === 'yes-no') {
    const options =
      field.widget === 'yes-no'
        ? [
            { value: true, label: t('form.yes') },
            { value: false, label: t('form.no') },
          ]
        : (field.options ?? []).map((option) => ({
            value: option.value as unknown,
            label: inLanguage(option.label, language),
          }));
    return (
      <fieldset className={className} aria-describedby={describedBy}>
        <legend className="form-field__label">{label}</legend>
        {hintText && (
          <p id={hintId} className="form-field__hint">
            {hintText}
          </p>
        )}
        {error && <FieldError id={errorId} message={error} />}
        {provenance}
        <div className="choices">
          {options.map((option, position) => (
            <label key={String(option.value)} className="choice">
              <input
                id={position === 0 ? id : `${id}-${position}`}
                type="radio"
                className="choice__input"
                name={id}
                checked={value === option.value}
                onChange={() => onChange(option.value)}
              />{' '}
              {option.label}
            </label>
          ))}
        </div>
      </fieldset>
    );
  }

  if (field.widget === 'file') {
    const accept = field.file?.accept ?? [];
    const fileHint = t('form.fileHint', {
      types: accept.map(typeName).join('、'),
      size: formatBytes(field.file?.maxBytes ?? 0, language),
    });
    return (
      <div className={className}>
        <label htmlFor={id} className="form-field__label">
          {label}
        </label>
        <p id={hintId} className="form-field__hint">
          {hintText ? `${hintText} ` : ''}
          {fileHint}
        </p>
        {error && <FieldError id={errorId} message={error} />}
        <input
          id={id}
          type="file"
          className="form-field__file"
          accept={accept.join(',')}
          aria-describedby={[hintId, error && errorId, `${id}-status`].filter(Boolean).join(' ')}
          aria-invalid={error ? true : undefined}
          onChange={(event) => onFile(event.target.files?.[0])}
        />
        <p id={`${id}-status`} role="status" className="application__upload">
          {isUploading
            ? t('form.fileUploading')
            : upload && isAnswered(value)
              ? t('form.fileUploaded', {
                  type: typeName(upload.contentType),
                  size: formatBytes(upload.sizeBytes, language),
                })
              : ''}
        </p>
      </div>
    );
  }

  const common = {
    id,
    className: 'form-field__input',
    'aria-describedby': describedBy,
    'aria-invalid': error ? true : undefined,
  };
  const text = value === undefined || value === null ? '' : String(value);
  return (
    <div className={className}>
      <label htmlFor={id} className="form-field__label">
        {label}
      </label>
      {hintText && (
        <p id={hintId} className="form-field__hint">
          {hintText}
        </p>
      )}
      {error && <FieldError id={errorId} message={error} />}
      {provenance}
      {field.widget === 'textarea' ? (
        <textarea
          {...common}
          rows={4}
          value={text}
          onChange={(event) => onChange(event.target.value || undefined)}
        />
      ) : field.widget === 'number' ? (
        <input
          {...common}
          type="text"
          inputMode={schemaType === 'integer' ? 'numeric' : 'decimal'}
          value={text}
          onChange={(event) => {
            const raw = event.target.value.trim();
            const number = Number(raw);
            // Kept as typed when it is not a number, so that the check can say so rather than lose it.
            onChange(raw === '' ? undefined : Number.isFinite(number) ? number : raw);
          }}
        />
      ) : (
        <input
          {...common}
          type={field.widget === 'date' ? 'date' : 'text'}
          value={text}
          onChange={(event) => onChange(event.target.value || undefined)}
        />
      )}
    </div>
  );
}
