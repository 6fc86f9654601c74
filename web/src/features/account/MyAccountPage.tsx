import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate } from 'react-router';
import { ApiError } from '../../app/api.ts';
import { formatDateTime } from '../../app/format.ts';
import { useLanguage } from '../../app/languages.ts';
import { usePageTitle } from '../../app/usePageTitle.ts';
import { Button } from '../../ui/Button.tsx';
import { DescriptionList } from '../../ui/DescriptionList.tsx';
import { StatusIndicator } from '../../ui/StatusIndicator.tsx';
import { singleSignOnPaths } from '../single-sign-on/index.ts';
import { useAccountStatus } from './AccountStatusContext.tsx';
import {
  fetchDivisionName,
  fetchMe,
  type Me,
  mustEnrolSecondFactor,
  type SessionSummary,
  signOutEverywhere,
} from './accountApi.ts';
import { accountNoticeOf, accountPaths, type SignInNotice } from './paths.ts';
import { useSignedInFetch } from './useSignedInFetch.ts';
import './account.css';

export function MyAccountPage() {
  const { t } = useTranslation('account');
  const location = useLocation();
  usePageTitle(t('account.title'));
  const loaded = useSignedInFetch(fetchMe, { marksSignedIn: true });
  const notice = accountNoticeOf(location.state);

  return (
    <div className="account-page account-page--wide">
      {notice && (
        <p className="account-notice" role="status" data-testid="account-notice">
          {t(`account.${notice}`)}
        </p>
      )}
      <h1>{t('account.title')}</h1>
      {loaded.kind === 'loading' && <p role="status">{t('account.loading')}</p>}
      {loaded.kind === 'unavailable' && <p className="account-alert">{t('account.unavailable')}</p>}
      {loaded.kind === 'loaded' && <AccountDetails me={loaded.data} />}
    </div>
  );
}

function AccountDetails({ me }: { me: Me }) {
  const { t } = useTranslation('account');
  const divisionName = useDivisionName(me.divisionCode);
  const language = useLanguage();
  return (
    <>
      {mustEnrolSecondFactor(me) && (
        <section className="account-alert" aria-labelledby="account-enrol-heading">
          <h2 id="account-enrol-heading">{t('account.enrolHeading')}</h2>
          <p>{t('account.enrolRequired')}</p>
          <p>
            <Link to={accountPaths.secondFactor}>{t('account.enrolNow')}</Link>
          </p>
        </section>
      )}
      {me.organisation && (
        <section className="account-panel" aria-labelledby="account-organisation-heading">
          <h2 id="account-organisation-heading">
            {me.kind === 'enterprise' ? t('account.actingForHeading') : t('account.departmentHeading')}
          </h2>
          <DescriptionList
            items={[
              {
                term: t('account.organisationName'),
                description:
                  language === 'en' && me.organisation.nameEn
                    ? me.organisation.nameEn
                    : me.organisation.nameZh,
              },
              ...(me.organisation.creditCode
                ? [
                    {
                      term: t('account.creditCode'),
                      description: <span className="account-number">{me.organisation.creditCode}</span>,
                    },
                  ]
                : []),
            ]}
          />
        </section>
      )}
      <section className="account-panel" aria-labelledby="account-person-heading">
        <h2 id="account-person-heading">{t('account.personHeading')}</h2>
        {me.person ? (
          <>
            <p className="account-panel__note">{t('account.maskingNote')}</p>
            <DescriptionList
              items={[
                { term: t('account.name'), description: me.person.maskedName },
                {
                  term: t('account.residentId'),
                  description: <span className="account-number">{me.person.maskedResidentId}</span>,
                },
                {
                  term: t('account.phone'),
                  description: <span className="account-number">{me.person.maskedPhone}</span>,
                },
                { term: t('account.division'), description: divisionName ?? me.divisionCode },
              ]}
            />
          </>
        ) : (
          <p>{t('account.noPerson')}</p>
        )}
      </section>
      <section className="account-panel" aria-labelledby="account-credentials-heading">
        <h2 id="account-credentials-heading">{t('account.credentialsHeading')}</h2>
        <p>
          <Link to={accountPaths.wallet}>{t('account.walletLink')}</Link>
        </p>
      </section>
      <section className="account-panel" aria-labelledby="account-security-heading">
        <h2 id="account-security-heading">{t('account.securityHeading')}</h2>
        <DescriptionList
          items={[
            {
              term: t('account.secondFactor'),
              description: me.secondFactor.isEnrolled
                ? t('account.secondFactorOn')
                : t('account.secondFactorOff'),
            },
          ]}
        />
        <ul className="account-links">
          {!mustEnrolSecondFactor(me) && (
            <li>
              <Link to={accountPaths.changePassword}>{t('account.changePassword')}</Link>
            </li>
          )}
          {!me.secondFactor.isEnrolled && (
            <li>
              <Link to={accountPaths.secondFactor}>{t('account.enrolNow')}</Link>
            </li>
          )}
        </ul>
      </section>
      <section className="account-panel" aria-labelledby="account-sessions-heading">
        <h2 id="account-sessions-heading">{t('account.sessionsHeading')}</h2>
        <p>{t('account.sessionsIntroduction')}</p>
        <ul className="account-sessions">
          {me.sessions.map((session) => (
            <SessionItem key={session.id} session={session} />
          ))}
        </ul>
      </section>
      <SignOutPanel sessionCount={me.sessions.length} />
    </>
  );
}

