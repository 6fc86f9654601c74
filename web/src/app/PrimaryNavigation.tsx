import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router';
import { AdministrationNavLink } from '../features/administration/index.ts';
import { areaPaths, populatedAreas } from './sections.ts';

/** The areas that have sections; on a narrow screen they fold into a disclosure menu. */
export function PrimaryNavigation() {
  const { t } = useTranslation();
  const [isOpen, setIsOpen] = useState(false);
  const toggleRef = useRef<HTMLButtonElement>(null);
  const listId = useId();

  useEffect(() => {
    if (!isOpen) return;
    const closeOnEscape = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      setIsOpen(false);
      toggleRef.current?.focus();
    };
    document.addEventListener('keydown', closeOnEscape);
    return () => document.removeEventListener('keydown', closeOnEscape);
  }, [isOpen]);

  return (
    <nav className="primary-nav" aria-label={t('shell.primaryNavigation')}>
      <div className="primary-nav__inner container">
        <button
          ref={toggleRef}
          type="button"
          className="primary-nav__toggle"
          aria-expanded={isOpen}
          aria-controls={listId}
          onClick={() => setIsOpen((wasOpen) => !wasOpen)}
        >
          <svg className="primary-nav__toggle-icon" viewBox="0 0 20 20" aria-hidden="true" focusable="false">
            <path d={isOpen ? 'M5 5l10 10M15 5L5 15' : 'M3 5h14M3 10h14M3 15h14'} />
          </svg>
          {t('shell.menu')}
        </button>
        <ul id={listId} className="primary-nav__list" data-open={isOpen}>
          {populatedAreas.map((area) => (
            <li key={area}>
              <NavLink to={areaPaths[area]} className="primary-nav__link" onClick={() => setIsOpen(false)}>
                {t(`areas.${area}.label`)}
              </NavLink>
            </li>
          ))}
          <AdministrationNavLink onFollow={() => setIsOpen(false)} />
        </ul>
      </div>
    </nav>
  );
}
