import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDateTime } from '../../app/format.ts';
import { useLanguage } from '../../app/languages.ts';
import { usePageTitle } from '../../app/usePageTitle.ts';
import { Button } from '../../ui/Button.tsx';
import { DescriptionList } from '../../ui/DescriptionList.tsx';
import { QrCode } from '../../ui/QrCode.tsx';
import { StatusIndicator } from '../../ui/StatusIndicator.tsx';
import { useSignedInFetch } from '../account/index.ts';
import { fetchWallet, pdfUrlOf, type WalletCredential } from './credentialsApi.ts';
import './credentials.css';

/** The signed-in holder's credentials: status, PDF download, and a QR code to show. */
export function WalletPage() {
  const { t } = useTranslation('credentials');
  usePageTitle(t('wallet.title'));
  const loaded = useSignedInFetch(fetchWallet);
  return (
    <div className="credentials-page">
      <h1>{t('wallet.title')}</h1>
      <p>{t('wallet.introduction')}</p>
      {loaded.kind === 'loading' && <p role="status">{t('wallet.loading')}</p>}
      {loaded.kind === 'unavailable' && <p className="credentials-alert">{t('wallet.unavailable')}</p>}
      {loaded.kind === 'loaded' &&
        (loaded.data.credentials.length === 0 ? (
          <p>{t('wallet.empty')}</p>
        ) : (
          <ul className="credentials-wallet">
            {loaded.data.credentials.map((credential) => (
              <WalletItem key={credential.identifier} credential={credential} />
            ))}
          </ul>
        ))}
    </div>
  );
}

function WalletItem({ credential }: { credential: WalletCredential }) {
  const { t } = useTranslation('credentials');
  const language = useLanguage();
  const [isQrShown, setIsQrShown] = useState(false);
  const name = language === 'en' ? credential.type.nameEn : credential.type.nameZh;
  const issuer =
    language === 'en' && credential.issuer.nameEn ? credential.issuer.nameEn : credential.issuer.nameZh;
  const verifyPath = new URL(credential.verifyUrl).pathname;
  const qrId = `qr-${credential.identifier}`;
  return (
    <li className="credentials-card" data-testid="wallet-credential">
      <h2>{name}</h2>
      <StatusIndicator tone={credential.status === 'valid' ? 'positive' : 'warning'}>
        {t(`wallet.statusText.${credential.status}`)}
      </StatusIndicator>
      <DescriptionList
        items={[
          { term: t('wallet.issuer'), description: issuer },
          {
            term: t('wallet.identifier'),
            description: <span className="credentials-number">{credential.identifier}</span>,
          },
          {
            term: t('wallet.validUntil'),
            description: credential.validUntil
              ? formatDateTime(credential.validUntil, language)
              : t('wallet.noExpiry'),
          },
        ]}
      />
      <ul className="credentials-actions">
        <li>
          <a href={pdfUrlOf(credential.identifier)} download={`${credential.identifier}.pdf`}>
            {t('wallet.downloadPdf')}
          </a>
        </li>
        <li>
          <Link to={verifyPath}>{t('wallet.verifyLink')}</Link>
        </li>
        <li>
          <Button aria-expanded={isQrShown} aria-controls={qrId} onClick={() => setIsQrShown(!isQrShown)}>
            {isQrShown ? t('wallet.hideQr') : t('wallet.showQr')}
          </Button>
        </li>
      </ul>
      <div id={qrId} hidden={!isQrShown}>
        {isQrShown && (
          <QrCode
            className="credential-qr"
            text={credential.verifyUrl}
            label={t('wallet.qrLabel', { name })}
          />
        )}
      </div>
    </li>
  );
}
