-- Data sharing between departments: the resource catalogue, requests and the agreements they lead to,
-- the systems that call the hub with their hashed keys, citizens' consents, the records that owners hold
-- in the platform for the hub's local query API, and the access log every exchange writes.

create table sharing_resource (
  id uuid primary key,
  code text not null unique check (code ~ '^[A-Za-z0-9][A-Za-z0-9./-]{1,63}$'),
  name text not null check (length(name) between 1 and 200),
  description text not null default '',
  owner_organisation_id uuid not null,
  owner_division_path text not null,
  legal_basis text not null check (length(legal_basis) between 1 and 1000),
  update_frequency text not null check (update_frequency in ('real-time', 'daily', 'weekly', 'monthly', 'quarterly', 'yearly', 'irregular')),
  fields jsonb not null check (jsonb_typeof(fields) = 'array'),
  sharing_type text not null check (sharing_type in ('unconditional', 'conditional', 'not-shared')),
  sharing_conditions text,
  not_shared_reason text,
  open_type text not null check (open_type in ('open', 'conditionally-open', 'not-open')),
  access_method text not null check (access_method in ('local', 'endpoint')),
  endpoint_url text,
  subject_field text,
  requires_consent boolean not null default false,
  created_by uuid not null,
  created_at timestamptz not null,
  check (sharing_type <> 'conditional' or sharing_conditions is not null),
  check (sharing_type <> 'not-shared' or not_shared_reason is not null),
  check ((access_method = 'endpoint') = (endpoint_url is not null))
);
create index sharing_resource_owner on sharing_resource (owner_organisation_id);
comment on table sharing_resource is 'A data resource in the government information resource catalogue.';
comment on column sharing_resource.id is 'Stable identifier.';
comment on column sharing_resource.code is 'The catalogue code of the resource.';
comment on column sharing_resource.name is 'Name of the resource.';
comment on column sharing_resource.description is 'What the resource holds.';
comment on column sharing_resource.owner_organisation_id is 'The department that owns and provides it.';
comment on column sharing_resource.owner_division_path is 'Division path of the owner, for scoped reads.';
comment on column sharing_resource.legal_basis is 'The law or regulation under which the data is kept.';
comment on column sharing_resource.update_frequency is 'How often the data is updated.';
comment on column sharing_resource.fields is 'Data items: [{name, type, description, grade core|important|general, isPersonal, isSensitive}].';
comment on column sharing_resource.sharing_type is 'Unconditional, conditional or not shared.';
comment on column sharing_resource.sharing_conditions is 'The conditions of conditional sharing.';
comment on column sharing_resource.not_shared_reason is 'Why a resource is not shared (the law that forbids it).';
comment on column sharing_resource.open_type is 'Open to the public, conditionally open, or not open.';
comment on column sharing_resource.access_method is 'local: the hub queries records the owner holds in the platform; endpoint: the owner''s registered provider URL.';
comment on column sharing_resource.endpoint_url is 'The provider endpoint for access method endpoint.';
comment on column sharing_resource.subject_field is 'The field holding the citizen''s resident ID number, when records are about a person.';
comment on column sharing_resource.requires_consent is 'Whether an exchange needs the citizen''s consent for the consumer and purpose.';
comment on column sharing_resource.created_by is 'Account that registered it.';
comment on column sharing_resource.created_at is 'When it was registered.';

create table sharing_local_record (
  id uuid primary key,
  resource_id uuid not null references sharing_resource (id),
  subject_index text not null,
  division_code text not null,
  record_ciphertext text not null,
  updated_at timestamptz not null,
  unique (resource_id, subject_index)
);
comment on table sharing_local_record is 'Records an owner holds in the platform, served by the hub''s local query API.';
comment on column sharing_local_record.id is 'Stable identifier (part of the encryption context).';
comment on column sharing_local_record.resource_id is 'The resource the record belongs to.';
comment on column sharing_local_record.subject_index is 'Blind index of the record''s key (resident ID number or credit code).';
comment on column sharing_local_record.division_code is 'Division the record belongs to, checked against an agreement''s divisions.';
comment on column sharing_local_record.record_ciphertext is 'The record''s fields as JSON, encrypted by the vault.';
comment on column sharing_local_record.updated_at is 'When the owner last updated it.';

