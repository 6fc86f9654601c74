-- Citizen feedback (12345-style): the category catalogue (also the Open311 service list), requests
-- with their photos and history, the units that handle them, routing rules, who holds each request
-- and the transfers between units, and the API keys of Open311 clients.

create table feedback_category (
  code text primary key check (code ~ '^[a-z0-9][a-z0-9-]{0,63}$'),
  name_zh text not null check (length(name_zh) between 1 and 100),
  name_en text not null check (length(name_en) between 1 and 100),
  description_zh text not null default '',
  description_en text not null default '',
  group_zh text not null check (length(group_zh) between 1 and 100),
  group_en text not null check (length(group_en) between 1 and 100),
  keywords text[] not null default '{}',
  attributes jsonb not null default '[]' check (jsonb_typeof(attributes) = 'array'),
  is_active boolean not null default true,
  created_at timestamptz not null,
  updated_at timestamptz not null
);
comment on table feedback_category is 'What a request may be about; published as the Open311 service list.';
comment on column feedback_category.code is 'Stable code, the Open311 service_code.';
comment on column feedback_category.name_zh is 'Name in Chinese.';
comment on column feedback_category.name_en is 'Name in English (the Open311 service_name).';
comment on column feedback_category.description_zh is 'What belongs in this category, in Chinese.';
comment on column feedback_category.description_en is 'What belongs in this category, in English (the Open311 description).';
comment on column feedback_category.group_zh is 'The group the category is listed under, in Chinese.';
comment on column feedback_category.group_en is 'The group in English (the Open311 group).';
comment on column feedback_category.keywords is 'Search words (the Open311 keywords, joined by commas).';
comment on column feedback_category.attributes is 'Open311 service definition attributes: [{code, datatype, required, variable, order, description, datatypeDescription, values:[{key, name}]}].';
comment on column feedback_category.is_active is 'False once retired: no new requests, old ones keep it.';
comment on column feedback_category.created_at is 'When the category was created.';
comment on column feedback_category.updated_at is 'When it last changed.';

create table feedback_category_mapping (
  source text not null check (source ~ '^[a-z0-9][a-z0-9-]*$'),
  external_type text not null check (length(external_type) between 1 and 200),
  category_code text not null references feedback_category (code),
  kind text not null check (kind in ('complaint', 'demand', 'suggestion', 'enquiry', 'praise')),
  primary key (source, external_type)
);
comment on table feedback_category_mapping is 'How the request types of another 311 system (an import source) map to our categories.';
comment on column feedback_category_mapping.source is 'The other system, e.g. boston-311.';
comment on column feedback_category_mapping.external_type is 'Its request type, exactly as in its records.';
comment on column feedback_category_mapping.category_code is 'Our category for it.';
comment on column feedback_category_mapping.kind is 'The kind of request such records are (complaint, demand, suggestion, enquiry, praise).';

create sequence feedback_request_number;
comment on sequence feedback_request_number is 'Numbers the public ids of requests (FB + year + number).';

