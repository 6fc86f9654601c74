-- The working-day calendar as data: the State Council's yearly holiday arrangements (法定节假日 and
-- 调休 make-up working days) as overrides of the ordinary week, and which years have been published.
-- Government time limits (Administrative Licensing Law, 12345 replies) are counted on it.

create table calendar_year (
  year integer primary key check (year between 1949 and 2999),
  is_published boolean not null default false,
  notice text check (length(notice) between 1 and 200),
  updated_at timestamptz not null,
  check (not is_published or notice is not null)
);
comment on table calendar_year is 'Years of the working-day calendar whose arrangement has been entered; a year without a published row is provisional: deadlines reaching into it say so.';
comment on column calendar_year.year is 'The calendar year (Gregorian).';
comment on column calendar_year.is_published is 'True once the State Council''s notice for the year has been entered in full; until then the year counts as plain weekdays plus any overrides entered, and is reported as provisional.';
comment on column calendar_year.notice is 'The notice the year''s arrangement comes from, e.g. 国办发明电〔2024〕12号; required once published.';
comment on column calendar_year.updated_at is 'When the year was last published or withdrawn.';

create table calendar_day (
  day date primary key,
  kind text not null check (kind in ('holiday', 'workday')),
  name_zh text not null check (length(name_zh) between 1 and 40),
  name_en text not null check (length(name_en) between 1 and 80),
  notice text not null check (length(notice) between 1 and 200),
  updated_at timestamptz not null
);
comment on table calendar_day is 'Dates that differ from the ordinary week (Monday to Friday working, Saturday and Sunday rest): statutory holidays and make-up working days.';
comment on column calendar_day.day is 'The date, a day in Beijing time (Asia/Shanghai).';
comment on column calendar_day.kind is 'holiday (a rest day, even on a weekday) or workday (调休上班: a working day, even on a weekend).';
comment on column calendar_day.name_zh is 'What the day is, in Chinese, e.g. 春节 or 春节调休上班.';
comment on column calendar_day.name_en is 'What the day is, in English, e.g. Spring Festival.';
comment on column calendar_day.notice is 'The notice the override comes from, e.g. 国办发明电〔2024〕12号.';
comment on column calendar_day.updated_at is 'When the override was entered or last changed.';

insert into permission (code, module, description_zh, description_en) values
  ('platform.calendar.manage', 'platform', '维护工作日历（法定节假日、调休上班日）并发布年度安排', 'Maintain the working-day calendar (statutory holidays, make-up working days) and publish a year''s arrangement');
