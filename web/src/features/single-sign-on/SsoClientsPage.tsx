import type { TFunction } from 'i18next';
import { type FormEvent, useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../app/api.ts';
import { usePageTitle } from '../../app/usePageTitle.ts';
import { Button } from '../../ui/Button.tsx';
import {
  ErrorSummary,
  FieldError,
  type FieldErrors,
  FormField,
  fieldOfPointer,
  isUnreachable,
  summaryItemsOf,
  TextField,
  useFormProblems,
} from '../account/index.ts';
import { DataTable, focusSoon, OrganisationSelect } from '../administration/index.ts';
import {
  type ClientKind,
  changeClientAddresses,
  disableClient,
  fetchClients,
  fetchOrganisationOptions,
  type OrganisationOption,
  problemCodes,
  registerClient,
  type SsoClient,
} from './ssoApi.ts';
import './single-sign-on.css';

type T = TFunction<'singleSignOn'>;
type Listing =
  | { kind: 'loading' }
  | { kind: 'unavailable' }
  | { kind: 'loaded'; clients: readonly SsoClient[] };
type Secret = { name: string; clientId: string; clientSecret: string | null };

/** The reader's words for what the server refused; its detail otherwise. */
function problemMessage(t: T, error: unknown): string {
  if (!(error instanceof ApiError)) return isUnreachable(error) ? t('clients.unreachable') : String(error);
  if (error.code === 'identity.outside-scope') return t('clients.outsideScope');
  if (error.code === problemCodes.clientDisabled) return t('clients.alreadyDisabled');
  if (error.code === 'permission-denied') return t('clients.forbidden');
  return t('clients.unexpected', { status: error.status, detail: error.detail ?? error.title });
}

/** Field errors by form field; an address problem names its line (the server points at /redirectUris/2). */
function fieldProblemsOf<Field extends string>(t: T, error: unknown, fields: readonly Field[]) {
  const placed: FieldErrors<Field> = {};
  if (error instanceof ApiError) {
    for (const problem of error.errors) {
      const field = fieldOfPointer(problem.pointer) as Field;
      if (!fields.includes(field)) continue;
      const index = /^\/[A-Za-z]+\/(\d+)$/.exec(problem.pointer)?.[1];
      const message =
        index === undefined
          ? problem.detail
          : t('clients.invalidAddress', { line: Number(index) + 1, detail: problem.detail });
      placed[field] = placed[field] ? `${placed[field]}; ${message}` : message;
    }
  }
  return Object.keys(placed).length > 0
    ? { fields: placed, other: undefined }
    : { fields: {}, other: problemMessage(t, error) };
}

/** One address a line; blank lines and surrounding spaces are not part of an address. */
const linesOf = (text: string) =>
  text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.length > 0);

export function SsoClientsPage() {
  const { t } = useTranslation('singleSignOn');
  usePageTitle(t('clients.title'));
  const [listing, setListing] = useState<Listing>({ kind: 'loading' });
  const [notice, setNotice] = useState<string | undefined>();
  const [secret, setSecret] = useState<Secret | undefined>();
  const [editing, setEditing] = useState<SsoClient | undefined>();
  const [disabling, setDisabling] = useState<SsoClient | undefined>();

  const load = useCallback((signal?: AbortSignal) => {
    fetchClients(signal).then(
      (clients) => setListing({ kind: 'loaded', clients }),
      () => {
        if (!signal?.aborted) setListing({ kind: 'unavailable' });
      },
    );
  }, []);
  useEffect(() => {
    const controller = new AbortController();
    load(controller.signal);
    return () => controller.abort();
  }, [load]);

  const changed = (message: string) => {
    setNotice(message);
    load();
  };

  return (
    <div className="admin-page">
      <h1>{t('clients.title')}</h1>
      <p>{t('clients.introduction')}</p>
      {notice && (
        <p className="admin-notice" role="status">
          {notice}
        </p>
      )}
      {secret && (
        <SecretShownOnce
          secret={secret}
          onDone={() => {
            setSecret(undefined);
            focusSoon('sso-clients-heading');
          }}
        />
      )}
      <section className="admin-panel" aria-labelledby="sso-clients-heading">
        <h2 id="sso-clients-heading" tabIndex={-1}>
          {t('clients.listHeading')}
        </h2>
        {listing.kind === 'loading' && <p role="status">{t('clients.loading')}</p>}
        {listing.kind === 'unavailable' && <p className="account-alert">{t('clients.unavailable')}</p>}
        {listing.kind === 'loaded' && listing.clients.length === 0 && <p>{t('clients.none')}</p>}
        {listing.kind === 'loaded' && listing.clients.length > 0 && (
          <ClientTable clients={listing.clients} onEdit={setEditing} onDisable={setDisabling} />
        )}
      </section>
      {editing && (
        <EditAddresses
          key={editing.clientId}
          client={editing}
          onClose={(message) => {
            focusSoon(message ? 'sso-clients-heading' : `edit-${editing.clientId}`);
            setEditing(undefined);
            if (message) changed(message);
          }}
        />
      )}
      {disabling && (
        <DisableClient
          key={disabling.clientId}
          client={disabling}
          onClose={(message) => {
            focusSoon(message ? 'sso-clients-heading' : `disable-${disabling.clientId}`);
            setDisabling(undefined);
            if (message) changed(message);
          }}
        />
      )}
      <RegisterClient
        onRegistered={(registered) => {
          setNotice(t('clients.registered', { name: registered.name }));
          setSecret(registered);
          load();
          focusSoon('sso-secret-heading');
        }}
      />
    </div>
  );
}