create table feedback_request (
  id uuid primary key,
  public_id text not null unique check (public_id ~ '^FB[0-9]{4}[0-9]{8,}$'),
  province_code text not null,
  category_code text not null references feedback_category (code),
  kind text not null check (kind in ('complaint', 'demand', 'suggestion', 'enquiry', 'praise')),
  description text not null check (length(description) between 1 and 5000),
  attributes jsonb not null default '{}' check (jsonb_typeof(attributes) = 'object'),
  address text check (length(address) <= 500),
  division_code text not null references division (code),
  division_path text not null,
  latitude double precision check (latitude between -90 and 90),
  longitude double precision check (longitude between -180 and 180),
  media_url text check (length(media_url) <= 2000),
  status text not null check (status in ('open', 'acknowledged', 'in-progress', 'closed')),
  status_notes text check (length(status_notes) <= 2000),
  channel text not null check (channel in ('web', 'phone', 'open311', 'import')),
  contact_account_id uuid references account (id),
  is_identity_disclosed boolean not null,
  contact_name_encrypted text,
  contact_name_masked text,
  contact_phone_encrypted text,
  contact_phone_masked text,
  contact_email_encrypted text,
  contact_email_masked text,
  entered_by uuid references account (id),
  open311_client_id uuid,
  device_id text check (length(device_id) <= 200),
  external_account_id text check (length(external_account_id) <= 200),
  external_source text,
  external_id text,
  idempotency_scope text,
  idempotency_key text check (length(idempotency_key) between 1 and 200),
  request_fingerprint text,
  holder_organisation_id uuid references organisation (id),
  holder_division_path text,
  expected_at timestamptz,
  submitted_at timestamptz not null,
  updated_at timestamptz not null,
  closed_at timestamptz,
  check ((latitude is null) = (longitude is null)),
  check ((status = 'closed') = (closed_at is not null)),
  check ((contact_name_encrypted is null) = (contact_name_masked is null)),
  check ((contact_phone_encrypted is null) = (contact_phone_masked is null)),
  check ((contact_email_encrypted is null) = (contact_email_masked is null)),
  check ((holder_organisation_id is null) = (holder_division_path is null)),
  check ((idempotency_key is null) = (idempotency_scope is null)),
  unique (idempotency_scope, idempotency_key),
  unique (external_source, external_id)
);
create index feedback_request_public_idx on feedback_request (submitted_at desc, id desc);
create index feedback_request_division_idx on feedback_request (division_path text_pattern_ops);
create index feedback_request_holder_idx on feedback_request (holder_organisation_id, submitted_at desc);
create index feedback_request_contact_idx on feedback_request (contact_account_id, submitted_at desc);
create index feedback_request_updated_idx on feedback_request (updated_at);
comment on table feedback_request is 'A request from the public: complaint, demand for help, suggestion, enquiry or praise.';
comment on column feedback_request.id is 'Stable internal identifier (also the Open311 token).';
comment on column feedback_request.public_id is 'The number citizens quote (FB2026 00000123), the Open311 service_request_id.';
comment on column feedback_request.province_code is 'Two-digit province of division_code: the distribution column for sharding by region.';
comment on column feedback_request.category_code is 'What it is about.';
comment on column feedback_request.kind is 'complaint (投诉), demand (求助), suggestion (建议), enquiry (咨询) or praise (表扬).';
comment on column feedback_request.description is 'What the citizen wrote or said; public, so handlers warn citizens not to put personal data in it.';
comment on column feedback_request.attributes is 'Answers to the category''s attributes, by attribute code.';
comment on column feedback_request.address is 'Where, as the citizen gave it.';
comment on column feedback_request.division_code is 'The division where the matter is (township or village where known).';
comment on column feedback_request.division_path is 'The division''s path, copied so that routing and scope checks are a prefix match.';
comment on column feedback_request.latitude is 'WGS84 latitude of the place, if given.';
comment on column feedback_request.longitude is 'WGS84 longitude of the place, if given.';
comment on column feedback_request.media_url is 'A photo elsewhere (Open311 media_url, imported records); photos sent to us are in feedback_photo.';
comment on column feedback_request.status is 'open, acknowledged (a unit has taken it), in-progress or closed.';
comment on column feedback_request.status_notes is 'The public explanation of the current status (Open311 status_notes).';
comment on column feedback_request.channel is 'How it came in: web, phone (entered by staff), open311 or import.';
comment on column feedback_request.contact_account_id is 'The citizen''s account when they submitted signed in.';
comment on column feedback_request.is_identity_disclosed is 'Whether the citizen lets the handling unit see who they are; never shown to the public either way.';
comment on column feedback_request.contact_name_encrypted is 'Name given by phone or Open311, vault ciphertext bound to this row.';
comment on column feedback_request.contact_name_masked is 'That name masked.';
comment on column feedback_request.contact_phone_encrypted is 'Phone number given by phone or Open311, vault ciphertext bound to this row.';
comment on column feedback_request.contact_phone_masked is 'That number masked.';
comment on column feedback_request.contact_email_encrypted is 'E-mail given through Open311, vault ciphertext bound to this row.';
comment on column feedback_request.contact_email_masked is 'That e-mail masked.';
comment on column feedback_request.entered_by is 'The member of staff who entered a phone call.';
comment on column feedback_request.open311_client_id is 'The Open311 client (feedback_open311_client) that sent it.';
comment on column feedback_request.device_id is 'Open311 device_id, as the client sent it.';
comment on column feedback_request.external_account_id is 'Open311 account_id, as the client sent it.';
comment on column feedback_request.external_source is 'For imported records: the system they came from.';
comment on column feedback_request.external_id is 'For imported records: their id there (one import per record).';
comment on column feedback_request.idempotency_scope is 'Who sent the Idempotency-Key (account or Open311 client), so keys of different senders never collide.';
comment on column feedback_request.idempotency_key is 'The Idempotency-Key of the submission: the same key again answers with this request.';
comment on column feedback_request.request_fingerprint is 'Keyed hash of the submitted body: the same key with another body is refused.';
comment on column feedback_request.holder_organisation_id is 'The unit responsible now: the first receiver until another unit accepts a transfer.';
comment on column feedback_request.holder_division_path is 'The holder''s division path, for scope checks without reading identity''s tables.';
comment on column feedback_request.expected_at is 'When an answer is due (set by the service-level rules of a later release).';
comment on column feedback_request.submitted_at is 'When it was submitted (for imports: when it was opened there).';
comment on column feedback_request.updated_at is 'When anything about it last changed.';
comment on column feedback_request.closed_at is 'When it was closed.';

