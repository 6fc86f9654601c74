-- The tree's complete subtrees move from one row each into tiles of 30 hashes (a height-4 slice of
-- the tree), so that a proof reads about a quarter as many rows and an append writes about one row
-- per 16 leaves instead of two per leaf. See src/modules/ledger/tiles.ts for the layout.

create table ledger_tile (
  tile_level smallint not null check (tile_level between 0 and 15),
  tile_index bigint not null check (tile_index >= 0),
  width smallint not null check (width between 1 and 16),
  hashes bytea not null check (length(hashes) = 960),
  primary key (tile_level, tile_index)
);
alter table ledger_tile alter column hashes set storage main;
comment on table ledger_tile is 'Complete perfect subtrees of the log, packed in tiles: tile (t, j) holds levels 4t…4t+3 under the level-4t nodes 16j…16j+15.';
comment on column ledger_tile.tile_level is 'Which four tree levels the tile covers: 4·tile_level to 4·tile_level+3.';
comment on column ledger_tile.tile_index is 'Position of the tile among those of its tile level, from the left.';
comment on column ledger_tile.width is 'How many of the 16 level-4t nodes are complete; a node is present exactly when every level-4t node under it is.';
comment on column ledger_tile.hashes is '30 SHA-256 hashes in fixed slots: 16 of level 4t, then 8, 4 and 2 of the levels above; slots of absent nodes hold zeros.';

with tiles as (
  select distinct level / 4 as tile_level, node_index / (16 >> (level % 4)) as tile_index
  from ledger_node
), slots as (
  select slot, case when slot < 16 then 0 when slot < 24 then 1 when slot < 28 then 2 else 3 end as local_level
  from generate_series(0, 29) as slot
)
insert into ledger_tile (tile_level, tile_index, width, hashes)
select t.tile_level, t.tile_index,
  count(n.hash) filter (where s.local_level = 0),
  string_agg(coalesce(n.hash, decode(repeat('00', 32), 'hex')), ''::bytea order by s.slot)
from tiles t
cross join slots s
left join ledger_node n
  on n.level = t.tile_level * 4 + s.local_level
  and n.node_index = t.tile_index * (16 >> s.local_level) + (s.slot - (32 - (32 >> s.local_level)))
group by t.tile_level, t.tile_index;

drop table ledger_node;
