import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { ApiError } from '../../app/api.ts';
import { formatDateTime } from '../../app/format.ts';
import { type Language, useLanguage } from '../../app/languages.ts';
import { usePageTitle } from '../../app/usePageTitle.ts';
import { Button } from '../../ui/Button.tsx';
import { DescriptionList } from '../../ui/DescriptionList.tsx';
import { StatusIndicator, type StatusTone } from '../../ui/StatusIndicator.tsx';
import { ErrorSummary, FormField } from '../account/index.ts';
import { fetchStatus, type Verdict, type Verification, verifyPresented } from './credentialsApi.ts';
import './credentials.css';

type Outcome =
  | { kind: 'none' }
  | { kind: 'checking' }
  | { kind: 'checked'; verification: Verification }
  | { kind: 'refused'; message: string }
  | { kind: 'unavailable' };

const TONES: Record<Verdict, StatusTone> = {
  valid: 'positive',
  invalid: 'critical',
  expired: 'warning',
  'not-yet-valid': 'warning',
  suspended: 'warning',
  revoked: 'critical',
};

/**
 * Anyone shown a credential checks it here: paste the signed record, scan the QR code (its link opens
 * /verify/<identifier>), or type the identifier. The verdict comes first, in words and a shape.
 */
export function VerifyPage() {
  const { t } = useTranslation('credentials');
  usePageTitle(t('verify.title'));
  const { identifier } = useParams();
  const [presented, setPresented] = useState('');
  const [fieldError, setFieldError] = useState<string | undefined>();
  const [outcome, setOutcome] = useState<Outcome>({ kind: 'none' });
  const summaryRef = useRef<HTMLDivElement>(null);
  const resultRef = useRef<HTMLHeadingElement>(null);
  const fieldId = useId();

  useEffect(() => {
    if (!identifier) return;
    const controller = new AbortController();
    setOutcome({ kind: 'checking' });
    fetchStatus(identifier, controller.signal).then(
      (verification) => setOutcome({ kind: 'checked', verification }),
      (error: unknown) => {
        if (controller.signal.aborted) return;
        if (error instanceof ApiError && error.status === 404)
          setOutcome({ kind: 'refused', message: t('verify.notFound', { identifier }) });
        else if (error instanceof ApiError && error.status === 400)
          setOutcome({ kind: 'refused', message: t('verify.badIdentifier', { identifier }) });
        else setOutcome({ kind: 'unavailable' });
      },
    );
    return () => controller.abort();
  }, [identifier, t]);

  useEffect(() => {
    if (outcome.kind === 'checked' || outcome.kind === 'refused') resultRef.current?.focus();
  }, [outcome]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (presented.trim() === '') {
      setFieldError(t('verify.presentedMissing'));
      summaryRef.current?.focus();
      return;
    }
    setFieldError(undefined);
    setOutcome({ kind: 'checking' });
    try {
      setOutcome({ kind: 'checked', verification: await verifyPresented(presented) });
    } catch {
      setOutcome({ kind: 'unavailable' });
    }
  }

  return (
    <div className="credentials-page">
      <h1>{t('verify.title')}</h1>
      <p>{t('verify.introduction')}</p>
      <ErrorSummary items={fieldError ? [{ fieldId, message: fieldError }] : []} summaryRef={summaryRef} />
      <form className="credentials-form" onSubmit={submit} noValidate>
        <FormField
          id={fieldId}
          label={t('verify.presented')}
          hint={t('verify.presentedHint')}
          error={fieldError}
        >
          <textarea
            id={fieldId}
            className="form-field__input credentials-form__record"
            rows={4}
            spellCheck={false}
            autoCapitalize="off"
            autoCorrect="off"
            value={presented}
            aria-describedby={[`${fieldId}-hint`, fieldError && `${fieldId}-error`].filter(Boolean).join(' ')}
            aria-invalid={fieldError ? true : undefined}
            onChange={(event) => setPresented(event.target.value)}
          />
        </FormField>
        <div>
          <Button type="submit" disabled={outcome.kind === 'checking'}>
            {t('verify.submit')}
          </Button>
        </div>
      </form>
      <section aria-live="polite" className="credentials-result-region">
        {outcome.kind === 'checking' && <p role="status">{t('verify.checking')}</p>}
        {outcome.kind === 'unavailable' && <p className="credentials-alert">{t('verify.unavailable')}</p>}
        {outcome.kind === 'refused' && (
          <div className="credentials-result credentials-result--critical" data-testid="verdict">
            <h2 ref={resultRef} tabIndex={-1}>
              <StatusIndicator tone="critical">{t('verify.verdict.invalid')}</StatusIndicator>
            </h2>
            <p>{outcome.message}</p>
          </div>
        )}
        {outcome.kind === 'checked' && (
          <VerificationResult verification={outcome.verification} headingRef={resultRef} />
        )}
      </section>
    </div>
  );
}

