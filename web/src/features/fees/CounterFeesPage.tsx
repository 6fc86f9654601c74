import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { usePageTitle } from '../../app/usePageTitle.ts';
import { Button } from '../../ui/Button.tsx';
import {
  ErrorSummary,
  type FieldErrors,
  SelectField,
  summaryItemsOf,
  TextField,
  textPropsOf,
  useFormProblems,
} from '../account/index.ts';
import { FeeDetails } from './FeeDetails.tsx';
import { APPLICATION_NUMBER, refusalOf } from './feeInput.ts';
import { type Fee, type PaymentMethod, recordCounterPayment } from './feesApi.ts';

type Field = 'applicationNumber' | 'amountYuan' | 'method' | 'receiptNumber';
const FIELDS: readonly Field[] = ['applicationNumber', 'amountYuan', 'method', 'receiptNumber'];
const METHODS: readonly PaymentMethod[] = ['cash', 'pos', 'bank-transfer'];
const PATTERNS: Record<Exclude<Field, 'method'>, RegExp> = {
  applicationNumber: APPLICATION_NUMBER,
  amountYuan: /^(0|[1-9][0-9]{0,8})(\.[0-9]{1,2})?$/,
  receiptNumber: /^[A-Za-z0-9-]{1,40}$/,
};

/** A cashier records a fee received at the counter; the answer shows what the application still owes. */
export function CounterFeesPage() {
  const { t } = useTranslation('fees');
  usePageTitle(t('counter.title'));
  const prefix = useId();
  const ids = Object.fromEntries(FIELDS.map((field) => [field, `${prefix}-${field}`])) as Record<
    Field,
    string
  >;
  const [values, setValues] = useState<Record<Field, string>>({
    applicationNumber: '',
    amountYuan: '',
    method: '',
    receiptNumber: '',
  });
  const { errors, formError, summaryRef, showProblems } = useFormProblems<Field>();
  const [fee, setFee] = useState<Fee | undefined>();
  const [isSubmitting, setIsSubmitting] = useState(false);
  const props = textPropsOf(ids, values, errors, setValues);

  function localProblems(): FieldErrors<Field> {
    const problems: FieldErrors<Field> = {};
    const trimmed = { ...values, applicationNumber: values.applicationNumber.trim().toUpperCase() };
    for (const field of ['applicationNumber', 'amountYuan', 'receiptNumber'] as const)
      if (!PATTERNS[field].test(trimmed[field].trim())) problems[field] = t(`problems.${field}`);
    if (!problems.amountYuan && Number(values.amountYuan) === 0)
      problems.amountYuan = t('problems.amountYuan');
    if (!METHODS.includes(values.method as PaymentMethod)) problems.method = t('problems.method');
    return problems;
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (isSubmitting) return;
    const problems = localProblems();
    if (Object.keys(problems).length > 0) return showProblems(problems);
    setIsSubmitting(true);
    try {
      const recorded = await recordCounterPayment({
        applicationNumber: values.applicationNumber.trim().toUpperCase(),
        amountYuan: values.amountYuan.trim(),
        method: values.method as PaymentMethod,
        receiptNumber: values.receiptNumber.trim(),
      });
      setFee(recorded);
      showProblems({});
      setValues((previous) => ({ ...previous, amountYuan: '', receiptNumber: '' }));
    } catch (error) {
      setFee(undefined);
      const refusal = refusalOf(error, FIELDS, t, 'problems.forbidden');
      showProblems(refusal.fields, refusal.whole);
    } finally {
      setIsSubmitting(false);
    }
  }

  return (
    <div className="counter-fees">
      <h1>{t('counter.title')}</h1>
      <p>{t('counter.introduction')}</p>
      <form onSubmit={(event) => void submit(event)} noValidate>
        <ErrorSummary items={summaryItemsOf(FIELDS, ids, errors, formError)} summaryRef={summaryRef} />
        <TextField
          {...props('applicationNumber')}
          label={t('counter.applicationNumber')}
          hint={t('counter.applicationNumberHint')}
          autoComplete="off"
          spellCheck={false}
        />
        <TextField
          {...props('amountYuan')}
          label={t('counter.amountYuan')}
          hint={t('counter.amountYuanHint')}
          inputMode="decimal"
          autoComplete="off"
        />
        <SelectField
          id={ids.method}
          name="method"
          label={t('counter.method')}
          error={errors.method}
          value={values.method}
          onChange={(event) => setValues((previous) => ({ ...previous, method: event.target.value }))}
        >
          <option value="">—</option>
          {METHODS.map((method) => (
            <option key={method} value={method}>
              {t(`methods.${method}`)}
            </option>
          ))}
        </SelectField>
        <TextField
          {...props('receiptNumber')}
          label={t('counter.receiptNumber')}
          hint={t('counter.receiptNumberHint')}
          autoComplete="off"
          spellCheck={false}
        />
        <Button type="submit" disabled={isSubmitting}>
          {isSubmitting ? t('counter.submitting') : t('counter.submit')}
        </Button>
      </form>
      <div role="status">
        {fee && (
          <section aria-labelledby={`${prefix}-result`}>
            <h2 id={`${prefix}-result`}>{t('counter.result')}</h2>
            <p>
              {t('counter.recorded', {
                number: fee.applicationNumber ?? '',
                paid: fee.paidYuan,
                outstanding: fee.outstandingYuan,
              })}
            </p>
            <FeeDetails fee={fee} />
          </section>
        )}
      </div>
    </div>
  );
}
