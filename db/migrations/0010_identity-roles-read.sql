-- Reading the roles gets a permission of its own: both those who grant roles and those who define them
-- need the list, and neither right should have to come with the other.

insert into permission (code, module, description_zh, description_en) values
  ('identity.roles.read', 'identity', '查看角色及其权限', 'See the roles and their permissions');

-- Every role that could read the list before keeps that ability (built-in roles get it from their
-- definition in code too, when the reference data loads).
insert into role_permission (role_id, permission_code)
  select distinct role_id, 'identity.roles.read' from role_permission
  where permission_code in ('identity.grants.manage', 'identity.roles.manage');
