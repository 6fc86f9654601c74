import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../app/api.ts';
import { useLanguage } from '../../app/languages.ts';
import { Button } from '../../ui/Button.tsx';
import {
  ErrorSummary,
  type FieldErrors,
  fieldOfPointer,
  SelectField,
  summaryItemsOf,
  TextField,
  useFormProblems,
} from '../account/index.ts';
import { type DayKind, removeCalendarDay, saveCalendarDay } from './calendarApi.ts';
import { type DayStatus, isWeekend } from './calendarDays.ts';
import { type CalendarT, dayName, fullDate, problemMessage } from './words.ts';

type Field = 'kind' | 'nameZh' | 'nameEn' | 'notice';
const FIELDS: readonly Field[] = ['kind', 'nameZh', 'nameEn', 'notice'];
const idOf = (field: Field) => `calendar-editor-${field}`;
const IDS = Object.fromEntries(FIELDS.map((field) => [field, idOf(field)])) as Record<Field, string>;

/** Field errors from the server by form field; what names no field goes to the summary alone. */
function serverProblems(t: CalendarT, error: unknown): { fields: FieldErrors<Field>; other?: string } {
  if (error instanceof ApiError && error.code === 'platform.calendar-workday-on-weekday')
    return { fields: { kind: t('problems.workdayOnWeekday') } };
  const fields: FieldErrors<Field> = {};
  if (error instanceof ApiError) {
    for (const problem of error.errors) {
      const field = fieldOfPointer(problem.pointer) as Field;
      if (FIELDS.includes(field)) fields[field] ??= problem.detail;
    }
  }
  return Object.keys(fields).length > 0 ? { fields } : { fields: {}, other: problemMessage(t, error) };
}

/**
 * Makes one day a holiday or a make-up working day, corrects it, or returns it to the ordinary week.
 * Its heading takes focus when it opens; closing returns focus to the day in the grid.
 */
export function DayEditor({
  date,
  status,
  onClose,
}: {
  date: string;
  status: DayStatus;
  onClose: (message?: string) => void;
}) {
  const { t } = useTranslation('calendar');
  const language = useLanguage();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const weekend = isWeekend(date);
  const [values, setValues] = useState({
    kind: status.override?.kind ?? ((weekend ? 'workday' : 'holiday') as DayKind),
    nameZh: status.override?.nameZh ?? '',
    nameEn: status.override?.nameEn ?? '',
    notice: status.override?.notice ?? '',
  });
  const [isBusy, setIsBusy] = useState(false);
  const { errors, formError, summaryRef, showProblems } = useFormProblems<Field>();
  const dateText = fullDate(date, language);

  useEffect(() => headingRef.current?.focus(), []);

  const text = (field: Exclude<Field, 'kind'>) => ({
    id: idOf(field),
    name: field,
    value: values[field],
    error: errors[field],
    onChange: (event: { target: { value: string } }) => setValues({ ...values, [field]: event.target.value }),
  });

  async function save(event: FormEvent) {
    event.preventDefault();
    if (isBusy) return;
    const problems: FieldErrors<Field> = {};
    if (values.kind === 'workday' && !weekend) problems.kind = t('problems.workdayOnWeekday');
    if (!values.nameZh.trim()) problems.nameZh = t('problems.nameZhRequired');
    if (!values.nameEn.trim()) problems.nameEn = t('problems.nameEnRequired');
    if (!values.notice.trim()) problems.notice = t('problems.noticeBlank');
    if (Object.keys(problems).length > 0) {
      showProblems(problems);
      return;
    }
    setIsBusy(true);
    try {
      await saveCalendarDay(date, {
        kind: values.kind,
        nameZh: values.nameZh.trim(),
        nameEn: values.nameEn.trim(),
        notice: values.notice.trim(),
      });
      onClose(t('saved', { date: dateText }));
    } catch (error) {
      const { fields, other } = serverProblems(t, error);
      showProblems(fields, other);
      setIsBusy(false);
    }
  }

  async function remove() {
    if (isBusy) return;
    setIsBusy(true);
    try {
      await removeCalendarDay(date);
      onClose(t('removed', { date: dateText }));
    } catch (error) {
      showProblems({}, problemMessage(t, error));
      setIsBusy(false);
    }
  }

  return (
    <section className="admin-panel calendar-editor" aria-labelledby="calendar-editor-heading">
      <ErrorSummary items={summaryItemsOf(FIELDS, IDS, errors, formError)} summaryRef={summaryRef} />
      <h2 id="calendar-editor-heading" ref={headingRef} tabIndex={-1}>
        {t('editHeading', { date: dateText })}
      </h2>
      <p>
        {t(`editCurrent.${status.kind}`, {
          name: status.override ? dayName(status.override, language) : '',
          notice: status.override?.notice ?? '',
        })}
      </p>
      <form className="account-form" noValidate onSubmit={(event) => void save(event)}>
        <SelectField
          id={idOf('kind')}
          name="kind"
          label={t('kind')}
          error={errors.kind}
          value={values.kind}
          onChange={(event) => setValues({ ...values, kind: event.target.value as DayKind })}
        >
          <option value="holiday">{t('kinds.holiday')}</option>
          <option value="workday">{t('kinds.workday')}</option>
        </SelectField>
        <TextField
          {...text('nameZh')}
          label={t('nameZh')}
          hint={t('nameZhHint')}
          maxLength={40}
          lang="zh-CN"
        />
        <TextField {...text('nameEn')} label={t('nameEn')} hint={t('nameEnHint')} maxLength={80} lang="en" />
        <TextField {...text('notice')} label={t('notice')} hint={t('noticeHint')} maxLength={200} />
        <div className="account-actions">
          <Button type="submit" aria-disabled={isBusy || undefined}>
            {isBusy ? t('saving') : t('save')}
          </Button>
          {status.override && (
            <Button
              className="button--danger"
              onClick={() => void remove()}
              aria-disabled={isBusy || undefined}
            >
              {t('remove')}
            </Button>
          )}
          <Button onClick={() => onClose()}>{t('cancel')}</Button>
        </div>
      </form>
    </section>
  );
}