create table sharing_request (
  id uuid primary key,
  resource_id uuid not null references sharing_resource (id),
  consumer_organisation_id uuid not null,
  consumer_division_path text not null,
  owner_organisation_id uuid not null,
  owner_division_path text not null,
  purpose text not null check (length(purpose) between 1 and 500),
  legal_basis text not null check (length(legal_basis) between 1 and 1000),
  fields text[] not null,
  status text not null check (status in ('pending', 'approved', 'rejected')),
  due_at timestamptz not null,
  reminded_at timestamptz,
  decided_at timestamptz,
  decided_by uuid,
  rejection_reason text,
  requested_by uuid not null,
  created_at timestamptz not null
);
create index sharing_request_consumer on sharing_request (consumer_organisation_id, created_at desc);
create index sharing_request_owner on sharing_request (owner_organisation_id, created_at desc);
comment on table sharing_request is 'A consumer department''s request to use a resource.';
comment on column sharing_request.id is 'Stable identifier.';
comment on column sharing_request.resource_id is 'The resource requested.';
comment on column sharing_request.consumer_organisation_id is 'The requesting department.';
comment on column sharing_request.consumer_division_path is 'Its division path.';
comment on column sharing_request.owner_organisation_id is 'The owner who decides.';
comment on column sharing_request.owner_division_path is 'The owner''s division path.';
comment on column sharing_request.purpose is 'What the data is for.';
comment on column sharing_request.legal_basis is 'The law under which the consumer needs it.';
comment on column sharing_request.fields is 'The fields asked for.';
comment on column sharing_request.status is 'pending, approved or rejected.';
comment on column sharing_request.due_at is 'By when the owner must decide (working days from the request).';
comment on column sharing_request.reminded_at is 'When the owner was last reminded of it.';
comment on column sharing_request.decided_at is 'When it was decided.';
comment on column sharing_request.decided_by is 'Who decided.';
comment on column sharing_request.rejection_reason is 'Why it was rejected.';
comment on column sharing_request.requested_by is 'The account that asked.';
comment on column sharing_request.created_at is 'When it was asked.';

create table sharing_agreement (
  id uuid primary key,
  request_id uuid references sharing_request (id),
  resource_id uuid not null references sharing_resource (id),
  consumer_organisation_id uuid not null,
  owner_organisation_id uuid not null,
  fields text[] not null,
  masked_fields text[] not null default '{}',
  purposes text[] not null,
  division_codes text[] not null,
  valid_from timestamptz not null,
  valid_until timestamptz not null,
  rate_limit_per_minute integer not null check (rate_limit_per_minute between 1 and 100000),
  status text not null check (status in ('active', 'suspended', 'revoked')),
  status_reason text,
  is_automatic boolean not null,
  created_at timestamptz not null
);
create index sharing_agreement_consumer on sharing_agreement (consumer_organisation_id, resource_id);
comment on table sharing_agreement is 'What a consumer department may take from a resource, for which purposes and until when.';
comment on column sharing_agreement.id is 'Stable identifier.';
comment on column sharing_agreement.request_id is 'The request it answers (every agreement has one, automatic ones too).';
comment on column sharing_agreement.resource_id is 'The resource.';
comment on column sharing_agreement.consumer_organisation_id is 'The department that may use it.';
comment on column sharing_agreement.owner_organisation_id is 'The department that provides it.';
comment on column sharing_agreement.fields is 'The fields agreed.';
comment on column sharing_agreement.masked_fields is 'Agreed fields that leave the hub masked.';
comment on column sharing_agreement.purposes is 'The purposes the data may be used for.';
comment on column sharing_agreement.division_codes is 'Division codes whose records it covers (a code covers the codes it prefixes; 0 covers all).';
comment on column sharing_agreement.valid_from is 'From when.';
comment on column sharing_agreement.valid_until is 'Until when.';
comment on column sharing_agreement.rate_limit_per_minute is 'Exchanges allowed per minute.';
comment on column sharing_agreement.status is 'active, suspended or revoked.';
comment on column sharing_agreement.status_reason is 'Why it was suspended or revoked.';
comment on column sharing_agreement.is_automatic is 'Granted automatically for an unconditional resource.';
comment on column sharing_agreement.created_at is 'When it was made.';

