import { useTranslation } from 'react-i18next';
import { useLanguage } from '../../app/languages.ts';
import type { Loaded } from './useLoad.ts';

/** The page's words when its data could not be had: not signed in, not allowed, or unreachable. */
export function LoadProblem({ state }: { state: Loaded<unknown> }) {
  const { t } = useTranslation('sharing');
  if (state.kind === 'loading') return <p role="status">{t('common.loading')}</p>;
  if (state.kind === 'loaded') return null;
  const key = state.status === 401 ? 'signIn' : state.status === 403 ? 'forbidden' : 'unreachable';
  return <p role="alert">{t(`common.${key}`)}</p>;
}

export function usePartyName(): (party: { nameZh: string; nameEn: string | null }) => string {
  const language = useLanguage();
  return (party) => (language === 'en' && party.nameEn ? party.nameEn : party.nameZh);
}
