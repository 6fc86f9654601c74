import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';

/** Sets document.title, which screen readers announce first and tabs and history show. */
export function usePageTitle(pageTitle: string): void {
  const { t } = useTranslation('app');
  const title = t('shell.documentTitle', { page: pageTitle });
  useEffect(() => {
    document.title = title;
  }, [title]);
}
