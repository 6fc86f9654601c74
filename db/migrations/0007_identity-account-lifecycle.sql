-- Account lifecycle: enterprise accounts (one per organisation, signing in with its unified social
-- credit code), password changes and administrator-issued reset codes, and the session end reasons
-- they bring.

-- One enterprise account per organisation: the organisation's credit code is its sign-in identifier.
create unique index account_one_enterprise_account_idx on account (organisation_id) where kind = 'enterprise';

alter table session drop constraint session_end_reason_check;
alter table session add constraint session_end_reason_check check (end_reason in (
  'signed-out', 'signed-out-everywhere', 'replaced', 'account-disabled',
  'password-changed', 'password-reset', 'second-factor-reset'
));
comment on column session.end_reason is 'signed-out, signed-out-everywhere, replaced (a new sign-in in the same browser), account-disabled, password-changed (the holder changed it: other sessions end), password-reset (a reset code was used) or second-factor-reset (an administrator removed the authenticator).';

create table password_reset (
  id uuid primary key,
  account_id uuid not null references account (id),
  code_hash text not null unique check (code_hash ~ '^[0-9a-f]{64}$'),
  issued_by uuid not null references account (id),
  reason text not null check (length(reason) between 4 and 500),
  created_at timestamptz not null,
  expires_at timestamptz not null,
  used_at timestamptz,
  superseded_at timestamptz,
  check (expires_at > created_at)
);
create index password_reset_account_idx on password_reset (account_id) where used_at is null and superseded_at is null;
comment on table password_reset is 'One-time codes an administrator issues so that the holder of an account in their area can set a new password.';
comment on column password_reset.id is 'Stable identifier, named in the audit events.';
comment on column password_reset.account_id is 'The account whose password the code resets.';
comment on column password_reset.code_hash is 'Keyed hash (vault blind index) of the code; the code itself is shown once to the administrator and never stored.';
comment on column password_reset.issued_by is 'The administrator who issued it.';
comment on column password_reset.reason is 'Why it was issued (e.g. the holder forgot the password and proved who they are at the counter).';
comment on column password_reset.created_at is 'When it was issued.';
comment on column password_reset.expires_at is 'After this it is refused.';
comment on column password_reset.used_at is 'When the holder used it to set a new password; a code is used at most once.';
comment on column password_reset.superseded_at is 'When a newer code for the same account replaced it, unused.';
