import { type FormEvent, useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { usePageTitle } from '../../app/usePageTitle.ts';
import { Button } from '../../ui/Button.tsx';
import {
  ErrorSummary,
  type FieldErrors,
  SelectField,
  summaryItemsOf,
  TextField,
  textPropsOf,
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
  changeOrganisation,
  deactivateOrganisation,
  fetchOrganisations,
  type OrganisationKind,
  type OrganisationSummary,
  organisationKinds,
  registerOrganisation,
} from './administrationApi.ts';
import { DivisionPicker, type PickedDivision } from './DivisionPicker.tsx';
import { focusSoon } from './paths.ts';
import { useActiveDepartments } from './useOptions.ts';

type OrganisationField = 'kind' | 'nameZh' | 'nameEn' | 'divisionCode' | 'parentId' | 'creditCode';
const fieldOrder: readonly OrganisationField[] = [
  'kind',
  'nameZh',
  'nameEn',
  'divisionCode',
  'parentId',
  'creditCode',
];
const fieldIds: Record<OrganisationField, string> = {
  kind: 'organisation-kind',
  nameZh: 'organisation-name-zh',
  nameEn: 'organisation-name-en',
  divisionCode: 'organisation-division',
  parentId: 'organisation-parent',
  creditCode: 'organisation-credit-code',
};

export function OrganisationsPage() {
  const { t } = useTranslation('administration');
  usePageTitle(t('organisations.title'));
  const [notice, setNotice] = useState<string | undefined>();
  const [editing, setEditing] = useState<OrganisationSummary | undefined>();
  const [deactivating, setDeactivating] = useState<OrganisationSummary | undefined>();
  const [generation, setGeneration] = useState(0);
  const fetchPage = useCallback(
    (cursor: string | undefined, signal?: AbortSignal) => fetchOrganisations({ cursor }, signal),
    [],
  );
  const { listing, loadMore, reload } = usePagedList(fetchPage);
  const changed = (message: string) => {
    setNotice(message);
    setGeneration((count) => count + 1);
    reload();
  };

  return (
    <div className="admin-page">
      <h1>{t('organisations.title')}</h1>
      <p>{t('organisations.introduction')}</p>
      <Notice message={notice} />
      <section className="admin-panel" aria-labelledby="organisations-list-heading">
        <h2 id="organisations-list-heading">{t('organisations.tableCaption')}</h2>
        <PagedTable
          listing={listing}
          caption={t('organisations.tableCaption')}
          headings={[
            t('organisations.name'),
            t('organisations.kind'),
            t('organisations.division'),
            t('organisations.creditCode'),
            t('organisations.status'),
            t('organisations.actions'),
          ]}
          onLoadMore={() => void loadMore()}
          row={(organisation) => (
            <tr key={organisation.id}>
              <th scope="row">
                {organisation.nameZh}
                {organisation.nameEn && <span className="admin-id">{organisation.nameEn}</span>}
              </th>
              <td>{t(`organisations.kinds.${organisation.kind}`)}</td>
              <td>{organisation.divisionName}</td>
              <td>{organisation.creditCode ?? '—'}</td>
              <td>{organisation.isActive ? t('organisations.active') : t('organisations.inactive')}</td>
              <td>
                {organisation.isActive && (
                  <div className="admin-row-actions">
                    <Button id={`edit-${organisation.id}`} onClick={() => setEditing(organisation)}>
                      {t('organisations.edit')}
                      <span className="visually-hidden"> {organisation.nameZh}</span>
                    </Button>
                    <Button
                      id={`deactivate-${organisation.id}`}
                      onClick={() => setDeactivating(organisation)}
                    >
                      {t('organisations.deactivate')}
                      <span className="visually-hidden"> {organisation.nameZh}</span>
                    </Button>
                  </div>
                )}
              </td>
            </tr>
          )}
        />
      </section>
      {editing && (
        <EditOrganisation
          key={editing.id}
          organisation={editing}
          onClose={(message) => {
            focusSoon(message ? 'organisations-list-heading' : `edit-${editing.id}`);
            setEditing(undefined);
            if (message) changed(message);
          }}
        />
      )}
      {deactivating && (
        <ReasonConfirmation
          id="deactivate-organisation"
          heading={t('organisations.deactivateHeading', { name: deactivating.nameZh })}
          confirmLabel={t('organisations.deactivateConfirm')}
          onCancel={() => {
            focusSoon(`deactivate-${deactivating.id}`);
            setDeactivating(undefined);
          }}
          onConfirm={async (reason) => {
            await deactivateOrganisation(deactivating.id, reason);
            setDeactivating(undefined);
            changed(t('organisations.deactivated', { name: deactivating.nameZh }));
            focusSoon('organisations-list-heading');
          }}
        />
      )}
      <RegisterOrganisation generation={generation} onRegistered={changed} />
    </div>
  );
}

function RegisterOrganisation({
  generation,
  onRegistered,
}: {
  generation: number;
  onRegistered: (message: string) => void;
}) {
  const { t } = useTranslation('administration');
  const departments = useActiveDepartments(generation);
  const empty = {
    kind: 'government-department' as OrganisationKind,
    nameZh: '',
    nameEn: '',
    parentId: '',
    creditCode: '',
  };
  const [values, setValues] = useState(empty);
  const [division, setDivision] = useState<PickedDivision | null>(null);
  const { errors, formError, summaryRef, showProblems } = useFormProblems<OrganisationField>();
  const [isSubmitting, setIsSubmitting] = useState(false);

  const set = (field: keyof typeof values) => (event: { target: { value: string } }) =>
    setValues((previous) => ({ ...previous, [field]: event.target.value }));

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (isSubmitting) return;
    const missing: FieldErrors<OrganisationField> = {};
    if (values.nameZh.trim() === '')
      missing.nameZh = t('problems.required', { field: t('organisations.nameZh') });
    if (!division) missing.divisionCode = t('problems.required', { field: t('organisations.divisionLabel') });
    if (values.kind !== 'government-department' && values.creditCode.trim() === '')
      missing.creditCode = t('problems.required', { field: t('organisations.creditCode') });
    if (Object.keys(missing).length > 0 || !division) {
      showProblems(missing);
      return;
    }
    setIsSubmitting(true);
    try {
      await registerOrganisation({
        kind: values.kind,
        nameZh: values.nameZh.trim(),
        divisionCode: division.code,
        ...(values.nameEn.trim() ? { nameEn: values.nameEn.trim() } : {}),
        ...(values.parentId ? { parentId: values.parentId } : {}),
        ...(values.creditCode.trim() ? { creditCode: values.creditCode.trim() } : {}),
      });
      onRegistered(t('organisations.registered', { name: values.nameZh.trim() }));
      setValues(empty);
      setDivision(null);
    } catch (error) {
      const { fields, other } = formProblemsOf(t, error, fieldOrder);
      showProblems(fields, other);
    } finally {
      setIsSubmitting(false);
    }
  }

  return (
    <section className="admin-panel" aria-labelledby="organisation-form-heading">
      <ErrorSummary items={summaryItemsOf(fieldOrder, fieldIds, errors, formError)} summaryRef={summaryRef} />
      <h2 id="organisation-form-heading">{t('organisations.registerHeading')}</h2>
      <form className="account-form" noValidate onSubmit={handleSubmit}>
        <SelectField
          id={fieldIds.kind}
          label={t('organisations.kind')}
          error={errors.kind}
          value={values.kind}
          onChange={set('kind')}
        >
          {organisationKinds.map((kind) => (
            <option key={kind} value={kind}>
              {t(`organisations.kinds.${kind}`)}
            </option>
          ))}
        </SelectField>
        <TextField
          id={fieldIds.nameZh}
          name="nameZh"
          label={t('organisations.nameZh')}
          error={errors.nameZh}
          value={values.nameZh}
          onChange={set('nameZh')}
        />
        <TextField
          id={fieldIds.nameEn}
          name="nameEn"
          label={`${t('organisations.nameEn')} ${t('common.optional')}`}
          error={errors.nameEn}
          value={values.nameEn}
          onChange={set('nameEn')}
        />
        <DivisionPicker
          id={fieldIds.divisionCode}
          label={t('organisations.divisionLabel')}
          hint={t('picker.hint')}
          chosen={division}
          onChoose={setDivision}
          error={errors.divisionCode}
        />
        <OrganisationSelect
          id={fieldIds.parentId}
          label={`${t('organisations.parent')} ${t('common.optional')}`}
          error={errors.parentId}
          value={values.parentId}
          onChange={set('parentId')}
          organisations={departments}
          noneLabel={t('organisations.noParent')}
        />
        <TextField
          id={fieldIds.creditCode}
          name="creditCode"
          label={t('organisations.creditCode')}
          hint={t('organisations.creditCodeHint')}
          error={errors.creditCode}
          value={values.creditCode}
          onChange={set('creditCode')}
          spellCheck={false}
          autoCapitalize="characters"
          className="form-field__input--medium"
        />
        <div>
          <Button type="submit" className="button--primary" aria-disabled={isSubmitting || undefined}>
            {t('organisations.register')}
          </Button>
        </div>
      </form>
    </section>
  );
}

