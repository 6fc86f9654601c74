import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { ApiError } from '../../app/api.ts';
import { useLanguage } from '../../app/languages.ts';
import { usePageTitle } from '../../app/usePageTitle.ts';
import { Button } from '../../ui/Button.tsx';
import { accountPaths, ErrorSummary, isUnreachable, useFormProblems } from '../account/index.ts';
import { answerConsent, fetchInteraction, type Interaction, problemCodes } from './ssoApi.ts';
import { clientNameOf, knownScopes } from './words.ts';
import './single-sign-on.css';

type Loaded =
  | { kind: 'loading' }
  | { kind: 'loaded'; interaction: Interaction }
  /** The reason is translated when shown, so a change of language changes it too. */
  | { kind: 'failed'; error: unknown };

/**
 * The provider sends the browser here when a service asks for what the person has not yet allowed it:
 * who asks, what it gets, in plain words; allow or deny; then back into the provider.
 */
export function ConsentPage() {
  const { t } = useTranslation('singleSignOn');
  const language = useLanguage();
  const navigate = useNavigate();
  const [searchParams] = useSearchParams();
  const uid = searchParams.get('interaction') ?? '';
  usePageTitle(t('consent.title'));
  const [loaded, setLoaded] = useState<Loaded>({ kind: 'loading' });
  const { formError, summaryRef, showProblems } = useFormProblems<never>();
  const [sending, setSending] = useState<'allow' | 'deny' | undefined>();
  const headingRef = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    const controller = new AbortController();
    if (!uid) {
      setLoaded({ kind: 'failed', error: undefined });
      return;
    }
    fetchInteraction(uid, controller.signal).then(
      (interaction) => {
        // Not signed in yet, or the request is at its sign-in step: the sign-in page handles it.
        if (interaction.prompt === 'login' || !interaction.hasPlatformSession) {
          void navigate(`${accountPaths.signIn}?${new URLSearchParams({ interaction: uid })}`, {
            replace: true,
          });
          return;
        }
        setLoaded({ kind: 'loaded', interaction });
      },
      (error: unknown) => {
        if (controller.signal.aborted) return;
        setLoaded({ kind: 'failed', error });
      },
    );
    return () => controller.abort();
  }, [uid, navigate]);

  useEffect(() => {
    if (loaded.kind === 'loaded') headingRef.current?.focus();
  }, [loaded.kind]);

  function messageOf(error: unknown): string {
    if (error === undefined) return t('consent.expired');
    if (error instanceof ApiError) {
      if (error.code === problemCodes.unknownInteraction) return t('consent.expired');
      return t('consent.unexpected', { status: error.status, detail: error.detail ?? error.title });
    }
    return isUnreachable(error) ? t('consent.unreachable') : String(error);
  }

  async function answer(decision: 'allow' | 'deny') {
    if (sending) return;
    setSending(decision);
    try {
      const { redirectTo } = await answerConsent(uid, decision);
      // Back into the provider (outside this app), which sends the browser on to the service.
      window.location.assign(redirectTo);
    } catch (error) {
      showProblems({}, messageOf(error));
      setSending(undefined);
    }
  }

  if (loaded.kind !== 'loaded') {
    return (
      <div className="account-page">
        <h1>{t('consent.title')}</h1>
        {loaded.kind === 'loading' ? (
          <p role="status">{t('consent.loading')}</p>
        ) : (
          <p className="account-alert" role="alert">
            {messageOf(loaded.error)}
          </p>
        )}
      </div>
    );
  }

  const { interaction } = loaded;
  const clientName = clientNameOf(interaction.client, language);
  const scopes = interaction.scopes;
  return (
    <div className="account-page sso-consent">
      <ErrorSummary
        items={formError ? [{ fieldId: undefined, message: formError }] : []}
        summaryRef={summaryRef}
      />
      <h1 ref={headingRef} tabIndex={-1}>
        {t('consent.heading', { client: clientName })}
      </h1>
      <p className="sso-consent__client-id">
        {t('consent.clientId', { clientId: interaction.client.clientId })}
      </p>
      <p>{t('consent.introduction')}</p>
      <section aria-labelledby="sso-consent-shared">
        <h2 id="sso-consent-shared">{t('consent.sharedHeading')}</h2>
        <ul className="sso-consent__scopes">
          {scopes.map((scope) => (
            <li key={scope}>
              {knownScopes.includes(scope as (typeof knownScopes)[number])
                ? t(`consent.scopes.${scope as (typeof knownScopes)[number]}`)
                : t('consent.otherScope', { scope })}
            </li>
          ))}
        </ul>
      </section>
      <div className="account-actions sso-consent__actions">
        <Button
          className="button--primary"
          aria-disabled={sending !== undefined || undefined}
          onClick={() => void answer('allow')}
        >
          {sending === 'allow' ? t('consent.sending') : t('consent.allow')}
        </Button>
        <Button aria-disabled={sending !== undefined || undefined} onClick={() => void answer('deny')}>
          {sending === 'deny' ? t('consent.sending') : t('consent.deny')}
        </Button>
      </div>
      <p className="sso-consent__note">{t('consent.denyNote')}</p>
    </div>
  );
}
