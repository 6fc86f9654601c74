import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { ApiError } from '../../app/api.ts';
import { usePageTitle } from '../../app/usePageTitle.ts';
import { Button } from '../../ui/Button.tsx';
import { QrCode } from '../../ui/QrCode.tsx';
import {
  confirmTotpEnrolment,
  fetchMe,
  problemCodes,
  startTotpEnrolment,
  type TotpEnrolment,
} from './accountApi.ts';
import { ErrorSummary, type SummaryItem, TextField, useFormProblems } from './forms.tsx';
import { accountPaths } from './paths.ts';
import { isUnreachable } from './problems.ts';
import { useSignedInFetch } from './useSignedInFetch.ts';
import './account.css';

const CODE_FIELD_ID = 'second-factor-code';

/**
 * Enrolling an authenticator app (TOTP). Staff who sign in without one are led here: until they enrol,
 * their session can do nothing else. The QR code is drawn here from the otpauth URI, so the secret never
 * goes to another service; the secret is also shown in groups of four for typing in by hand.
 */
export function SecondFactorEnrolmentPage() {
  const { t } = useTranslation('account');
  usePageTitle(t('enrol.title'));
  const loaded = useSignedInFetch(fetchMe);

  return (
    <div className="account-page">
      <h1>{t('enrol.title')}</h1>
      {loaded.kind === 'loading' && <p role="status">{t('account.loading')}</p>}
      {loaded.kind === 'unavailable' && <p className="account-alert">{t('account.unavailable')}</p>}
      {loaded.kind === 'loaded' &&
        (loaded.data.secondFactor.isEnrolled ? (
          <>
            <p>{t('enrol.alreadyEnrolled')}</p>
            <p>
              <Link to={accountPaths.myAccount}>{t('enrol.toAccount')}</Link>
            </p>
          </>
        ) : (
          <Enrolment isRequired={loaded.data.secondFactor.isRequired} />
        ))}
    </div>
  );
}

function Enrolment({ isRequired }: { isRequired: boolean }) {
  const { t } = useTranslation('account');
  const navigate = useNavigate();
  const [enrolment, setEnrolment] = useState<TotpEnrolment | undefined>();
  const [code, setCode] = useState('');
  const [isBusy, setIsBusy] = useState(false);
  const { errors, formError, summaryRef, showProblems } = useFormProblems<'code'>();
  const stepsRef = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    if (enrolment) stepsRef.current?.focus();
  }, [enrolment]);

  async function start() {
    if (isBusy) return;
    setIsBusy(true);
    try {
      setEnrolment(await startTotpEnrolment());
      showProblems({});
    } catch (error) {
      showProblems({}, problemText(error));
    } finally {
      setIsBusy(false);
    }
  }

  async function confirm(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (isBusy) return;
    const typed = code.replace(/\s/g, '');
    if (!/^[0-9]{6}$/.test(typed)) {
      showProblems({ code: typed === '' ? t('problems.required.otp') : t('problems.otpFormat') });
      return;
    }
    setIsBusy(true);
    try {
      await confirmTotpEnrolment(typed);
      await navigate(accountPaths.myAccount, { state: { notice: 'secondFactorEnrolled' } });
    } catch (error) {
      if (error instanceof ApiError && error.code === problemCodes.totpCodeWrong) {
        showProblems({ code: t('enrol.codeWrong') });
      } else {
        showProblems({}, problemText(error));
      }
      setIsBusy(false);
    }
  }

  function problemText(error: unknown): string {
    if (error instanceof ApiError) {
      if (error.code === problemCodes.totpAlreadyEnrolled) return t('enrol.alreadyEnrolled');
      return t('form.unexpected', { status: error.status, detail: error.detail ?? error.title });
    }
    return isUnreachable(error) ? t('form.unreachable') : String(error);
  }

  const summaryItems: SummaryItem[] = [
    ...(errors.code ? [{ fieldId: CODE_FIELD_ID, message: errors.code }] : []),
    ...(formError ? [{ fieldId: undefined, message: formError }] : []),
  ];

  return (
    <>
      <ErrorSummary items={summaryItems} summaryRef={summaryRef} />
      <p>{isRequired ? t('enrol.requiredIntroduction') : t('enrol.optionalIntroduction')}</p>
      {enrolment ? (
        <>
          <h2 ref={stepsRef} tabIndex={-1}>
            {t('enrol.stepsHeading')}
          </h2>
          <ol className="enrol-steps">
            <li>{t('enrol.stepInstall')}</li>
            <li>
              <p>{t('enrol.stepScan')}</p>
              <QrCode className="enrol-qr" text={enrolment.otpauthUri} label={t('enrol.qrLabel')} />
            </li>
            <li>
              <p>{t('enrol.stepManual')}</p>
              <p className="enrol-secret" data-testid="totp-secret">
                {groupsOfFour(enrolment.secret).map((group, index) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: groups may repeat; their order never changes
                  <span key={index}>{group}</span>
                ))}
              </p>
            </li>
            <li>{t('enrol.stepCode')}</li>
          </ol>
          <form className="account-form" noValidate onSubmit={confirm}>
            <TextField
              id={CODE_FIELD_ID}
              name="code"
              label={t('signIn.otp')}
              hint={t('signIn.otpHint')}
              value={code}
              error={errors.code}
              onChange={(event) => setCode(event.target.value)}
              inputMode="numeric"
              autoComplete="one-time-code"
              maxLength={7}
              className="form-field__input--short"
            />
            <div>
              <Button type="submit" className="button--primary" aria-disabled={isBusy || undefined}>
                {isBusy ? t('enrol.confirming') : t('enrol.confirm')}
              </Button>
            </div>
          </form>
        </>
      ) : (
        <div>
          <Button
            className="button--primary"
            onClick={() => void start()}
            aria-disabled={isBusy || undefined}
          >
            {t('enrol.start')}
          </Button>
        </div>
      )}
    </>
  );
}

function groupsOfFour(secret: string): string[] {
  return secret.match(/.{1,4}/g) ?? [];
}
