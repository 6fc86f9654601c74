-- People with their personal data encrypted (platform/vault), password credentials, sessions,
-- sign-in throttling shared by every server, and idempotency keys for retried submissions.

create table person (
  account_id uuid primary key references account (id),
  name_encrypted text not null,
  name_masked text not null,
  resident_id_encrypted text not null,
  resident_id_index text not null unique check (resident_id_index ~ '^[0-9a-f]{64}$'),
  resident_id_masked text not null,
  phone_encrypted text not null,
  phone_index text not null unique check (phone_index ~ '^[0-9a-f]{64}$'),
  phone_masked text not null,
  created_at timestamptz not null,
  updated_at timestamptz not null
);
comment on table person is 'The person behind an account: personal data encrypted at rest (AES-256-GCM, bound to this row), with blind indexes for lookup and masked forms for display.';
comment on column person.account_id is 'The account this person signs in with; also the row id bound into every ciphertext.';
comment on column person.name_encrypted is 'Full name, vault ciphertext (v1.<key id>.<version>.<data>).';
comment on column person.name_masked is 'Name as shown to anyone not permitted to reveal it: surname and *.';
comment on column person.resident_id_encrypted is 'Resident identity number (GB 11643, 18 characters), vault ciphertext.';
comment on column person.resident_id_index is 'Keyed HMAC blind index of the resident identity number: one account per person, and sign-in by ID number.';
comment on column person.resident_id_masked is 'Resident identity number masked: first three and last four characters.';
comment on column person.phone_encrypted is 'Mainland mobile number (11 digits), vault ciphertext.';
comment on column person.phone_index is 'Keyed HMAC blind index of the mobile number, for sign-in by phone.';
comment on column person.phone_masked is 'Mobile number masked: first three and last four digits.';
comment on column person.created_at is 'When the person was registered.';
comment on column person.updated_at is 'When their data last changed.';

create table password_credential (
  account_id uuid primary key references account (id),
  password_hash text not null check (password_hash like '$argon2id$%'),
  created_at timestamptz not null,
  updated_at timestamptz not null
);
comment on table password_credential is 'Password of an account, as an argon2id hash (PHC string with its own salt and parameters).';
comment on column password_credential.account_id is 'The account.';
comment on column password_credential.password_hash is 'argon2id PHC string; the password itself is never stored.';
comment on column password_credential.created_at is 'When the password was first set.';
comment on column password_credential.updated_at is 'When the password was last changed.';

create table session (
  id uuid primary key,
  token_hash bytea not null unique check (length(token_hash) = 32),
  account_id uuid not null references account (id),
  authentication_methods text[] not null,
  user_agent text check (length(user_agent) <= 200),
  created_at timestamptz not null,
  last_seen_at timestamptz not null,
  expires_at timestamptz not null,
  ended_at timestamptz,
  end_reason text check (end_reason in ('signed-out', 'signed-out-everywhere', 'replaced', 'account-disabled')),
  check ((ended_at is null) = (end_reason is null))
);
create index session_account_idx on session (account_id) where ended_at is null;
comment on table session is 'Signed-in browser sessions. Servers keep no session state: every request finds its session here.';
comment on column session.id is 'Stable identifier, shown to the account holder and named in audit events.';
comment on column session.token_hash is 'SHA-256 of the random 32-byte token in the session cookie; the token itself is never stored.';
comment on column session.account_id is 'Who is signed in.';
comment on column session.authentication_methods is 'How they proved it (OIDC amr values): pwd, otp.';
comment on column session.user_agent is 'The browser''s User-Agent at sign-in (first 200 characters), so the holder can recognise the session.';
comment on column session.created_at is 'When the session began (sign-in).';
comment on column session.last_seen_at is 'The last request with this session; the idle timeout counts from here.';
comment on column session.expires_at is 'Absolute end, however active the session is.';
comment on column session.ended_at is 'When it was ended before expiring, if it was.';
comment on column session.end_reason is 'signed-out, signed-out-everywhere, replaced (a new sign-in in the same browser) or account-disabled.';

create table sign_in_throttle (
  scope text not null check (scope in ('account', 'client')),
  subject text not null check (subject ~ '^[0-9a-f-]{36}$|^[0-9a-f]{64}$'),
  failures integer not null default 0 check (failures >= 0),
  last_failure_at timestamptz not null,
  blocked_until timestamptz,
  refused_while_blocked bigint not null default 0 check (refused_while_blocked >= 0),
  primary key (scope, subject)
);
comment on table sign_in_throttle is 'Failed sign-ins per account and per client address, with the back-off they earned; in the database so that every server enforces the same limits.';
comment on column sign_in_throttle.scope is 'account (an account id, or the blind index of an identifier that matches no account) or client (the blind index of an IP address).';
comment on column sign_in_throttle.subject is 'The account id, or a keyed hash: no identifier or address is stored in the clear.';
comment on column sign_in_throttle.failures is 'Consecutive failures; back to 0 after a successful sign-in (account), and counted afresh after an hour without failures.';
comment on column sign_in_throttle.last_failure_at is 'The latest failure.';
comment on column sign_in_throttle.blocked_until is 'Until when further attempts are refused without checking the password.';
comment on column sign_in_throttle.refused_while_blocked is 'Attempts refused while blocked: counted here rather than audited one by one.';

create table idempotency_record (
  scope text not null,
  idempotency_key text not null check (length(idempotency_key) between 1 and 200),
  request_fingerprint text not null check (request_fingerprint ~ '^[0-9a-f]{64}$'),
  status_code integer not null check (status_code between 200 and 299),
  response jsonb not null,
  created_at timestamptz not null,
  primary key (scope, idempotency_key)
);
comment on table idempotency_record is 'The first answer to a creating request sent with an Idempotency-Key, replayed when the request is retried.';
comment on column idempotency_record.scope is 'The operation the key belongs to, e.g. identity.registration.';
comment on column idempotency_record.idempotency_key is 'The Idempotency-Key header the client sent.';
comment on column idempotency_record.request_fingerprint is 'Keyed hash of the request body: the same key with another body is refused, and the body is not stored.';
comment on column idempotency_record.status_code is 'The status of the first answer.';
comment on column idempotency_record.response is 'The first answer''s body (masked values only).';
comment on column idempotency_record.created_at is 'When the first request was answered.';

create table totp_credential (
  account_id uuid primary key references account (id),
  secret_encrypted text not null,
  confirmed_at timestamptz,
  last_used_step bigint,
  created_at timestamptz not null,
  updated_at timestamptz not null
);
comment on table totp_credential is 'Second factor: a TOTP secret (RFC 6238, SHA-1, 30 s, 6 digits) shared with the holder''s authenticator app.';
comment on column totp_credential.account_id is 'The account; also the row id bound into the ciphertext.';
comment on column totp_credential.secret_encrypted is 'The shared secret, vault ciphertext.';
comment on column totp_credential.confirmed_at is 'When the holder proved the app works by entering a code; until then the factor is not in force.';
comment on column totp_credential.last_used_step is 'The 30-second time step of the last code accepted: no code of that step or before is accepted again.';
comment on column totp_credential.created_at is 'When enrolment began.';
comment on column totp_credential.updated_at is 'When it last changed.';
