import { type KeyboardEvent, useEffect, useState } from 'react';
import { FieldError } from './forms.tsx';

export interface DivisionOption {
  code: string;
  fullName: string;
}

/** What a search answers: placeholder rows ("市辖区") are never offered as a choice. */
export type DivisionSearch<T extends DivisionOption> = (
  query: string,
  signal: AbortSignal,
) => Promise<readonly (T & { isPlaceholder?: boolean })[]>;

export interface DivisionSearchTexts {
  chosen: (name: string) => string;
  searching: string;
  none: (query: string) => string;
  found: (count: number) => string;
  unavailable: string;
  results: string;
}

type SearchState<T> =
  | { kind: 'idle' }
  | { kind: 'searching' }
  | { kind: 'found'; query: string; results: readonly T[] }
  | { kind: 'unavailable' };

const SEARCH_DELAY_MS = 300;

/**
 * A search field and a list of radio buttons rather than an ARIA combobox: every screen reader and
 * keyboard already knows how to use both, and the results stay on screen while the reader compares
 * them. `fixedOptions` are offered before any search (an administrator's own areas).
 */
export function DivisionSearchField<T extends DivisionOption>({
  id,
  label,
  hint,
  chosen,
  onChoose,
  error,
  search,
  texts,
  fixedOptions = [],
  radioName,
  chosenTestId,
}: {
  id: string;
  label: string;
  hint: string;
  chosen: DivisionOption | null;
  onChoose: (division: T) => void;
  error: string | undefined;
  search: DivisionSearch<T>;
  texts: DivisionSearchTexts;
  fixedOptions?: readonly T[];
  radioName: string;
  chosenTestId: string;
}) {
  const [query, setQuery] = useState('');
  const [state, setState] = useState<SearchState<T>>({ kind: 'idle' });
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const statusId = `${id}-status`;
  const chosenId = `${id}-chosen`;

  useEffect(() => {
    const typed = query.trim();
    if (typed === '') {
      setState({ kind: 'idle' });
      return;
    }
    const controller = new AbortController();
    const timer = setTimeout(() => {
      setState({ kind: 'searching' });
      search(typed.slice(0, 50), controller.signal).then(
        (results) =>
          setState({
            kind: 'found',
            query: typed,
            results: results.filter((result) => !result.isPlaceholder),
          }),
        () => {
          if (!controller.signal.aborted) setState({ kind: 'unavailable' });
        },
      );
    }, SEARCH_DELAY_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [query, search]);

  // Enter in the search field searches; it must not send the whole form half-filled.
  function keepEnterInField(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === 'Enter') event.preventDefault();
  }

  const results = state.kind === 'found' ? state.results : [];
  const options = [
    ...fixedOptions,
    ...results.filter((result) => !fixedOptions.some((fixed) => fixed.code === result.code)),
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
        <p id={chosenId} className="division-field__chosen" data-testid={chosenTestId}>
          {texts.chosen(chosen.fullName)}
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
        {state.kind === 'searching' && texts.searching}
        {state.kind === 'found' &&
          (results.length === 0 ? texts.none(state.query) : texts.found(results.length))}
        {state.kind === 'unavailable' && texts.unavailable}
      </p>
      {options.length > 0 && (
        <fieldset className="division-field__results">
          <legend className="form-field__label">{texts.results}</legend>
          {options.map((division) => (
            <div className="choice" key={division.code}>
              <input
                id={`${id}-${division.code}`}
                className="choice__input"
                type="radio"
                name={radioName}
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
