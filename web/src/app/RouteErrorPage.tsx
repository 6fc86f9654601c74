import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useRouteError } from 'react-router';
import { usePageTitle } from './usePageTitle.ts';

/** What a reader sees when a page throws; the error itself goes to the console for whoever debugs. */
export function RouteErrorPage() {
  const { t } = useTranslation();
  const error = useRouteError();
  usePageTitle(t('routeError.title'));

  useEffect(() => {
    console.error(error);
  }, [error]);

  return (
    <div className="page">
      <h1>{t('routeError.title')}</h1>
      <p>{t('routeError.body')}</p>
      <p>
        <Link to="/">{t('routeError.home')}</Link>
      </p>
    </div>
  );
}
