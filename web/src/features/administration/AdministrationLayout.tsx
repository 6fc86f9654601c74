import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink, Outlet, useNavigate } from 'react-router';
import { usePageTitle } from '../../app/usePageTitle.ts';
import { type SignedInFetch, useSignedInFetch } from '../account/index.ts';
import { AdministrationContext, useAdministration } from './AdministrationContext.tsx';
import { type Administration, fetchAdministration } from './administrationApi.ts';
import { administrationPaths } from './paths.ts';
import './administration.css';

type Loaded = SignedInFetch<Administration>;

/**
 * The frame of every administration page: asks the server which pages the reader may use and shows
 * only those. The server decides; each page still handles a refusal of its own.
 */
export function AdministrationLayout() {
  const { t } = useTranslation('administration');
  const loaded = useSignedInFetch(fetchAdministration);

  if (loaded.kind !== 'loaded' || loaded.data.sections.length === 0) {
    return <AdministrationUnavailable loaded={loaded} />;
  }
  const { sections } = loaded.data;
  return (
    <AdministrationContext value={loaded.data}>
      <div className="admin">
        <nav className="section-nav" aria-label={t('nav.sections')}>
          <ul className="section-nav__list">
            {sections.map((section) => (
              <li key={section}>
                <NavLink to={administrationPaths[section]} className="section-nav__link">
                  {t(`nav.${section}`)}
                </NavLink>
              </li>
            ))}
            <li>
              <NavLink to={administrationPaths.ssoClients} className="section-nav__link">
                {t('nav.ssoClients')}
              </NavLink>
            </li>
          </ul>
        </nav>
        <Outlet />
      </div>
    </AdministrationContext>
  );
}

function AdministrationUnavailable({ loaded }: { loaded: Loaded }) {
  const { t } = useTranslation('administration');
  usePageTitle(t('layout.title'));
  return (
    <div className="admin-page">
      <h1>{t('layout.title')}</h1>
      {loaded.kind === 'loading' && <p role="status">{t('layout.loading')}</p>}
      {loaded.kind === 'unavailable' && <p className="account-alert">{t('layout.unavailable')}</p>}
      {loaded.kind === 'loaded' && <p className="account-alert">{t('layout.noAccess')}</p>}
    </div>
  );
}

/** The administration area's first page is the one the reader may use first. */
export function AdministrationIndex() {
  const navigate = useNavigate();
  const { sections } = useAdministration();
  useEffect(() => {
    const first = sections[0];
    if (first) void navigate(administrationPaths[first], { replace: true });
  }, [navigate, sections]);
  return null;
}
