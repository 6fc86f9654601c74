-- The keys that have signed this log's checkpoints, with the first tree size each one signed. A
-- deployment rotates its checkpoint key by configuring a new signer and listing the old verifier
-- key as retired; browsers holding an old checkpoint then learn from GET /api/ledger/keys which key
-- covered it. Which keys are trusted comes from the configuration, never from this table: it only
-- records when each trusted key took over.
create table ledger_signing_key (
  verifier_key text primary key check (length(verifier_key) between 10 and 1000),
  first_tree_size bigint not null unique check (first_tree_size > 0),
  first_signed_at timestamptz not null
);
comment on table ledger_signing_key is 'Each checkpoint signing key the log has used, from the first checkpoint it signed; a key is in force until the next one takes over.';
comment on column ledger_signing_key.verifier_key is 'The signed-note verifier key (name+keyhash+base64), as published.';
comment on column ledger_signing_key.first_tree_size is 'Tree size of the first checkpoint the key signed.';
comment on column ledger_signing_key.first_signed_at is 'When that checkpoint was signed.';

-- A log created before this table was signed by one key so far. The migration cannot know it, so
-- the integrator records the key in force when it first signs after the upgrade, from the log's
-- earliest checkpoint on.
