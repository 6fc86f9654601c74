import { type KeyboardEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FieldError } from '../account/index.ts';
import { useAdministration } from './AdministrationContext.tsx';
import { type DivisionMatch, searchDivisions } from './administrationApi.ts';

export interface PickedDivision {
  code: string;
  fullName: string;
}

type Search =
  | { kind: 'idle' }
  | { kind: 'searching' }
  | { kind: 'found'; query: string; results: readonly DivisionMatch[] }
  | { kind: 'unavailable' };

const SEARCH_DELAY_MS = 300;

/**
 * Picks a division inside the reader's areas: the areas themselves as radio buttons, and a name search
 * limited to them (radio buttons again rather than a combobox, as on the registration page, so every
 * keyboard and screen reader already knows how to use it).
 */
export function DivisionPicker({
  id,
  label,
  hint,
  chosen,
  onChoose,
  error,
}: {
  id: string;
  label: string;
  hint: string;
  chosen: PickedDivision | null;
  onChoose: (division: PickedDivision) => void;
  error: string | undefined;
}) {
  const { t } = useTranslation('administration');
  const { areas } = useAdministration();
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
      Promise.all(
        areas.map((area) => searchDivisions(typed.slice(0, 50), area.divisionCode, controller.signal)),
      ).then(
        (lists) =>
          setSearch({
            kind: 'found',
            query: typed,
            results: lists.flat().filter((result) => !result.isPlaceholder),
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
  }, [query, areas]);

  function keepEnterInField(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === 'Enter') event.preventDefault();
  }

  const results = search.kind === 'found' ? search.results : [];
  const options = [
    ...areas.map((area) => ({ code: area.divisionCode, fullName: area.divisionName })),
    ...results.filter((result) => !areas.some((area) => area.divisionCode === result.code)),
  ];
  const describedBy = [hintId, error && errorId, chosen && chosenId, statusId].filter(Boolean).join(' ');

  return (
    <div className={error ? 'form-field form-field--error' : 'form-field'}>
      <label htmlFor={id} className="form-field__label">
        {label}
      </label>
      <p id={hintId} className="form-field__hint">
        {hint}
      </p>
      {error && <FieldError id={errorId} message={error} />}
      {chosen && (
        <p id={chosenId} className="division-field__chosen" data-testid={`${id}-chosen`}>
          {t('picker.chosen', { name: chosen.fullName })}
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
        {search.kind === 'searching' && t('picker.searching')}
        {search.kind === 'found' &&
          (results.length === 0
            ? t('picker.none', { query: search.query })
            : t('picker.found', { count: results.length }))}
        {search.kind === 'unavailable' && t('layout.unavailable')}
      </p>
      <fieldset className="division-field__results">
        <legend className="form-field__label">{t('picker.results')}</legend>
        {options.map((division) => (
          <div className="choice" key={division.code}>
            <input
              id={`${id}-${division.code}`}
              className="choice__input"
              type="radio"
              name={`${id}-choice`}
              value={division.code}
              checked={chosen?.code === division.code}
              onChange={() => onChoose({ code: division.code, fullName: division.fullName })}
            />
            <label htmlFor={`${id}-${division.code}`} className="choice__label">
              {division.fullName}
            </label>
          </div>
        ))}
      </fieldset>
    </div>
  );
}
