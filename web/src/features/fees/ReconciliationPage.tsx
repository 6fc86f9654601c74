import { type ChangeEvent, type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../app/api.ts';
import { usePageTitle } from '../../app/usePageTitle.ts';
import { Button } from '../../ui/Button.tsx';
import { DescriptionList } from '../../ui/DescriptionList.tsx';
import {
  ErrorSummary,
  type FieldErrors,
  FormField,
  fieldOfPointer,
  type SummaryItem,
  summaryItemsOf,
  TextField,
  useFormProblems,
} from '../account/index.ts';
import { type Reconciliation, reconcileDay } from './feesApi.ts';
import './fees.css';

type Field = 'divisionCode' | 'statementDate' | 'statementCsv';
const FIELDS: readonly Field[] = ['divisionCode', 'statementDate', 'statementCsv'];
/** A county's code and the codes below it: a cashier collects for a county, a street or a village. */
const DIVISION_CODE = /^[0-9]{6,12}$/;
/** The API takes a statement of at most five million characters. */
const STATEMENT_MAX_LENGTH = 5_000_000;
const LINE_POINTER = /^\/statementCsv\/lines\/([0-9]+)$/;

/** Today in Beijing time, yyyy-mm-dd: the day a county's payments are recorded under. */
function todayInBeijing(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
}

/**
 * A cashier reconciles a day's recorded payments of a division against the bank statement: the CSV
 * file is read in the browser and sent as text; the report says, entry by entry, what matched.
 */
export function ReconciliationPage() {
  const { t } = useTranslation('fees');
  usePageTitle(t('reconciliation.title'));
  const prefix = useId();
  const ids = Object.fromEntries(FIELDS.map((field) => [field, `${prefix}-${field}`])) as Record<
    Field,
    string
  >;
  const [divisionCode, setDivisionCode] = useState('');
  const [statementDate, setStatementDate] = useState(todayInBeijing);
  const [statement, setStatement] = useState<{ name: string; text: string } | undefined>();
  const { errors, formError, summaryRef, showProblems } = useFormProblems<Field>();
  // Each problem of a statement line is its own item in the summary, linked to the file field.
  const [lineProblems, setLineProblems] = useState<SummaryItem[]>([]);
  const [report, setReport] = useState<Reconciliation | undefined>();
  const [isSubmitting, setIsSubmitting] = useState(false);

  async function chooseFile(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    setStatement(file ? { name: file.name, text: await file.text() } : undefined);
  }

  function showAllProblems(fields: FieldErrors<Field>, lines: SummaryItem[], whole?: string) {
    setLineProblems(lines);
    showProblems(fields, whole);
  }

  function localProblems(): FieldErrors<Field> {
    const problems: FieldErrors<Field> = {};
    if (!DIVISION_CODE.test(divisionCode.trim())) problems.divisionCode = t('problems.divisionCode');
    if (!/^[0-9]{4}-[0-9]{2}-[0-9]{2}$/.test(statementDate))
      problems.statementDate = t('problems.statementDate');
    if (!statement || statement.text.trim().length === 0) problems.statementCsv = t('problems.statementCsv');
    else if (statement.text.length > STATEMENT_MAX_LENGTH)
      problems.statementCsv = t('problems.statementTooLong');
    return problems;
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (isSubmitting) return;
    const problems = localProblems();
    if (Object.keys(problems).length > 0 || !statement) return showAllProblems(problems, []);
    setIsSubmitting(true);
    try {
      setReport(
        await reconcileDay({
          divisionCode: divisionCode.trim(),
          statementDate,
          statementCsv: statement.text,
        }),
      );
      showAllProblems({}, []);
    } catch (error) {
      setReport(undefined);
      if (!(error instanceof ApiError)) return showAllProblems({}, [], t('problems.unreachable'));
      const fields: FieldErrors<Field> = {};
      const lines: SummaryItem[] = [];
      const badLines: string[] = [];
      for (const problem of error.errors) {
        const line = LINE_POINTER.exec(problem.pointer)?.[1];
        if (line) {
          badLines.push(line);
          lines.push({
            fieldId: ids.statementCsv,
            message: t('reconciliation.lineProblem', { line, detail: problem.detail }),
          });
          continue;
        }
        const field = fieldOfPointer(problem.pointer) as Field;
        if (FIELDS.includes(field)) fields[field] = problem.detail;
      }
      if (badLines.length > 0)
        fields.statementCsv = t('reconciliation.badLines', { lines: badLines.join(', ') });
      const whole =
        error.status === 403
          ? t('problems.forbiddenReconciliation')
          : Object.keys(fields).length > 0
            ? undefined
            : t('problems.unexpected', { status: error.status, detail: error.detail ?? error.title });
      showAllProblems(fields, lines, whole);
    } finally {
      setIsSubmitting(false);
    }
  }

  // The statement's field summarises its bad lines; the summary lists each line instead.
  const summaryItems = summaryItemsOf(FIELDS, ids, errors, formError).filter(
    (item) => !(lineProblems.length > 0 && item.fieldId === ids.statementCsv),
  );
  summaryItems.splice(summaryItems.length - (formError ? 1 : 0), 0, ...lineProblems);

  return (
    <div className="fee-page">
      <h1>{t('reconciliation.title')}</h1>
      <p>{t('reconciliation.introduction')}</p>
      <form onSubmit={(event) => void submit(event)} noValidate>
        <ErrorSummary items={summaryItems} summaryRef={summaryRef} />
        <TextField
          id={ids.divisionCode}
          name="divisionCode"
          label={t('reconciliation.divisionCode')}
          hint={t('reconciliation.divisionCodeHint')}
          error={errors.divisionCode}
          value={divisionCode}
          onChange={(event) => setDivisionCode(event.target.value)}
          inputMode="numeric"
          autoComplete="off"
        />
        <TextField
          id={ids.statementDate}
          name="statementDate"
          type="date"
          label={t('reconciliation.statementDate')}
          error={errors.statementDate}
          value={statementDate}
          onChange={(event) => setStatementDate(event.target.value)}
        />
        <FormField
          id={ids.statementCsv}
          label={t('reconciliation.statementCsv')}
          hint={t('reconciliation.statementCsvHint')}
          error={errors.statementCsv}
        >
          <input
            id={ids.statementCsv}
            name="statementCsv"
            type="file"
            accept=".csv,text/csv,text/plain"
            className="form-field__input"
            aria-invalid={errors.statementCsv ? true : undefined}
            aria-describedby={[`${ids.statementCsv}-hint`, errors.statementCsv && `${ids.statementCsv}-error`]
              .filter(Boolean)
              .join(' ')}
            onChange={(event) => void chooseFile(event)}
          />
        </FormField>
        {statement && (
          <p>
            {t('reconciliation.chosen', {
              name: statement.name,
              lines: Math.max(statement.text.trim().split(/\r?\n/).length - 1, 0),
            })}
          </p>
        )}
        <Button type="submit" disabled={isSubmitting}>
          {isSubmitting ? t('reconciliation.submitting') : t('reconciliation.submit')}
        </Button>
      </form>
      <div role="status">{report && <ReconciliationReport report={report} />}</div>
    </div>
  );
}

function ReconciliationReport({ report }: { report: Reconciliation }) {
  const { t } = useTranslation('fees');
  const headingId = useId();
  return (
    <section aria-labelledby={headingId}>
      <h2 id={headingId}>
        {t('reconciliation.report', { division: report.divisionCode, date: report.statementDate })}
      </h2>
      <p className={report.isBalanced ? 'fee-balance fee-balance--balanced' : 'fee-balance'}>
        {report.isBalanced ? t('reconciliation.balanced') : t('reconciliation.notBalanced')}
      </p>
      <DescriptionList
        items={[
          { term: t('outcomes.matched'), description: String(report.totals.matched) },
          { term: t('outcomes.missing'), description: String(report.totals.missing) },
          { term: t('outcomes.unexpected'), description: String(report.totals.unexpected) },
          { term: t('outcomes.amount-differs'), description: String(report.totals.amountDiffers) },
          {
            term: t('reconciliation.sha256'),
            description: <span className="fee-digest">{report.statementSha256}</span>,
          },
        ]}
      />
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a keyboard user must be able to scroll a wide table. */}
      <section className="fee-table" aria-labelledby={`${headingId}-caption`} tabIndex={0}>
        <table>
          <caption id={`${headingId}-caption`}>{t('reconciliation.entries')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('reconciliation.reference')}</th>
              <th scope="col">{t('reconciliation.outcome')}</th>
              <th scope="col">{t('reconciliation.expectedYuan')}</th>
              <th scope="col">{t('reconciliation.statementYuan')}</th>
            </tr>
          </thead>
          <tbody>
            {report.lines.map((line) => (
              <tr key={`${line.reference}/${line.outcome}`}>
                <th scope="row">{line.reference}</th>
                <td>{t(`outcomes.${line.outcome}`)}</td>
                <td>{line.expectedYuan ?? '—'}</td>
                <td>{line.statementYuan ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </section>
  );
}
