import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { usePageTitle } from '../../app/usePageTitle.ts';
import { Button } from '../../ui/Button.tsx';
import {
  ErrorSummary,
  type FieldErrors,
  FormField,
  summaryItemsOf,
  TextField,
  textPropsOf,
  useFormProblems,
} from '../account/index.ts';
import { FeeDetails } from './FeeDetails.tsx';
import { APPLICATION_NUMBER, refusalOf } from './feeInput.ts';
import { type Fee, waiveFee } from './feesApi.ts';

type Field = 'applicationNumber' | 'reason';
const FIELDS: readonly Field[] = ['applicationNumber', 'reason'];
/** As the API allows: the reason is kept on the order and in the ledger, so it may be long, not endless. */
const REASON_MAX_LENGTH = 1000;

/**
 * A fee supervisor waives an application's fee with the reason. There is no look-up of a fee by
 * application number, so the fee's state is shown from the waiver's answer.
 */
export function WaiverPage() {
  const { t } = useTranslation('fees');
  usePageTitle(t('waiver.title'));
  const prefix = useId();
  const ids: Record<Field, string> = {
    applicationNumber: `${prefix}-applicationNumber`,
    reason: `${prefix}-reason`,
  };
  const [values, setValues] = useState<Record<Field, string>>({ applicationNumber: '', reason: '' });
  const { errors, formError, summaryRef, showProblems } = useFormProblems<Field>();
  const [fee, setFee] = useState<Fee | undefined>();
  const [isSubmitting, setIsSubmitting] = useState(false);
  const props = textPropsOf(ids, values, errors, setValues);

  function localProblems(): FieldErrors<Field> {
    const problems: FieldErrors<Field> = {};
    if (!APPLICATION_NUMBER.test(values.applicationNumber.trim().toUpperCase()))
      problems.applicationNumber = t('problems.applicationNumber');
    if (values.reason.trim().length === 0) problems.reason = t('problems.reason');
    return problems;
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (isSubmitting) return;
    const problems = localProblems();
    if (Object.keys(problems).length > 0) return showProblems(problems);
    setIsSubmitting(true);
    try {
      const waived = await waiveFee({
        applicationNumber: values.applicationNumber.trim().toUpperCase(),
        reason: values.reason.trim(),
      });
      setFee(waived);
      showProblems({});
      setValues({ applicationNumber: '', reason: '' });
    } catch (error) {
      setFee(undefined);
      const refusal = refusalOf(error, FIELDS, t, 'problems.forbiddenWaiver');
      showProblems(refusal.fields, refusal.whole);
    } finally {
      setIsSubmitting(false);
    }
  }

  return (
    <div className="fee-page">
      <h1>{t('waiver.title')}</h1>
      <p>{t('waiver.introduction')}</p>
      <form onSubmit={(event) => void submit(event)} noValidate>
        <ErrorSummary items={summaryItemsOf(FIELDS, ids, errors, formError)} summaryRef={summaryRef} />
        <TextField
          {...props('applicationNumber')}
          label={t('counter.applicationNumber')}
          hint={t('counter.applicationNumberHint')}
          autoComplete="off"
          spellCheck={false}
        />
        <FormField
          id={ids.reason}
          label={t('waiver.reason')}
          hint={t('waiver.reasonHint')}
          error={errors.reason}
        >
          <textarea
            id={ids.reason}
            name="reason"
            className="form-field__input"
            rows={4}
            maxLength={REASON_MAX_LENGTH}
            value={values.reason}
            aria-invalid={errors.reason ? true : undefined}
            aria-describedby={[`${ids.reason}-hint`, errors.reason && `${ids.reason}-error`]
              .filter(Boolean)
              .join(' ')}
            onChange={(event) => setValues((previous) => ({ ...previous, reason: event.target.value }))}
          />
        </FormField>
        <Button type="submit" disabled={isSubmitting}>
          {isSubmitting ? t('waiver.submitting') : t('waiver.submit')}
        </Button>
      </form>
      <div role="status">
        {fee && (
          <section aria-labelledby={`${prefix}-result`}>
            <h2 id={`${prefix}-result`}>{t('counter.result')}</h2>
            <p>{t('waiver.waived', { number: fee.applicationNumber ?? '' })}</p>
            <FeeDetails fee={fee} />
          </section>
        )}
      </div>
    </div>
  );
}
