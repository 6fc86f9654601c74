import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { usePageTitle } from '../../app/usePageTitle.ts';
import { Button } from '../../ui/Button.tsx';
import { DescriptionList } from '../../ui/DescriptionList.tsx';
import { TextField } from '../account/index.ts';
import { useAdministration } from './AdministrationContext.tsx';
import { problemMessage } from './adminForms.tsx';
import {
  type DivisionDetail,
  type DivisionNode,
  fetchChildren,
  fetchDivision,
  searchDivisions,
} from './administrationApi.ts';

/**
 * The division tree from the reader's own areas down: children load when a division is expanded, a
 * name search finds one deeper down, and the chosen division shows the divisions above it.
 */
export function DivisionsPage() {
  const { t } = useTranslation('administration');
  usePageTitle(t('divisions.title'));
  const { areas } = useAdministration();
  const [selected, setSelected] = useState<string | undefined>(areas[0]?.divisionCode);

  return (
    <div className="admin-page">
      <h1>{t('divisions.title')}</h1>
      <p>{t('divisions.introduction')}</p>
      {selected && <SelectedDivision code={selected} />}
      <DivisionSearch onSelect={setSelected} />
      <section className="admin-panel" aria-labelledby="division-tree-heading">
        <h2 id="division-tree-heading">{t('divisions.tree')}</h2>
        <ul className="division-tree">
          {areas.map((area) => (
            <TreeItem
              key={area.divisionCode}
              node={{
                code: area.divisionCode,
                name: area.divisionName,
                level: 0,
                isPlaceholder: false,
                childCount: 1,
              }}
              onSelect={setSelected}
              selected={selected}
            />
          ))}
        </ul>
      </section>
    </div>
  );
}

function TreeItem({
  node,
  onSelect,
  selected,
}: {
  node: DivisionNode;
  onSelect: (code: string) => void;
  selected: string | undefined;
}) {
  const { t } = useTranslation('administration');
  const [isExpanded, setIsExpanded] = useState(false);
  const [children, setChildren] = useState<readonly DivisionNode[] | undefined>();
  const [problem, setProblem] = useState<string | undefined>();
  const groupId = `division-children-${node.code}`;

  useEffect(() => {
    if (!isExpanded || children) return;
    const controller = new AbortController();
    fetchChildren(node.code, controller.signal).then(setChildren, (error: unknown) => {
      if (!controller.signal.aborted) setProblem(problemMessage(t, error));
    });
    return () => controller.abort();
  }, [isExpanded, children, node.code, t]);

  return (
    <li className="division-tree__item">
      <div className="division-tree__row">
        {node.childCount > 0 ? (
          <Button
            className="division-tree__toggle"
            aria-expanded={isExpanded}
            aria-controls={groupId}
            onClick={() => setIsExpanded((was) => !was)}
          >
            <span aria-hidden="true">{isExpanded ? '−' : '+'}</span>
            <span className="visually-hidden">
              {isExpanded
                ? t('divisions.collapse', { name: node.name })
                : t('divisions.expand', { name: node.name })}
            </span>
          </Button>
        ) : (
          <span className="division-tree__leaf" aria-hidden="true" />
        )}
        <button
          type="button"
          className="division-tree__name"
          aria-current={selected === node.code ? 'true' : undefined}
          onClick={() => onSelect(node.code)}
        >
          {node.name}
          <span className="visually-hidden"> {node.code}</span>
        </button>
        {node.level > 0 && node.childCount > 0 && (
          <span className="division-tree__count">{t('divisions.children', { count: node.childCount })}</span>
        )}
      </div>
      {isExpanded && (
        <div id={groupId}>
          {problem && <p className="account-alert">{problem}</p>}
          {!children && !problem && <p role="status">{t('divisions.loadingChildren')}</p>}
          {children && (
            <ul className="division-tree">
              {children.map((child) => (
                <TreeItem key={child.code} node={child} onSelect={onSelect} selected={selected} />
              ))}
            </ul>
          )}
        </div>
      )}
    </li>
  );
}

function SelectedDivision({ code }: { code: string }) {
  const { t } = useTranslation('administration');
  const [division, setDivision] = useState<DivisionDetail | undefined>();
  useEffect(() => {
    const controller = new AbortController();
    fetchDivision(code, controller.signal).then(setDivision, () => {});
    return () => controller.abort();
  }, [code]);
  if (!division || division.code !== code) return null;
  const ancestors = division.ancestors.filter((ancestor) => ancestor.level > 0 && !ancestor.isPlaceholder);
  return (
    <section
      className="admin-panel"
      aria-labelledby="division-selected-heading"
      data-testid="division-selected"
    >
      <h2 id="division-selected-heading">
        {t('divisions.selected')}: {division.name}
      </h2>
      {ancestors.length > 0 && (
        <nav aria-label={t('divisions.breadcrumbs')}>
          <ol className="admin-breadcrumbs">
            {ancestors.map((ancestor) => (
              <li key={ancestor.code}>{ancestor.name}</li>
            ))}
            <li aria-current="location">{division.name}</li>
          </ol>
        </nav>
      )}
      <DescriptionList
        items={[
          { term: t('divisions.code'), description: division.code },
          { term: t('divisions.fullName'), description: division.fullName },
        ]}
      />
    </section>
  );
}

function DivisionSearch({ onSelect }: { onSelect: (code: string) => void }) {
  const { t } = useTranslation('administration');
  const { areas } = useAdministration();
  const [query, setQuery] = useState('');
  const [results, setResults] = useState<{
    query: string;
    items: readonly { code: string; fullName: string }[];
  }>();

  useEffect(() => {
    const typed = query.trim();
    if (typed === '') {
      setResults(undefined);
      return;
    }
    const controller = new AbortController();
    const timer = setTimeout(() => {
      Promise.all(
        areas.map((area) => searchDivisions(typed.slice(0, 50), area.divisionCode, controller.signal)),
      ).then(
        (lists) => setResults({ query: typed, items: lists.flat() }),
        () => {},
      );
    }, 300);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [query, areas]);

  return (
    <section className="admin-panel" aria-labelledby="division-search-heading">
      <h2 id="division-search-heading">{t('divisions.search')}</h2>
      <TextField
        id="division-search"
        type="search"
        label={t('divisions.search')}
        hint={t('divisions.searchHint')}
        value={query}
        onChange={(event) => setQuery(event.target.value)}
        autoComplete="off"
      />
      <p role="status" className="division-field__status">
        {results && results.items.length === 0 && t('divisions.searchNone', { query: results.query })}
      </p>
      {results && results.items.length > 0 && (
        <ul className="admin-results" aria-label={t('divisions.searchResults')}>
          {results.items.map((item) => (
            <li key={item.code}>
              <button type="button" className="division-tree__name" onClick={() => onSelect(item.code)}>
                {item.fullName}
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
