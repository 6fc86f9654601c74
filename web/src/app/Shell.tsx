import { type RefObject, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Outlet, useLocation, useNavigationType } from 'react-router';
import { AccountStatusProvider } from '../features/account/index.ts';
import { DeploymentProfileProvider } from '../features/platform/index.ts';
import { SiteFooter } from './SiteFooter.tsx';
import { SiteHeader } from './SiteHeader.tsx';
import './shell.css';

export function Shell() {
  const { t } = useTranslation();
  const mainRef = useRef<HTMLElement>(null);
  useFocusMainOnNavigation(mainRef);

  return (
    <DeploymentProfileProvider>
      <AccountStatusProvider>
        <a className="skip-link" href="#main-content">
          {t('shell.skipToContent')}
        </a>
        <SiteHeader />
        <main id="main-content" ref={mainRef} tabIndex={-1} className="site-main container">
          <Outlet />
        </main>
        <SiteFooter />
      </AccountStatusProvider>
    </DeploymentProfileProvider>
  );
}

/**
 * A client-side navigation leaves focus on the link that was followed and says nothing to a
 * screen reader. Moving focus to <main> puts keyboard and screen-reader users at the new content,
 * as a full page load would have done.
 */
function useFocusMainOnNavigation(mainRef: RefObject<HTMLElement | null>): void {
  const { pathname } = useLocation();
  const navigationType = useNavigationType();
  const previousPathname = useRef(pathname);

  useEffect(() => {
    // The first render is a page load, which the browser handles; a change of hash only is no new page.
    if (previousPathname.current === pathname) return;
    previousPathname.current = pathname;
    // Back and forward keep the scroll position the browser restores.
    const isNewEntry = navigationType !== 'POP';
    if (isNewEntry) window.scrollTo(0, 0);
    mainRef.current?.focus({ preventScroll: !isNewEntry });
  }, [pathname, navigationType, mainRef]);
}
