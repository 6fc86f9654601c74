import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { ApiError } from '../../app/api.ts';
import { useLanguage } from '../../app/languages.ts';
import { usePageTitle } from '../../app/usePageTitle.ts';
import { Button } from '../../ui/Button.tsx';
import { useAccountStatus } from './AccountStatusContext.tsx';
import { changePassword, problemCodes } from './accountApi.ts';
import { ErrorSummary, summaryItemsOf, TextField, textPropsOf, useFormProblems } from './forms.tsx';
import { accountPaths } from './paths.ts';
import {
  type FieldErrors,
  isUnreachable,
  type PasswordField,
  passwordProblems,
  throttledMessage,
} from './problems.ts';
import './account.css';

type Field = 'currentPassword' | 'newPassword';

const fieldIds: Record<Field, string> = {
  currentPassword: 'change-password-current',
  newPassword: 'change-password-new',
};

/** The holder changes their password; their other sessions end, this one stays. */
export function ChangePasswordPage() {
  const { t } = useTranslation('account');
  const language = useLanguage();
  const navigate = useNavigate();
  const { setStatus } = useAccountStatus();
  usePageTitle(t('changePassword.title'));
  const [values, setValues] = useState<Record<Field, string>>({ currentPassword: '', newPassword: '' });
  const { errors, formError, summaryRef, showProblems } = useFormProblems<PasswordField>();
  const [isSubmitting, setIsSubmitting] = useState(false);

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (isSubmitting) return;
    const missing: FieldErrors<Field> = {};
    if (values.currentPassword === '') missing.currentPassword = t('problems.required.currentPassword');
    if (values.newPassword === '') missing.newPassword = t('problems.required.newPassword');
    if (Object.keys(missing).length > 0) {
      showProblems(missing);
      return;
    }
    setIsSubmitting(true);
    try {
      await changePassword(values);
      await navigate(accountPaths.myAccount, { state: { notice: 'passwordChanged' } });
      return;
    } catch (error) {
      if (error instanceof ApiError) {
        if (error.status === 401) {
          setStatus('signed-out');
          await navigate(accountPaths.signIn, { state: { notice: 'sessionEnded' } });
          return;
        }
        if (error.status === 429) {
          showProblems({}, throttledMessage(t, error, language));
        } else if (error.code === problemCodes.invalidPasswordChange) {
          const { fields, other } = passwordProblems(t, error, ['currentPassword', 'newPassword']);
          showProblems(fields, other);
        } else {
          showProblems(
            {},
            t('form.unexpected', { status: error.status, detail: error.detail ?? error.title }),
          );
        }
      } else if (isUnreachable(error)) {
        showProblems({}, t('form.unreachable'));
      }
    }
    setIsSubmitting(false);
  }

  const summaryItems = summaryItemsOf(
    ['currentPassword', 'newPassword'] as const,
    fieldIds,
    errors,
    formError,
  );

  const textProps = textPropsOf(fieldIds, values, errors, setValues);

  return (
    <div className="account-page">
      <ErrorSummary items={summaryItems} summaryRef={summaryRef} />
      <h1>{t('changePassword.title')}</h1>
      <p>{t('changePassword.introduction')}</p>
      <form className="account-form" noValidate onSubmit={handleSubmit}>
        <TextField
          {...textProps('currentPassword')}
          type="password"
          label={t('changePassword.current')}
          autoComplete="current-password"
        />
        <TextField
          {...textProps('newPassword')}
          type="password"
          label={t('changePassword.new')}
          hint={t('register.passwordHint')}
          autoComplete="new-password"
        />
        <div className="account-actions">
          <Button type="submit" className="button--primary" aria-disabled={isSubmitting || undefined}>
            {isSubmitting ? t('changePassword.submitting') : t('changePassword.submit')}
          </Button>
          <Link to={accountPaths.myAccount}>{t('account.cancel')}</Link>
        </div>
      </form>
    </div>
  );
}
