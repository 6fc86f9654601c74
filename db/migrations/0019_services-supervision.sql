-- Handling completeness and supervision of applications: extension requests with their approval, the
-- division path of each application (so supervisors' subtree queries stay in SQL), indexes for the
-- supervision figures, and the permissions to approve extensions and to read the supervision figures.

insert into permission (code, module, description_zh, description_en) values
  ('services.extensions.approve', 'services', '批准或驳回本机关（或下级机关）办件的延期申请', 'Approve or refuse extensions of cases decided by one''s own organisation or those below'),
  ('services.supervision.read', 'services', '查看辖区内政务服务办件的超期、办件量、按时办结率和跑动次数', 'Read overdue cases, volumes, on-time rates and visits of service cases in one''s area');

alter table service_application add column division_path text;
update service_application a set division_path = d.path from division d where d.code = a.division_code;
alter table service_application alter column division_path set not null;
comment on column service_application.division_path is 'The serving division''s path (e.g. 0.33.3301.330106), copied from the division code, so supervision filters a subtree by prefix in SQL.';

-- Supervision reads by subtree and period: received (submitted_at), decided (decided_at), and open cases by due.
create index service_application_supervision_received on service_application (division_path text_pattern_ops, submitted_at) where state <> 'draft';
create index service_application_supervision_decided on service_application (division_path text_pattern_ops, decided_at) where decided_at is not null;
create index service_application_supervision_open on service_application (statutory_due_at, division_path text_pattern_ops) where state in ('submitted', 'accepted', 'awaiting-supplements');

create table service_application_extension (
  id uuid primary key,
  application_id uuid not null references service_application (id) on delete cascade,
  province_code text not null check (province_code ~ '^[0-9]{2}$'),
  working_days integer not null check (working_days between 1 and 60),
  reason text not null check (length(reason) between 1 and 2000),
  legal_basis text not null check (length(legal_basis) between 1 and 500),
  state text not null check (state in ('requested', 'approved', 'refused')),
  requested_by uuid not null,
  requested_at timestamptz not null,
  decided_by uuid,
  decided_at timestamptz,
  decision_note text check (length(decision_note) <= 2000),
  check ((state = 'requested') = (decided_by is null and decided_at is null))
);
create unique index service_application_extension_one_pending on service_application_extension (application_id) where state = 'requested';
create index service_application_extension_application on service_application_extension (application_id, requested_at);
comment on table service_application_extension is 'A handler''s request to extend the statutory limit of an application (Administrative Licensing Law art. 42), and its approval or refusal.';
comment on column service_application_extension.id is 'Identifier.';
comment on column service_application_extension.application_id is 'The application.';
comment on column service_application_extension.province_code is 'The application''s province.';
comment on column service_application_extension.working_days is 'The extra working days asked for.';
comment on column service_application_extension.reason is 'Why the case cannot be decided within the limit.';
comment on column service_application_extension.legal_basis is 'The provision that allows the extension, e.g. 《行政许可法》第四十二条.';
comment on column service_application_extension.state is 'requested (awaiting a decision; at most one per application), approved or refused.';
comment on column service_application_extension.requested_by is 'The handler''s account.';
comment on column service_application_extension.requested_at is 'When it was asked for.';
comment on column service_application_extension.decided_by is 'The account that approved or refused it.';
comment on column service_application_extension.decided_at is 'When it was approved or refused.';
comment on column service_application_extension.decision_note is 'The approver''s words, required when refusing.';