type EditField = 'nameZh' | 'nameEn' | 'parentId' | 'creditCode';
const editOrder: readonly EditField[] = ['nameZh', 'nameEn', 'parentId', 'creditCode'];
const editIds: Record<EditField, string> = {
  nameZh: 'edit-organisation-name-zh',
  nameEn: 'edit-organisation-name-en',
  parentId: 'edit-organisation-parent',
  creditCode: 'edit-organisation-credit-code',
};

function EditOrganisation({
  organisation,
  onClose,
}: {
  organisation: OrganisationSummary;
  onClose: (message?: string) => void;
}) {
  const { t } = useTranslation('administration');
  // A department can sit under another department, never under itself (the server also refuses a cycle).
  const departments = useActiveDepartments(0).filter((department) => department.id !== organisation.id);
  const [values, setValues] = useState({
    nameZh: organisation.nameZh,
    nameEn: organisation.nameEn ?? '',
    parentId: organisation.parentId ?? '',
    creditCode: organisation.creditCode ?? '',
  });
  const { errors, formError, summaryRef, showProblems } = useFormProblems<EditField>();
  const [isSubmitting, setIsSubmitting] = useState(false);
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => headingRef.current?.focus(), []);

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (isSubmitting) return;
    if (values.nameZh.trim() === '') {
      showProblems({ nameZh: t('problems.required', { field: t('organisations.nameZh') }) });
      return;
    }
    setIsSubmitting(true);
    try {
      const creditCode = values.creditCode.trim();
      await changeOrganisation(organisation.id, {
        nameZh: values.nameZh.trim(),
        nameEn: values.nameEn.trim() || null,
        ...(values.parentId !== (organisation.parentId ?? '') ? { parentId: values.parentId || null } : {}),
        ...(creditCode && creditCode !== organisation.creditCode ? { creditCode } : {}),
      });
      onClose(t('organisations.changed', { name: values.nameZh.trim() }));
    } catch (error) {
      const { fields, other } = formProblemsOf(t, error, editOrder);
      showProblems(fields, other);
      setIsSubmitting(false);
    }
  }

  const textProps = textPropsOf(editIds, values, errors, setValues);

  return (
    <section className="admin-panel admin-confirm" aria-labelledby="edit-organisation-heading">
      <ErrorSummary items={summaryItemsOf(editOrder, editIds, errors, formError)} summaryRef={summaryRef} />
      <h2 id="edit-organisation-heading" tabIndex={-1} ref={headingRef}>
        {t('organisations.editHeading', { name: organisation.nameZh })}
      </h2>
      <form className="account-form" noValidate onSubmit={handleSubmit}>
        <TextField {...textProps('nameZh')} label={t('organisations.nameZh')} />
        <TextField {...textProps('nameEn')} label={`${t('organisations.nameEn')} ${t('common.optional')}`} />
        {organisation.kind === 'government-department' && (
          <OrganisationSelect
            id={editIds.parentId}
            label={`${t('organisations.parent')} ${t('common.optional')}`}
            error={errors.parentId}
            value={values.parentId}
            onChange={(event) => setValues((previous) => ({ ...previous, parentId: event.target.value }))}
            organisations={departments}
            noneLabel={t('organisations.noParent')}
          />
        )}
        <TextField
          {...textProps('creditCode')}
          label={t('organisations.creditCode')}
          hint={t('organisations.creditCodeHint')}
          className="form-field__input--medium"
        />
        <div className="account-actions">
          <Button type="submit" className="button--primary" aria-disabled={isSubmitting || undefined}>
            {t('organisations.save')}
          </Button>
          <Button onClick={() => onClose()}>{t('common.cancel')}</Button>
        </div>
      </form>
    </section>
  );
}
