import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../app/api.ts';
import { pickLocalized, useLanguage } from '../../app/languages.ts';
import { usePageTitle } from '../../app/usePageTitle.ts';
import { Button } from '../../ui/Button.tsx';
import {
  ErrorSummary,
  FieldError,
  type FieldErrors,
  summaryItemsOf,
  TextField,
  useFormProblems,
} from '../account/index.ts';
import { DataTable, formProblemsOf, Notice } from './adminForms.tsx';
import {
  changeRole,
  defineRole,
  fetchPermissions,
  fetchRoles,
  type Permission,
  type Role,
} from './administrationApi.ts';

type RoleField = 'code' | 'nameZh' | 'nameEn' | 'permissions';
const fieldOrder: readonly RoleField[] = ['code', 'nameZh', 'nameEn', 'permissions'];
const fieldIds: Record<RoleField, string> = {
  code: 'role-code',
  nameZh: 'role-name-zh',
  nameEn: 'role-name-en',
  permissions: 'role-permissions',
};

type Loaded<T> =
  | { kind: 'loading' }
  | { kind: 'forbidden' }
  | { kind: 'unavailable' }
  | { kind: 'loaded'; items: T };

function loadInto<T>(promise: Promise<T>, set: (loaded: Loaded<T>) => void, signal: AbortSignal) {
  promise.then(
    (items) => set({ kind: 'loaded', items }),
    (error: unknown) => {
      if (signal.aborted) return;
      set({ kind: error instanceof ApiError && error.status === 403 ? 'forbidden' : 'unavailable' });
    },
  );
}

export function RolesPage() {
  const { t } = useTranslation('administration');
  const language = useLanguage();
  usePageTitle(t('roles.title'));
  const [roles, setRoles] = useState<Loaded<readonly Role[]>>({ kind: 'loading' });
  const [permissions, setPermissions] = useState<Loaded<readonly Permission[]>>({ kind: 'loading' });
  const [generation, setGeneration] = useState(0);
  const [notice, setNotice] = useState<string | undefined>();
  const [editing, setEditing] = useState<Role | undefined>();

  // biome-ignore lint/correctness/useExhaustiveDependencies: generation reloads the list after a change.
  useEffect(() => {
    const controller = new AbortController();
    loadInto(fetchRoles(controller.signal), setRoles, controller.signal);
    return () => controller.abort();
  }, [generation]);
  useEffect(() => {
    const controller = new AbortController();
    loadInto(fetchPermissions(controller.signal), setPermissions, controller.signal);
    return () => controller.abort();
  }, []);

  const describe = (permission: Permission) =>
    pickLocalized({ 'zh-CN': permission.descriptionZh, en: permission.descriptionEn }, language);
  const catalogue = permissions.kind === 'loaded' ? permissions.items : [];
  const describeCode = (code: string) => {
    const permission = catalogue.find((candidate) => candidate.code === code);
    return permission ? describe(permission) : code;
  };

  return (
    <div className="admin-page">
      <h1>{t('roles.title')}</h1>
      <p>{t('roles.introduction')}</p>
      <Notice message={notice} />
      <section className="admin-panel" aria-labelledby="roles-list-heading">
        <h2 id="roles-list-heading">{t('roles.tableCaption')}</h2>
        {roles.kind === 'loading' && <p role="status">{t('layout.loading')}</p>}
        {roles.kind === 'forbidden' && <p className="account-alert">{t('roles.rolesForbidden')}</p>}
        {roles.kind === 'unavailable' && <p className="account-alert">{t('layout.unavailable')}</p>}
        {roles.kind === 'loaded' && (
          <DataTable
            caption={t('roles.tableCaption')}
            headings={[
              t('roles.name'),
              t('roles.code'),
              t('roles.kind'),
              t('roles.permissions'),
              t('roles.actions'),
            ]}
          >
            {roles.items.map((role) => (
              <tr key={role.code}>
                <th scope="row">{pickLocalized({ 'zh-CN': role.nameZh, en: role.nameEn }, language)}</th>
                <td>
                  <code>{role.code}</code>
                </td>
                <td>{role.isBuiltIn ? t('roles.builtIn') : t('roles.custom')}</td>
                <td>
                  <ul className="admin-inline-list">
                    {role.permissions.map((code) => (
                      <li key={code}>{describeCode(code)}</li>
                    ))}
                  </ul>
                </td>
                <td>
                  {!role.isBuiltIn && (
                    <Button type="button" onClick={() => setEditing(role)}>
                      {t('roles.edit')}
                      <span className="visually-hidden">
                        {' '}
                        {pickLocalized({ 'zh-CN': role.nameZh, en: role.nameEn }, language)}
                      </span>
                    </Button>
                  )}
                </td>
              </tr>
            ))}
          </DataTable>
        )}
      </section>
      {permissions.kind === 'loaded' && (
        <RoleForm
          key={editing?.code ?? 'new'}
          catalogue={permissions.items}
          describe={describe}
          editing={editing}
          onCancel={() => setEditing(undefined)}
          onSaved={(message) => {
            setNotice(message);
            setEditing(undefined);
            setGeneration((count) => count + 1);
          }}
        />
      )}
    </div>
  );
}

