-- Live analysis of citizen feedback (docs/feedback-analysis.md): every new request waits in a queue
-- until the analysis worker has tokenized it, put it in a near-duplicate group and fed the hot-topic
-- detectors; the alerts they raise are kept for the hot-topics board.

create table feedback_analysis_queue (
  seq bigint generated always as identity primary key,
  request_id uuid not null unique references feedback_request (id)
);
comment on table feedback_analysis_queue is 'Requests not yet analysed, in intake order; the analysis worker deletes each row in the transaction that stores its result.';
comment on column feedback_analysis_queue.seq is 'Intake order; the worker takes requests by submission time, then by this.';
comment on column feedback_analysis_queue.request_id is 'The request waiting for analysis.';

-- Filled by a trigger so that every channel (web, phone, Open311, import) queues its requests in the
-- transaction that writes them, without each path having to remember it.
create function feedback_analysis_enqueue() returns trigger language plpgsql as $$
begin
  insert into feedback_analysis_queue (request_id) values (new.id);
  return new;
end
$$;
create trigger feedback_request_analysis_enqueue after insert on feedback_request
  for each row execute function feedback_analysis_enqueue();

insert into feedback_analysis_queue (request_id)
  select id from feedback_request order by submitted_at, id;

create table feedback_analysis_result (
  request_id uuid primary key references feedback_request (id),
  seq bigint not null unique,
  group_id uuid not null,
  duplicate_of uuid references feedback_request (id),
  similarity real not null check (similarity between 0 and 1),
  counted_at timestamptz,
  analysed_at timestamptz not null
);
create index feedback_analysis_result_group_idx on feedback_analysis_result (group_id);
comment on table feedback_analysis_result is 'What the analysis worker found for each request: its near-duplicate group and whether the hot-topic detectors counted it.';
comment on column feedback_analysis_result.request_id is 'The request.';
comment on column feedback_analysis_result.seq is 'Its place in the order of analysis; a restart replays the recent window in this order.';
comment on column feedback_analysis_result.group_id is 'Its near-duplicate group: the id of the group''s first request (groups that merge take the older id).';
comment on column feedback_analysis_result.duplicate_of is 'The most similar earlier request of the group, null when it opened the group.';
comment on column feedback_analysis_result.similarity is 'Jaccard similarity of the word sets of the request and duplicate_of (0 when none).';
comment on column feedback_analysis_result.counted_at is 'The time the hot-topic detectors counted it at (its submission, or the detectors'' clock when later); null when it came too late to count.';
comment on column feedback_analysis_result.analysed_at is 'When the worker analysed it.';

create table feedback_analysis_state (
  id smallint primary key check (id = 1),
  version bigint not null,
  advanced_to timestamptz,
  holder text,
  held_until timestamptz
);
comment on table feedback_analysis_state is 'One row: how far the analysis has gone, so a worker on another server knows whether its memory is current.';
comment on column feedback_analysis_state.id is 'Always 1.';
comment on column feedback_analysis_state.version is 'Increased by every batch; a worker whose last batch was not the latest rebuilds its state from the database first.';
comment on column feedback_analysis_state.advanced_to is 'The time the detectors'' clock was last moved to without a request (closing quiet hours).';
comment on column feedback_analysis_state.holder is 'The worker (a random id per process) that holds the lease: only it analyses while the lease lasts.';
comment on column feedback_analysis_state.held_until is 'When the lease ends unless the holder renews it; another server''s worker takes over after that.';
insert into feedback_analysis_state (id, version, advanced_to, holder, held_until) values (1, 0, null, null, null);

create table feedback_hot_topic_alert (
  id uuid primary key,
  alert_key text not null unique,
  key_kind text not null check (key_kind in ('category-place', 'duplicate-group')),
  detectors text[] not null check (cardinality(detectors) between 1 and 2 and detectors <@ array['burst', 'surge']),
  category_code text not null,
  division_code text,
  group_id uuid,
  request_count integer not null check (request_count > 0),
  keywords jsonb not null check (jsonb_typeof(keywords) = 'array'),
  trend jsonb not null check (jsonb_typeof(trend) = 'array'),
  extent_divisions text[] not null,
  bounding_box double precision[] check (bounding_box is null or cardinality(bounding_box) = 4),
  sample_request_ids uuid[] not null,
  responsible_division_code text not null,
  responsible_division_path text not null,
  started_at timestamptz not null,
  ended_at timestamptz,
  raised_at timestamptz not null,
  updated_at timestamptz not null,
  acknowledged_by uuid,
  acknowledged_at timestamptz,
  check ((key_kind = 'category-place') = (division_code is not null)),
  check ((key_kind = 'duplicate-group') = (group_id is not null)),
  check ((acknowledged_by is null) = (acknowledged_at is null))
);
create index feedback_hot_topic_alert_raised_idx on feedback_hot_topic_alert (raised_at desc, id);
comment on table feedback_hot_topic_alert is 'Hot topics: a burst or surge of requests of one category in one place, or of one near-duplicate group.';
comment on column feedback_hot_topic_alert.id is 'Stable identifier.';
comment on column feedback_hot_topic_alert.alert_key is 'The detector''s key and the start of the first hot hour; one alert per key and start.';
comment on column feedback_hot_topic_alert.key_kind is 'category-place (one category in one division) or duplicate-group.';
comment on column feedback_hot_topic_alert.detectors is 'Which detectors found it hot: burst (Kleinberg) and/or surge (EWMA z-score).';
comment on column feedback_hot_topic_alert.category_code is 'The most frequent category among its requests.';
comment on column feedback_hot_topic_alert.division_code is 'For category-place: the division watched.';
comment on column feedback_hot_topic_alert.group_id is 'For duplicate-group: the group watched.';
comment on column feedback_hot_topic_alert.request_count is 'Requests during the hot hours.';
comment on column feedback_hot_topic_alert.keywords is 'Terms that set its requests apart, [{term, score}] (log-odds z-score), strongest first.';
comment on column feedback_hot_topic_alert.trend is 'Requests per hour from a few hours before the start, [{binStart, count}].';
comment on column feedback_hot_topic_alert.extent_divisions is 'The divisions its requests came from.';
comment on column feedback_hot_topic_alert.bounding_box is '[west, south, east, north] of the requests that had points (WGS84), null when none had.';
comment on column feedback_hot_topic_alert.sample_request_ids is 'A few of its requests, first ones first.';
comment on column feedback_hot_topic_alert.responsible_division_code is 'The smallest division covering all its requests: the level that should answer.';
comment on column feedback_hot_topic_alert.responsible_division_path is 'Path of that division, for scoping by grant.';
comment on column feedback_hot_topic_alert.started_at is 'Start of the first hot hour.';
comment on column feedback_hot_topic_alert.ended_at is 'End of the last hot hour; null while still hot.';
comment on column feedback_hot_topic_alert.raised_at is 'When the worker raised it.';
comment on column feedback_hot_topic_alert.updated_at is 'When the worker last updated it.';
comment on column feedback_hot_topic_alert.acknowledged_by is 'The account that acknowledged it.';
comment on column feedback_hot_topic_alert.acknowledged_at is 'When.';

insert into permission (code, module, description_zh, description_en) values
  ('feedback.hot-topics.watch', 'feedback', '查看并确认本辖区的热点诉求预警', 'See and acknowledge hot-topic alerts within one''s own area');