function ClientTable({
  clients,
  onEdit,
  onDisable,
}: {
  clients: readonly SsoClient[];
  onEdit: (client: SsoClient) => void;
  onDisable: (client: SsoClient) => void;
}) {
  const { t } = useTranslation('singleSignOn');
  const addresses = (uris: readonly string[]) =>
    uris.length === 0 ? (
      '—'
    ) : (
      <ul className="sso-addresses">
        {uris.map((uri) => (
          <li key={uri}>
            <code>{uri}</code>
          </li>
        ))}
      </ul>
    );
  return (
    <DataTable
      caption={t('clients.listHeading')}
      headings={[
        t('clients.name'),
        t('clients.organisation'),
        t('clients.kind'),
        t('clients.redirectUris'),
        t('clients.postLogoutRedirectUris'),
        t('clients.status'),
        t('clients.actions'),
      ]}
    >
      {clients.map((client) => (
        <tr key={client.clientId}>
          <th scope="row">
            {client.nameZh}
            {client.nameEn && <span className="admin-id">{client.nameEn}</span>}
            <span className="admin-id">{client.clientId}</span>
          </th>
          <td>{client.organisationNameZh}</td>
          <td>{t(`clients.kindShort.${client.kind}`)}</td>
          <td>{addresses(client.redirectUris)}</td>
          <td>{addresses(client.postLogoutRedirectUris)}</td>
          <td>{client.status === 'active' ? t('clients.active') : t('clients.disabled')}</td>
          <td>
            {client.status === 'active' && (
              <div className="admin-row-actions">
                <Button id={`edit-${client.clientId}`} onClick={() => onEdit(client)}>
                  {t('clients.editAddresses')}
                  <span className="visually-hidden"> {client.nameZh}</span>
                </Button>
                <Button id={`disable-${client.clientId}`} onClick={() => onDisable(client)}>
                  {t('clients.disable')}
                  <span className="visually-hidden"> {client.nameZh}</span>
                </Button>
              </div>
            )}
          </td>
        </tr>
      ))}
    </DataTable>
  );
}

