import { useTranslation } from 'react-i18next';
import { NavLink, Outlet } from 'react-router';
import { allNamespaces } from './i18n.ts';
import { type AreaId, pathOf, sectionsIn } from './sections.ts';

/** An area's frame: once it has several sections, a navigation between them above the page. */
export function AreaLayout({ area }: { area: AreaId }) {
  const { t } = useTranslation(allNamespaces);
  const sections = sectionsIn(area);

  return (
    <div className="area">
      {sections.length > 1 && (
        <nav className="section-nav" aria-label={t(`areas.${area}.sectionsNavigation`)}>
          <ul className="section-nav__list">
            {sections.map((section) => (
              <li key={section.slug}>
                <NavLink to={pathOf(section)} className="section-nav__link">
                  {t(section.titleKey)}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
      )}
      <Outlet />
    </div>
  );
}
