import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate, useSearchParams } from 'react-router';
import { ApiError } from '../../app/api.ts';
import { useLanguage } from '../../app/languages.ts';
import { usePageTitle } from '../../app/usePageTitle.ts';
import { Button } from '../../ui/Button.tsx';
import {
  clientNameOf,
  completeLogin,
  fetchInteraction,
  type Interaction,
  singleSignOnPaths,
  singleSignOnProblemCodes,
} from '../single-sign-on/index.ts';
import { useAccountStatus } from './AccountStatusContext.tsx';
import { fetchMe, mustEnrolSecondFactor, problemCodes, signIn } from './accountApi.ts';
import { ErrorSummary, summaryItemsOf, TextField, textPropsOf, useFormProblems } from './forms.tsx';
import { accountPaths, signInNoticeOf } from './paths.ts';
import { type FieldErrors, isUnreachable, throttledMessage } from './problems.ts';
import './account.css';

type SignInField = 'identifier' | 'password' | 'otp';

const fieldIds: Record<SignInField, string> = {
  identifier: 'sign-in-identifier',
  password: 'sign-in-password',
  otp: 'sign-in-otp',
};

/** A service (or the web app itself) waiting, through single sign-on, for this browser to sign in. */
type SignOn =
  | { kind: 'none' }
  | { kind: 'loading' }
  | { kind: 'waiting'; interaction: Interaction }
  | { kind: 'continuing'; interaction: Interaction }
  | { kind: 'expired' };

const consentPathOf = (uid: string) =>
  `${singleSignOnPaths.consent}?${new URLSearchParams({ interaction: uid })}`;

/** Finishes the provider's sign-in step from the platform session and goes back into the provider. */
async function continueToService(uid: string): Promise<void> {
  const { redirectTo } = await completeLogin(uid);
  window.location.assign(redirectTo);
}