create table feedback_photo (
  id uuid primary key,
  request_id uuid not null references feedback_request (id),
  province_code text not null,
  content_type text not null check (content_type in ('image/jpeg', 'image/png', 'image/webp')),
  byte_size integer not null check (byte_size between 1 and 2097152),
  sha256 text not null check (sha256 ~ '^[0-9a-f]{64}$'),
  content bytea not null,
  created_at timestamptz not null,
  check (length(content) = byte_size)
);
create index feedback_photo_request_idx on feedback_photo (request_id);
comment on table feedback_photo is 'Photos sent with a request, kept in the database so that every server can serve them.';
comment on column feedback_photo.id is 'Stable identifier, part of the photo''s URL.';
comment on column feedback_photo.request_id is 'The request.';
comment on column feedback_photo.province_code is 'The request''s province: the distribution column.';
comment on column feedback_photo.content_type is 'Image type, decided from the bytes themselves (JPEG, PNG or WebP).';
comment on column feedback_photo.byte_size is 'Size in bytes (at most 2 MiB).';
comment on column feedback_photo.sha256 is 'SHA-256 of the bytes.';
comment on column feedback_photo.content is 'The image.';
comment on column feedback_photo.created_at is 'When it was received.';

create table feedback_request_update (
  id uuid primary key,
  seq bigint generated always as identity unique,
  request_id uuid not null references feedback_request (id),
  province_code text not null,
  kind text not null check (kind in ('submitted', 'dispatched', 'status-changed', 'transfer-offered',
    'transfer-accepted', 'transfer-refused', 'transfer-withdrawn', 'transfer-disputed', 'transfer-decided',
    'imported')),
  status text not null check (status in ('open', 'acknowledged', 'in-progress', 'closed')),
  organisation_id uuid references organisation (id),
  actor_account_id uuid references account (id),
  public_note text check (length(public_note) <= 2000),
  internal_note text check (length(internal_note) <= 2000),
  created_at timestamptz not null
);
create index feedback_request_update_request_idx on feedback_request_update (request_id, seq);
create index feedback_request_update_time_idx on feedback_request_update (created_at, seq);
comment on table feedback_request_update is 'The history of a request: every dispatch, status change and transfer step, in order.';
comment on column feedback_request_update.id is 'Stable identifier (the update_id of Open311 service request updates).';
comment on column feedback_request_update.seq is 'Order of writing: steps of one moment keep the order they happened in.';
comment on column feedback_request_update.request_id is 'The request.';
comment on column feedback_request_update.province_code is 'The request''s province: the distribution column.';
comment on column feedback_request_update.kind is 'What happened.';
comment on column feedback_request_update.status is 'The request''s status after it.';
comment on column feedback_request_update.organisation_id is 'The unit that acted, or that the request was sent to.';
comment on column feedback_request_update.actor_account_id is 'The person who acted; null for the system (routing at intake).';
comment on column feedback_request_update.public_note is 'What the public may read about it.';
comment on column feedback_request_update.internal_note is 'What only handlers read (a refusal''s reasons, an arbiter''s reasons).';
comment on column feedback_request_update.created_at is 'When.';

