-- Single sign-on: the platform as an OpenID Connect provider. The provider's own state (sessions,
-- interactions, codes, tokens, grants), its signing keys, and the government systems registered as
-- its clients.

create table oidc_payload (
  model text not null,
  id text not null,
  payload jsonb not null,
  grant_id text,
  user_code text,
  uid text,
  expires_at timestamptz,
  consumed_at timestamptz,
  primary key (model, id)
);
create index oidc_payload_grant_idx on oidc_payload (grant_id) where grant_id is not null;
create index oidc_payload_uid_idx on oidc_payload (model, uid) where uid is not null;
create index oidc_payload_user_code_idx on oidc_payload (model, user_code) where user_code is not null;
create index oidc_payload_expiry_idx on oidc_payload (expires_at) where expires_at is not null;
comment on table oidc_payload is 'State of the OpenID Connect provider (oidc-provider models): sessions, interactions, grants, authorization codes, tokens; kept here so every server sees it.';
comment on column oidc_payload.model is 'The oidc-provider model: Session, Interaction, Grant, AuthorizationCode, AccessToken, RefreshToken, ReplayDetection, …';
comment on column oidc_payload.id is 'The model''s identifier (a token value''s jti, a session id, an interaction uid).';
comment on column oidc_payload.payload is 'The model''s data as oidc-provider stores it.';
comment on column oidc_payload.grant_id is 'The grant the row was issued under, so that revoking a grant (a reused code) removes every token of it.';
comment on column oidc_payload.user_code is 'Device flow user code, where the model has one.';
comment on column oidc_payload.uid is 'Session uid, where the model has one (sessions are also looked up by it).';
comment on column oidc_payload.expires_at is 'When the row stops being valid; expired rows are never returned and are deleted as new rows are written.';
comment on column oidc_payload.consumed_at is 'When a single-use row (an authorization code) was used; a second use is refused and revokes the grant.';

create table oidc_signing_key (
  kid text primary key,
  algorithm text not null check (algorithm in ('ES256', 'RS256')),
  public_jwk jsonb not null,
  private_jwk_encrypted text not null,
  created_at timestamptz not null,
  superseded_at timestamptz,
  retired_at timestamptz,
  check (superseded_at is null or superseded_at >= created_at),
  check (retired_at is null or superseded_at is not null)
);
create index oidc_signing_key_published_idx on oidc_signing_key (created_at) where retired_at is null;
comment on table oidc_signing_key is 'Keys the provider signs ID tokens with. The newest unsuperseded key of each algorithm signs; superseded keys stay published for verification until retired at the next rotation.';
comment on column oidc_signing_key.kid is 'Key id, the JWK thumbprint (RFC 7638), as it appears in token headers.';
comment on column oidc_signing_key.algorithm is 'ES256 or RS256 (never none).';
comment on column oidc_signing_key.public_jwk is 'The public key as a JWK, published at the JWKS endpoint.';
comment on column oidc_signing_key.private_jwk_encrypted is 'The private JWK, encrypted with the platform vault (bound to this table, column and kid).';
comment on column oidc_signing_key.created_at is 'When the key was made; it signs from then on.';
comment on column oidc_signing_key.superseded_at is 'When a newer key took over signing; it still verifies until retired.';
comment on column oidc_signing_key.retired_at is 'When it stopped being published; tokens it signed no longer verify.';

create table sso_client (
  id text primary key check (id ~ '^[A-Za-z0-9_-]{8,64}$'),
  name_zh text not null check (length(name_zh) between 1 and 200),
  name_en text check (length(name_en) between 1 and 200),
  organisation_id uuid not null references organisation (id),
  kind text not null check (kind in ('confidential', 'public')),
  secret_hash text check (secret_hash ~ '^sha256:[0-9a-f]{64}$'),
  redirect_uris text[] not null check (cardinality(redirect_uris) between 1 and 20),
  post_logout_redirect_uris text[] not null check (cardinality(post_logout_redirect_uris) <= 20),
  status text not null default 'active' check (status in ('active', 'disabled')),
  province_code text not null,
  created_at timestamptz not null,
  updated_at timestamptz not null,
  check ((kind = 'confidential') = (secret_hash is not null))
);
create index sso_client_organisation_idx on sso_client (organisation_id);
comment on table sso_client is 'Government systems registered to sign people in through the platform (OpenID Connect relying parties).';
comment on column sso_client.id is 'The client_id, random, given to the system''s operators.';
comment on column sso_client.name_zh is 'Name shown to people on the consent page, in Chinese.';
comment on column sso_client.name_en is 'Name in English, where there is one.';
comment on column sso_client.organisation_id is 'The organisation that runs the system; administrators manage clients of organisations in their area.';
comment on column sso_client.kind is 'confidential (a server that keeps a secret) or public (no secret; PKCE alone).';
comment on column sso_client.secret_hash is 'SHA-256 of the client secret (256 random bits, shown once when made); null for public clients.';
comment on column sso_client.redirect_uris is 'Where codes may be sent; matched exactly.';
comment on column sso_client.post_logout_redirect_uris is 'Where the browser may be sent after signing out; matched exactly.';
comment on column sso_client.status is 'active or disabled; a disabled client is refused at every endpoint.';
comment on column sso_client.province_code is 'Two-digit province of the owning organisation: the distribution column for sharding by region.';
comment on column sso_client.created_at is 'When it was registered.';
comment on column sso_client.updated_at is 'When it was last changed.';

insert into permission (code, module, description_zh, description_en) values
  ('identity.clients.manage', 'identity', '登记和停用接入统一身份认证的业务系统', 'Register and disable the systems that sign people in through single sign-on');

-- Databases that already hold the built-in roles get the permission here; new ones get it from the
-- role definition in code when the reference data loads.
insert into role_permission (role_id, permission_code)
  select id, 'identity.clients.manage' from role where code = 'identity-administrator';
