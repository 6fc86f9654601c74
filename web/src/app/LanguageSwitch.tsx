import { useTranslation } from 'react-i18next';
import { switchLanguage } from './i18n.ts';
import { languageNames, languages, useLanguage } from './languages.ts';

/** Every language is offered in its own words, so a reader lost in the other one still finds theirs. */
export function LanguageSwitch() {
  const { t } = useTranslation();
  const currentLanguage = useLanguage();

  return (
    <fieldset className="language-switch">
      <legend className="visually-hidden">{t('shell.language')}</legend>
      {languages.map((language) => (
        <button
          key={language}
          type="button"
          lang={language}
          className="language-switch__option"
          aria-pressed={language === currentLanguage}
          onClick={() => void switchLanguage(language)}
        >
          {languageNames[language]}
        </button>
      ))}
    </fieldset>
  );
}
