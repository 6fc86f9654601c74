import { useTranslation } from 'react-i18next';

export const languages = ['zh-CN', 'en'] as const;
export type Language = (typeof languages)[number];
export const defaultLanguage: Language = 'zh-CN';

/** Each language's name written in that language, so a reader finds their own whatever is shown. */
export const languageNames: Record<Language, string> = { 'zh-CN': '中文', en: 'English' };

/** Text the server sends in every supported language, such as the deployment's name. */
export type LocalizedText = Record<Language, string>;

export function isLanguage(value: unknown): value is Language {
  return languages.some((language) => language === value);
}

export function pickLocalized(text: LocalizedText, language: Language): string {
  return text[language] || text[defaultLanguage];
}

export function useLanguage(): Language {
  const { i18n } = useTranslation();
  return isLanguage(i18n.resolvedLanguage) ? i18n.resolvedLanguage : defaultLanguage;
}
