import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { usePageTitle } from '../../app/usePageTitle.ts';
import { Button } from '../../ui/Button.tsx';
import { ErrorSummary, summaryItemsOf, TextField, useFormProblems } from '../account/index.ts';
import { LoadProblem, usePartyName } from './parts.tsx';
import { problemText } from './problemText.ts';
import { fetchResources, type Resource, requestResource } from './sharingApi.ts';
import { useLoad } from './useLoad.ts';
import './sharing.css';

/** Data officers browse the catalogue, read a resource's fields and grades, and request it. */
export function CataloguePage() {
  const { t } = useTranslation('sharing');
  usePageTitle(t('catalogue.title'));
  const [query, setQuery] = useState('');
  const [searched, setSearched] = useState('');
  const [state] = useLoad((signal) => fetchResources(searched, signal), searched);
  const [chosen, setChosen] = useState<Resource | undefined>();
  const searchId = useId();
  const partyName = usePartyName();

  return (
    <div className="sharing-page">
      <h1>{t('catalogue.title')}</h1>
      <search>
        <form
          onSubmit={(event) => {
            event.preventDefault();
            setSearched(query.trim());
          }}
        >
          <label htmlFor={searchId}>{t('catalogue.search')}</label>
          <input
            id={searchId}
            className="form-field__input"
            type="search"
            value={query}
            onChange={(event) => setQuery(event.target.value)}
          />
          <Button type="submit">{t('catalogue.searchButton')}</Button>
        </form>
      </search>
      <LoadProblem state={state} />
      {state.kind === 'loaded' && (
        <ul className="sharing-list">
          {state.value.map((resource) => (
            <li key={resource.id} className="sharing-card">
              <h2>
                {resource.name} <span className="sharing-code">{resource.code}</span>
              </h2>
              <p>
                {partyName(resource.owner)} · {t(`sharingTypes.${resource.sharingType}`)} ·{' '}
                {t(`openTypes.${resource.openType}`)}
              </p>
              <Button onClick={() => setChosen(resource)} aria-expanded={chosen?.id === resource.id}>
                {t('catalogue.open', { name: resource.name })}
              </Button>
              {chosen?.id === resource.id && <ResourceDetails resource={resource} />}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function ResourceDetails({ resource }: { resource: Resource }) {
  const { t } = useTranslation('sharing');
  const prefix = useId();
  const [values, setValues] = useState({ purpose: '', legalBasis: '' });
  const [fields, setFields] = useState<string[]>(resource.fields.map((field) => field.name));
  const { errors, formError, summaryRef, showProblems } = useFormProblems<
    'purpose' | 'legalBasis' | 'fields'
  >();
  const [sent, setSent] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const problems: Partial<Record<'purpose' | 'legalBasis' | 'fields', string>> = {};
    if (!values.purpose.trim()) problems.purpose = t('catalogue.problems.purpose');
    if (!values.legalBasis.trim()) problems.legalBasis = t('catalogue.problems.legalBasis');
    if (fields.length === 0) problems.fields = t('catalogue.problems.fields');
    if (Object.keys(problems).length > 0) return showProblems(problems);
    try {
      await requestResource({
        resourceCode: resource.code,
        purpose: values.purpose.trim(),
        legalBasis: values.legalBasis.trim(),
        fields,
      });
      showProblems({});
      setSent(true);
    } catch (error) {
      showProblems({}, problemText(error, t));
    }
  }

  const ids = {
    purpose: `${prefix}-purpose`,
    legalBasis: `${prefix}-legalBasis`,
    fields: `${prefix}-fields`,
  };
  return (
    <section aria-labelledby={`${prefix}-title`}>
      <h3 id={`${prefix}-title`}>{t('catalogue.details')}</h3>
      <p>{resource.description}</p>
      <p>{t('catalogue.legalBasis', { basis: resource.legalBasis })}</p>
      {resource.sharingConditions && (
        <p>{t('catalogue.conditions', { conditions: resource.sharingConditions })}</p>
      )}
      <div className="sharing-table">
        <table>
          <caption>{t('catalogue.fields')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('catalogue.fieldName')}</th>
              <th scope="col">{t('catalogue.fieldDescription')}</th>
              <th scope="col">{t('catalogue.grade')}</th>
              <th scope="col">{t('catalogue.personal')}</th>
            </tr>
          </thead>
          <tbody>
            {resource.fields.map((field) => (
              <tr key={field.name}>
                <th scope="row">{field.name}</th>
                <td>{field.description}</td>
                <td>{t(`grades.${field.grade}`)}</td>
                <td>
                  {field.isSensitive
                    ? t('catalogue.sensitive')
                    : field.isPersonal
                      ? t('catalogue.isPersonal')
                      : '—'}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {resource.sharingType !== 'not-shared' && !sent && (
        <form onSubmit={(event) => void submit(event)} noValidate>
          <h4>{t('catalogue.request')}</h4>
          <ErrorSummary
            items={summaryItemsOf(['purpose', 'legalBasis', 'fields'] as const, ids, errors, formError)}
            summaryRef={summaryRef}
          />
          <TextField
            id={ids.purpose}
            label={t('catalogue.purpose')}
            error={errors.purpose}
            value={values.purpose}
            onChange={(event) => setValues((previous) => ({ ...previous, purpose: event.target.value }))}
          />
          <TextField
            id={ids.legalBasis}
            label={t('catalogue.requestLegalBasis')}
            error={errors.legalBasis}
            value={values.legalBasis}
            onChange={(event) => setValues((previous) => ({ ...previous, legalBasis: event.target.value }))}
          />
          <fieldset id={ids.fields}>
            <legend>{t('catalogue.fieldsWanted')}</legend>
            {errors.fields && <p className="form-field__error">{errors.fields}</p>}
            {resource.fields.map((field) => (
              <label key={field.name} className="sharing-check">
                <input
                  type="checkbox"
                  checked={fields.includes(field.name)}
                  onChange={(event) =>
                    setFields((previous) =>
                      event.target.checked
                        ? [...previous, field.name]
                        : previous.filter((name) => name !== field.name),
                    )
                  }
                />
                {field.name}
              </label>
            ))}
          </fieldset>
          <Button type="submit">{t('catalogue.send')}</Button>
        </form>
      )}
      <div role="status">{sent && <p>{t('catalogue.sent')}</p>}</div>
    </section>
  );
}