create table sharing_system (
  id uuid primary key,
  organisation_id uuid not null,
  name text not null check (length(name) between 1 and 200),
  key_prefix text not null,
  key_hash text not null unique,
  created_by uuid not null,
  created_at timestamptz not null,
  revoked_at timestamptz
);
comment on table sharing_system is 'A department''s information system that calls the hub, with its API key.';
comment on column sharing_system.id is 'Stable identifier.';
comment on column sharing_system.organisation_id is 'The department the system belongs to.';
comment on column sharing_system.name is 'Name of the system.';
comment on column sharing_system.key_prefix is 'First characters of the key, to tell keys apart.';
comment on column sharing_system.key_hash is 'SHA-256 of the key (256 random bits); the key is shown once and never stored.';
comment on column sharing_system.created_by is 'Who registered it.';
comment on column sharing_system.created_at is 'When.';
comment on column sharing_system.revoked_at is 'When the key stopped working.';

create table sharing_consent (
  id uuid primary key,
  account_id uuid not null,
  agreement_id uuid not null references sharing_agreement (id),
  purpose text not null,
  granted_at timestamptz not null,
  revoked_at timestamptz
);
create index sharing_consent_account on sharing_consent (account_id, agreement_id);
comment on table sharing_consent is 'A citizen''s consent to an agreement''s consumer using their data for one purpose.';
comment on column sharing_consent.id is 'Stable identifier.';
comment on column sharing_consent.account_id is 'The citizen.';
comment on column sharing_consent.agreement_id is 'The agreement (resource and consumer) consented to.';
comment on column sharing_consent.purpose is 'The purpose consented to.';
comment on column sharing_consent.granted_at is 'When it was given.';
comment on column sharing_consent.revoked_at is 'When it was withdrawn.';

create table sharing_access (
  id uuid primary key,
  resource_id uuid not null references sharing_resource (id),
  agreement_id uuid references sharing_agreement (id),
  system_id uuid not null references sharing_system (id),
  consumer_organisation_id uuid not null,
  owner_organisation_id uuid not null,
  end_user text not null,
  purpose text not null,
  case_number text not null,
  fields text[] not null,
  subject_account_id uuid,
  outcome text not null check (outcome in ('granted', 'denied')),
  denial_code text,
  response_hash text,
  hidden_basis text,
  hidden_until timestamptz,
  at timestamptz not null,
  check ((hidden_basis is null) = (hidden_until is null))
);
create index sharing_access_subject on sharing_access (subject_account_id, at desc);
create index sharing_access_agreement on sharing_access (agreement_id, at);
create index sharing_access_owner on sharing_access (owner_organisation_id, at);
create index sharing_access_consumer on sharing_access (consumer_organisation_id, at);
comment on table sharing_access is 'Every exchange through the hub, granted or denied; each row has its ledger event.';
comment on column sharing_access.id is 'Stable identifier (the ledger record id).';
comment on column sharing_access.resource_id is 'The resource asked for.';
comment on column sharing_access.agreement_id is 'The agreement it went under, if one was found.';
comment on column sharing_access.system_id is 'The calling system.';
comment on column sharing_access.consumer_organisation_id is 'The calling department.';
comment on column sharing_access.owner_organisation_id is 'The providing department.';
comment on column sharing_access.end_user is 'The official who used the calling system, as the system stated.';
comment on column sharing_access.purpose is 'The stated purpose.';
comment on column sharing_access.case_number is 'The stated case number.';
comment on column sharing_access.fields is 'The fields returned (or asked for, when denied).';
comment on column sharing_access.subject_account_id is 'The citizen the data is about, when they have an account.';
comment on column sharing_access.outcome is 'granted or denied.';
comment on column sharing_access.denial_code is 'The problem code of a denial.';
comment on column sharing_access.response_hash is 'SHA-256 binding the request to the provider''s response.';
comment on column sharing_access.hidden_basis is 'The legal basis for hiding it from the citizen''s tracker.';
comment on column sharing_access.hidden_until is 'Until when it is hidden.';
comment on column sharing_access.at is 'When.';

insert into permission (code, module, description_zh, description_en) values
  ('sharing.catalogue.read', 'sharing', '浏览数据资源目录', 'Browse the data resource catalogue'),
  ('sharing.resources.manage', 'sharing', '登记本部门的数据资源', 'Register the department''s data resources'),
  ('sharing.requests.make', 'sharing', '为本部门申请共享数据资源', 'Request data resources for the department'),
  ('sharing.requests.decide', 'sharing', '审核本部门资源的共享申请，暂停或撤销协议', 'Decide requests for the department''s resources; suspend or revoke agreements'),
  ('sharing.systems.manage', 'sharing', '登记本部门调用共享枢纽的系统及其密钥', 'Register the department''s systems that call the hub, and their keys'),
  ('sharing.oversight.read', 'sharing', '查看本部门数据共享的监管看板', 'Read the department''s data sharing oversight dashboard');
