import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router';
import { webSignInUrl } from '../single-sign-on/index.ts';
import { useAccountStatus } from './AccountStatusContext.tsx';
import { accountPaths } from './paths.ts';
import './account.css';

/** "Sign in" for a visitor, "My account" once signed in; nothing while the server is asked. */
export function AccountHeaderLink() {
  const { t } = useTranslation('account');
  const { status } = useAccountStatus();
  if (status === 'checking') return null;
  const icon = (
    <svg className="account-header-link__icon" viewBox="0 0 20 20" aria-hidden="true" focusable="false">
      <circle cx="10" cy="7" r="3.5" />
      <path d="M3.5 17.5c.8-3.4 3.4-5.5 6.5-5.5s5.7 2.1 6.5 5.5" />
    </svg>
  );
  if (status === 'signed-in') {
    return (
      <NavLink
        to={accountPaths.myAccount}
        end
        className="account-header-link"
        data-testid="account-header-link"
      >
        {icon}
        {t('header.myAccount')}
      </NavLink>
    );
  }
  // The web app signs in through the platform's own single sign-on: a navigation to the server, which
  // runs the protocol and comes back to My account.
  return (
    <a href={webSignInUrl()} className="account-header-link" data-testid="account-header-link">
      {icon}
      {t('header.signIn')}
    </a>
  );
}
