import { type FormEvent, useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatCalendarDate } from '../../app/format.ts';
import { pickLocalized, useLanguage } from '../../app/languages.ts';
import { usePageTitle } from '../../app/usePageTitle.ts';
import { Button } from '../../ui/Button.tsx';
import {
  ErrorSummary,
  type FieldErrors,
  SelectField,
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
import { fetchGrants, type GrantSummary, grantRole, revokeGrant } from './administrationApi.ts';
import { DivisionPicker, type PickedDivision } from './DivisionPicker.tsx';
import { focusSoon } from './paths.ts';
import { useActiveOrganisations, useRoles, useStaffAccounts } from './useOptions.ts';

type GrantField = 'accountId' | 'roleCode' | 'divisionCode' | 'organisationId' | 'expiresAt' | 'reason';
const fieldOrder: readonly GrantField[] = [
  'accountId',
  'roleCode',
  'divisionCode',
  'organisationId',
  'expiresAt',
  'reason',
];
const fieldIds: Record<GrantField, string> = {
  accountId: 'grant-account',
  roleCode: 'grant-role',
  divisionCode: 'grant-division',
  organisationId: 'grant-organisation',
  expiresAt: 'grant-expires',
  reason: 'grant-reason',
};

export function GrantsPage() {
  const { t } = useTranslation('administration');
  const language = useLanguage();
  usePageTitle(t('grants.title'));
  const [includeInactive, setIncludeInactive] = useState(false);
  const [notice, setNotice] = useState<string | undefined>();
  const [revoking, setRevoking] = useState<GrantSummary | undefined>();
  const fetchPage = useCallback(
    (cursor: string | undefined, signal?: AbortSignal) =>
      fetchGrants({ includeInactive: includeInactive || undefined, cursor }, signal),
    [includeInactive],
  );
  const { listing, loadMore, reload } = usePagedList(fetchPage);
  const roleName = (grant: GrantSummary) =>
    pickLocalized({ 'zh-CN': grant.roleNameZh, en: grant.roleNameEn }, language);

  return (
    <div className="admin-page">
      <h1>{t('grants.title')}</h1>
      <p>{t('grants.introduction')}</p>
      <Notice message={notice} />
      <section className="admin-panel" aria-labelledby="grants-list-heading">
        <h2 id="grants-list-heading">{t('grants.tableCaption')}</h2>
        <div className="choice">
          <input
            id="grants-include-inactive"
            className="choice__input"
            type="checkbox"
            checked={includeInactive}
            onChange={(event) => setIncludeInactive(event.target.checked)}
          />
          <label htmlFor="grants-include-inactive" className="choice__label">
            {t('grants.includeInactive')}
          </label>
        </div>
        <PagedTable
          listing={listing}
          caption={t('grants.tableCaption')}
          headings={[
            t('grants.holder'),
            t('grants.role'),
            t('grants.scope'),
            t('grants.department'),
            t('grants.expires'),
            t('grants.status'),
            t('grants.actions'),
          ]}
          onLoadMore={() => void loadMore()}
          row={(grant) => (
            <tr key={grant.id} data-testid="grant-row">
              <th scope="row">
                {grant.maskedName ?? '—'}
                <span className="admin-id">{grant.accountId.slice(0, 8)}</span>
              </th>
              <td>{roleName(grant)}</td>
              <td>{grant.divisionName}</td>
              <td>{grant.organisationName ?? t('grants.anyDepartment')}</td>
              <td>
                {grant.expiresAt ? (
                  <time dateTime={grant.expiresAt}>{formatCalendarDate(grant.expiresAt, language)}</time>
                ) : (
                  t('grants.never')
                )}
              </td>
              <td>{t(`grants.statuses.${grant.status}`)}</td>
              <td>
                {grant.status === 'active' && (
                  <Button id={`revoke-${grant.id}`} onClick={() => setRevoking(grant)}>
                    {t('grants.revoke')}
                    <span className="visually-hidden">
                      {' '}
                      {grant.maskedName ?? ''} {roleName(grant)}
                    </span>
                  </Button>
                )}
              </td>
            </tr>
          )}
        />
      </section>
      {revoking && (
        <ReasonConfirmation
          id="revoke-grant"
          heading={t('grants.revokeHeading', { name: revoking.maskedName ?? '', role: roleName(revoking) })}
          confirmLabel={t('grants.revokeConfirm')}
          onCancel={() => {
            focusSoon(`revoke-${revoking.id}`);
            setRevoking(undefined);
          }}
          onConfirm={async (reason) => {
            await revokeGrant(revoking.id, reason);
            setRevoking(undefined);
            setNotice(t('grants.revoked'));
            reload();
            focusSoon('grants-list-heading');
          }}
        />
      )}
      <GrantForm
        onGranted={(message) => {
          setNotice(message);
          reload();
        }}
      />
    </div>
  );
}

function GrantForm({ onGranted }: { onGranted: (message: string) => void }) {
  const { t } = useTranslation('administration');
  const language = useLanguage();
  const accounts = useStaffAccounts();
  const roles = useRoles();
  const organisations = useActiveOrganisations();
  const [values, setValues] = useState({
    accountId: '',
    roleCode: '',
    organisationId: '',
    expiresAt: '',
    reason: '',
  });
  const [division, setDivision] = useState<PickedDivision | null>(null);
  const { errors, formError, summaryRef, showProblems } = useFormProblems<GrantField>();
  const [isSubmitting, setIsSubmitting] = useState(false);

  const set = (field: keyof typeof values) => (event: { target: { value: string } }) =>
    setValues((previous) => ({ ...previous, [field]: event.target.value }));

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (isSubmitting) return;
    const missing: FieldErrors<GrantField> = {};
    if (!values.accountId) missing.accountId = t('problems.required', { field: t('grants.account') });
    if (!values.roleCode) missing.roleCode = t('problems.required', { field: t('grants.role') });
    if (!division) missing.divisionCode = t('problems.required', { field: t('picker.label') });
    if (values.reason.trim().length < 2) missing.reason = t('problems.reasonShort');
    if (Object.keys(missing).length > 0 || !division) {
      showProblems(missing);
      return;
    }
    setIsSubmitting(true);
    try {
      await grantRole({
        accountId: values.accountId,
        roleCode: values.roleCode,
        divisionCode: division.code,
        ...(values.organisationId ? { organisationId: values.organisationId } : {}),
        ...(values.expiresAt ? { expiresAt: new Date(`${values.expiresAt}T00:00:00`).toISOString() } : {}),
        reason: values.reason.trim(),
      });
      const account = accounts.find((candidate) => candidate.id === values.accountId);
      const role = roles.find((candidate) => candidate.code === values.roleCode);
      onGranted(
        t('grants.granted', {
          role: role ? pickLocalized({ 'zh-CN': role.nameZh, en: role.nameEn }, language) : values.roleCode,
          name: account?.maskedName ?? values.accountId,
          scope: division.fullName,
        }),
      );
      setValues({ accountId: '', roleCode: '', organisationId: '', expiresAt: '', reason: '' });
      setDivision(null);
      showProblems({});
    } catch (error) {
      const { fields, other } = formProblemsOf(t, error, fieldOrder);
      showProblems(fields, other);
    } finally {
      setIsSubmitting(false);
    }
  }

  return (
    <section className="admin-panel" aria-labelledby="grant-form-heading">
      <ErrorSummary items={summaryItemsOf(fieldOrder, fieldIds, errors, formError)} summaryRef={summaryRef} />
      <h2 id="grant-form-heading">{t('grants.grantHeading')}</h2>
      <form className="account-form" noValidate onSubmit={handleSubmit}>
        <SelectField
          id={fieldIds.accountId}
          label={t('grants.account')}
          error={errors.accountId}
          value={values.accountId}
          onChange={set('accountId')}
        >
          <option value="">{t('grants.chooseAccount')}</option>
          {accounts.map((account) => (
            <option key={account.id} value={account.id}>
              {`${account.maskedName ?? '—'} · ${account.organisationName ?? ''} · ${account.id.slice(0, 8)}`}
            </option>
          ))}
        </SelectField>
        <SelectField
          id={fieldIds.roleCode}
          label={t('grants.role')}
          error={errors.roleCode}
          value={values.roleCode}
          onChange={set('roleCode')}
        >
          <option value="">{t('grants.chooseRole')}</option>
          {roles.map((role) => (
            <option key={role.code} value={role.code}>
              {pickLocalized({ 'zh-CN': role.nameZh, en: role.nameEn }, language)}
            </option>
          ))}
        </SelectField>
        <DivisionPicker
          id={fieldIds.divisionCode}
          label={t('picker.label')}
          hint={t('picker.hint')}
          chosen={division}
          onChoose={setDivision}
          error={errors.divisionCode}
        />
        <OrganisationSelect
          id={fieldIds.organisationId}
          label={`${t('grants.organisation')} ${t('common.optional')}`}
          error={errors.organisationId}
          value={values.organisationId}
          onChange={set('organisationId')}
          organisations={organisations}
          noneLabel={t('grants.noOrganisation')}
        />
        <TextField
          id={fieldIds.expiresAt}
          name="expiresAt"
          type="date"
          label={`${t('grants.expiresAt')} ${t('common.optional')}`}
          hint={t('grants.expiresHint')}
          error={errors.expiresAt}
          value={values.expiresAt}
          onChange={set('expiresAt')}
          className="form-field__input--medium"
        />
        <TextField
          id={fieldIds.reason}
          name="reason"
          label={t('common.reason')}
          hint={t('common.reasonHint')}
          error={errors.reason}
          value={values.reason}
          onChange={set('reason')}
          maxLength={500}
        />
        <div>
          <Button type="submit" className="button--primary" aria-disabled={isSubmitting || undefined}>
            {t('grants.grant')}
          </Button>
        </div>
      </form>
    </section>
  );
}
