import { Link } from 'react-router';
import { AccountHeaderLink } from '../features/account/index.ts';
import { NotificationBell } from '../features/notifications/index.ts';
import { useDeploymentProfile } from '../features/platform/index.ts';
import { LanguageSwitch } from './LanguageSwitch.tsx';
import { pickLocalized, useLanguage } from './languages.ts';
import { PrimaryNavigation } from './PrimaryNavigation.tsx';

export function SiteHeader() {
  const profile = useDeploymentProfile();
  const language = useLanguage();

  return (
    <header className="site-header">
      <div className="site-header__bar container">
        <Link to="/" className="brand">
          <svg className="brand__mark" viewBox="0 0 32 32" aria-hidden="true" focusable="false">
            <rect width="32" height="32" rx="6" />
            <path d="M9.5 23v-5M16 23V13M22.5 23V9" />
          </svg>
          <span className="brand__text">
            {/* The platform's name is the same in every language; each half is marked for screen readers. */}
            <span className="brand__name">
              <span lang="zh-CN">数治</span> <span lang="en">Shuzhi</span>
            </span>
            {profile && <span className="brand__deployment">{pickLocalized(profile.name, language)}</span>}
          </span>
        </Link>
        <div className="site-header__tools">
          <NotificationBell />
          <AccountHeaderLink />
          <LanguageSwitch />
        </div>
      </div>
      <PrimaryNavigation />
    </header>
  );
}
