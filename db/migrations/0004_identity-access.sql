-- Organisations, accounts, and who may do what where: a permission catalogue, roles as sets of
-- permissions, and grants of a role scoped to a division subtree (and for staff a department).

create table organisation (
  id uuid primary key,
  kind text not null check (kind in ('government-department', 'ngo', 'enterprise', 'public-service')),
  name_zh text not null check (length(name_zh) between 1 and 200),
  name_en text check (length(name_en) between 1 and 200),
  division_code text not null references division (code),
  parent_id uuid references organisation (id),
  credit_code text unique check (credit_code ~ '^[0-9A-HJ-NPQRTUWXY]{18}$'),
  province_code text not null,
  is_active boolean not null default true,
  created_at timestamptz not null,
  updated_at timestamptz not null,
  check (kind = 'government-department' or credit_code is not null),
  check (parent_id is null or parent_id <> id)
);
create index organisation_division_idx on organisation (division_code);
create index organisation_parent_idx on organisation (parent_id);
comment on table organisation is 'Government departments, NGOs, enterprises and public-service companies taking part in governance.';
comment on column organisation.id is 'Stable identifier.';
comment on column organisation.kind is 'government-department, ngo, enterprise or public-service.';
comment on column organisation.name_zh is 'Registered name in Chinese.';
comment on column organisation.name_en is 'Name in English, where there is one.';
comment on column organisation.division_code is 'The division the organisation belongs to (a county bureau: the county).';
comment on column organisation.parent_id is 'The department above (a section within a bureau, a bureau under a government).';
comment on column organisation.credit_code is 'Unified social credit code (GB 32100, checked with its inner GB 11714 code); required except for internal departments.';
comment on column organisation.province_code is 'Two-digit province of division_code: the distribution column for sharding by region.';
comment on column organisation.is_active is 'False once dissolved; kept for the records that name it.';
comment on column organisation.created_at is 'When it was registered here.';
comment on column organisation.updated_at is 'When it was last changed.';

create table account (
  id uuid primary key,
  kind text not null check (kind in ('citizen', 'staff', 'enterprise')),
  organisation_id uuid references organisation (id),
  division_code text not null references division (code),
  status text not null default 'active' check (status in ('active', 'disabled')),
  province_code text not null,
  created_at timestamptz not null,
  updated_at timestamptz not null,
  check (kind = 'citizen' or organisation_id is not null)
);
create index account_organisation_idx on account (organisation_id);
comment on table account is 'Everyone who signs in: citizens, staff of a department, and people acting for an enterprise.';
comment on column account.id is 'Stable identifier, used as the subject in audit events and tokens.';
comment on column account.kind is 'citizen, staff or enterprise.';
comment on column account.organisation_id is 'Staff: their department; enterprise accounts: the enterprise they act for.';
comment on column account.division_code is 'Citizens: the division of residence; staff and enterprise accounts: their organisation''s division.';
comment on column account.status is 'active or disabled; disabling ends every session at once.';
comment on column account.province_code is 'Two-digit province of division_code: the distribution column for sharding by region.';
comment on column account.created_at is 'When the account was created.';
comment on column account.updated_at is 'When it was last changed.';

create table permission (
  code text primary key check (code ~ '^[a-z][a-z0-9-]*(\.[a-z][a-z0-9-]*)+$'),
  module text not null,
  description_zh text not null,
  description_en text not null
);
comment on table permission is 'The permission catalogue, declared by each module in code and kept here so roles can refer to it.';
comment on column permission.code is 'module.object.action, e.g. ledger.events.read.';
comment on column permission.module is 'The module that declares and checks the permission.';
comment on column permission.description_zh is 'What it allows, in Chinese.';
comment on column permission.description_en is 'What it allows, in English.';

create table role (
  id uuid primary key,
  code text not null unique check (code ~ '^[a-z][a-z0-9-]*$'),
  name_zh text not null,
  name_en text not null,
  is_built_in boolean not null default false,
  created_at timestamptz not null,
  updated_at timestamptz not null
);
comment on table role is 'A named set of permissions, granted to accounts within a scope.';
comment on column role.id is 'Stable identifier.';
comment on column role.code is 'Short stable name, e.g. county-clerk.';
comment on column role.name_zh is 'Name in Chinese.';
comment on column role.name_en is 'Name in English.';
comment on column role.is_built_in is 'Shipped with the platform; may be granted but not deleted.';
comment on column role.created_at is 'When the role was created.';
comment on column role.updated_at is 'When its name or permissions last changed.';

create table role_permission (
  role_id uuid not null references role (id) on delete cascade,
  permission_code text not null references permission (code),
  primary key (role_id, permission_code)
);
comment on table role_permission is 'Which permissions a role holds.';
comment on column role_permission.role_id is 'The role.';
comment on column role_permission.permission_code is 'A permission it holds.';

create table access_grant (
  id uuid primary key,
  account_id uuid not null references account (id),
  role_id uuid not null references role (id),
  division_code text not null references division (code),
  organisation_id uuid references organisation (id),
  granted_by uuid references account (id),
  granted_at timestamptz not null,
  expires_at timestamptz,
  revoked_at timestamptz,
  revoked_by uuid references account (id),
  check (expires_at is null or expires_at > granted_at)
);
create index access_grant_account_idx on access_grant (account_id) where revoked_at is null;
comment on table access_grant is 'A role granted to an account within a division subtree and, for staff, a department.';
comment on column access_grant.id is 'Stable identifier.';
comment on column access_grant.account_id is 'Who holds the grant.';
comment on column access_grant.role_id is 'The role granted.';
comment on column access_grant.division_code is 'The root of the division subtree the grant reaches (a county grant covers its townships and villages).';
comment on column access_grant.organisation_id is 'For staff: the department the grant is limited to; null means any organisation in the subtree.';
comment on column access_grant.granted_by is 'The account that granted it (null for seed data).';
comment on column access_grant.granted_at is 'When it was granted; it takes effect at once.';
comment on column access_grant.expires_at is 'When it lapses by itself, if ever.';
comment on column access_grant.revoked_at is 'When it was revoked; revocation takes effect at once.';
comment on column access_grant.revoked_by is 'Who revoked it.';

insert into permission (code, module, description_zh, description_en) values
  ('ledger.events.read', 'ledger', '查看记录的审计轨迹', 'Read the audit trail of a record'),
  ('identity.organisations.manage', 'identity', '登记和维护组织机构', 'Register and maintain organisations'),
  ('identity.accounts.read', 'identity', '查看账户（脱敏）', 'See accounts (masked)'),
  ('identity.accounts.manage', 'identity', '创建、停用工作人员账户', 'Create and disable staff accounts'),
  ('identity.people.reveal', 'identity', '查看完整身份证号和手机号（需说明理由，留痕）', 'Reveal full ID and phone numbers (with a stated reason, audited)'),
  ('identity.roles.manage', 'identity', '定义角色及其权限', 'Define roles and their permissions'),
  ('identity.grants.manage', 'identity', '在本辖区内授予和撤销角色', 'Grant and revoke roles within one''s own area');