export function SignInPage() {
  const { t } = useTranslation('account');
  const language = useLanguage();
  const navigate = useNavigate();
  const location = useLocation();
  const { setStatus } = useAccountStatus();
  usePageTitle(t('signIn.title'));
  const notice = signInNoticeOf(location.state);
  const [values, setValues] = useState<Record<SignInField, string>>({
    identifier: '',
    password: '',
    otp: '',
  });
  const [isOtpNeeded, setIsOtpNeeded] = useState(false);
  const { errors, formError, attempt, summaryRef, showProblems } = useFormProblems<SignInField>();
  const [isSubmitting, setIsSubmitting] = useState(false);
  const [searchParams] = useSearchParams();
  const interactionUid = searchParams.get('interaction') ?? undefined;
  const [signOn, setSignOn] = useState<SignOn>(interactionUid ? { kind: 'loading' } : { kind: 'none' });

  // Opened by the provider: a browser that already has a platform session strong enough for the
  // request goes straight on, without typing the password again.
  useEffect(() => {
    if (!interactionUid) return;
    const controller = new AbortController();
    fetchInteraction(interactionUid, controller.signal).then(
      async (interaction) => {
        // Already past the sign-in step: the consent page asks the rest (it sends a browser without a
        // session back here, so only one with a session goes there).
        if (interaction.prompt === 'consent' && interaction.hasPlatformSession) {
          await navigate(consentPathOf(interactionUid), { replace: true });
          return;
        }
        if (interaction.isSecondFactorRequired) setIsOtpNeeded(true);
        if (!interaction.hasPlatformSession || interaction.isSecondFactorRequired) {
          setSignOn({ kind: 'waiting', interaction });
          return;
        }
        setSignOn({ kind: 'continuing', interaction });
        await continueToService(interactionUid).catch(() => setSignOn({ kind: 'waiting', interaction }));
      },
      () => {
        if (!controller.signal.aborted) setSignOn({ kind: 'expired' });
      },
    );
    return () => controller.abort();
  }, [interactionUid, navigate]);

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (isSubmitting) return;
    const missing: FieldErrors<SignInField> = {};
    if (values.identifier.trim() === '') missing.identifier = t('problems.required.identifier');
    if (values.password === '') missing.password = t('problems.required.password');
    const otp = values.otp.trim();
    if (isOtpNeeded && otp === '') missing.otp = t('problems.required.otp');
    else if (isOtpNeeded && !/^[0-9]{6}$/.test(otp)) missing.otp = t('problems.otpFormat');
    if (Object.keys(missing).length > 0) {
      showProblems(missing);
      return;
    }
    setIsSubmitting(true);
    try {
      await signIn({
        identifier: values.identifier.trim(),
        password: values.password,
        ...(isOtpNeeded ? { otp } : {}),
      });
      setStatus('signed-in');
      if (interactionUid && signOn.kind === 'waiting') {
        if (signOn.interaction.prompt === 'consent') await navigate(consentPathOf(interactionUid));
        else await continueToService(interactionUid);
        return;
      }
      // Staff without an authenticator can do nothing until they enrol one: go there first. If asking
      // fails, My account shows the way there too.
      const me = await fetchMe().catch(() => undefined);
      await navigate(me && mustEnrolSecondFactor(me) ? accountPaths.secondFactor : accountPaths.myAccount);
    } catch (error) {
      if (error instanceof ApiError) {
        if (error.code === problemCodes.secondFactorRequired) {
          setIsOtpNeeded(true);
          showProblems({ otp: t('signIn.otpNeeded') });
        } else if (error.code === singleSignOnProblemCodes.stepUpRequired) {
          setIsOtpNeeded(true);
          showProblems({ otp: t('signIn.stepUpRequired') });
        } else if (error.code === singleSignOnProblemCodes.unknownInteraction) {
          setSignOn({ kind: 'expired' });
          showProblems({}, t('signIn.requestExpired'));
        } else if (error.status === 429) {
          showProblems({}, throttledMessage(t, error, language));
        } else if (error.status === 401) {
          // One message for every failure: the server never says which part was wrong, nor may the page.
          showProblems({ identifier: t('problems.signInFailed') });
        } else {
          showProblems(
            {},
            t('form.unexpected', { status: error.status, detail: error.detail ?? error.title }),
          );
        }
      } else if (isUnreachable(error)) {
        showProblems({}, t('form.unreachable'));
      }
    } finally {
      setIsSubmitting(false);
    }
  }

  const summaryItems = summaryItemsOf(
    ['identifier', 'password', 'otp'] as const,
    fieldIds,
    errors,
    formError,
  );

  const textProps = textPropsOf(fieldIds, values, errors, setValues);

  return (
    <div className="account-page">
      <ErrorSummary items={summaryItems} summaryRef={summaryRef} />
      {notice && attempt === 0 && (
        <p className="account-notice" role="status" data-testid="sign-in-notice">
          {t(`signIn.${notice}`)}
        </p>
      )}
      <h1>{t('signIn.title')}</h1>
      {signOn.kind === 'continuing' && (
        <p className="account-notice" role="status" data-testid="sign-in-continuing">
          {t('signIn.continuing', { client: clientNameOf(signOn.interaction.client, language) })}
        </p>
      )}
      {signOn.kind === 'waiting' && !signOn.interaction.client.isFirstParty && (
        <p className="account-notice" data-testid="sign-in-for-service">
          {t(
            signOn.interaction.isSecondFactorRequired ? 'signIn.forServiceSecondFactor' : 'signIn.forService',
            {
              client: clientNameOf(signOn.interaction.client, language),
            },
          )}
        </p>
      )}
      {signOn.kind === 'expired' && attempt === 0 && (
        <p className="account-alert" role="alert">
          {t('signIn.requestExpired')}
        </p>
      )}
      <p>{t('signIn.introduction')}</p>
      <form className="account-form" noValidate onSubmit={handleSubmit}>
        <TextField
          {...textProps('identifier')}
          label={t('signIn.identifier')}
          autoComplete="username"
          spellCheck={false}
          autoCapitalize="characters"
          className="form-field__input--medium"
        />
        <TextField
          {...textProps('password')}
          label={t('signIn.password')}
          type="password"
          autoComplete="current-password"
        />
        {isOtpNeeded && (
          <TextField
            {...textProps('otp')}
            label={t('signIn.otp')}
            hint={t('signIn.otpHint')}
            inputMode="numeric"
            autoComplete="one-time-code"
            maxLength={6}
            className="form-field__input--short"
          />
        )}
        <div>
          <Button type="submit" className="button--primary" aria-disabled={isSubmitting || undefined}>
            {isSubmitting ? t('signIn.submitting') : t('signIn.submit')}
          </Button>
        </div>
      </form>
      <p>
        {t('signIn.noAccount')} <Link to={accountPaths.register}>{t('signIn.registerInstead')}</Link>
      </p>
      <p>
        {t('signIn.haveResetCode')} <Link to={accountPaths.passwordReset}>{t('signIn.useResetCode')}</Link>
      </p>
    </div>
  );
}
