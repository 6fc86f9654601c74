-- The deployment's own profile and the record of which seed steps have run.

create table deployment_profile (
  id boolean primary key default true check (id),
  name_zh text not null check (length(name_zh) between 1 and 200),
  name_en text not null check (length(name_en) between 1 and 200),
  contact_email text not null check (contact_email like '%_@_%'),
  contact_phone text not null check (length(contact_phone) between 3 and 40),
  address_zh text not null,
  address_en text not null,
  office_hours_zh text not null,
  office_hours_en text not null,
  accessibility_statement_updated_on date not null,
  updated_at timestamptz not null default now()
);
comment on table deployment_profile is 'Who runs this Shuzhi deployment and how the public reaches them; at most one row.';
comment on column deployment_profile.id is 'Always true: the check and primary key allow a single row.';
comment on column deployment_profile.name_zh is 'Name of the operating government body in Chinese, shown in the header.';
comment on column deployment_profile.name_en is 'Name of the operating government body in English.';
comment on column deployment_profile.contact_email is 'Public contact email, also where accessibility problems are reported.';
comment on column deployment_profile.contact_phone is 'Public contact telephone number (e.g. the 12345 hotline).';
comment on column deployment_profile.address_zh is 'Postal address in Chinese.';
comment on column deployment_profile.address_en is 'Postal address in English.';
comment on column deployment_profile.office_hours_zh is 'Office hours in Chinese.';
comment on column deployment_profile.office_hours_en is 'Office hours in English.';
comment on column deployment_profile.accessibility_statement_updated_on is 'Date the accessibility statement was last reviewed.';
comment on column deployment_profile.updated_at is 'When the profile was last changed.';

create table seed_step (
  name text primary key check (name ~ '^[a-z0-9][a-z0-9.-]*$'),
  applied_at timestamptz not null default now()
);
comment on table seed_step is 'Seed steps (demo data and reference data) already applied, so seeding twice adds nothing.';
comment on column seed_step.name is 'Stable name of the step, e.g. platform.deployment-profile.';
comment on column seed_step.applied_at is 'When the step ran.';
