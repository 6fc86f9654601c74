import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../app/api.ts';
import { Button } from '../../ui/Button.tsx';
import { ErrorSummary, summaryItemsOf, TextField, useFormProblems } from '../account/index.ts';
import { focusSoon } from '../administration/index.ts';
import { type CalendarYear, problemCodes, publishCalendarYear } from './calendarApi.ts';
import { problemMessage } from './words.ts';

const NOTICE_ID = 'calendar-publication-notice';

/**
 * Whether the year is published, and the one action that changes it: publishing names the notice,
 * withdrawing makes the year's limits provisional again.
 */
export function PublicationPanel({
  calendar,
  onChanged,
}: {
  calendar: CalendarYear;
  onChanged: (message: string) => void;
}) {
  const { t } = useTranslation('calendar');
  const [notice, setNotice] = useState(calendar.notice ?? '');
  const [isBusy, setIsBusy] = useState(false);
  const { errors, formError, summaryRef, showProblems } = useFormProblems<'notice'>();

  async function change(isPublished: boolean) {
    setIsBusy(true);
    try {
      await publishCalendarYear(
        calendar.year,
        isPublished ? { isPublished, notice: notice.trim() } : { isPublished },
      );
      onChanged(t(isPublished ? 'publishedNotice' : 'withdrawnNotice', { year: calendar.year }));
      // The button pressed gives way to the other action: focus goes to the year it changed.
      focusSoon('calendar-year-heading');
    } catch (error) {
      if (error instanceof ApiError && error.code === problemCodes.noticeRequired)
        showProblems({ notice: t('problems.noticeRequired') });
      else showProblems({}, problemMessage(t, error));
    }
    setIsBusy(false);
  }

  function publish(event: FormEvent) {
    event.preventDefault();
    if (isBusy) return;
    if (!notice.trim()) {
      showProblems({ notice: t('problems.noticeRequired') });
      return;
    }
    void change(true);
  }

  return (
    <section className="admin-panel calendar-publication" aria-labelledby="calendar-publication-heading">
      <ErrorSummary
        items={summaryItemsOf(['notice'] as const, { notice: NOTICE_ID }, errors, formError)}
        summaryRef={summaryRef}
      />
      <h2 id="calendar-publication-heading" className="visually-hidden">
        {t('publishHeading')}
      </h2>
      {calendar.isPublished ? (
        <>
          <p className="calendar-status calendar-status--published">
            {t('published', { notice: calendar.notice ?? '' })}
          </p>
          <div className="account-actions">
            <Button onClick={() => void change(false)} aria-disabled={isBusy || undefined}>
              {t('withdraw')}
            </Button>
          </div>
        </>
      ) : (
        <>
          <p className="calendar-status calendar-status--provisional">{t('notPublished')}</p>
          <form className="account-form" noValidate onSubmit={publish}>
            <TextField
              id={NOTICE_ID}
              name="notice"
              label={t('notice')}
              hint={`${t('publishHint')} ${t('noticeHint')}`}
              error={errors.notice}
              value={notice}
              onChange={(event) => setNotice(event.target.value)}
              maxLength={200}
            />
            <div className="account-actions">
              <Button type="submit" aria-disabled={isBusy || undefined}>
                {t('publish')}
              </Button>
            </div>
          </form>
        </>
      )}
    </section>
  );
}
