-- Applications for service items (办件): drafts and submitted cases with their encrypted answers, the
-- statutory and promised clocks, materials (uploaded or shared from a credential), clock events and
-- ratings. Numbers come from a per-division, per-day counter.

create table service_application_serial (
  division_code text not null references division (code),
  day date not null,
  last_serial integer not null check (last_serial between 1 and 999999),
  primary key (division_code, day)
);
comment on table service_application_serial is 'The last application serial used per division and Beijing-time day, so numbers are dense and unique.';
comment on column service_application_serial.division_code is 'The division of the implementation the applications were made to.';
comment on column service_application_serial.day is 'The Beijing-time day of submission.';
comment on column service_application_serial.last_serial is 'The serial given to the last application of that day.';

create table service_application (
  id uuid primary key,
  application_number text unique check (application_number ~ '^[0-9]{2,12}-[0-9]{8}-[0-9]{6}[0-9X]$'),
  province_code text not null check (province_code ~ '^[0-9]{2}$'),
  item_code text not null,
  item_version_id uuid not null references service_item_version (id),
  version_number integer not null check (version_number >= 1),
  division_code text not null references division (code),
  implementing_organisation_id uuid not null,
  applicant_account_id uuid not null,
  applicant_organisation_id uuid,
  state text not null check (state in ('draft', 'submitted', 'accepted', 'awaiting-supplements', 'approved', 'rejected', 'withdrawn')),
  answers_encrypted text not null,
  declaration_accepted_at timestamptz,
  submitted_at timestamptz,
  accepted_at timestamptz,
  decided_at timestamptz,
  statutory_limit_days integer not null check (statutory_limit_days >= 0),
  promised_limit_days integer not null check (promised_limit_days >= 0),
  statutory_due_at timestamptz,
  promised_due_at timestamptz,
  in_person_visits integer not null default 0 check (in_person_visits >= 0),
  workflow_instance_id uuid unique,
  credential_identifier text,
  rejection_reasons text[] not null default '{}',
  created_at timestamptz not null,
  updated_at timestamptz not null,
  check ((state = 'draft') = (application_number is null)),
  check (state = 'draft' or (submitted_at is not null and declaration_accepted_at is not null))
);
create index service_application_applicant on service_application (applicant_account_id, state, updated_at desc);
comment on table service_application is 'An application for a published item version, from draft to decision (docs/services.md, Applications).';
comment on column service_application.id is 'Identifier; also the row the answers are encrypted for.';
comment on column service_application.application_number is 'The number people quote: <division code>-<yyyymmdd>-<6-digit serial><ISO 7064 MOD 11-2 check character>, given on submission; null while a draft.';
comment on column service_application.province_code is 'The province of the division, for partitioning by province.';
comment on column service_application.item_code is 'The item''s code (e.g. 00-XK-00101-SL).';
comment on column service_application.item_version_id is 'The item version the application was made under; it keeps it when a new version is published.';
comment on column service_application.version_number is 'That version''s number, to read its guide.';
comment on column service_application.division_code is 'The division whose implementation serves the applicant (the nearest implementing one at or above theirs).';
comment on column service_application.implementing_organisation_id is 'The implementing organisation (identity''s organisation id), the issuer of the result.';
comment on column service_application.applicant_account_id is 'The applicant''s account.';
comment on column service_application.applicant_organisation_id is 'The organisation an enterprise account applies for; null for a person.';
comment on column service_application.state is 'draft, submitted, accepted (受理), awaiting-supplements, approved, rejected or withdrawn.';
comment on column service_application.answers_encrypted is 'The form answers as JSON, encrypted by the vault (personal data).';
comment on column service_application.declaration_accepted_at is 'When the applicant accepted the declaration that the answers are true.';
comment on column service_application.submitted_at is 'When it was submitted; the statutory clock starts from this day.';
comment on column service_application.accepted_at is 'When the implementing department accepted it (受理).';
comment on column service_application.decided_at is 'When it was approved or rejected.';
comment on column service_application.statutory_limit_days is 'The version''s statutory limit in working days, as it stood at submission.';
comment on column service_application.promised_limit_days is 'The implementation''s promised limit in working days, as it stood at submission.';
comment on column service_application.statutory_due_at is 'When the statutory limit runs out, pauses and extensions counted.';
comment on column service_application.promised_due_at is 'When the promised limit runs out, pauses counted.';
comment on column service_application.in_person_visits is 'Visits in person recorded for the case (最多跑一次 counts these).';
comment on column service_application.workflow_instance_id is 'The workflow carrying the case, once submitted.';
comment on column service_application.credential_identifier is 'The identifier of the credential issued on approval, if the result is a credential.';
comment on column service_application.rejection_reasons is 'The reasons given with a rejection.';
comment on column service_application.created_at is 'When the draft was created.';
comment on column service_application.updated_at is 'When it last changed.';

