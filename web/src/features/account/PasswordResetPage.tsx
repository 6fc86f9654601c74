import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { ApiError } from '../../app/api.ts';
import { useLanguage } from '../../app/languages.ts';
import { usePageTitle } from '../../app/usePageTitle.ts';
import { Button } from '../../ui/Button.tsx';
import { useAccountStatus } from './AccountStatusContext.tsx';
import { completePasswordReset, problemCodes } from './accountApi.ts';
import { ErrorSummary, summaryItemsOf, TextField, useFormProblems } from './forms.tsx';
import { accountPaths } from './paths.ts';
import {
  type FieldErrors,
  isUnreachable,
  type PasswordField,
  passwordProblems,
  throttledMessage,
} from './problems.ts';
import './account.css';

type Field = 'code' | 'newPassword';

const fieldIds: Record<Field, string> = {
  code: 'password-reset-code',
  newPassword: 'password-reset-new',
};

/** Setting a new password with the one-time code a service desk gave after checking who the holder is. */
export function PasswordResetPage() {
  const { t } = useTranslation('account');
  const language = useLanguage();
  const navigate = useNavigate();
  const { setStatus } = useAccountStatus();
  usePageTitle(t('passwordReset.title'));
  const [values, setValues] = useState<Record<Field, string>>({ code: '', newPassword: '' });
  const { errors, formError, summaryRef, showProblems } = useFormProblems<PasswordField>();
  const [isSubmitting, setIsSubmitting] = useState(false);

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (isSubmitting) return;
    const missing: FieldErrors<Field> = {};
    if (values.code.trim() === '') missing.code = t('problems.required.resetCode');
    if (values.newPassword === '') missing.newPassword = t('problems.required.newPassword');
    if (Object.keys(missing).length > 0) {
      showProblems(missing);
      return;
    }
    setIsSubmitting(true);
    try {
      await completePasswordReset({ code: values.code.trim(), newPassword: values.newPassword });
      // Every session of the account ended, this browser's too if it had one.
      setStatus('signed-out');
      await navigate(accountPaths.signIn, { state: { notice: 'passwordReset' } });
      return;
    } catch (error) {
      if (error instanceof ApiError) {
        if (error.status === 429) {
          showProblems({}, throttledMessage(t, error, language));
        } else if (
          error.code === problemCodes.invalidPasswordChange ||
          error.code === problemCodes.resetCodeInvalid
        ) {
          const { fields, other } = passwordProblems(t, error, ['code', 'newPassword']);
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

  const summaryItems = summaryItemsOf(['code', 'newPassword'] as const, fieldIds, errors, formError);

  const onChange = (field: Field) => (event: { target: { value: string } }) =>
    setValues((previous) => ({ ...previous, [field]: event.target.value }));

  return (
    <div className="account-page">
      <ErrorSummary items={summaryItems} summaryRef={summaryRef} />
      <h1>{t('passwordReset.title')}</h1>
      <p>{t('passwordReset.introduction')}</p>
      <form className="account-form" noValidate onSubmit={handleSubmit}>
        <TextField
          id={fieldIds.code}
          name="code"
          label={t('passwordReset.code')}
          hint={t('passwordReset.codeHint')}
          value={values.code}
          error={errors.code}
          onChange={onChange('code')}
          autoComplete="off"
          spellCheck={false}
          autoCapitalize="characters"
          className="form-field__input--medium"
        />
        <TextField
          id={fieldIds.newPassword}
          name="newPassword"
          type="password"
          label={t('changePassword.new')}
          hint={t('register.passwordHint')}
          value={values.newPassword}
          error={errors.newPassword}
          onChange={onChange('newPassword')}
          autoComplete="new-password"
        />
        <div>
          <Button type="submit" className="button--primary" aria-disabled={isSubmitting || undefined}>
            {isSubmitting ? t('changePassword.submitting') : t('passwordReset.submit')}
          </Button>
        </div>
      </form>
    </div>
  );
}
