import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { type DeploymentProfile, useDeploymentProfile } from '../features/platform/index.ts';
import { DescriptionList } from '../ui/DescriptionList.tsx';
import { pickLocalized, useLanguage } from './languages.ts';

export function SiteFooter() {
  const { t } = useTranslation();
  const profile = useDeploymentProfile();

  return (
    <footer className="site-footer">
      <div className="site-footer__inner container">
        {profile && <DeploymentContact profile={profile} />}
        <div className="site-footer__about">
          <nav aria-label={t('footer.siteInformation')}>
            <ul className="site-footer__links">
              <li>
                <Link to="/accessibility">{t('footer.accessibility')}</Link>
              </li>
              <li>
                {/* Served by the server, outside this app's routes: a full page load, not a client route. */}
                <a href="/api/docs">{t('footer.apiDocumentation')}</a>
              </li>
            </ul>
          </nav>
          <p>{t('footer.about')}</p>
        </div>
      </div>
    </footer>
  );
}

function DeploymentContact({ profile }: { profile: DeploymentProfile }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const { contact } = profile;

  return (
    <div className="site-footer__contact">
      <h2>{t('footer.contact')}</h2>
      <p className="site-footer__operator">{pickLocalized(profile.name, language)}</p>
      <address>
        <DescriptionList
          items={[
            { term: t('footer.email'), description: <a href={`mailto:${contact.email}`}>{contact.email}</a> },
            {
              term: t('footer.phone'),
              description: <a href={telephoneHref(contact.phone)}>{contact.phone}</a>,
            },
            { term: t('footer.address'), description: pickLocalized(contact.address, language) },
            { term: t('footer.officeHours'), description: pickLocalized(contact.officeHours, language) },
          ]}
        />
      </address>
    </div>
  );
}

/** Phones dial digits only; "0571-8888 1234" is written for people. */
function telephoneHref(phone: string): string {
  return `tel:${phone.replace(/[^\d+]/g, '')}`;
}