create table feedback_unit (
  organisation_id uuid primary key references organisation (id),
  division_code text not null references division (code),
  division_path text not null,
  province_code text not null,
  function_code text not null check (function_code ~ '^[a-z][a-z0-9-]{0,63}$'),
  created_at timestamptz not null,
  unique (division_code, function_code)
);
create index feedback_unit_path_idx on feedback_unit (division_path text_pattern_ops);
comment on table feedback_unit is 'Departments that handle requests, with the function they serve at their division (general-office, urban-management, …).';
comment on column feedback_unit.organisation_id is 'The department.';
comment on column feedback_unit.division_code is 'The department''s division.';
comment on column feedback_unit.division_path is 'That division''s path.';
comment on column feedback_unit.province_code is 'Two-digit province: the distribution column.';
comment on column feedback_unit.function_code is 'What it handles; general-office is the fallback that takes what no rule sends elsewhere.';
comment on column feedback_unit.created_at is 'When it was registered as a handling unit.';

create table feedback_routing_rule (
  id uuid primary key,
  division_code text not null references division (code),
  division_path text not null,
  category_codes text[] not null default '{}',
  handler_level smallint not null check (handler_level between 1 and 5),
  handler_function text not null check (handler_function ~ '^[a-z][a-z0-9-]{0,63}$'),
  is_active boolean not null default true,
  created_by uuid references account (id),
  created_at timestamptz not null
);
create index feedback_routing_rule_path_idx on feedback_routing_rule (division_path text_pattern_ops) where is_active;
comment on table feedback_routing_rule is 'Where requests go: for these categories in this division subtree, the unit with this function at this level.';
comment on column feedback_routing_rule.id is 'Stable identifier.';
comment on column feedback_routing_rule.division_code is 'The root of the subtree the rule covers.';
comment on column feedback_routing_rule.division_path is 'That root''s path; the deepest matching rule wins.';
comment on column feedback_routing_rule.category_codes is 'The categories it covers; empty means all (a rule naming categories beats one that does not).';
comment on column feedback_routing_rule.handler_level is 'The division level whose unit handles it (4 township for local matters, 3 county, …).';
comment on column feedback_routing_rule.handler_function is 'The function of the unit that handles it at that level.';
comment on column feedback_routing_rule.is_active is 'False once withdrawn.';
comment on column feedback_routing_rule.created_by is 'Who made the rule (null for seed data).';
comment on column feedback_routing_rule.created_at is 'When.';

create table feedback_assignment (
  id uuid primary key,
  request_id uuid not null references feedback_request (id),
  province_code text not null,
  organisation_id uuid not null references organisation (id),
  reason text not null check (reason in ('routed', 'fallback', 'transfer', 'arbitration')),
  routing_rule_id uuid references feedback_routing_rule (id),
  started_at timestamptz not null,
  ended_at timestamptz,
  due_at timestamptz
);
create unique index feedback_assignment_current_idx on feedback_assignment (request_id) where ended_at is null;
create index feedback_assignment_organisation_idx on feedback_assignment (organisation_id, started_at);
comment on table feedback_assignment is 'Which unit held a request when: one open row per request, the responsible unit now.';
comment on column feedback_assignment.id is 'Stable identifier.';
comment on column feedback_assignment.request_id is 'The request.';
comment on column feedback_assignment.province_code is 'The request''s province: the distribution column.';
comment on column feedback_assignment.organisation_id is 'The responsible unit.';
comment on column feedback_assignment.reason is 'routed (a rule), fallback (the general office), transfer (accepted) or arbitration (decided above).';
comment on column feedback_assignment.routing_rule_id is 'The rule that routed it, if one did.';
comment on column feedback_assignment.started_at is 'When the unit became responsible.';
comment on column feedback_assignment.ended_at is 'When responsibility passed to another unit.';
comment on column feedback_assignment.due_at is 'When this unit must answer (service levels, a later release).';

