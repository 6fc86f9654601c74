-- Electronic licences and certificates (电子证照): the kinds of credential, the issuing organisations'
-- codes, the credentials themselves as signed records, and the deployment's Ed25519 signing keys.
-- Holders and issuers are identity's accounts and organisations; they are checked through identity's
-- interface when a credential is issued, so no foreign key reaches into identity's tables.

insert into permission (code, module, description_zh, description_en) values
  ('credentials.issue', 'credentials', '签发电子证照', 'Issue electronic licences and certificates'),
  ('credentials.revoke', 'credentials', '吊销、暂停或恢复电子证照', 'Revoke, suspend or reinstate electronic licences and certificates'),
  ('credentials.read', 'credentials', '查看本辖区签发的电子证照', 'Read the electronic licences and certificates issued in the area');

create table credential_type (
  code text primary key check (code ~ '^[a-z][a-z0-9]*(-[a-z0-9]+)*$' and length(code) <= 60),
  name_zh text not null check (length(name_zh) between 1 and 100),
  name_en text not null check (length(name_en) between 1 and 200),
  issuer_kind text not null check (issuer_kind in ('government-department', 'ngo', 'enterprise', 'public-service')),
  subject_kind text not null check (subject_kind in ('person', 'organisation')),
  claims_schema jsonb not null,
  disclosure jsonb not null,
  validity_years integer check (validity_years between 1 and 100),
  is_shareable boolean not null,
  created_at timestamptz not null,
  updated_at timestamptz not null
);
comment on table credential_type is 'A kind of electronic licence or certificate (营业执照, 出生医学证明, …): who may issue it, whom it is about, the claims it carries and how long it lasts.';
comment on column credential_type.code is 'Stable code, lower-case words joined by hyphens; the middle part of every credential identifier of this type.';
comment on column credential_type.name_zh is 'Name in Chinese, printed as the title of the certificate.';
comment on column credential_type.name_en is 'Name in English.';
comment on column credential_type.issuer_kind is 'The kind of organisation that issues it (a government department, a public-service body such as a hospital, …).';
comment on column credential_type.subject_kind is 'Whom it is about: a person (a citizen''s account) or an organisation (an enterprise, NGO or public-service body).';
comment on column credential_type.claims_schema is 'JSON Schema (draft 2020-12 subset that Ajv checks) of the claims; an issue whose claims do not match is refused.';
comment on column credential_type.disclosure is 'Every claim in printed order with its labels and what a verifier sees of it: [{"name", "labelZh", "labelEn", "show": "plain" | "masked-name" | "masked-id" | "year" | "none"}]; "none" claims are for the holder and the issuer only.';
comment on column credential_type.validity_years is 'How many years a credential is valid from its start, or null when it does not expire.';
comment on column credential_type.is_shareable is 'Whether services may reuse a valid credential of this type as material ("obtainable by sharing") instead of asking for a copy.';
comment on column credential_type.created_at is 'When the type was first loaded.';
comment on column credential_type.updated_at is 'When the type was last changed by the reference data.';

create table credential_issuer (
  organisation_id uuid primary key,
  issuer_code text not null unique check (issuer_code ~ '^[0-9]{4,14}$'),
  division_code text not null,
  division_path text not null,
  created_at timestamptz not null
);
comment on table credential_issuer is 'The code each issuing organisation has in credential identifiers, given on its first issue and never changed.';
comment on column credential_issuer.organisation_id is 'The issuing organisation (identity''s organisation id).';
comment on column credential_issuer.issuer_code is 'The organisation''s division code followed by a two-digit number within that division, e.g. 33010601.';
comment on column credential_issuer.division_code is 'The organisation''s division code (an organisation never changes division).';
comment on column credential_issuer.division_path is 'The organisation''s division path, for scoping staff access to what the organisations of their area issued.';
comment on column credential_issuer.created_at is 'When the organisation issued its first credential.';

