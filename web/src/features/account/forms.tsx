import {
  type Dispatch,
  type InputHTMLAttributes,
  type MouseEvent,
  type ReactNode,
  type Ref,
  type SelectHTMLAttributes,
  type SetStateAction,
  useEffect,
  useId,
  useRef,
  useState,
} from 'react';
import { useTranslation } from 'react-i18next';
import type { FieldErrors } from './problems.ts';

export interface SummaryItem {
  /** The id of the field to move to, or undefined for a problem with the form as a whole. */
  fieldId: string | undefined;
  message: string;
}

/**
 * The GOV.UK error summary: above the form, focused after a failed submission so that a screen reader
 * reads it at once, each problem a link that moves to its field.
 */
export function ErrorSummary({
  items,
  summaryRef,
}: {
  items: readonly SummaryItem[];
  summaryRef: Ref<HTMLDivElement>;
}) {
  const { t } = useTranslation('account');
  const titleId = useId();
  if (items.length === 0) return null;

  function moveToField(event: MouseEvent<HTMLAnchorElement>, fieldId: string) {
    const field = document.getElementById(fieldId);
    if (!field) return;
    // The fragment alone would scroll without moving focus into the input in every browser.
    event.preventDefault();
    field.focus();
    field.scrollIntoView({ block: 'center' });
  }

  return (
    <div ref={summaryRef} className="error-summary" tabIndex={-1} aria-labelledby={titleId} role="alert">
      <h2 id={titleId} className="error-summary__title">
        {t('form.errorSummaryTitle')}
      </h2>
      <ul className="error-summary__list">
        {items.map(({ fieldId, message }) => (
          <li key={`${fieldId ?? ''}:${message}`}>
            {fieldId ? (
              <a href={`#${fieldId}`} onClick={(event) => moveToField(event, fieldId)}>
                {message}
              </a>
            ) : (
              message
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}

type TextFieldProps = Omit<
  InputHTMLAttributes<HTMLInputElement>,
  'id' | 'aria-describedby' | 'aria-invalid'
> & {
  id: string;
  label: string;
  hint?: string | undefined;
  error?: string | undefined;
  inputRef?: Ref<HTMLInputElement>;
  describedBy?: string | undefined;
};

/**
 * Label, hint and error above a form control (`children`), whose id is `id`; the control names
 * `${id}-hint` and `${id}-error` in its aria-describedby so that they are read with it.
 */
export function FormField({
  id,
  label,
  hint,
  error,
  children,
}: {
  id: string;
  label: string;
  hint?: string | undefined;
  error?: string | undefined;
  children: ReactNode;
}) {
  return (
    <div className={error ? 'form-field form-field--error' : 'form-field'}>
      <label htmlFor={id} className="form-field__label">
        {label}
      </label>
      {hint && (
        <p id={`${id}-hint`} className="form-field__hint">
          {hint}
        </p>
      )}
      {error && <FieldError id={`${id}-error`} message={error} />}
      {children}
    </div>
  );
}

/** The ids a control's aria-describedby names: its hint and its error where shown, then any others. */
function describedByOf(id: string, hint: string | undefined, error: string | undefined, other?: string) {
  return [hint && `${id}-hint`, error && `${id}-error`, other].filter(Boolean).join(' ') || undefined;
}

/** Label, hint and error above the input, the hint and the error read with it (aria-describedby). */
export function TextField({
  id,
  label,
  hint,
  error,
  inputRef,
  describedBy,
  className,
  ...inputProps
}: TextFieldProps) {
  return (
    <FormField id={id} label={label} hint={hint} error={error}>
      <input
        ref={inputRef}
        id={id}
        className={className ? `form-field__input ${className}` : 'form-field__input'}
        aria-describedby={describedByOf(id, hint, error, describedBy)}
        aria-invalid={error ? true : undefined}
        {...inputProps}
      />
    </FormField>
  );
}

type SelectFieldProps = Omit<SelectHTMLAttributes<HTMLSelectElement>, 'id' | 'aria-describedby'> & {
  id: string;
  label: string;
  hint?: string | undefined;
  error?: string | undefined;
  children: ReactNode;
};

export function SelectField({ id, label, hint, error, children, ...selectProps }: SelectFieldProps) {
  return (
    <FormField id={id} label={label} hint={hint} error={error}>
      <select
        id={id}
        className="form-field__input"
        aria-describedby={describedByOf(id, hint, error)}
        aria-invalid={error ? true : undefined}
        {...selectProps}
      >
        {children}
      </select>
    </FormField>
  );
}

/** The summary items of a form in the order of its fields, then the problem of the form as a whole. */
export function summaryItemsOf<Field extends string>(
  order: readonly Field[],
  ids: Record<Field, string>,
  errors: FieldErrors<Field>,
  formError: string | undefined,
): SummaryItem[] {
  return [
    ...order.flatMap((field) => {
      const message = errors[field];
      return message ? [{ fieldId: ids[field], message }] : [];
    }),
    ...(formError ? [{ fieldId: undefined, message: formError }] : []),
  ];
}

export function FieldError({ id, message }: { id: string; message: string }) {
  const { t } = useTranslation('account');
  return (
    <p id={id} className="form-field__error">
      <span className="visually-hidden">{t('form.errorPrefix')}</span>
      {message}
    </p>
  );
}

/**
 * What each text field of a form takes from the form's state: its id, name, value and error, and a
 * change that updates its value. `textPropsOf(…)('name')` is spread into a TextField.
 */
export function textPropsOf<Values extends Record<string, string>>(
  ids: Record<keyof Values & string, string>,
  values: Values,
  errors: FieldErrors<keyof Values & string>,
  setValues: Dispatch<SetStateAction<Values>>,
) {
  return (field: keyof Values & string) => ({
    id: ids[field],
    name: field,
    value: values[field],
    error: errors[field],
    onChange: (event: { target: { value: string } }) =>
      setValues((previous) => ({ ...previous, [field]: event.target.value })),
  });
}

/** A version-4 UUID: crypto.randomUUID exists only in secure contexts (HTTPS or the loopback). */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * What a form shows after a failed submission: an error per field, one for the form as a whole, and
 * the count of failed attempts. After each one, focus moves to the error summary, which a screen reader
 * then reads (GOV.UK pattern).
 */
export function useFormProblems<Field extends string>() {
  const [errors, setErrors] = useState<FieldErrors<Field>>({});
  const [formError, setFormError] = useState<string | undefined>();
  const [attempt, setAttempt] = useState(0);
  const summaryRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (attempt > 0) summaryRef.current?.focus();
  }, [attempt]);

  function showProblems(fieldErrors: FieldErrors<Field>, other?: string) {
    setErrors(fieldErrors);
    setFormError(other);
    setAttempt((count) => count + 1);
  }

  return { errors, formError, attempt, summaryRef, showProblems };
}
