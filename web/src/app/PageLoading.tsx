import { useTranslation } from 'react-i18next';

/** Shown in <main> while a page's code arrives on first visit; on a slow county line that takes a while. */
export function PageLoading() {
  const { t } = useTranslation();
  return (
    <p className="page-loading" role="status">
      {t('shell.loading')}
    </p>
  );
}
