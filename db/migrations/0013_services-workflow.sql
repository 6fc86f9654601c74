-- The services workflow engine: a case (an application for a service item) moves through a workflow
-- definition as tasks handled by departments. All of its state lives here, so a server restarted in the
-- middle of a workflow carries on exactly where it stopped.

insert into permission (code, module, description_zh, description_en) values
  ('services.cases.handle', 'services', '受理、审查和办理本部门的政务服务事项', 'Accept, review and decide service cases of one''s own department');

create table workflow_instance (
  id uuid primary key,
  subject_kind text not null check (subject_kind ~ '^[a-z][a-z0-9-]*$'),
  subject_id text not null check (length(subject_id) between 1 and 200),
  division_code text not null references division (code),
  province_code text not null,
  definition jsonb not null,
  bindings jsonb not null,
  state text not null check (state in ('running', 'awaiting-supplements', 'approved', 'rejected', 'withdrawn')),
  due_at timestamptz,
  created_at timestamptz not null,
  updated_at timestamptz not null,
  unique (subject_kind, subject_id)
);
comment on table workflow_instance is 'One run of a workflow definition for one subject (an application for a service item).';
comment on column workflow_instance.id is 'Stable identifier.';
comment on column workflow_instance.subject_kind is 'What the workflow is about, e.g. application.';
comment on column workflow_instance.subject_id is 'The id of that subject in the module that owns it; one workflow per subject.';
comment on column workflow_instance.division_code is 'The division where the case is handled (the implementing division of the item).';
comment on column workflow_instance.province_code is 'Two-digit province of division_code: the distribution column for sharding by region.';
comment on column workflow_instance.definition is 'The workflow definition as it was when the case started (steps, tasks, parallel branches), so a later change to the item does not move a running case.';
comment on column workflow_instance.bindings is 'Department slots bound to organisation ids, e.g. {"implementing": "…", "fire-safety": "…"}.';
comment on column workflow_instance.state is 'running, awaiting-supplements (the applicant was asked for missing materials), approved, rejected or withdrawn.';
comment on column workflow_instance.due_at is 'The statutory deadline the caller set, for the overdue filter of work queues; null if none.';
comment on column workflow_instance.created_at is 'When the workflow started.';
comment on column workflow_instance.updated_at is 'When its state last changed.';

create table workflow_task (
  id uuid primary key,
  instance_id uuid not null references workflow_instance (id),
  province_code text not null,
  node_key text not null,
  name_zh text not null,
  name_en text not null,
  is_acceptance boolean not null,
  department_slot text not null,
  organisation_id uuid not null references organisation (id),
  division_code text not null references division (code),
  division_path text not null,
  role_code text not null,
  state text not null check (state in ('open', 'accepted', 'done', 'cancelled')),
  outcome text check (outcome in ('approved', 'rejected')),
  assignee_account_id uuid references account (id),
  version integer not null default 0,
  opened_at timestamptz not null,
  accepted_at timestamptz,
  finished_at timestamptz,
  updated_at timestamptz not null,
  unique (instance_id, node_key),
  check ((state in ('done', 'cancelled')) = (finished_at is not null)),
  check (outcome is null or state = 'done'),
  check (state <> 'accepted' or is_acceptance)
);
create index workflow_task_queue_idx on workflow_task (opened_at, id) where state in ('open', 'accepted');
create index workflow_task_instance_idx on workflow_task (instance_id);
comment on table workflow_task is 'A step of a running workflow, at one department, for the holders of one role there.';
comment on column workflow_task.id is 'Stable identifier.';
comment on column workflow_task.instance_id is 'The workflow it belongs to.';
comment on column workflow_task.province_code is 'The instance''s province: the distribution column for sharding by region.';
comment on column workflow_task.node_key is 'The key of the task node in the instance''s definition; each node runs at most once.';
comment on column workflow_task.name_zh is 'The node''s name in Chinese, copied for work queues.';
comment on column workflow_task.name_en is 'The node''s name in English, copied for work queues.';
comment on column workflow_task.is_acceptance is 'True for the first task, where the application is accepted (受理) or supplements are asked for.';
comment on column workflow_task.department_slot is 'The definition''s department slot the organisation was bound to.';
comment on column workflow_task.organisation_id is 'The department that handles the task now (changes when transferred).';
comment on column workflow_task.division_code is 'That department''s division.';
comment on column workflow_task.division_path is 'That division''s path, so queues filter by the grants'' division subtrees.';
comment on column workflow_task.role_code is 'The role whose holders at that department act on the task.';
comment on column workflow_task.state is 'open, accepted (受理, acceptance task only), done or cancelled (a sibling branch rejected the case, or it was withdrawn).';
comment on column workflow_task.outcome is 'approved or rejected, once done.';
comment on column workflow_task.assignee_account_id is 'The handler the task is with, once accepted or handed over; null means any holder of the role there.';
comment on column workflow_task.version is 'Incremented by every change, so a handler acting on an out-of-date view is refused.';
comment on column workflow_task.opened_at is 'When the task opened.';
comment on column workflow_task.accepted_at is 'When the application was accepted (acceptance task only).';
comment on column workflow_task.finished_at is 'When it was done or cancelled.';
comment on column workflow_task.updated_at is 'When it last changed.';

create table workflow_action (
  id uuid primary key,
  sequence bigint generated always as identity,
  instance_id uuid not null references workflow_instance (id),
  task_id uuid references workflow_task (id),
  province_code text not null,
  action text not null check (action in (
    'start', 'accept', 'request-supplements', 'provide-supplements', 'approve', 'reject', 'transfer', 'withdraw'
  )),
  actor_kind text not null check (actor_kind in ('citizen', 'enterprise', 'staff', 'system')),
  actor_id text not null,
  on_behalf_of uuid,
  reasons text[] not null default '{}',
  comment text check (length(comment) <= 2000),
  supplements jsonb,
  transferred_to_organisation_id uuid references organisation (id),
  transferred_to_account_id uuid references account (id),
  at timestamptz not null
);
create index workflow_action_instance_idx on workflow_action (instance_id, sequence);
comment on table workflow_action is 'The history of a workflow: every action on it, in order, with who acted and why.';
comment on column workflow_action.id is 'Stable identifier.';
comment on column workflow_action.sequence is 'Order of the actions as they were written.';
comment on column workflow_action.instance_id is 'The workflow acted on.';
comment on column workflow_action.task_id is 'The task acted on; null for start, withdraw and the applicant''s supplements.';
comment on column workflow_action.province_code is 'The instance''s province: the distribution column for sharding by region.';
comment on column workflow_action.action is 'start, accept, request-supplements, provide-supplements, approve, reject, transfer or withdraw.';
comment on column workflow_action.actor_kind is 'citizen, enterprise, staff or system.';
comment on column workflow_action.actor_id is 'The account (or system name) that acted.';
comment on column workflow_action.on_behalf_of is 'The organisation the actor acted for (the handler''s department).';
comment on column workflow_action.reasons is 'Reasons given: for a rejection (required), a transfer.';
comment on column workflow_action.comment is 'A free-text remark of the handler or applicant.';
comment on column workflow_action.supplements is 'request-supplements: the one notice listing every missing material; provide-supplements: what was provided.';
comment on column workflow_action.transferred_to_organisation_id is 'transfer: the department the task went to, if it changed department.';
comment on column workflow_action.transferred_to_account_id is 'transfer: the handler the task went to, if handed over within the department.';
comment on column workflow_action.at is 'When it happened.';
