import { type KeyboardEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type DivisionMatch, searchDivisions } from './accountApi.ts';
import { FieldError } from './forms.tsx';

type Search =
  | { kind: 'idle' }
  | { kind: 'searching' }
  | { kind: 'found'; query: string; results: readonly DivisionMatch[] }
  | { kind: 'unavailable' };

const SEARCH_DELAY_MS = 300;

/**
 * A search field and a list of radio buttons rather than an ARIA combobox: every screen reader and
 * keyboard already knows how to use both, and the results stay on screen while the reader compares them.
 */
export function DivisionField({
  id,
  chosen,
  onChoose,
  error,
}: {
  id: string;
  chosen: DivisionMatch | null;
  onChoose: (division: DivisionMatch) => void;
  error: string | undefined;
}) {
  const { t } = useTranslation('account');
  const [query, setQuery] = useState('');
  const [search, setSearch] = useState<Search>({ kind: 'idle' });
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const statusId = `${id}-status`;
  const chosenId = `${id}-chosen`;

  useEffect(() => {
    const typed = query.trim();
    if (typed === '') {
      setSearch({ kind: 'idle' });
      return;
    }
    const controller = new AbortController();
    const timer = setTimeout(() => {
      setSearch({ kind: 'searching' });
      searchDivisions(typed.slice(0, 50), controller.signal).then(
        (results) =>
          setSearch({
            kind: 'found',
            query: typed,
            results: results.filter((result) => !result.isPlaceholder),
          }),
        () => {
          if (!controller.signal.aborted) setSearch({ kind: 'unavailable' });
        },
      );
    }, SEARCH_DELAY_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [query]);

  // Enter in the search field searches; it must not send the whole form half-filled.
  function keepEnterInField(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === 'Enter') event.preventDefault();
  }

  const results = search.kind === 'found' ? search.results : [];
  const describedBy = [hintId, error && errorId, chosen && chosenId, statusId].filter(Boolean).join(' ');

  return (
    <div className={error ? 'form-field form-field--error' : 'form-field'}>
      <label htmlFor={id} className="form-field__label">
        {t('register.division')}
      </label>
      <p id={hintId} className="form-field__hint">
        {t('register.divisionHint')}
      </p>
      {error && <FieldError id={errorId} message={error} />}
      {chosen && (
        <p id={chosenId} className="division-field__chosen" data-testid="division-chosen">
          {t('register.divisionChosen', { name: chosen.fullName })}
        </p>
      )}
      <input
        id={id}
        type="search"
        className="form-field__input"
        autoComplete="off"
        spellCheck={false}
        enterKeyHint="search"
        value={query}
        onChange={(event) => setQuery(event.target.value)}
        onKeyDown={keepEnterInField}
        aria-describedby={describedBy}
        aria-invalid={error ? true : undefined}
      />
      <p id={statusId} className="division-field__status" role="status">
        {search.kind === 'searching' && t('register.divisionSearching')}
        {search.kind === 'found' &&
          (results.length === 0
            ? t('register.divisionNone', { query: search.query })
            : t('register.divisionFound', { count: results.length }))}
        {search.kind === 'unavailable' && t('register.divisionUnavailable')}
      </p>
      {results.length > 0 && (
        <fieldset className="division-field__results">
          <legend className="form-field__label">{t('register.divisionResults')}</legend>
          {results.map((division) => (
            <div className="choice" key={division.code}>
              <input
                id={`${id}-${division.code}`}
                className="choice__input"
                type="radio"
                name="divisionCode"
                value={division.code}
                checked={chosen?.code === division.code}
                onChange={() => onChoose(division)}
              />
              <label htmlFor={`${id}-${division.code}`} className="choice__label">
                {division.fullName}
              </label>
            </div>
          ))}
        </fieldset>
      )}
    </div>
  );
}