create table feedback_transfer (
  id uuid primary key,
  request_id uuid not null references feedback_request (id),
  province_code text not null,
  from_organisation_id uuid not null references organisation (id),
  to_organisation_id uuid not null references organisation (id),
  to_division_path text not null,
  status text not null check (status in ('offered', 'accepted', 'refused', 'disputed', 'decided', 'withdrawn')),
  reason text not null check (length(reason) between 1 and 2000),
  offered_by uuid not null references account (id),
  offered_at timestamptz not null,
  answered_by uuid references account (id),
  answered_at timestamptz,
  refusal_reason text check (length(refusal_reason) <= 2000),
  disputed_by uuid references account (id),
  disputed_at timestamptz,
  dispute_reason text check (length(dispute_reason) <= 2000),
  arbiter_organisation_id uuid references organisation (id),
  arbiter_division_path text,
  decided_by uuid references account (id),
  decided_at timestamptz,
  decided_holder_id uuid references organisation (id),
  decision_reason text check (length(decision_reason) <= 2000),
  check (from_organisation_id <> to_organisation_id),
  check ((arbiter_organisation_id is null) = (arbiter_division_path is null))
);
create unique index feedback_transfer_pending_idx on feedback_transfer (request_id) where status in ('offered', 'refused', 'disputed');
create index feedback_transfer_to_idx on feedback_transfer (to_organisation_id) where status = 'offered';
create index feedback_transfer_arbiter_idx on feedback_transfer (arbiter_organisation_id) where status = 'disputed';
comment on table feedback_transfer is 'A holder''s offer to pass a request to another unit, its answer, and if refused and disputed the decision from the division above.';
comment on column feedback_transfer.id is 'Stable identifier.';
comment on column feedback_transfer.request_id is 'The request.';
comment on column feedback_transfer.province_code is 'The request''s province: the distribution column.';
comment on column feedback_transfer.from_organisation_id is 'The holder offering it (stays responsible until another unit accepts).';
comment on column feedback_transfer.to_organisation_id is 'The unit it is offered to.';
comment on column feedback_transfer.to_division_path is 'That unit''s division path, for scope checks.';
comment on column feedback_transfer.status is 'offered, accepted, refused, disputed (sent up), decided or withdrawn.';
comment on column feedback_transfer.reason is 'Why the holder thinks the other unit is responsible.';
comment on column feedback_transfer.offered_by is 'Who offered it.';
comment on column feedback_transfer.offered_at is 'When.';
comment on column feedback_transfer.answered_by is 'Who at the receiving unit accepted or refused.';
comment on column feedback_transfer.answered_at is 'When.';
comment on column feedback_transfer.refusal_reason is 'Why the receiving unit refused.';
comment on column feedback_transfer.disputed_by is 'Who at the holder disputed the refusal.';
comment on column feedback_transfer.disputed_at is 'When.';
comment on column feedback_transfer.dispute_reason is 'Why the holder disputes the refusal.';
comment on column feedback_transfer.arbiter_organisation_id is 'The general office of the division above both units, which decides.';
comment on column feedback_transfer.arbiter_division_path is 'The arbiter''s division path, for scope checks.';
comment on column feedback_transfer.decided_by is 'Who at the arbiter decided.';
comment on column feedback_transfer.decided_at is 'When.';
comment on column feedback_transfer.decided_holder_id is 'The unit the arbiter made responsible.';
comment on column feedback_transfer.decision_reason is 'The arbiter''s reasons.';

create table feedback_open311_client (
  id uuid primary key,
  name text not null check (length(name) between 1 and 200),
  key_prefix text not null check (length(key_prefix) = 8),
  key_hash text not null unique check (key_hash ~ '^[0-9a-f]{64}$'),
  created_by uuid references account (id),
  created_at timestamptz not null,
  revoked_at timestamptz
);
comment on table feedback_open311_client is 'Applications allowed to submit requests through Open311, each with its own API key.';
comment on column feedback_open311_client.id is 'Stable identifier.';
comment on column feedback_open311_client.name is 'Who the client is (an app, another city''s system).';
comment on column feedback_open311_client.key_prefix is 'First eight characters of the key, to tell keys apart in lists.';
comment on column feedback_open311_client.key_hash is 'SHA-256 of the key (a random 256-bit secret); the key itself is shown once and never stored.';
comment on column feedback_open311_client.created_by is 'Who issued it.';
comment on column feedback_open311_client.created_at is 'When.';
comment on column feedback_open311_client.revoked_at is 'When it stopped working.';

