import { useTranslation } from 'react-i18next';
import { PlatformStatusCard, platformStatusSection } from '../features/platform/index.ts';
import { ServicesHomeLink } from '../features/services/index.ts';
import { pathOf } from './sections.ts';
import { usePageTitle } from './usePageTitle.ts';

export function HomePage() {
  const { t } = useTranslation();
  usePageTitle(t('home.title'));

  return (
    <div className="page">
      <h1>{t('home.heading')}</h1>
      <p className="page__lead">{t('home.welcome')}</p>
      <ServicesHomeLink />
      <PlatformStatusCard detailsPath={pathOf(platformStatusSection)} />
    </div>
  );
}
