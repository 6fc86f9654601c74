-- Administrative divisions: the nation, provinces, prefecture-level cities, counties, townships and
-- villages, as the national statistical division codes define them.

create table division (
  code text primary key check (code = '0' or code ~ '^[0-9]{2}([0-9]{2}([0-9]{2}([0-9]{3}([0-9]{3})?)?)?)?$'),
  parent_code text references division (code),
  level smallint not null check (level between 0 and 5),
  name_zh text not null check (length(name_zh) between 1 and 100),
  path text not null unique,
  is_placeholder boolean not null default false,
  province_code text not null,
  check ((code = '0') = (parent_code is null))
);
create index division_parent_idx on division (parent_code, code);
create index division_path_prefix_idx on division (path text_pattern_ops);
create index division_name_idx on division (name_zh text_pattern_ops);
comment on table division is 'Administrative divisions from the national statistical division codes (2023), under a national root.';
comment on column division.code is 'Statistical division code: 2 digits province, 4 city, 6 county, 9 township, 12 village; 0 for the national root.';
comment on column division.parent_code is 'The division directly above; null only for the national root.';
comment on column division.level is '0 nation, 1 province, 2 prefecture-level city, 3 county, 4 township, 5 village.';
comment on column division.name_zh is 'Official name in Chinese.';
comment on column division.path is 'Codes from the root joined by dots (0.33.3301.330106): a subtree is one index range scan on this prefix.';
comment on column division.is_placeholder is 'True for grouping rows that are not real governments (市辖区, 县, 省直辖县级行政区划); display paths skip them.';
comment on column division.province_code is 'The two-digit province the division lies in (00 for the root): the distribution column for sharding by region.';

insert into division (code, parent_code, level, name_zh, path, is_placeholder, province_code)
values ('0', null, 0, '中华人民共和国', '0', false, '00');
