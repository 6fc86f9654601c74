import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../app/format.ts';
import { useLanguage } from '../../app/languages.ts';
import { usePageTitle } from '../../app/usePageTitle.ts';
import { Button } from '../../ui/Button.tsx';
import { ErrorSummary, summaryItemsOf, TextField, useFormProblems } from '../account/index.ts';
import { LoadProblem } from './parts.tsx';
import { problemText } from './problemText.ts';
import { fetchSystems, registerSystem } from './sharingApi.ts';
import { useLoad } from './useLoad.ts';
import './sharing.css';

/** The department's systems that call the hub; a new system's key is shown once and never again. */
export function SystemsPage() {
  const { t } = useTranslation('sharing');
  const language = useLanguage();
  usePageTitle(t('systems.title'));
  const [state, reload] = useLoad(fetchSystems);
  const nameId = useId();
  const [name, setName] = useState('');
  const [issued, setIssued] = useState<{ name: string; apiKey: string } | undefined>();
  const { errors, formError, summaryRef, showProblems } = useFormProblems<'name'>();

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!name.trim()) return showProblems({ name: t('systems.problems.name') });
    try {
      const created = await registerSystem(name.trim());
      setIssued({ name: created.name, apiKey: created.apiKey });
      setName('');
      showProblems({});
      reload();
    } catch (error) {
      showProblems({}, problemText(error, t));
    }
  }

  return (
    <div className="sharing-page">
      <h1>{t('systems.title')}</h1>
      <form noValidate onSubmit={(event) => void submit(event)}>
        <h2>{t('systems.register')}</h2>
        <ErrorSummary
          items={summaryItemsOf(['name'], { name: nameId }, errors, formError)}
          summaryRef={summaryRef}
        />
        <TextField
          id={nameId}
          label={t('systems.name')}
          error={errors.name}
          value={name}
          onChange={(event) => setName(event.target.value)}
        />
        <Button type="submit">{t('systems.registerButton')}</Button>
      </form>
      <div role="status">
        {issued && (
          <section className="sharing-card">
            <h2>{t('systems.issued', { name: issued.name })}</h2>
            <p>{t('systems.onlyOnce')}</p>
            <p>
              <code data-testid="issued-api-key" className="sharing-code">
                {issued.apiKey}
              </code>
            </p>
          </section>
        )}
      </div>
      <h2>{t('systems.list')}</h2>
      <LoadProblem state={state} />
      {state.kind === 'loaded' && (
        <ul className="sharing-list">
          {state.value.map((system) => (
            <li key={system.id}>
              {system.name} · <span className="sharing-code">{system.keyPrefix}…</span> ·{' '}
              {system.revokedAt
                ? t('systems.revoked')
                : t('systems.since', { at: formatDateTime(system.createdAt, language) })}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
