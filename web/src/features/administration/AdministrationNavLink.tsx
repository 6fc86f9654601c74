import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router';
import { useAccountStatus } from '../account/index.ts';
import { fetchAdministration } from './administrationApi.ts';
import { administrationPaths } from './paths.ts';

/**
 * The navigation entry for administrators: asked of the server once the reader is signed in, and
 * shown only if it names a page they may use. Hiding it is a courtesy; the API refuses regardless.
 */
export function AdministrationNavLink({ onFollow }: { onFollow: () => void }) {
  const { t } = useTranslation('administration');
  const { status } = useAccountStatus();
  const [isAdministrator, setIsAdministrator] = useState(false);

  useEffect(() => {
    if (status !== 'signed-in') {
      setIsAdministrator(false);
      return;
    }
    const controller = new AbortController();
    fetchAdministration(controller.signal).then(
      (administration) => setIsAdministrator(administration.sections.length > 0),
      () => setIsAdministrator(false),
    );
    return () => controller.abort();
  }, [status]);

  if (!isAdministrator) return null;
  return (
    <li>
      <NavLink to={administrationPaths.root} className="primary-nav__link" onClick={onFollow}>
        {t('nav.link')}
      </NavLink>
    </li>
  );
}
