-- Citizen feedback evaluation: how each township, district and department answers (response,
-- resolution and satisfaction rates per month, weighted into a composite score by a scheme that an
-- administrator sets per class of unit), and the hot-topics board (alerts from the text analysis,
-- kept so that leaders can acknowledge them).

create table feedback_evaluation_scheme (
  id uuid primary key,
  division_code text not null references division (code),
  division_path text not null,
  unit_class text not null check (unit_class in ('township', 'district', 'department')),
  response_within_hours integer not null check (response_within_hours between 1 and 8760),
  resolution_within_days integer not null check (resolution_within_days between 1 and 366),
  satisfied_min_score smallint not null check (satisfied_min_score between 1 and 5),
  excluded_kinds text[] not null default '{}'
    check (excluded_kinds <@ array['complaint', 'demand', 'suggestion', 'enquiry', 'praise']),
  excluded_reasons text[] not null default '{}'
    check (excluded_reasons <@ array['withdrawn', 'duplicate', 'out-of-remit', 'malicious']),
  weight_response numeric(6, 3) not null check (weight_response >= 0),
  weight_resolution numeric(6, 3) not null check (weight_resolution >= 0),
  weight_satisfaction numeric(6, 3) not null check (weight_satisfaction >= 0),
  created_by uuid references account (id),
  created_at timestamptz not null,
  updated_by uuid references account (id),
  updated_at timestamptz not null,
  unique (division_code, unit_class),
  check (weight_response + weight_resolution + weight_satisfaction > 0)
);
create index feedback_evaluation_scheme_path_idx on feedback_evaluation_scheme (division_path text_pattern_ops);
comment on table feedback_evaluation_scheme is 'How a government evaluates one class of its units: what counts as answered, resolved and satisfied, what is left out, and the weights of the composite score. The deepest scheme above a unit applies; none is official until an administrator sets it.';
comment on column feedback_evaluation_scheme.id is 'Stable identifier.';
comment on column feedback_evaluation_scheme.division_code is 'The government whose units the scheme evaluates (its subtree).';
comment on column feedback_evaluation_scheme.division_path is 'That division''s path; the deepest scheme covering a unit applies.';
comment on column feedback_evaluation_scheme.unit_class is 'township (the places at level 4), district (level 3) or department (the unit that holds a request).';
comment on column feedback_evaluation_scheme.response_within_hours is 'A request counts as answered when a handler first acted on it within this many hours of submission.';
comment on column feedback_evaluation_scheme.resolution_within_days is 'A request counts as resolved when it was closed within this many days of submission.';
comment on column feedback_evaluation_scheme.satisfied_min_score is 'The lowest satisfaction score (1–5) that counts as satisfied.';
comment on column feedback_evaluation_scheme.excluded_kinds is 'Kinds of request left out of every rate (e.g. praise, enquiry).';
comment on column feedback_evaluation_scheme.excluded_reasons is 'Findings that leave a request out (withdrawn, duplicate, out-of-remit, malicious).';
comment on column feedback_evaluation_scheme.weight_response is 'Weight of the response rate in the composite score.';
comment on column feedback_evaluation_scheme.weight_resolution is 'Weight of the resolution rate in the composite score.';
comment on column feedback_evaluation_scheme.weight_satisfaction is 'Weight of the satisfaction rate in the composite score.';
comment on column feedback_evaluation_scheme.created_by is 'Who first set it.';
comment on column feedback_evaluation_scheme.created_at is 'When.';
comment on column feedback_evaluation_scheme.updated_by is 'Who last changed it.';
comment on column feedback_evaluation_scheme.updated_at is 'When.';

-- Satisfaction comes from the handling's follow-up records (feedback_satisfaction); findings that a
-- scheme may leave out are the evaluation's own input.
create table feedback_evaluation_exclusion (
  request_id uuid not null references feedback_request (id),
  province_code text not null,
  reason text not null check (reason in ('withdrawn', 'duplicate', 'out-of-remit', 'malicious')),
  recorded_at timestamptz not null,
  primary key (request_id, reason)
);
comment on table feedback_evaluation_exclusion is 'Findings about a request that a scheme may leave out of the rates.';
comment on column feedback_evaluation_exclusion.request_id is 'The request.';
comment on column feedback_evaluation_exclusion.province_code is 'The request''s province: the distribution column.';
comment on column feedback_evaluation_exclusion.reason is 'withdrawn by the citizen, duplicate of another, out of remit, or malicious.';
comment on column feedback_evaluation_exclusion.recorded_at is 'When it was found.';

