import { useTranslation } from 'react-i18next';
import { useDeploymentProfile } from '../features/platform/index.ts';
import { formatCalendarDate } from './format.ts';
import { pickLocalized, useLanguage } from './languages.ts';
import { usePageTitle } from './usePageTitle.ts';

export function AccessibilityStatementPage() {
  const { t } = useTranslation();
  const language = useLanguage();
  const profile = useDeploymentProfile();
  usePageTitle(t('accessibility.title'));

  const operator = profile ? pickLocalized(profile.name, language) : t('accessibility.unnamedOperator');

  return (
    <div className="page page--prose">
      <h1>{t('accessibility.title')}</h1>
      <p className="page__lead">{t('accessibility.introduction', { operator })}</p>

      <h2>{t('accessibility.conformanceHeading')}</h2>
      <p>{t('accessibility.conformance')}</p>

      <h2>{t('accessibility.testingHeading')}</h2>
      <p>{t('accessibility.testingIntroduction')}</p>
      <ul>
        <li>{t('accessibility.testedKeyboard')}</li>
        <li>{t('accessibility.testedScreenReader')}</li>
        <li>{t('accessibility.testedContrast')}</li>
        <li>{t('accessibility.testedZoom')}</li>
        <li>{t('accessibility.testedAutomated')}</li>
      </ul>

      <h2>{t('accessibility.limitationsHeading')}</h2>
      <p>{t('accessibility.limitations')}</p>

      <h2>{t('accessibility.reportHeading')}</h2>
      {profile ? (
        <>
          <p>{t('accessibility.reportIntroduction')}</p>
          <p className="page__contact">
            <a href={`mailto:${profile.contact.email}`}>{profile.contact.email}</a>
          </p>
        </>
      ) : (
        <p>{t('accessibility.reportWithoutContact')}</p>
      )}
      <p>{t('accessibility.reportAdvice')}</p>

      {profile && (
        <p className="page__meta">
          {t('accessibility.updatedOn', {
            date: formatCalendarDate(profile.accessibilityStatementUpdatedOn, language),
          })}
        </p>
      )}
    </div>
  );
}
