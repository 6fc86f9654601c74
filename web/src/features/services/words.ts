import type { Language } from '../../app/languages.ts';
import type { LocalisedText } from './servicesApi.ts';

/** The server's {zh, en} text in the reader's language. */
export function inLanguage(text: LocalisedText, language: Language): string {
  return language === 'en' ? text.en : text.zh;
}