-- First response: the first step a person took on the request after routing.
create index feedback_request_update_response_idx on feedback_request_update (request_id, created_at)
  where actor_account_id is not null
    and kind not in ('submitted', 'dispatched', 'imported', 'rated', 'reopened', 'sla-warning', 'sla-overdue');
-- Monthly rates and rankings read one or two months of requests.
create index feedback_request_submitted_idx on feedback_request (submitted_at, division_path);

create view feedback_evaluation_input as
select
  r.id as request_id,
  r.public_id,
  r.province_code,
  r.division_code,
  r.division_path,
  case when length(r.division_code) >= 9 then left(r.division_code, 9) end as township_code,
  case when length(r.division_code) >= 6 then left(r.division_code, 6) end as district_code,
  r.holder_organisation_id as department_id,
  r.holder_division_path as department_division_path,
  r.kind,
  r.category_code,
  r.submitted_at,
  (select min(u.created_at) from feedback_request_update u
    where u.request_id = r.id and u.actor_account_id is not null
      and u.kind not in ('submitted', 'dispatched', 'imported', 'rated', 'reopened', 'sla-warning', 'sla-overdue'))
    as first_response_at,
  r.closed_at as resolved_at,
  -- The rating of the latest closing: the citizen's own if given, else the callback's. Without a score,
  -- satisfied counts 5, basically satisfied 4 and dissatisfied 1, so the usual threshold of 4 reads
  -- (satisfied + basically satisfied) / rated.
  (select coalesce(s.score, case s.satisfaction when 'satisfied' then 5 when 'basically-satisfied' then 4 else 1 end)
    from feedback_satisfaction s
    where s.request_id = r.id
    order by s.closed_at desc, (s.source = 'citizen') desc, s.created_at desc
    limit 1) as satisfaction_score,
  coalesce((select array_agg(x.reason order by x.reason) from feedback_evaluation_exclusion x
    where x.request_id = r.id), '{}') as exclusion_reasons
from feedback_request r;
comment on view feedback_evaluation_input is 'One row per request with what the evaluation needs; the only place the rates read requests from.';
comment on column feedback_evaluation_input.request_id is 'The request.';
comment on column feedback_evaluation_input.public_id is 'The number citizens quote.';
comment on column feedback_evaluation_input.province_code is 'Its province.';
comment on column feedback_evaluation_input.division_code is 'Where the matter is.';
comment on column feedback_evaluation_input.division_path is 'That division''s path.';
comment on column feedback_evaluation_input.township_code is 'The township (level 4) the place lies in, if the place is that precise.';
comment on column feedback_evaluation_input.district_code is 'The county-level district the place lies in.';
comment on column feedback_evaluation_input.department_id is 'The unit responsible for it now.';
comment on column feedback_evaluation_input.department_division_path is 'That unit''s division path.';
comment on column feedback_evaluation_input.kind is 'complaint, demand, suggestion, enquiry or praise.';
comment on column feedback_evaluation_input.category_code is 'What it is about.';
comment on column feedback_evaluation_input.submitted_at is 'When it was submitted.';
comment on column feedback_evaluation_input.first_response_at is 'When a handler first acted on it (status change, transfer step, contact, progress or reply); null while nobody has.';
comment on column feedback_evaluation_input.resolved_at is 'When it was closed.';
comment on column feedback_evaluation_input.satisfaction_score is 'The rating 1–5 of its latest closing (the citizen''s own, else the callback''s; satisfied 5, basically satisfied 4, dissatisfied 1 when no score was given), if any.';
comment on column feedback_evaluation_input.exclusion_reasons is 'Findings that a scheme may leave it out for.';

insert into permission (code, module, description_zh, description_en) values
  ('feedback.evaluation.read', 'feedback', '查看辖区诉求办理考核：响应率、解决率、满意率、排名和重复诉求', 'Read the evaluation of the units in one''s area: rates, rankings and recurring problems'),
  ('feedback.evaluation.configure', 'feedback', '设置辖区诉求考核方案：口径、剔除项和权重', 'Set how one''s area evaluates its units: definitions, exclusions and weights');