create table credential_signing_key (
  kid text primary key,
  public_jwk jsonb not null,
  private_jwk_encrypted text not null,
  created_at timestamptz not null,
  superseded_at timestamptz,
  check (superseded_at is null or superseded_at >= created_at)
);
create unique index credential_signing_key_one_active_idx on credential_signing_key ((true)) where superseded_at is null;
comment on table credential_signing_key is 'Ed25519 keys the deployment signs credentials with. One signs at a time; superseded keys stay published forever, because a licence signed ten years ago must still verify.';
comment on column credential_signing_key.kid is 'Key id, the JWK thumbprint (RFC 7638), as it appears in the header of every record the key signed.';
comment on column credential_signing_key.public_jwk is 'The public key as an OKP JWK, published at GET /api/credentials/keys.';
comment on column credential_signing_key.private_jwk_encrypted is 'The private JWK, encrypted with the platform vault (bound to this table, column and kid).';
comment on column credential_signing_key.created_at is 'When the key was made; it signs from then on.';
comment on column credential_signing_key.superseded_at is 'When a newer key took over signing; it still verifies.';

create table credential (
  id uuid primary key,
  identifier text not null unique check (identifier ~ '^[0-9]{4,14}-[a-z][a-z0-9-]*-[0-9A-HJKMNP-TV-Z]{10}[0-9A-Z]$'),
  type_code text not null references credential_type (code),
  issuer_organisation_id uuid not null references credential_issuer (organisation_id),
  issuer_division_path text not null,
  holder_kind text not null check (holder_kind in ('person', 'organisation')),
  holder_id uuid not null,
  valid_from timestamptz not null,
  valid_until timestamptz,
  signing_kid text not null references credential_signing_key (kid),
  record_encrypted text not null,
  record_sha256 text not null check (record_sha256 ~ '^[0-9a-f]{64}$'),
  source_record_type text,
  source_record_id text,
  status text not null default 'active' check (status in ('active', 'suspended', 'revoked')),
  status_changed_at timestamptz,
  issued_at timestamptz not null,
  issued_by text not null,
  province_code text not null,
  check (valid_until is null or valid_until > valid_from),
  check ((source_record_type is null) = (source_record_id is null)),
  check (status = 'active' or status_changed_at is not null)
);
create index credential_holder_idx on credential (holder_kind, holder_id, issued_at desc);
create index credential_issuer_scope_idx on credential (issuer_division_path text_pattern_ops);
comment on table credential is 'An issued electronic licence or certificate. The signed record (JWS) is the credential; the other columns are what the platform needs to find it, scope it and answer its status.';
comment on column credential.id is 'Internal id; audit events name it.';
comment on column credential.identifier is 'The public identifier <issuer code>-<type code>-<10-character serial><check character> (docs/credentials.md).';
comment on column credential.type_code is 'The credential type.';
comment on column credential.issuer_organisation_id is 'The organisation that issued it.';
comment on column credential.issuer_division_path is 'The issuer''s division path, copied so that staff scopes filter without a join into identity.';
comment on column credential.holder_kind is 'person (holder_id is a citizen account id) or organisation (holder_id is an organisation id).';
comment on column credential.holder_id is 'Whom the credential belongs to.';
comment on column credential.valid_from is 'Start of validity.';
comment on column credential.valid_until is 'End of validity, or null when it does not expire.';
comment on column credential.signing_kid is 'The key that signed the record.';
comment on column credential.record_encrypted is 'The signed record (JWS compact serialisation), encrypted with the platform vault because its claims hold personal data.';
comment on column credential.record_sha256 is 'SHA-256 (hex) of the signed record, also in the payload of the issue event in the ledger: a presented record is this credential exactly when the hashes match.';
comment on column credential.source_record_type is 'What it was issued on (e.g. services.application), or null when issued directly.';
comment on column credential.source_record_id is 'The id of that record.';
comment on column credential.status is 'active, suspended (may be reinstated) or revoked (final). Expiry is not a status: it follows from valid_until.';
comment on column credential.status_changed_at is 'When the issuer last suspended, reinstated or revoked it.';
comment on column credential.issued_at is 'When it was issued.';
comment on column credential.issued_by is 'The account (or system actor) that issued it.';
comment on column credential.province_code is 'The issuer''s province code, the distribution column should the table be sharded by region.';