insert into permission (code, module, description_zh, description_en) values
  ('feedback.requests.enter', 'feedback', '代群众录入来电诉求', 'Enter requests received by phone'),
  ('feedback.requests.handle', 'feedback', '办理本单位承办的诉求：受理、转办、签收', 'Handle the requests one''s unit holds: acknowledge, transfer, accept'),
  ('feedback.routing.manage', 'feedback', '维护承办单位和派单规则', 'Maintain handling units and routing rules'),
  ('feedback.open311.manage', 'feedback', '管理 Open311 接入客户端及其密钥', 'Manage Open311 clients and their API keys');

insert into feedback_category (code, name_zh, name_en, description_zh, description_en, group_zh, group_en, keywords, attributes, created_at, updated_at) values
  ('road-damage', '道路破损', 'Road damage', '路面坑洼、井盖缺失、人行道破损', 'Potholes, missing manhole covers, broken pavements', '市政设施', 'Public works', '{坑洼,井盖,路面,pothole,road}',
   '[{"code":"hazard","datatype":"singlevaluelist","required":true,"variable":true,"order":1,"description":"Is it dangerous to traffic?","datatypeDescription":null,"values":[{"key":"yes","name":"Yes, dangerous"},{"key":"no","name":"No"}]}]', now(), now()),
  ('street-lighting', '路灯故障', 'Street lighting', '路灯不亮、闪烁', 'Street lights out or flickering', '市政设施', 'Public works', '{路灯,照明,street light}', '[]', now(), now()),
  ('sanitation', '环境卫生', 'Sanitation', '垃圾未清运、乱堆放、动物尸体', 'Uncollected rubbish, dumping, dead animals', '市容环境', 'Environment', '{垃圾,卫生,trash,litter}', '[]', now(), now()),
  ('graffiti', '乱涂乱画', 'Graffiti', '墙面涂鸦、小广告', 'Graffiti and fly-posting', '市容环境', 'Environment', '{涂鸦,小广告,graffiti}', '[]', now(), now()),
  ('parking', '违章停车', 'Illegal parking', '违停、占道、废弃车辆', 'Illegal or abandoned vehicles', '交通', 'Traffic', '{停车,违停,parking,vehicle}', '[]', now(), now()),
  ('traffic-signs', '交通标志信号', 'Traffic signs and signals', '信号灯故障、标志标线缺损', 'Faulty signals, missing signs or markings', '交通', 'Traffic', '{信号灯,标志,signal,sign}', '[]', now(), now()),
  ('noise', '噪声扰民', 'Noise', '施工、娱乐、社会生活噪声', 'Noise from building work, venues or neighbours', '市容环境', 'Environment', '{噪音,噪声,noise}',
   '[{"code":"time_of_day","datatype":"singlevaluelist","required":false,"variable":true,"order":1,"description":"When does it happen?","datatypeDescription":null,"values":[{"key":"day","name":"Daytime"},{"key":"night","name":"At night (22:00–06:00)"}]}]', now(), now()),
  ('housing', '住房与物业', 'Housing and property', '房屋安全、物业服务、居住条件', 'Building safety, property management, living conditions', '住房', 'Housing', '{物业,房屋,housing}', '[]', now(), now()),
  ('pests-animals', '虫害与动物', 'Pests and animals', '鼠害、虫害、流浪动物', 'Rodents, pests, stray animals', '市容环境', 'Environment', '{老鼠,流浪,rodent,animal}', '[]', now(), now()),
  ('parks', '公园绿地', 'Parks and green space', '绿化养护、公园设施', 'Planting and park facilities', '市政设施', 'Public works', '{绿化,公园,park}', '[]', now(), now()),
  ('snow-ice', '冰雪清除', 'Snow and ice', '道路积雪结冰', 'Snow and ice on streets', '市政设施', 'Public works', '{积雪,结冰,snow}', '[]', now(), now()),
  ('public-health', '公共卫生', 'Public health', '废弃针具等公共卫生隐患', 'Discarded needles and other health hazards', '市容环境', 'Environment', '{针具,卫生,needle}', '[]', now(), now()),
  ('water-drainage', '供排水', 'Water and drainage', '供水、排水、窨井', 'Water supply, drainage, manholes', '市政设施', 'Public works', '{排水,供水,下水道,drain}', '[]', now(), now()),
  ('government-services', '政务服务', 'Government services', '办事流程、政策咨询、工作人员作风', 'Procedures, policy questions, conduct of staff', '政务服务', 'Government services', '{办事,政策,policy}', '[]', now(), now());

