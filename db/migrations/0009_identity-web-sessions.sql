-- The web app signs in through the platform's own OpenID Connect provider (client shuzhi-web): the
-- sign-ins it has started and not yet finished, and the tokens it holds for a platform session. Tokens
-- never reach the browser.

create table web_sign_in_attempt (
  id_hash bytea primary key,
  state text not null,
  nonce text not null,
  code_verifier_encrypted text not null,
  return_to text not null,
  created_at timestamptz not null,
  expires_at timestamptz not null,
  check (expires_at > created_at)
);
create index web_sign_in_attempt_expiry_idx on web_sign_in_attempt (expires_at);
comment on table web_sign_in_attempt is 'Authorization requests the web app has sent to the provider and whose answer has not come back yet; single use, short-lived.';
comment on column web_sign_in_attempt.id_hash is 'SHA-256 of the random value in the browser''s attempt cookie: the answer counts only in the browser that asked.';
comment on column web_sign_in_attempt.state is 'The OAuth state sent with the request; the callback must bring it back.';
comment on column web_sign_in_attempt.nonce is 'The OpenID Connect nonce sent with the request; the ID token must carry it.';
comment on column web_sign_in_attempt.code_verifier_encrypted is 'The PKCE code verifier, encrypted with the platform vault (bound to this table, column and row).';
comment on column web_sign_in_attempt.return_to is 'The web app path (same origin) to open once signed in.';
comment on column web_sign_in_attempt.created_at is 'When the web app sent the request.';
comment on column web_sign_in_attempt.expires_at is 'After this the answer is refused; expired rows are deleted as new attempts are written.';

create table web_session_token (
  session_id uuid primary key references session (id) on delete cascade,
  account_id uuid not null,
  id_token text not null,
  access_token_encrypted text not null,
  refresh_token_encrypted text,
  acr text not null,
  amr text[] not null,
  signed_in_at timestamptz not null,
  expires_at timestamptz not null
);
create index web_session_token_expiry_idx on web_session_token (expires_at);
comment on table web_session_token is 'The tokens the web app got from the provider for a platform session it established through single sign-on; kept on the server, never sent to the browser.';
comment on column web_session_token.session_id is 'The platform session (cookie __Host-shuzhi-session) the tokens belong to.';
comment on column web_session_token.account_id is 'The ID token''s subject, the account of the session.';
comment on column web_session_token.id_token is 'The ID token as issued (signed, masked claims only): sent back as id_token_hint at sign-out.';
comment on column web_session_token.access_token_encrypted is 'The access token, encrypted with the platform vault.';
comment on column web_session_token.refresh_token_encrypted is 'The refresh token, encrypted with the platform vault; revoked at the provider when the web app signs out.';
comment on column web_session_token.acr is 'The ID token''s authentication context class: how the session was proven.';
comment on column web_session_token.amr is 'The ID token''s authentication methods (pwd, otp).';
comment on column web_session_token.signed_in_at is 'When the callback established the session through single sign-on.';
comment on column web_session_token.expires_at is 'The end of the platform session; rows past it are deleted as new ones are written.';