/** The secret is in this page's memory only until dismissed: the server cannot show it again. */
function SecretShownOnce({ secret, onDone }: { secret: Secret; onDone: () => void }) {
  const { t } = useTranslation('singleSignOn');
  const [copied, setCopied] = useState<string | undefined>();
  const copy = (label: string, value: string) => {
    navigator.clipboard?.writeText(value).then(
      () => setCopied(label),
      () => setCopied(undefined),
    );
  };
  return (
    <section className="sso-secret" aria-labelledby="sso-secret-heading" data-testid="sso-secret">
      <h2 id="sso-secret-heading" tabIndex={-1}>
        {secret.clientSecret ? t('clients.secretHeading') : t('clients.registered', { name: secret.name })}
      </h2>
      {secret.clientSecret && <p role="alert">{t('clients.secretWarning')}</p>}
      <div>
        <p className="form-field__label">{t('clients.clientIdLabel')}</p>
        <div className="sso-secret__value">
          <code data-testid="sso-client-id">{secret.clientId}</code>
          <Button onClick={() => copy('clientId', secret.clientId)}>
            {copied === 'clientId' ? t('clients.copied') : t('clients.copy')}
            <span className="visually-hidden"> {t('clients.clientIdLabel')}</span>
          </Button>
        </div>
      </div>
      {secret.clientSecret ? (
        <div>
          <p className="form-field__label">{t('clients.secretLabel')}</p>
          <div className="sso-secret__value">
            <code data-testid="sso-client-secret">{secret.clientSecret}</code>
            <Button onClick={() => copy('secret', secret.clientSecret!)}>
              {copied === 'secret' ? t('clients.copied') : t('clients.copy')}
              <span className="visually-hidden"> {t('clients.secretLabel')}</span>
            </Button>
          </div>
        </div>
      ) : (
        <p>{t('clients.noSecret')}</p>
      )}
      <div>
        <Button className="button--primary" onClick={onDone}>
          {t('clients.secretDone')}
        </Button>
      </div>
    </section>
  );
}

function AddressField({
  id,
  label,
  hint,
  error,
  value,
  onChange,
}: {
  id: string;
  label: string;
  hint: string;
  error: string | undefined;
  value: string;
  onChange: (value: string) => void;
}) {
  return (
    <FormField id={id} label={label} hint={hint} error={error}>
      <textarea
        id={id}
        name={id}
        className="form-field__input sso-textarea"
        rows={3}
        spellCheck={false}
        autoCapitalize="off"
        aria-describedby={[`${id}-hint`, error && `${id}-error`].filter(Boolean).join(' ')}
        aria-invalid={error ? true : undefined}
        value={value}
        onChange={(event) => onChange(event.target.value)}
      />
    </FormField>
  );
}

type RegisterField =
  | 'nameZh'
  | 'nameEn'
  | 'organisationId'
  | 'kind'
  | 'redirectUris'
  | 'postLogoutRedirectUris';
const registerOrder: readonly RegisterField[] = [
  'nameZh',
  'nameEn',
  'organisationId',
  'kind',
  'redirectUris',
  'postLogoutRedirectUris',
];
const registerIds: Record<RegisterField, string> = {
  nameZh: 'sso-client-name-zh',
  nameEn: 'sso-client-name-en',
  organisationId: 'sso-client-organisation',
  kind: 'sso-client-kind-confidential',
  redirectUris: 'sso-client-redirect-uris',
  postLogoutRedirectUris: 'sso-client-post-logout-uris',
};

