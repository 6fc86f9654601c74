-- Platform notifications: what the platform tells people (in the app, and by e-mail through an outbox
-- drained by a worker), and idempotency keys made a platform mechanism every creating write can use.

create table notification (
  id uuid primary key,
  recipient_account_id uuid not null references account (id),
  topic text not null check (topic ~ '^[a-z][a-z0-9-]*(\.[a-z][a-z0-9-]*)+$'),
  subject_zh text not null check (length(subject_zh) between 1 and 200),
  subject_en text not null check (length(subject_en) between 1 and 200),
  body_zh text not null check (length(body_zh) between 1 and 5000),
  body_en text not null check (length(body_en) between 1 and 5000),
  link text check (link ~ '^/[^/\\]'),
  dedupe_key text check (length(dedupe_key) between 1 and 200),
  is_in_app boolean not null,
  created_at timestamptz not null,
  read_at timestamptz
);
comment on table notification is 'Something the platform tells one account (an application changed state, a reply to feedback), written in the transaction of the change it reports.';
comment on column notification.id is 'Stable identifier; the e-mail Message-ID is derived from its delivery row.';
comment on column notification.recipient_account_id is 'The account told.';
comment on column notification.topic is 'What kind of notice, module.subject[.event], e.g. services.application.approved.';
comment on column notification.subject_zh is 'Subject in Chinese.';
comment on column notification.subject_en is 'Subject in English.';
comment on column notification.body_zh is 'Plain-text body in Chinese.';
comment on column notification.body_en is 'Plain-text body in English.';
comment on column notification.link is 'Path in this web app where the matter can be seen (same origin only), or null.';
comment on column notification.dedupe_key is 'Set by the sender when the same notice may be enqueued twice: one notification per recipient and key.';
comment on column notification.is_in_app is 'Shown in the recipient''s notification list (the in-app channel was asked for).';
comment on column notification.created_at is 'When it was enqueued.';
comment on column notification.read_at is 'When the recipient marked it read, or null while unread.';

create unique index notification_dedupe on notification (recipient_account_id, dedupe_key)
  where dedupe_key is not null;
create index notification_inbox on notification (recipient_account_id, created_at desc, id desc)
  where is_in_app;
create index notification_unread on notification (recipient_account_id)
  where is_in_app and read_at is null;

create table notification_email (
  id uuid primary key,
  notification_id uuid not null unique references notification (id),
  status text not null check (status in ('pending', 'sending', 'sent', 'failed', 'skipped')),
  attempts integer not null default 0 check (attempts >= 0),
  next_attempt_at timestamptz not null,
  claimed_until timestamptz,
  last_error text check (length(last_error) <= 1000),
  created_at timestamptz not null,
  updated_at timestamptz not null,
  sent_at timestamptz
);
comment on table notification_email is 'The e-mail outbox: one row per notification sent by e-mail, claimed by workers with FOR UPDATE SKIP LOCKED. The address is looked up at send time, never stored here.';
comment on column notification_email.id is 'Outbox row id; the Message-ID of every attempt is derived from it, so a resend is recognisably the same message.';
comment on column notification_email.notification_id is 'The notification whose subject and body are sent.';
comment on column notification_email.status is 'pending (waiting for its next attempt), sending (claimed by a worker until claimed_until), sent, failed (attempts exhausted), skipped (not sendable: no SMTP server configured, or no address on file).';
comment on column notification_email.attempts is 'How many times a worker has claimed it to send.';
comment on column notification_email.next_attempt_at is 'Not tried again before this (exponential back-off after a failure).';
comment on column notification_email.claimed_until is 'While sending: the claim lapses at this time, and another worker may take the row over if the first stopped.';
comment on column notification_email.last_error is 'Why the last attempt failed or why it was skipped (e-mail addresses removed).';
comment on column notification_email.created_at is 'When it was enqueued.';
comment on column notification_email.updated_at is 'When its status last changed.';
comment on column notification_email.sent_at is 'When the SMTP server accepted it.';

create index notification_email_due on notification_email (next_attempt_at)
  where status in ('pending', 'sending');

insert into permission (code, module, description_zh, description_en) values
  ('platform.notifications.read', 'platform', '查看通知发件箱状态（待发、失败及错误）',
   'See the notification outbox: pending and failed e-mails and their errors');
insert into role_permission (role_id, permission_code)
  select id, 'platform.notifications.read' from role where code = 'identity-administrator';

-- Idempotency becomes a platform mechanism: keys belong to the caller who sent them, the record is
-- claimed before the creation runs (so a concurrent twin waits for it and replays), and records expire.
alter table idempotency_record add column actor_key text not null default '';
alter table idempotency_record add column expires_at timestamptz;
update idempotency_record set expires_at = created_at + interval '24 hours';
alter table idempotency_record alter column expires_at set not null;
alter table idempotency_record alter column response drop not null;
alter table idempotency_record alter column status_code drop not null;
alter table idempotency_record drop constraint idempotency_record_pkey;
alter table idempotency_record add primary key (scope, actor_key, idempotency_key);
alter table idempotency_record add constraint idempotency_record_key_charset
  check (idempotency_key ~ '^[\x21-\x7e]+$');
create index idempotency_record_expiry on idempotency_record (expires_at);
comment on column idempotency_record.actor_key is 'Who sent the key (account id), or empty for anonymous requests: one caller''s key never replays another''s answer.';
comment on column idempotency_record.expires_at is 'After this the key may be used afresh and the record is deleted by the cleanup.';
comment on column idempotency_record.response is 'The first answer''s body (masked values only); null only inside the transaction that is creating it.';
comment on column idempotency_record.status_code is 'The status of the first answer; null only inside the transaction that is creating it.';

-- Where notifications are e-mailed: the person's own address, encrypted like their phone number.
alter table person add column email_encrypted text;
alter table person add column email_masked text;
alter table person add constraint person_email_both
  check ((email_encrypted is null) = (email_masked is null));
comment on column person.email_encrypted is 'E-mail address for notifications, vault ciphertext bound to this row; null when none was given.';
comment on column person.email_masked is 'E-mail address masked: first character of the local part, then *, and the domain.';
