-- The catalogue of government service items (政务服务事项) and their guides (办事指南): items with a
-- coded place in the item → sub-item → handling-item hierarchy, immutable published versions carrying
-- the whole guide, the application form and the workflow, and each division's implementation (实施清单).

create table service_item (
  id uuid primary key,
  code text not null unique
    check (code ~ '^(00|[1-9][0-9])-(XK|QR|GF|JL|CJ|QT|GG)-[0-9]{5}(-[0-9]{2})?(-(SL|BG|YX|ZX|BF))?$'),
  main_code text not null,
  item_type text not null check (item_type in
    ('licence', 'confirmation', 'payment', 'award', 'adjudication', 'other-power', 'public-service')),
  level text not null check (level in ('national', 'provincial')),
  authority_division_code text not null references division (code),
  province_code text not null,
  published_version_id uuid,
  created_at timestamptz not null,
  created_by text not null,
  check ((level = 'national') = (authority_division_code = '0'))
);
create index service_item_main_code_idx on service_item (main_code);
comment on table service_item is 'A government service item (政务服务事项) of the national or a provincial catalogue; its guide lives in its versions.';
comment on column service_item.id is 'Stable identifier.';
comment on column service_item.code is 'Catalogue code, scope-type-item[-sub][-handling], e.g. 00-XK-00101-SL (docs/services.md); never changes.';
comment on column service_item.main_code is 'The first three parts of the code (scope-type-item): items sharing it are sub-items or handling items of one main item.';
comment on column service_item.item_type is 'Kind of power or service: licence 行政许可, confirmation 行政确认, payment 行政给付, award 行政奖励, adjudication 行政裁决, other-power 其他行政权力, public-service 公共服务.';
comment on column service_item.level is 'national (国家政务服务事项基本目录) or provincial (a province''s own catalogue).';
comment on column service_item.authority_division_code is 'Whose catalogue it is: 0 for national items, the province for provincial ones; catalogue grants are checked against it.';
comment on column service_item.province_code is 'Two-digit province of a provincial item, 00 for national items: the distribution column for sharding by region.';
comment on column service_item.published_version_id is 'The version in force (the latest published one), null until the first publication.';
comment on column service_item.created_at is 'When the item entered the catalogue.';
comment on column service_item.created_by is 'Account id of the catalogue editor who created it, or seed.';

create table service_item_version (
  id uuid primary key,
  item_id uuid not null references service_item (id),
  version_number integer not null check (version_number >= 1),
  status text not null check (status in ('draft', 'published', 'superseded')),
  name_zh text not null check (length(name_zh) between 1 and 200),
  name_en text not null check (length(name_en) between 1 and 200),
  applicant_type text not null check (applicant_type in ('person', 'organisation', 'both')),
  statutory_limit_days integer not null check (statutory_limit_days >= 0),
  promised_limit_days integer not null check (promised_limit_days between 0 and statutory_limit_days),
  max_in_person_visits integer not null check (max_in_person_visits >= 0),
  is_free boolean not null,
  department_slots jsonb not null,
  guide jsonb not null,
  form_schema jsonb not null,
  form_ui jsonb not null,
  workflow jsonb not null,
  search_tokens text[] not null,
  name_tokens text[] not null,
  created_at timestamptz not null,
  created_by text not null,
  updated_at timestamptz not null,
  published_at timestamptz,
  published_by text,
  superseded_at timestamptz,
  unique (item_id, version_number),
  check ((status = 'draft') = (published_at is null)),
  check ((status = 'superseded') = (superseded_at is not null))
);
create unique index service_item_version_one_draft_idx on service_item_version (item_id) where status = 'draft';
create unique index service_item_version_one_published_idx on service_item_version (item_id) where status = 'published';
create index service_item_version_search_idx on service_item_version using gin (search_tokens);
alter table service_item add constraint service_item_published_version_fk
  foreign key (published_version_id) references service_item_version (id);
