import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { servicesPaths } from './paths.ts';

/** The home page's way into the catalogue of services. */
export function ServicesHomeLink() {
  const { t } = useTranslation('services');
  return (
    <p className="services-home-link">
      <Link to={servicesPaths.catalogue}>{t('homeLink')}</Link>
    </p>
  );
}