create table service_application_material (
  id uuid primary key,
  application_id uuid not null references service_application (id) on delete cascade,
  province_code text not null check (province_code ~ '^[0-9]{2}$'),
  material_key text not null,
  kind text not null check (kind in ('upload', 'shared')),
  content bytea,
  sha256 text check (sha256 ~ '^[0-9a-f]{64}$'),
  content_type text,
  size_bytes integer check (size_bytes >= 0),
  credential_identifier text,
  created_at timestamptz not null,
  check ((kind = 'upload') = (content is not null and sha256 is not null and content_type is not null and size_bytes is not null)),
  check ((kind = 'shared') = (credential_identifier is not null)),
  unique (application_id, material_key)
);
comment on table service_application_material is 'A material of an application: an uploaded file, or a credential the government already holds, shared instead.';
comment on column service_application_material.id is 'Identifier.';
comment on column service_application_material.application_id is 'The application.';
comment on column service_application_material.province_code is 'The application''s province.';
comment on column service_application_material.material_key is 'The material''s key in the version''s guide.';
comment on column service_application_material.kind is 'upload (bytes stored here) or shared (a credential identifier).';
comment on column service_application_material.content is 'The uploaded bytes.';
comment on column service_application_material.sha256 is 'SHA-256 of the bytes, hex.';
comment on column service_application_material.content_type is 'The content type found by sniffing the bytes, not the one the client claimed.';
comment on column service_application_material.size_bytes is 'Size of the bytes.';
comment on column service_application_material.credential_identifier is 'For a shared material: the holder''s credential identifier.';
comment on column service_application_material.created_at is 'When it was attached.';

create table service_application_clock_event (
  id uuid primary key,
  application_id uuid not null references service_application (id) on delete cascade,
  province_code text not null check (province_code ~ '^[0-9]{2}$'),
  kind text not null check (kind in ('pause', 'resume', 'extension')),
  reason text not null check (length(reason) between 1 and 2000),
  extension_days integer check (extension_days between 1 and 365),
  approved_by uuid,
  actor_id text not null,
  at timestamptz not null,
  check ((kind = 'extension') = (extension_days is not null and approved_by is not null))
);
create index service_application_clock_event_application on service_application_clock_event (application_id, at);
comment on table service_application_clock_event is 'What stopped, restarted or lengthened the statutory clock of an application.';
comment on column service_application_clock_event.id is 'Identifier.';
comment on column service_application_clock_event.application_id is 'The application.';
comment on column service_application_clock_event.province_code is 'The application''s province.';
comment on column service_application_clock_event.kind is 'pause (supplements asked), resume (supplements provided) or extension (approved extra working days).';
comment on column service_application_clock_event.reason is 'Why, in words.';
comment on column service_application_clock_event.extension_days is 'Extra working days of an extension.';
comment on column service_application_clock_event.approved_by is 'The account that approved an extension.';
comment on column service_application_clock_event.actor_id is 'Who caused the event (an account id, or system).';
comment on column service_application_clock_event.at is 'When.';

create table service_application_rating (
  application_id uuid primary key references service_application (id) on delete cascade,
  province_code text not null check (province_code ~ '^[0-9]{2}$'),
  score smallint not null check (score between 1 and 5),
  comment text check (length(comment) <= 2000),
  rated_at timestamptz not null
);
comment on table service_application_rating is 'The applicant''s rating of a decided application (好差评), at most one.';
comment on column service_application_rating.application_id is 'The application rated.';
comment on column service_application_rating.province_code is 'The application''s province.';
comment on column service_application_rating.score is '1 (very poor) to 5 (very good).';
comment on column service_application_rating.comment is 'The applicant''s words, if any.';
comment on column service_application_rating.rated_at is 'When it was rated.';