comment on table service_item_version is 'One version of an item''s guide, form and workflow: draft, then published (immutable: applications keep its id), then superseded by the next.';
comment on column service_item_version.id is 'Stable identifier; an application records the version it was made under.';
comment on column service_item_version.item_id is 'The service item.';
comment on column service_item_version.version_number is '1, 2, … per item, in order of creation.';
comment on column service_item_version.status is 'draft (editable), published (in force, immutable) or superseded (was in force, immutable).';
comment on column service_item_version.name_zh is 'Item name in Chinese (事项名称).';
comment on column service_item_version.name_en is 'Item name in English.';
comment on column service_item_version.applicant_type is 'Who may apply (服务对象): person, organisation or both.';
comment on column service_item_version.statutory_limit_days is 'Statutory time limit (法定办结时限) in working days.';
comment on column service_item_version.promised_limit_days is 'Promised time limit (承诺办结时限) in working days, at most the statutory one; a division may promise less.';
comment on column service_item_version.max_in_person_visits is 'Most visits in person the applicant needs (最多跑动次数): 0, 1 or more.';
comment on column service_item_version.is_free is 'True when no fee is charged (the guide''s fees list is empty).';
comment on column service_item_version.department_slots is 'Department slots the item declares besides implementing: [{key, name: {zh, en}}]; each implementation binds every slot to an organisation.';
comment on column service_item_version.guide is 'The other guide elements (bases, conditions, prohibited cases, materials, process, fees, result, place, remedies, contacts, FAQ) as the GuideContent schema of src/modules/services/catalogue/schemas.ts.';
comment on column service_item_version.form_schema is 'The application form''s answers as a JSON Schema (draft 2020-12), compiled by Ajv at publication.';
comment on column service_item_version.form_ui is 'How the form is asked: pages, fields by JSON pointer, showIf conditions, exit pages, uploads and prefill sources (docs/services.md).';
comment on column service_item_version.workflow is 'The workflow definition (steps of tasks and parallel branches at department slots) the application follows.';
comment on column service_item_version.search_tokens is 'Search terms of the whole guide written at save time: Chinese character unigrams and bigrams, lower-case English words and the code.';
comment on column service_item_version.name_tokens is 'Search terms of the names and code alone, so that name matches rank first.';
comment on column service_item_version.created_at is 'When the draft was created.';
comment on column service_item_version.created_by is 'Account id of its author, or seed.';
comment on column service_item_version.updated_at is 'When the draft was last saved.';
comment on column service_item_version.published_at is 'When it was published; null while a draft.';
comment on column service_item_version.published_by is 'Account id of who published it, or seed.';
comment on column service_item_version.superseded_at is 'When the next version was published in its place.';

create table service_item_implementation (
  id uuid primary key,
  item_id uuid not null references service_item (id),
  division_code text not null references division (code),
  province_code text not null,
  implementing_organisation_id uuid not null,
  slot_bindings jsonb not null,
  offline_place_zh text not null check (length(offline_place_zh) between 1 and 500),
  offline_place_en text not null check (length(offline_place_en) between 1 and 500),
  office_hours_zh text not null check (length(office_hours_zh) between 1 and 500),
  office_hours_en text not null check (length(office_hours_en) between 1 and 500),
  enquiry_phone text not null check (length(enquiry_phone) between 1 and 50),
  complaint_phone text not null check (length(complaint_phone) between 1 and 50),
  promised_limit_days integer not null check (promised_limit_days >= 0),
  is_online_enabled boolean not null,
  published_at timestamptz not null,
  published_by text not null,
  unique (item_id, division_code)
);
create index service_item_implementation_division_idx on service_item_implementation (division_code);
create index service_item_implementation_organisation_idx on service_item_implementation (implementing_organisation_id);
comment on table service_item_implementation is 'A division''s implementation of an item (实施清单): who implements it there, where and when, and how fast; republishing replaces it.';
comment on column service_item_implementation.id is 'Stable identifier.';
comment on column service_item_implementation.item_id is 'The service item implemented.';
comment on column service_item_implementation.division_code is 'The division whose people it serves (the items of a township''s residents include those of the county above).';
comment on column service_item_implementation.province_code is 'Two-digit province of division_code: the distribution column for sharding by region.';
comment on column service_item_implementation.implementing_organisation_id is 'The implementing body (实施主体), an identity organisation; the implementing slot.';
comment on column service_item_implementation.slot_bindings is 'Every other department slot of the item bound to an organisation id, at this division or above: {"fire-safety": "<uuid>"}.';
comment on column service_item_implementation.offline_place_zh is 'Where to apply in person, in Chinese (办理地点).';
comment on column service_item_implementation.offline_place_en is 'Where to apply in person, in English.';
comment on column service_item_implementation.office_hours_zh is 'Office hours, in Chinese (办理时间).';
comment on column service_item_implementation.office_hours_en is 'Office hours, in English.';
comment on column service_item_implementation.enquiry_phone is 'Local enquiry telephone (咨询电话).';
comment on column service_item_implementation.complaint_phone is 'Local complaint telephone (监督投诉电话).';
comment on column service_item_implementation.promised_limit_days is 'Local promised time limit in working days, at most the statutory limit of the version in force when published.';
comment on column service_item_implementation.is_online_enabled is 'Whether applications may be made online here (全程网办).';
comment on column service_item_implementation.published_at is 'When this implementation was (last) published.';
comment on column service_item_implementation.published_by is 'Account id of who published it, or seed.';

insert into permission (code, module, description_zh, description_en) values
  ('services.catalogue.manage', 'services', '编制政务服务事项目录与办事指南、发布实施清单',
   'Edit service items and their guides, publish versions and divisions'' implementations');