/** Defines a new role, or with `editing` changes a custom role's names and permissions (its code stays). */
function RoleForm({
  catalogue,
  describe,
  editing,
  onCancel,
  onSaved,
}: {
  catalogue: readonly Permission[];
  describe: (permission: Permission) => string;
  editing: Role | undefined;
  onCancel: () => void;
  onSaved: (message: string) => void;
}) {
  const { t } = useTranslation('administration');
  const language = useLanguage();
  const empty = { code: '', nameZh: '', nameEn: '' };
  const [values, setValues] = useState(
    editing ? { code: editing.code, nameZh: editing.nameZh, nameEn: editing.nameEn } : empty,
  );
  const [chosen, setChosen] = useState<readonly string[]>(editing?.permissions ?? []);
  const headingRef = useRef<HTMLHeadingElement>(null);
  // Choosing "edit" in the table moves the reader to the form it filled in.
  useEffect(() => {
    if (editing) headingRef.current?.focus();
  }, [editing]);
  const { errors, formError, summaryRef, showProblems } = useFormProblems<RoleField>();
  const [isSubmitting, setIsSubmitting] = useState(false);
  const labels = { code: t('roles.code'), nameZh: t('roles.nameZh'), nameEn: t('roles.nameEn') };

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (isSubmitting) return;
    const missing: FieldErrors<RoleField> = {};
    for (const field of ['code', 'nameZh', 'nameEn'] as const) {
      if (values[field].trim() === '') missing[field] = t('problems.required', { field: labels[field] });
    }
    if (chosen.length === 0) missing.permissions = t('problems.required', { field: t('roles.permissions') });
    if (Object.keys(missing).length > 0) {
      showProblems(missing);
      return;
    }
    setIsSubmitting(true);
    try {
      const names = { nameZh: values.nameZh.trim(), nameEn: values.nameEn.trim() };
      if (editing) await changeRole(editing.code, { ...names, permissions: chosen });
      else await defineRole({ code: values.code.trim(), ...names, permissions: chosen });
      const name = pickLocalized({ 'zh-CN': names.nameZh, en: names.nameEn }, language);
      onSaved(editing ? t('roles.changed', { name }) : t('roles.defined', { name }));
      setValues(empty);
      setChosen([]);
    } catch (error) {
      const { fields, other } = formProblemsOf(t, error, fieldOrder);
      showProblems(fields, other);
    } finally {
      setIsSubmitting(false);
    }
  }

  const textProps = (field: Exclude<RoleField, 'permissions'>) => ({
    id: fieldIds[field],
    name: field,
    label: labels[field],
    value: values[field],
    error: errors[field],
    autoComplete: 'off',
    onChange: (event: { target: { value: string } }) =>
      setValues((previous) => ({ ...previous, [field]: event.target.value })),
  });

  return (
    <section className="admin-panel" aria-labelledby="role-form-heading">
      <ErrorSummary items={summaryItemsOf(fieldOrder, fieldIds, errors, formError)} summaryRef={summaryRef} />
      <h2 id="role-form-heading" ref={headingRef} tabIndex={-1}>
        {editing ? t('roles.changeHeading', { code: editing.code }) : t('roles.defineHeading')}
      </h2>
      <form className="account-form" noValidate onSubmit={handleSubmit}>
        <TextField
          {...textProps('code')}
          hint={editing ? t('roles.codeFixed') : t('roles.codeHint')}
          readOnly={editing !== undefined}
          spellCheck={false}
          autoCapitalize="off"
        />
        <TextField {...textProps('nameZh')} />
        <TextField {...textProps('nameEn')} />
        <fieldset
          className={errors.permissions ? 'form-field form-field--error' : 'form-field'}
          aria-describedby={`${fieldIds.permissions}-hint`}
        >
          <legend className="form-field__label">{t('roles.choosePermissions')}</legend>
          <p id={`${fieldIds.permissions}-hint`} className="form-field__hint">
            {t('roles.choosePermissionsHint')}
          </p>
          {errors.permissions && (
            <FieldError id={`${fieldIds.permissions}-error`} message={errors.permissions} />
          )}
          {catalogue.map((permission, index) => (
            <div className="choice" key={permission.code}>
              <input
                id={index === 0 ? fieldIds.permissions : `${fieldIds.permissions}-${permission.code}`}
                className="choice__input"
                type="checkbox"
                checked={chosen.includes(permission.code)}
                onChange={(event) =>
                  setChosen((previous) =>
                    event.target.checked
                      ? [...previous, permission.code]
                      : previous.filter((code) => code !== permission.code),
                  )
                }
              />
              <label
                htmlFor={index === 0 ? fieldIds.permissions : `${fieldIds.permissions}-${permission.code}`}
                className="choice__label"
              >
                {describe(permission)} <code>{permission.code}</code>
              </label>
            </div>
          ))}
        </fieldset>
        <div>
          <Button type="submit" className="button--primary" aria-disabled={isSubmitting || undefined}>
            {editing ? t('roles.saveChange') : t('roles.define')}
          </Button>
          {editing && (
            <Button type="button" onClick={onCancel}>
              {t('roles.cancelChange')}
            </Button>
          )}
        </div>
      </form>
    </section>
  );
}