function useDivisionName(code: string): string | undefined {
  const [name, setName] = useState<string | undefined>();
  useEffect(() => {
    const controller = new AbortController();
    // Without the name the code still identifies the division; nothing to report.
    fetchDivisionName(code, controller.signal).then(setName, () => {});
    return () => controller.abort();
  }, [code]);
  return name;
}

function SessionItem({ session }: { session: SessionSummary }) {
  const { t } = useTranslation('account');
  const language = useLanguage();
  const time = (iso: string) => <time dateTime={iso}>{formatDateTime(iso, language)}</time>;
  return (
    <li className="account-session">
      <p className="account-session__device">{session.userAgent ?? t('account.unknownDevice')}</p>
      {session.isCurrent && <StatusIndicator tone="positive">{t('account.thisDevice')}</StatusIndicator>}
      <DescriptionList
        items={[
          { term: t('account.signedInAt'), description: time(session.createdAt) },
          { term: t('account.lastSeenAt'), description: time(session.lastSeenAt) },
          { term: t('account.expiresAt'), description: time(session.expiresAt) },
        ]}
      />
    </li>
  );
}

function SignOutPanel({ sessionCount }: { sessionCount: number }) {
  const { t } = useTranslation('account');
  const navigate = useNavigate();
  const { setStatus } = useAccountStatus();
  const [isConfirming, setIsConfirming] = useState(false);
  const [isFailed, setIsFailed] = useState(false);
  const [isBusy, setIsBusy] = useState(false);
  const confirmRef = useRef<HTMLParagraphElement>(null);
  const everywhereRef = useRef<HTMLButtonElement>(null);
  const wasConfirming = useRef(false);

  useEffect(() => {
    if (isConfirming) confirmRef.current?.focus();
    else if (wasConfirming.current) everywhereRef.current?.focus();
    wasConfirming.current = isConfirming;
  }, [isConfirming]);

  async function end(request: () => Promise<unknown>, notice: SignInNotice) {
    if (isBusy) return;
    setIsBusy(true);
    setIsFailed(false);
    try {
      await request();
    } catch (error) {
      // 401: the session had already ended, which is what was asked for.
      if (!(error instanceof ApiError && error.status === 401)) {
        setIsFailed(true);
        setIsBusy(false);
        return;
      }
    }
    setStatus('signed-out');
    await navigate(accountPaths.signIn, { state: { notice } });
  }

  return (
    <section className="account-panel" aria-labelledby="account-sign-out-heading">
      <h2 id="account-sign-out-heading">{t('account.signOutHeading')}</h2>
      {isFailed && (
        <p className="account-alert" role="alert">
          {t('account.signOutFailed')}
        </p>
      )}
      {isConfirming ? (
        <div className="account-confirm">
          <p ref={confirmRef} tabIndex={-1} className="account-confirm__question">
            {t('account.confirmEverywhere', { count: sessionCount })}
          </p>
          <div className="account-actions">
            <Button
              className="button--danger"
              onClick={() => void end(signOutEverywhere, 'signedOutEverywhere')}
            >
              {t('account.confirm')}
            </Button>
            <Button onClick={() => setIsConfirming(false)}>{t('account.cancel')}</Button>
          </div>
        </div>
      ) : (
        <div className="account-actions">
          {/* Through the platform's single sign-on (RP-initiated logout): the server revokes the web app's
              tokens, the provider asks to confirm, and every service then asks for sign-in again. */}
          <form method="post" action={singleSignOnPaths.signOut}>
            <Button type="submit" className="button--primary">
              {t('account.signOut')}
            </Button>
          </form>
          {/* A plain button, as ui/Button takes no ref: focus returns here when the question is cancelled. */}
          <button ref={everywhereRef} type="button" className="button" onClick={() => setIsConfirming(true)}>
            {t('account.signOutEverywhere')}
          </button>
        </div>
      )}
    </section>
  );
}
