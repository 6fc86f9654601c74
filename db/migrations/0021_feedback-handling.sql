-- Citizen feedback, handling: service levels with three clocks per request (first contact, interim
-- reply, resolution), extensions, contacts with the citizen, redacted public replies, satisfaction
-- (the citizen's confirmation or a callback by phone) and reopening.

alter table feedback_request
  add column urgency text not null default 'normal' check (urgency in ('normal', 'urgent', 'emergency'));
comment on column feedback_request.urgency is 'normal, urgent or emergency: chooses the service level together with the category.';

alter table feedback_request_update drop constraint feedback_request_update_kind_check;
alter table feedback_request_update add constraint feedback_request_update_kind_check
  check (kind in ('submitted', 'dispatched', 'status-changed', 'transfer-offered', 'transfer-accepted',
    'transfer-refused', 'transfer-withdrawn', 'transfer-disputed', 'transfer-decided', 'imported',
    'contacted', 'progress', 'replied', 'extension-requested', 'extension-approved', 'extension-refused',
    'rated', 'callback', 'reopened', 'sla-warning', 'sla-overdue'));

create table feedback_sla_policy (
  id uuid primary key,
  category_code text references feedback_category (code),
  urgency text check (urgency in ('normal', 'urgent', 'emergency')),
  contact_unit text not null check (contact_unit in ('hours', 'calendarDays', 'workingDays')),
  contact_amount integer not null check (contact_amount between 1 and 1000),
  feedback_unit text not null check (feedback_unit in ('hours', 'calendarDays', 'workingDays')),
  feedback_amount integer not null check (feedback_amount between 1 and 1000),
  resolution_unit text not null check (resolution_unit in ('hours', 'calendarDays', 'workingDays')),
  resolution_amount integer not null check (resolution_amount between 1 and 1000),
  warn_percent smallint not null default 25 check (warn_percent between 1 and 99),
  restarts_on_transfer boolean not null default false,
  updated_by uuid references account (id),
  created_at timestamptz not null,
  updated_at timestamptz not null
);
create unique index feedback_sla_policy_scope_idx on feedback_sla_policy (coalesce(category_code, ''), coalesce(urgency, ''));
comment on table feedback_sla_policy is 'Service levels: for a category (or all) and an urgency (or any), how long first contact, the interim reply and resolution may take.';
comment on column feedback_sla_policy.id is 'Stable identifier.';
comment on column feedback_sla_policy.category_code is 'The category it applies to; null for every category.';
comment on column feedback_sla_policy.urgency is 'The urgency it applies to; null for any.';
comment on column feedback_sla_policy.contact_unit is 'Unit of the first-contact limit: hours (around the clock), calendarDays or workingDays.';
comment on column feedback_sla_policy.contact_amount is 'How many of contact_unit until the handler must have contacted the citizen.';
comment on column feedback_sla_policy.feedback_unit is 'Unit of the interim-reply limit.';
comment on column feedback_sla_policy.feedback_amount is 'How many of feedback_unit until the first public reply.';
comment on column feedback_sla_policy.resolution_unit is 'Unit of the resolution limit.';
comment on column feedback_sla_policy.resolution_amount is 'How many of resolution_unit until the request must be closed.';
comment on column feedback_sla_policy.warn_percent is 'A clock warns once this share of its limit or less remains.';
comment on column feedback_sla_policy.restarts_on_transfer is 'Whether a unit that accepts a transfer gets fresh clocks (otherwise the citizen''s clocks run on).';
comment on column feedback_sla_policy.updated_by is 'The administrator who last set it (null for the shipped defaults).';
comment on column feedback_sla_policy.created_at is 'When it was created.';
comment on column feedback_sla_policy.updated_at is 'When it last changed.';

create table feedback_sla_clock (
  request_id uuid not null references feedback_request (id),
  kind text not null check (kind in ('contact', 'feedback', 'resolution')),
  province_code text not null,
  policy_id uuid references feedback_sla_policy (id),
  limit_unit text not null check (limit_unit in ('hours', 'calendarDays', 'workingDays')),
  limit_amount integer not null check (limit_amount >= 1),
  warn_when_remaining double precision not null check (warn_when_remaining >= 0),
  started_at timestamptz not null,
  due_at timestamptz not null,
  warn_at timestamptz not null,
  completed_at timestamptz,
  warned_at timestamptz,
  overdue_at timestamptz,
  primary key (request_id, kind)
);
create index feedback_sla_clock_due_idx on feedback_sla_clock (due_at) where completed_at is null;
create index feedback_sla_clock_warn_idx on feedback_sla_clock (warn_at) where completed_at is null;
comment on table feedback_sla_clock is 'The three clocks of a request, started at dispatch from its service level.';
comment on column feedback_sla_clock.request_id is 'The request.';
comment on column feedback_sla_clock.kind is 'contact (first contact with the citizen), feedback (first public reply) or resolution (closing).';
comment on column feedback_sla_clock.province_code is 'Two-digit province of the request, the distribution column.';
comment on column feedback_sla_clock.policy_id is 'The service level it was started from.';
comment on column feedback_sla_clock.limit_unit is 'hours, calendarDays or workingDays, copied from the policy so a later edit leaves running clocks alone.';
comment on column feedback_sla_clock.limit_amount is 'The limit in limit_unit, before extensions.';
comment on column feedback_sla_clock.warn_when_remaining is 'The clock warns once this much (in limit_unit) or less remains.';
comment on column feedback_sla_clock.started_at is 'When it started: dispatch, a transfer that restarts it, or reopening.';
comment on column feedback_sla_clock.due_at is 'When it runs out, with approved extensions (kept for listing overdue requests in SQL).';
comment on column feedback_sla_clock.warn_at is 'When the warning begins (warn_when_remaining before due_at, counted as the clock counts).';
comment on column feedback_sla_clock.completed_at is 'When what it measures happened; the clock stops there.';
comment on column feedback_sla_clock.warned_at is 'When the warning was recorded in the history.';
comment on column feedback_sla_clock.overdue_at is 'When it was marked overdue in the history.';

create table feedback_sla_extension (
  id uuid primary key,
  request_id uuid not null references feedback_request (id),
  province_code text not null,
  clock_kind text not null check (clock_kind in ('contact', 'feedback', 'resolution')),
  amount integer not null check (amount between 1 and 1000),
  reason text not null check (length(reason) between 1 and 2000),
  status text not null check (status in ('requested', 'approved', 'refused')),
  organisation_id uuid not null references organisation (id),
  requested_by uuid not null references account (id),
  requested_at timestamptz not null,
  decided_by uuid references account (id),
  decided_at timestamptz,
  decision_reason text check (length(decision_reason) <= 2000),
  check ((status = 'requested') = (decided_at is null))
);
create unique index feedback_sla_extension_pending_idx on feedback_sla_extension (request_id, clock_kind) where status = 'requested';
create index feedback_sla_extension_request_idx on feedback_sla_extension (request_id, requested_at);
comment on table feedback_sla_extension is 'A handler''s request for more time on one clock, and the decision from above.';
comment on column feedback_sla_extension.id is 'Stable identifier.';
comment on column feedback_sla_extension.request_id is 'The request.';
comment on column feedback_sla_extension.province_code is 'Two-digit province of the request, the distribution column.';
comment on column feedback_sla_extension.clock_kind is 'Which clock: contact, feedback or resolution.';
comment on column feedback_sla_extension.amount is 'How much more, in the clock''s own unit.';
comment on column feedback_sla_extension.reason is 'Why the handling unit needs it.';
comment on column feedback_sla_extension.status is 'requested, approved or refused.';
comment on column feedback_sla_extension.organisation_id is 'The unit that asked (the holder then).';
comment on column feedback_sla_extension.requested_by is 'The handler who asked.';
comment on column feedback_sla_extension.requested_at is 'When they asked; an approved extension counts only for a clock started before it.';
comment on column feedback_sla_extension.decided_by is 'Who approved or refused it.';
comment on column feedback_sla_extension.decided_at is 'When.';
comment on column feedback_sla_extension.decision_reason is 'Why, if given.';

create table feedback_contact (
  id uuid primary key,
  request_id uuid not null references feedback_request (id),
  province_code text not null,
  organisation_id uuid not null references organisation (id),
  channel text not null check (channel in ('phone', 'sms', 'visit', 'online', 'letter')),
  contacted_at timestamptz not null,
  note text not null check (length(note) between 1 and 2000),
  recorded_by uuid not null references account (id),
  created_at timestamptz not null
);
create index feedback_contact_request_idx on feedback_contact (request_id, contacted_at);
comment on table feedback_contact is 'A handler''s contact with the citizen about a request (internal).';
comment on column feedback_contact.id is 'Stable identifier.';
comment on column feedback_contact.request_id is 'The request.';
comment on column feedback_contact.province_code is 'Two-digit province of the request, the distribution column.';
comment on column feedback_contact.organisation_id is 'The unit that made contact.';
comment on column feedback_contact.channel is 'phone, sms, visit, online or letter.';
comment on column feedback_contact.contacted_at is 'When the contact happened (not after it was recorded).';
comment on column feedback_contact.note is 'What was said, for the handlers only.';
comment on column feedback_contact.recorded_by is 'The handler who recorded it.';
comment on column feedback_contact.created_at is 'When it was recorded.';

create table feedback_reply (
  id uuid primary key,
  request_id uuid not null references feedback_request (id),
  province_code text not null,
  organisation_id uuid not null references organisation (id),
  kind text not null check (kind in ('interim', 'final')),
  original_text text not null check (length(original_text) between 1 and 5000),
  published_text text not null check (length(published_text) between 1 and 5000),
  redaction_count integer not null check (redaction_count >= 0),
  published_by uuid not null references account (id),
  published_at timestamptz not null
);
create index feedback_reply_request_idx on feedback_reply (request_id, published_at);
comment on table feedback_reply is 'Replies to the citizen: the handler''s text, and the redacted text shown on the public page.';
comment on column feedback_reply.id is 'Stable identifier.';
comment on column feedback_reply.request_id is 'The request.';
comment on column feedback_reply.province_code is 'Two-digit province of the request, the distribution column.';
comment on column feedback_reply.organisation_id is 'The unit that replied.';
comment on column feedback_reply.kind is 'interim (progress for the citizen) or final (the answer; closes the request).';
comment on column feedback_reply.original_text is 'What the handler wrote; handlers only, since it may hold personal data.';
comment on column feedback_reply.published_text is 'The text after redaction of personal data, as the handler previewed it: public.';
comment on column feedback_reply.redaction_count is 'How many pieces of personal data were replaced.';
comment on column feedback_reply.published_by is 'The handler who published it.';
comment on column feedback_reply.published_at is 'When.';

create table feedback_satisfaction (
  id uuid primary key,
  request_id uuid not null references feedback_request (id),
  province_code text not null,
  organisation_id uuid references organisation (id),
  closed_at timestamptz not null,
  source text not null check (source in ('citizen', 'callback')),
  satisfaction text not null check (satisfaction in ('satisfied', 'basically-satisfied', 'dissatisfied')),
  score smallint check (score between 1 and 5),
  comment text check (length(comment) <= 2000),
  recorded_by uuid not null references account (id),
  created_at timestamptz not null,
  unique (request_id, closed_at, source)
);
create index feedback_satisfaction_organisation_idx on feedback_satisfaction (organisation_id, created_at);
comment on table feedback_satisfaction is 'Satisfaction with a closed request (回访): the citizen''s own confirmation, or a callback by phone recorded by staff.';
comment on column feedback_satisfaction.id is 'Stable identifier.';
comment on column feedback_satisfaction.request_id is 'The request.';
comment on column feedback_satisfaction.province_code is 'Two-digit province of the request, the distribution column.';
comment on column feedback_satisfaction.organisation_id is 'The unit that held the request when it was closed: the one rated.';
comment on column feedback_satisfaction.closed_at is 'Which closing is rated (a reopened request is rated again after it closes again).';
comment on column feedback_satisfaction.source is 'citizen (on the web) or callback (staff calling the citizen).';
comment on column feedback_satisfaction.satisfaction is 'satisfied (满意), basically-satisfied (基本满意) or dissatisfied (不满意).';
comment on column feedback_satisfaction.score is 'Optional score from 1 to 5.';
comment on column feedback_satisfaction.comment is 'What the citizen said; internal, never on the public page.';
comment on column feedback_satisfaction.recorded_by is 'The citizen''s account, or the member of staff who called.';
comment on column feedback_satisfaction.created_at is 'When it was recorded.';

insert into permission (code, module, description_zh, description_en) values
  ('feedback.sla.manage', 'feedback', '设定诉求办理时限（首次联系、阶段答复、办结）', 'Set the service levels of requests (first contact, interim reply, resolution)'),
  ('feedback.extensions.approve', 'feedback', '审批下级单位的诉求延期申请', 'Approve extensions asked for by the units below');

-- The shipped service levels; administrators edit them. Any category, any urgency: the general case.
insert into feedback_sla_policy (id, category_code, urgency, contact_unit, contact_amount, feedback_unit, feedback_amount, resolution_unit, resolution_amount, warn_percent, restarts_on_transfer, created_at, updated_at) values
  ('00000000-0000-4000-8000-000000000021', null, null, 'hours', 24, 'workingDays', 3, 'calendarDays', 7, 25, false, now(), now()),
  ('00000000-0000-4000-8000-000000000022', null, 'emergency', 'hours', 1, 'hours', 2, 'hours', 24, 25, false, now(), now()),
  ('00000000-0000-4000-8000-000000000023', null, 'urgent', 'hours', 4, 'hours', 12, 'calendarDays', 3, 25, false, now(), now()),
  ('00000000-0000-4000-8000-000000000024', 'water-drainage', null, 'hours', 4, 'hours', 12, 'hours', 24, 25, false, now(), now()),
  ('00000000-0000-4000-8000-000000000025', 'street-lighting', null, 'hours', 8, 'hours', 24, 'calendarDays', 3, 25, false, now(), now()),
  ('00000000-0000-4000-8000-000000000026', 'housing', null, 'workingDays', 1, 'workingDays', 5, 'workingDays', 15, 20, false, now(), now()),
  ('00000000-0000-4000-8000-000000000027', 'government-services', null, 'workingDays', 1, 'workingDays', 5, 'workingDays', 15, 20, false, now(), now());