function pick(language: Language, zh: string, en: string | null): string {
  return language === 'en' && en ? en : zh;
}

function VerificationResult({
  verification,
  headingRef,
}: {
  verification: Verification;
  headingRef: React.Ref<HTMLHeadingElement>;
}) {
  const { t } = useTranslation('credentials');
  const language = useLanguage();
  const { credential, verdict } = verification;
  const tone = TONES[verdict];
  const ledger = verification.ledger;
  const ledgerText =
    ledger.state === 'proven'
      ? t('verify.ledgerProven', { leafIndex: ledger.leafIndex, treeSize: ledger.treeSize })
      : ledger.state === 'pending'
        ? t('verify.ledgerPending')
        : ledger.state === 'missing'
          ? t('verify.ledgerMissing')
          : ledger.state === 'proof-failed'
            ? t('verify.ledgerFailed')
            : t('verify.ledgerNotChecked');
  const signatureText =
    verification.signature.state === 'valid'
      ? t('verify.signatureValid', { kid: verification.signature.kid?.slice(0, 12) })
      : verification.signature.state === 'invalid'
        ? t('verify.signatureInvalid')
        : t('verify.signatureNotChecked');
  return (
    <div
      className={`credentials-result credentials-result--${tone}`}
      data-testid="verdict"
      data-verdict={verdict}
    >
      <h2 ref={headingRef} tabIndex={-1}>
        <span className="credentials-result__label">{t('verify.resultHeading')}：</span>
        <StatusIndicator tone={tone}>{t(`verify.verdict.${verdict}`)}</StatusIndicator>
      </h2>
      {verification.reasons.length > 0 && (
        <ul className="credentials-reasons">
          {verification.reasons.map((reason) => (
            <li key={reason}>
              {t(`verify.reason.${reason}` as 'verify.reason.malformed', { defaultValue: reason })}
            </li>
          ))}
        </ul>
      )}
      <DescriptionList
        items={[
          ...(credential
            ? [
                {
                  term: t('verify.type'),
                  description: pick(language, credential.type.nameZh, credential.type.nameEn),
                },
                {
                  term: t('verify.identifier'),
                  description: <span className="credentials-number">{credential.identifier}</span>,
                },
                {
                  term: t('verify.issuer'),
                  description: pick(language, credential.issuer.nameZh, credential.issuer.nameEn),
                },
                { term: t('verify.validFrom'), description: formatDateTime(credential.validFrom, language) },
                {
                  term: t('verify.validUntil'),
                  description: credential.validUntil
                    ? formatDateTime(credential.validUntil, language)
                    : t('verify.noExpiry'),
                },
              ]
            : []),
          { term: t('verify.signature'), description: signatureText },
          { term: t('verify.ledger'), description: ledgerText },
          { term: t('verify.checkedAt'), description: formatDateTime(verification.checkedAt, language) },
        ]}
      />
      {credential && credential.claims.length > 0 && (
        <>
          <h3>{t('verify.disclosedHeading')}</h3>
          <DescriptionList
            items={credential.claims.map((claim) => ({
              term: pick(language, claim.labelZh, claim.labelEn),
              description: claim.value,
            }))}
          />
        </>
      )}
    </div>
  );
}