function RegisterClient({ onRegistered }: { onRegistered: (secret: Secret) => void }) {
  const { t } = useTranslation('singleSignOn');
  const empty = {
    nameZh: '',
    nameEn: '',
    organisationId: '',
    kind: 'confidential' as ClientKind,
    redirectUris: '',
    postLogoutRedirectUris: '',
  };
  const [values, setValues] = useState(empty);
  const [organisations, setOrganisations] = useState<readonly OrganisationOption[]>([]);
  const { errors, formError, summaryRef, showProblems } = useFormProblems<RegisterField>();
  const [isSubmitting, setIsSubmitting] = useState(false);
  const set = (field: keyof typeof values) => (value: string) =>
    setValues((previous) => ({ ...previous, [field]: value }));

  useEffect(() => {
    const controller = new AbortController();
    fetchOrganisationOptions(controller.signal).then(setOrganisations, () => setOrganisations([]));
    return () => controller.abort();
  }, []);

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (isSubmitting) return;
    const redirectUris = linesOf(values.redirectUris);
    const missing: FieldErrors<RegisterField> = {};
    if (values.nameZh.trim() === '') missing.nameZh = t('clients.required', { field: t('clients.nameZh') });
    if (values.organisationId === '')
      missing.organisationId = t('clients.required', { field: t('clients.organisationLabel') });
    if (redirectUris.length === 0)
      missing.redirectUris = t('clients.required', { field: t('clients.redirectUris') });
    if (Object.keys(missing).length > 0) {
      showProblems(missing);
      return;
    }
    setIsSubmitting(true);
    try {
      const name = values.nameZh.trim();
      const registered = await registerClient({
        nameZh: name,
        ...(values.nameEn.trim() ? { nameEn: values.nameEn.trim() } : {}),
        organisationId: values.organisationId,
        kind: values.kind,
        redirectUris,
        postLogoutRedirectUris: linesOf(values.postLogoutRedirectUris),
      });
      setValues(empty);
      showProblems({});
      onRegistered({ name, ...registered });
    } catch (error) {
      const { fields, other } = fieldProblemsOf(t, error, registerOrder);
      showProblems(fields, other);
    } finally {
      setIsSubmitting(false);
    }
  }

  return (
    <section className="admin-panel" aria-labelledby="sso-register-heading">
      <ErrorSummary
        items={summaryItemsOf(registerOrder, registerIds, errors, formError)}
        summaryRef={summaryRef}
      />
      <h2 id="sso-register-heading">{t('clients.registerHeading')}</h2>
      <form className="account-form" noValidate onSubmit={handleSubmit}>
        <TextField
          id={registerIds.nameZh}
          name="nameZh"
          label={t('clients.nameZh')}
          error={errors.nameZh}
          value={values.nameZh}
          onChange={(event) => set('nameZh')(event.target.value)}
        />
        <TextField
          id={registerIds.nameEn}
          name="nameEn"
          label={t('clients.nameEn')}
          error={errors.nameEn}
          value={values.nameEn}
          onChange={(event) => set('nameEn')(event.target.value)}
        />
        <OrganisationSelect
          id={registerIds.organisationId}
          name="organisationId"
          label={t('clients.organisationLabel')}
          error={errors.organisationId}
          organisations={organisations}
          noneLabel={t('clients.chooseOrganisation')}
          value={values.organisationId}
          onChange={(event) => set('organisationId')(event.target.value)}
        />
        <fieldset className={errors.kind ? 'form-field form-field--error' : 'form-field'}>
          <legend className="form-field__label">{t('clients.kind')}</legend>
          {errors.kind && <FieldError id="sso-client-kind-error" message={errors.kind} />}
          {(['confidential', 'public'] as const).map((kind) => (
            <div key={kind} className="sso-radio">
              <input
                type="radio"
                id={`sso-client-kind-${kind}`}
                name="kind"
                value={kind}
                checked={values.kind === kind}
                onChange={() => set('kind')(kind)}
              />
              <label htmlFor={`sso-client-kind-${kind}`}>{t(`clients.kinds.${kind}`)}</label>
            </div>
          ))}
        </fieldset>
        <AddressField
          id={registerIds.redirectUris}
          label={t('clients.redirectUris')}
          hint={t('clients.redirectUrisHint')}
          error={errors.redirectUris}
          value={values.redirectUris}
          onChange={set('redirectUris')}
        />
        <AddressField
          id={registerIds.postLogoutRedirectUris}
          label={t('clients.postLogoutRedirectUris')}
          hint={t('clients.postLogoutHint')}
          error={errors.postLogoutRedirectUris}
          value={values.postLogoutRedirectUris}
          onChange={set('postLogoutRedirectUris')}
        />
        <div>
          <Button type="submit" className="button--primary" aria-disabled={isSubmitting || undefined}>
            {t('clients.register')}
          </Button>
        </div>
      </form>
    </section>
  );
}

type AddressFieldName = 'redirectUris' | 'postLogoutRedirectUris';
const editOrder: readonly AddressFieldName[] = ['redirectUris', 'postLogoutRedirectUris'];
const editIds: Record<AddressFieldName, string> = {
  redirectUris: 'edit-sso-client-redirect-uris',
  postLogoutRedirectUris: 'edit-sso-client-post-logout-uris',
};