insert into feedback_category_mapping (source, external_type, category_code, kind) values
  ('boston-311', 'Animal Generic Request', 'pests-animals', 'demand'),
  ('boston-311', 'Loud Parties/Music/People', 'noise', 'complaint'),
  ('boston-311', 'Sidewalk Cover / Manhole', 'water-drainage', 'demand'),
  ('boston-311', 'Electrical', 'housing', 'complaint'),
  ('boston-311', 'Rodent Activity', 'pests-animals', 'complaint'),
  ('boston-311', 'Pest Infestation - Residential', 'pests-animals', 'complaint'),
  ('boston-311', 'Short Term Rental', 'housing', 'complaint'),
  ('boston-311', 'Unsatisfactory Living Conditions', 'housing', 'complaint'),
  ('boston-311', 'Unsatisfactory Utilities - Electrical  Plumbing', 'housing', 'complaint'),
  ('boston-311', 'General Comments For a Program or Policy', 'government-services', 'suggestion'),
  ('boston-311', 'Needle Pickup', 'public-health', 'demand'),
  ('boston-311', 'City/State Snow Issues', 'snow-ice', 'complaint'),
  ('boston-311', 'Ground Maintenance', 'parks', 'demand'),
  ('boston-311', 'Graffiti Removal', 'graffiti', 'demand'),
  ('boston-311', 'Misc. Snow Complaint', 'snow-ice', 'complaint'),
  ('boston-311', 'Improper Storage of Trash (Barrels)', 'sanitation', 'complaint'),
  ('boston-311', 'Poor Conditions of Property', 'housing', 'complaint'),
  ('boston-311', 'Empty Litter Basket', 'sanitation', 'demand'),
  ('boston-311', 'PWD Graffiti', 'graffiti', 'demand'),
  ('boston-311', 'Request for Pothole Repair', 'road-damage', 'demand'),
  ('boston-311', 'Sidewalk Repair (Make Safe)', 'road-damage', 'demand'),
  ('boston-311', 'Request for Recycling Cart', 'sanitation', 'demand'),
  ('boston-311', 'Missed Trash/Recycling/Yard Waste/Bulk Item', 'sanitation', 'complaint'),
  ('boston-311', 'Schedule a Bulk Item Pickup', 'sanitation', 'demand'),
  ('boston-311', 'Schedule a Bulk Item Pickup SS', 'sanitation', 'demand'),
  ('boston-311', 'CE Collection', 'sanitation', 'demand'),
  ('boston-311', 'Pick up Dead Animal', 'sanitation', 'demand'),
  ('boston-311', 'Requests for Street Cleaning', 'sanitation', 'demand'),
  ('boston-311', 'General Lighting Request', 'street-lighting', 'demand'),
  ('boston-311', 'Knockdown Replacement', 'street-lighting', 'demand'),
  ('boston-311', 'Street Light Outages', 'street-lighting', 'complaint'),
  ('boston-311', 'Abandoned Vehicles', 'parking', 'complaint'),
  ('boston-311', 'Parking Enforcement', 'parking', 'complaint'),
  ('boston-311', 'New Sign  Crosswalk or Pavement Marking', 'traffic-signs', 'suggestion'),
  ('boston-311', 'Sign Repair', 'traffic-signs', 'demand'),
  ('boston-311', 'Traffic Signal Inspection', 'traffic-signs', 'demand');
