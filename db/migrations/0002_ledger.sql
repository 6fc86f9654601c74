-- The audit ledger: an RFC 9162 Merkle log of audit events with signed checkpoints.

create table ledger_pending (
  id bigint generated always as identity primary key,
  entry bytea not null check (length(entry) between 2 and 65536),
  record_type text not null check (length(record_type) between 1 and 100),
  record_id text not null check (length(record_id) between 1 and 200),
  recorded_at timestamptz not null
);
comment on table ledger_pending is 'Audit events written in their business transaction, waiting for the integrator to give them a leaf index.';
comment on column ledger_pending.id is 'Arrival order; the integrator takes pending events in this order.';
comment on column ledger_pending.entry is 'The canonical encoding of the audit event (UTF-8 JSON, fixed field order), exactly as it will be hashed.';
comment on column ledger_pending.record_type is 'Kind of the record the event is about, e.g. identity.account (copied from the entry for lookup).';
comment on column ledger_pending.record_id is 'Identifier of that record (copied from the entry for lookup).';
comment on column ledger_pending.recorded_at is 'When the business transaction recorded the event (from the injected clock).';

create table ledger_leaf (
  leaf_index bigint primary key check (leaf_index >= 0),
  entry bytea not null,
  leaf_hash bytea not null check (length(leaf_hash) = 32),
  record_type text not null,
  record_id text not null,
  recorded_at timestamptz not null,
  integrated_at timestamptz not null
);
create index ledger_leaf_record_idx on ledger_leaf (record_type, record_id, leaf_index);
comment on table ledger_leaf is 'The log''s leaves in order: each audit event with its index and RFC 9162 leaf hash.';
comment on column ledger_leaf.leaf_index is 'Position in the log, from 0, without gaps.';
comment on column ledger_leaf.entry is 'The canonical encoding of the audit event; its leaf hash is SHA-256(0x00 || entry).';
comment on column ledger_leaf.leaf_hash is 'SHA-256(0x00 || entry), stored so that verification can point at a changed entry.';
comment on column ledger_leaf.record_type is 'Kind of the record the event is about (for the events-of-a-record query).';
comment on column ledger_leaf.record_id is 'Identifier of the record the event is about.';
comment on column ledger_leaf.recorded_at is 'When the business transaction recorded the event.';
comment on column ledger_leaf.integrated_at is 'When the integrator folded the event into the tree.';

create table ledger_node (
  level smallint not null check (level between 0 and 63),
  node_index bigint not null check (node_index >= 0),
  hash bytea not null check (length(hash) = 32),
  primary key (level, node_index)
);
comment on table ledger_node is 'Hashes of complete perfect subtrees: node (level L, index i) covers leaves [i*2^L, (i+1)*2^L). Written once; proofs read O(log n) of them.';
comment on column ledger_node.level is 'Height of the subtree: 0 for a leaf hash.';
comment on column ledger_node.node_index is 'Position of the subtree among those of its level, from the left.';
comment on column ledger_node.hash is 'The RFC 9162 Merkle tree hash of the subtree.';

create table ledger_checkpoint (
  tree_size bigint primary key check (tree_size > 0),
  root_hash bytea not null check (length(root_hash) = 32),
  note text not null,
  created_at timestamptz not null
);
comment on table ledger_checkpoint is 'Signed tree heads, one after each integration batch, as C2SP tlog-checkpoint signed notes.';
comment on column ledger_checkpoint.tree_size is 'Number of leaves the checkpoint commits to.';
comment on column ledger_checkpoint.root_hash is 'Merkle tree hash of the first tree_size leaves.';
comment on column ledger_checkpoint.note is 'The checkpoint as a signed note: origin, size, base64 root, blank line, signature line(s).';
comment on column ledger_checkpoint.created_at is 'When the checkpoint was signed.';

create table ledger_cosignature (
  tree_size bigint not null references ledger_checkpoint (tree_size),
  witness_name text not null,
  witness_key_id bigint not null check (witness_key_id between 0 and 4294967295),
  cosigned_at timestamptz not null,
  signature_line text not null,
  received_at timestamptz not null,
  primary key (tree_size, witness_name, witness_key_id)
);
comment on table ledger_cosignature is 'Witness cosignatures (C2SP tlog-cosignature) on this log''s checkpoints, from deployments that checked consistency.';
comment on column ledger_cosignature.tree_size is 'The checkpoint cosigned.';
comment on column ledger_cosignature.witness_name is 'Key name of the witness, e.g. the province''s deployment.';
comment on column ledger_cosignature.witness_key_id is 'The witness key ID (first four bytes of its key hash) as an unsigned number.';
comment on column ledger_cosignature.cosigned_at is 'The timestamp inside the cosignature.';
comment on column ledger_cosignature.signature_line is 'The signature line exactly as received, appended to the checkpoint note when served.';
comment on column ledger_cosignature.received_at is 'When this deployment received and checked the cosignature.';

create table ledger_witnessed_log (
  origin text primary key,
  verifier_key text not null,
  tree_size bigint not null check (tree_size > 0),
  root_hash bytea not null check (length(root_hash) = 32),
  updated_at timestamptz not null
);
comment on table ledger_witnessed_log is 'Other deployments'' logs that this deployment witnesses, with the latest checkpoint it cosigned.';
comment on column ledger_witnessed_log.origin is 'Origin line of the witnessed log.';
comment on column ledger_witnessed_log.verifier_key is 'The witnessed log''s checkpoint verifier key.';
comment on column ledger_witnessed_log.tree_size is 'Size of the latest checkpoint this deployment checked and cosigned.';
comment on column ledger_witnessed_log.root_hash is 'Root hash of that checkpoint; every later one must be consistent with it.';
comment on column ledger_witnessed_log.updated_at is 'When this deployment last cosigned for that log.';
