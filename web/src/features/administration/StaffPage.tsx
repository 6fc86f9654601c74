import { type FormEvent, useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { usePageTitle } from '../../app/usePageTitle.ts';
import { Button } from '../../ui/Button.tsx';
import {
  ErrorSummary,
  type FieldErrors,
  summaryItemsOf,
  TextField,
  useFormProblems,
} from '../account/index.ts';
import {
  formProblemsOf,
  Notice,
  OrganisationSelect,
  PagedTable,
  ReasonConfirmation,
  usePagedList,
} from './adminForms.tsx';
import {
  type AccountSummary,
  createStaffAccount,
  disableAccount,
  fetchAccounts,
} from './administrationApi.ts';
import { focusSoon } from './paths.ts';
import { useActiveDepartments } from './useOptions.ts';

type StaffField = 'organisationId' | 'name' | 'residentId' | 'phone' | 'password';
const fieldOrder: readonly StaffField[] = ['organisationId', 'name', 'residentId', 'phone', 'password'];
const fieldIds: Record<StaffField, string> = {
  organisationId: 'staff-organisation',
  name: 'staff-name',
  residentId: 'staff-resident-id',
  phone: 'staff-phone',
  password: 'staff-password',
};

export function StaffPage() {
  const { t } = useTranslation('administration');
  usePageTitle(t('staff.title'));
  const departments = useActiveDepartments();
  const [department, setDepartment] = useState('');
  const [notice, setNotice] = useState<string | undefined>();
  const [disabling, setDisabling] = useState<AccountSummary | undefined>();
  const fetchPage = useCallback(
    (cursor: string | undefined, signal?: AbortSignal) =>
      fetchAccounts({ kind: 'staff', organisationId: department || undefined, cursor }, signal),
    [department],
  );
  const { listing, loadMore, reload } = usePagedList(fetchPage);

  return (
    <div className="admin-page">
      <h1>{t('staff.title')}</h1>
      <p>{t('staff.introduction')}</p>
      <Notice message={notice} />
      <section className="admin-panel" aria-labelledby="staff-list-heading">
        <h2 id="staff-list-heading">{t('staff.tableCaption')}</h2>
        <OrganisationSelect
          id="staff-filter-department"
          label={t('staff.filterDepartment')}
          value={department}
          onChange={(event) => setDepartment(event.target.value)}
          organisations={departments}
          noneLabel={t('staff.allDepartments')}
        />
        <PagedTable
          listing={listing}
          caption={t('staff.tableCaption')}
          headings={[
            t('staff.name'),
            t('staff.department'),
            t('staff.division'),
            t('staff.status'),
            t('staff.secondFactor'),
            t('staff.accountId'),
            t('staff.actions'),
          ]}
          onLoadMore={() => void loadMore()}
          row={(account) => (
            <tr key={account.id}>
              <th scope="row">{account.maskedName ?? '—'}</th>
              <td>{account.organisationName ?? '—'}</td>
              <td>{account.divisionName}</td>
              <td>{t(`staff.statuses.${account.status}`)}</td>
              <td>{account.hasSecondFactor ? t('staff.enrolled') : t('staff.notEnrolled')}</td>
              <td>
                <code className="admin-id">{account.id}</code>
              </td>
              <td>
                {account.status === 'active' && (
                  <Button id={`disable-${account.id}`} onClick={() => setDisabling(account)}>
                    {t('staff.disable')}
                    <span className="visually-hidden"> {account.maskedName ?? account.id}</span>
                  </Button>
                )}
              </td>
            </tr>
          )}
        />
      </section>
      {disabling && (
        <ReasonConfirmation
          id="disable-account"
          heading={t('staff.disableHeading', { name: disabling.maskedName ?? disabling.id })}
          confirmLabel={t('staff.disableConfirm')}
          onCancel={() => {
            focusSoon(`disable-${disabling.id}`);
            setDisabling(undefined);
          }}
          onConfirm={async (reason) => {
            await disableAccount(disabling.id, reason);
            setNotice(t('staff.disabled', { name: disabling.maskedName ?? disabling.id }));
            setDisabling(undefined);
            reload();
            focusSoon('staff-list-heading');
          }}
        />
      )}
      <StaffForm
        departments={departments}
        onCreated={(message) => {
          setNotice(message);
          reload();
        }}
      />
    </div>
  );
}

function StaffForm({
  departments,
  onCreated,
}: {
  departments: ReturnType<typeof useActiveDepartments>;
  onCreated: (message: string) => void;
}) {
  const { t } = useTranslation('administration');
  const empty = { organisationId: '', name: '', residentId: '', phone: '', password: '' };
  const [values, setValues] = useState<Record<StaffField, string>>(empty);
  const { errors, formError, summaryRef, showProblems } = useFormProblems<StaffField>();
  const [isSubmitting, setIsSubmitting] = useState(false);
  const labels: Record<StaffField, string> = {
    organisationId: t('staff.organisation'),
    name: t('staff.personName'),
    residentId: t('staff.residentId'),
    phone: t('staff.phone'),
    password: t('staff.password'),
  };

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (isSubmitting) return;
    const missing: FieldErrors<StaffField> = {};
    for (const field of fieldOrder) {
      if (values[field].trim() === '') missing[field] = t('problems.required', { field: labels[field] });
    }
    if (Object.keys(missing).length > 0) {
      showProblems(missing);
      return;
    }
    setIsSubmitting(true);
    try {
      const created = await createStaffAccount({
        organisationId: values.organisationId,
        name: values.name.trim(),
        residentId: values.residentId.trim(),
        phone: values.phone.trim(),
        password: values.password,
      });
      onCreated(t('staff.created', { name: created.person.maskedName }));
      setValues(empty);
    } catch (error) {
      const { fields, other } = formProblemsOf(t, error, fieldOrder);
      showProblems(fields, other);
    } finally {
      setIsSubmitting(false);
    }
  }

  const textProps = (field: Exclude<StaffField, 'organisationId'>) => ({
    id: fieldIds[field],
    name: field,
    label: labels[field],
    value: values[field],
    error: errors[field],
    autoComplete: 'off',
    spellCheck: false,
    onChange: (event: { target: { value: string } }) =>
      setValues((previous) => ({ ...previous, [field]: event.target.value })),
  });

  return (
    <section className="admin-panel" aria-labelledby="staff-form-heading">
      <ErrorSummary items={summaryItemsOf(fieldOrder, fieldIds, errors, formError)} summaryRef={summaryRef} />
      <h2 id="staff-form-heading">{t('staff.createHeading')}</h2>
      <p>{t('staff.createIntroduction')}</p>
      <form className="account-form" noValidate onSubmit={handleSubmit}>
        <OrganisationSelect
          id={fieldIds.organisationId}
          label={labels.organisationId}
          error={errors.organisationId}
          value={values.organisationId}
          onChange={(event) => setValues((previous) => ({ ...previous, organisationId: event.target.value }))}
          organisations={departments}
          noneLabel={t('staff.chooseDepartment')}
        />
        <TextField {...textProps('name')} />
        <TextField {...textProps('residentId')} className="form-field__input--medium" />
        <TextField {...textProps('phone')} type="tel" inputMode="tel" className="form-field__input--medium" />
        <TextField
          {...textProps('password')}
          type="password"
          autoComplete="new-password"
          hint={t('staff.passwordHint')}
        />
        <div>
          <Button type="submit" className="button--primary" aria-disabled={isSubmitting || undefined}>
            {t('staff.create')}
          </Button>
        </div>
      </form>
    </section>
  );
}
