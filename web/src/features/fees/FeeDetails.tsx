import { useTranslation } from 'react-i18next';
import { useLanguage } from '../../app/languages.ts';
import { DescriptionList } from '../../ui/DescriptionList.tsx';
import type { Fee } from './feesApi.ts';

/** What an application owes and how it was settled: the state, the amounts, the waiver, the payments and the guide's lines. */
export function FeeDetails({ fee }: { fee: Fee }) {
  const { t } = useTranslation('fees');
  const language = useLanguage();
  return (
    <>
      <DescriptionList
        items={[
          { term: t('counter.state'), description: t(`states.${fee.state}`) },
          { term: t('counter.amount'), description: fee.amountYuan },
          { term: t('counter.paid'), description: fee.paidYuan },
          { term: t('counter.outstanding'), description: fee.outstandingYuan },
          ...(fee.waiverReason === null
            ? []
            : [{ term: t('waiver.reasonGiven'), description: fee.waiverReason }]),
        ]}
      />
      {fee.payments.length > 0 && (
        <>
          <h3>{t('counter.payments')}</h3>
          <ul>
            {fee.payments.map((payment) => (
              <li key={payment.receiptNumber}>
                {payment.receivedOn} · {payment.receiptNumber} · {t(`methods.${payment.method}`)} ·{' '}
                {payment.amountYuan}
              </li>
            ))}
          </ul>
        </>
      )}
      <h3>{t('counter.lines')}</h3>
      <ul>
        {fee.lines.map((line) => (
          <li key={line.name.zh}>
            {language === 'en' ? line.name.en : line.name.zh}：{line.amountYuan}（
            {language === 'en' ? line.basis.en : line.basis.zh}）
          </li>
        ))}
      </ul>
    </>
  );
}