function EditAddresses({ client, onClose }: { client: SsoClient; onClose: (message?: string) => void }) {
  const { t } = useTranslation('singleSignOn');
  const [values, setValues] = useState({
    redirectUris: client.redirectUris.join('\n'),
    postLogoutRedirectUris: client.postLogoutRedirectUris.join('\n'),
  });
  const { errors, formError, summaryRef, showProblems } = useFormProblems<AddressFieldName>();
  const [isSubmitting, setIsSubmitting] = useState(false);
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => headingRef.current?.focus(), []);

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (isSubmitting) return;
    const redirectUris = linesOf(values.redirectUris);
    if (redirectUris.length === 0) {
      showProblems({ redirectUris: t('clients.required', { field: t('clients.redirectUris') }) });
      return;
    }
    setIsSubmitting(true);
    try {
      await changeClientAddresses(client.clientId, {
        redirectUris,
        postLogoutRedirectUris: linesOf(values.postLogoutRedirectUris),
      });
      onClose(t('clients.changed', { name: client.nameZh }));
    } catch (error) {
      const { fields, other } = fieldProblemsOf(t, error, editOrder);
      showProblems(fields, other);
      setIsSubmitting(false);
    }
  }

  return (
    <section className="admin-panel admin-confirm" aria-labelledby="edit-sso-client-heading">
      <ErrorSummary items={summaryItemsOf(editOrder, editIds, errors, formError)} summaryRef={summaryRef} />
      <h2 id="edit-sso-client-heading" tabIndex={-1} ref={headingRef}>
        {t('clients.editHeading', { name: client.nameZh })}
      </h2>
      <form className="account-form" noValidate onSubmit={handleSubmit}>
        <AddressField
          id={editIds.redirectUris}
          label={t('clients.redirectUris')}
          hint={t('clients.redirectUrisHint')}
          error={errors.redirectUris}
          value={values.redirectUris}
          onChange={(value) => setValues((previous) => ({ ...previous, redirectUris: value }))}
        />
        <AddressField
          id={editIds.postLogoutRedirectUris}
          label={t('clients.postLogoutRedirectUris')}
          hint={t('clients.postLogoutHint')}
          error={errors.postLogoutRedirectUris}
          value={values.postLogoutRedirectUris}
          onChange={(value) => setValues((previous) => ({ ...previous, postLogoutRedirectUris: value }))}
        />
        <div className="account-actions">
          <Button type="submit" className="button--primary" aria-disabled={isSubmitting || undefined}>
            {t('clients.save')}
          </Button>
          <Button onClick={() => onClose()}>{t('clients.cancel')}</Button>
        </div>
      </form>
    </section>
  );
}

function DisableClient({ client, onClose }: { client: SsoClient; onClose: (message?: string) => void }) {
  const { t } = useTranslation('singleSignOn');
  const [reason, setReason] = useState('');
  const { errors, formError, summaryRef, showProblems } = useFormProblems<'reason'>();
  const [isSubmitting, setIsSubmitting] = useState(false);
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => headingRef.current?.focus(), []);
  const fieldId = 'disable-sso-client-reason';

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (isSubmitting) return;
    if (reason.trim().length < 2) {
      showProblems({ reason: t('clients.reasonTooShort') });
      return;
    }
    setIsSubmitting(true);
    try {
      await disableClient(client.clientId, reason.trim());
      onClose(t('clients.disabledNotice', { name: client.nameZh }));
    } catch (error) {
      const { fields, other } = fieldProblemsOf(t, error, ['reason'] as const);
      showProblems(fields, other);
      setIsSubmitting(false);
    }
  }

  return (
    <section className="admin-panel admin-confirm" aria-labelledby="disable-sso-client-heading">
      <ErrorSummary
        items={summaryItemsOf(['reason'], { reason: fieldId }, errors, formError)}
        summaryRef={summaryRef}
      />
      <h2 id="disable-sso-client-heading" tabIndex={-1} ref={headingRef}>
        {t('clients.disableHeading', { name: client.nameZh })}
      </h2>
      <p>{t('clients.disableNote')}</p>
      <form className="account-form" noValidate onSubmit={handleSubmit}>
        <TextField
          id={fieldId}
          name="reason"
          label={t('clients.reason')}
          hint={t('clients.reasonHint')}
          error={errors.reason}
          value={reason}
          onChange={(event) => setReason(event.target.value)}
        />
        <div className="account-actions">
          <Button type="submit" className="button--primary" aria-disabled={isSubmitting || undefined}>
            {t('clients.disableConfirm')}
          </Button>
          <Button onClick={() => onClose()}>{t('clients.cancel')}</Button>
        </div>
      </form>
    </section>
  );
}
