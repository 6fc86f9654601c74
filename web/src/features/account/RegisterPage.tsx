import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { ApiError } from '../../app/api.ts';
import { usePageTitle } from '../../app/usePageTitle.ts';
import { Button } from '../../ui/Button.tsx';
import { type DivisionMatch, register } from './accountApi.ts';
import { DivisionField } from './DivisionField.tsx';
import {
  ErrorSummary,
  FieldError,
  newIdempotencyKey,
  summaryItemsOf,
  TextField,
  textPropsOf,
  useFormProblems,
} from './forms.tsx';
import { accountPaths } from './paths.ts';
import { type FieldErrors, isUnreachable, type RegistrationField, registrationProblems } from './problems.ts';
import './account.css';

type TextFields = 'name' | 'residentId' | 'phone' | 'password';

/** Field order: the summary lists problems in the order the reader meets the fields. */
const fieldOrder: readonly RegistrationField[] = [
  'name',
  'residentId',
  'phone',
  'password',
  'divisionCode',
  'declaration',
];

const fieldIds: Record<RegistrationField, string> = {
  name: 'register-name',
  residentId: 'register-resident-id',
  phone: 'register-phone',
  password: 'register-password',
  divisionCode: 'register-division',
  declaration: 'register-declaration',
};

export function RegisterPage() {
  const { t } = useTranslation('account');
  const navigate = useNavigate();
  usePageTitle(t('register.title'));
  // One key per form fill: a retry after a lost answer is recognised and never registers twice.
  const [idempotencyKey] = useState(newIdempotencyKey);
  const [values, setValues] = useState<Record<TextFields, string>>({
    name: '',
    residentId: '',
    phone: '',
    password: '',
  });
  const [division, setDivision] = useState<DivisionMatch | null>(null);
  const [isDeclared, setIsDeclared] = useState(false);
  const [isPasswordShown, setIsPasswordShown] = useState(false);
  const { errors, formError, summaryRef, showProblems } = useFormProblems<RegistrationField>();
  const [isSubmitting, setIsSubmitting] = useState(false);

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (isSubmitting) return;
    const missing: FieldErrors<RegistrationField> = {};
    for (const field of ['name', 'residentId', 'phone', 'password'] as const) {
      if (values[field].trim() === '') missing[field] = t(`problems.required.${field}`);
    }
    if (!division) missing.divisionCode = t('problems.required.divisionCode');
    if (!isDeclared) missing.declaration = t('problems.required.declaration');
    if (Object.keys(missing).length > 0 || !division) {
      showProblems(missing);
      return;
    }
    setIsSubmitting(true);
    try {
      await register(
        {
          name: values.name.trim(),
          residentId: values.residentId.trim(),
          phone: values.phone.trim(),
          password: values.password,
          divisionCode: division.code,
        },
        idempotencyKey,
      );
      await navigate(accountPaths.signIn, { state: { notice: 'registered' } });
    } catch (error) {
      if (error instanceof ApiError) {
        const { fields, other } = registrationProblems(t, error);
        showProblems(fields, other);
      } else if (isUnreachable(error)) {
        showProblems({}, t('form.unreachable'));
      }
    } finally {
      setIsSubmitting(false);
    }
  }

  const summaryItems = summaryItemsOf(fieldOrder, fieldIds, errors, formError);

  const textProps = textPropsOf(fieldIds, values, errors, setValues);

  return (
    <div className="account-page">
      <ErrorSummary items={summaryItems} summaryRef={summaryRef} />
      <h1>{t('register.title')}</h1>
      <p>{t('register.introduction')}</p>
      <p>
        {t('register.haveAccount')} <Link to={accountPaths.signIn}>{t('register.signInInstead')}</Link>
      </p>
      <form className="account-form" noValidate onSubmit={handleSubmit}>
        <TextField
          {...textProps('name')}
          label={t('register.name')}
          hint={t('register.nameHint')}
          autoComplete="name"
          spellCheck={false}
        />
        <TextField
          {...textProps('residentId')}
          label={t('register.residentId')}
          hint={t('register.residentIdHint')}
          autoComplete="off"
          spellCheck={false}
          autoCapitalize="characters"
          className="form-field__input--medium"
        />
        <TextField
          {...textProps('phone')}
          label={t('register.phone')}
          hint={t('register.phoneHint')}
          type="tel"
          inputMode="tel"
          autoComplete="tel-national"
          className="form-field__input--medium"
        />
        <div className="password-field">
          <TextField
            {...textProps('password')}
            label={t('register.password')}
            hint={t('register.passwordHint')}
            type={isPasswordShown ? 'text' : 'password'}
            autoComplete="new-password"
            spellCheck={false}
            autoCapitalize="off"
          />
          <div className="choice">
            <input
              id="register-show-password"
              className="choice__input"
              type="checkbox"
              checked={isPasswordShown}
              onChange={(event) => setIsPasswordShown(event.target.checked)}
            />
            <label htmlFor="register-show-password" className="choice__label">
              {t('register.showPassword')}
            </label>
          </div>
        </div>
        <DivisionField
          id={fieldIds.divisionCode}
          chosen={division}
          onChoose={setDivision}
          error={errors.divisionCode}
        />
        <fieldset
          className={errors.declaration ? 'form-field form-field--error' : 'form-field'}
          aria-describedby={errors.declaration ? `${fieldIds.declaration}-error` : undefined}
        >
          <legend className="form-field__label">{t('register.declarationLegend')}</legend>
          {errors.declaration && (
            <FieldError id={`${fieldIds.declaration}-error`} message={errors.declaration} />
          )}
          <div className="choice">
            <input
              id={fieldIds.declaration}
              className="choice__input"
              type="checkbox"
              name="declaration"
              checked={isDeclared}
              onChange={(event) => setIsDeclared(event.target.checked)}
              aria-describedby={errors.declaration ? `${fieldIds.declaration}-error` : undefined}
              aria-invalid={errors.declaration ? true : undefined}
            />
            <label htmlFor={fieldIds.declaration} className="choice__label">
              {t('register.declaration')}
            </label>
          </div>
        </fieldset>
        <div>
          <Button type="submit" className="button--primary" aria-disabled={isSubmitting || undefined}>
            {isSubmitting ? t('register.submitting') : t('register.submit')}
          </Button>
        </div>
      </form>
    </div>
  );
}
