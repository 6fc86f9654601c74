import { type Static, Type } from 'typebox';

const Uint64String = Type.String({ pattern: '^(0|[1-9][0-9]{0,19})$', description: 'A uint64 in decimal' });
const Base64Hash = Type.String({ description: 'SHA-256 hash, standard base64' });

export const Checkpoint = Type.Object(
  {
    origin: Type.String(),
    treeSize: Uint64String,
    rootHash: Base64Hash,
    createdAt: Type.String({ format: 'date-time' }),
    note: Type.String({ description: 'C2SP tlog-checkpoint signed note, with witness cosignature lines' }),
    verifierKey: Type.String({ description: "The log's signed-note verifier key" }),
    witnessKeys: Type.Array(Type.String(), {
      description:
        'Verifier keys of the witnesses whose cosignatures this log accepts, so clients can check them',
    }),
    cosignatures: Type.Array(
      Type.Object({ witness: Type.String(), cosignedAt: Type.String({ format: 'date-time' }) }),
    ),
  },
  { $id: 'LedgerCheckpoint' },
);

export const SigningKeys = Type.Object(
  {
    origin: Type.String(),
    keys: Type.Array(
      Type.Object({
        verifierKey: Type.String({ description: 'Signed-note verifier key (name+keyhash+base64)' }),
        state: Type.Union([Type.Literal('current'), Type.Literal('retired')]),
        firstTreeSize: Type.Union([Uint64String, Type.Null()], {
          description:
            'Tree size of the first checkpoint the key signed; null if it signed none in this database',
        }),
        lastTreeSize: Type.Union([Uint64String, Type.Null()], {
          description:
            "The largest tree size it signed checkpoints for: one less than the next key's first; null while in force",
        }),
        firstSignedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
      }),
    ),
  },
  {
    $id: 'LedgerSigningKeys',
    description: "The log's checkpoint keys, current and retired, with the tree sizes each one signed",
  },
);

export const LeafParams = Type.Object({ index: Uint64String });
export const LeafSummary = Type.Object(
  { index: Uint64String, leafHash: Base64Hash, integratedAt: Type.String({ format: 'date-time' }) },
  { $id: 'LedgerLeaf', description: 'A leaf as the public sees it: its hash, never its content' },
);

export const InclusionQuery = Type.Object({ index: Uint64String, treeSize: Type.Optional(Uint64String) });
export const InclusionProof = Type.Object(
  {
    leafIndex: Uint64String,
    treeSize: Uint64String,
    leafHash: Base64Hash,
    rootHash: Base64Hash,
    proof: Type.Array(Base64Hash),
  },
  { $id: 'LedgerInclusionProof' },
);

export const ConsistencyQuery = Type.Object({ from: Uint64String, to: Type.Optional(Uint64String) });
export const ConsistencyProof = Type.Object(
  {
    from: Uint64String,
    to: Uint64String,
    fromRootHash: Base64Hash,
    toRootHash: Base64Hash,
    proof: Type.Array(Base64Hash),
  },
  { $id: 'LedgerConsistencyProof' },
);

export const RecordParams = Type.Object({
  recordType: Type.String({ pattern: '^[a-z][a-z0-9-]*(\\.[a-z][a-z0-9-]*)+$', maxLength: 100 }),
  recordId: Type.String({ minLength: 1, maxLength: 200 }),
});
export const RecordQuery = Type.Object({
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 200 })),
});
export const RecordEvents = Type.Object(
  {
    events: Type.Array(
      Type.Object({
        leafIndex: Type.Union([Uint64String, Type.Null()]),
        leafHash: Type.Union([Base64Hash, Type.Null()]),
        event: Type.Object({
          action: Type.String(),
          actor: Type.Object({ kind: Type.String(), id: Type.Union([Type.String(), Type.Null()]) }),
          onBehalfOf: Type.Union([Type.String(), Type.Null()]),
          record: Type.Object({ type: Type.String(), id: Type.String() }),
          at: Type.String(),
          reason: Type.Union([Type.String(), Type.Null()]),
          requestId: Type.Union([Type.String(), Type.Null()]),
          payloadHash: Type.Union([Type.String(), Type.Null()]),
        }),
      }),
    ),
  },
  { $id: 'LedgerRecordEvents' },
);

export const CosignatureSubmission = Type.Object(
  {
    note: Type.String({
      minLength: 1,
      maxLength: 65536,
      description: 'Our checkpoint note with the witness cosignature line',
    }),
  },
  { additionalProperties: false },
);
export type CosignatureSubmission = Static<typeof CosignatureSubmission>;
export const CosignatureAccepted = Type.Object({
  treeSize: Uint64String,
  acceptedWitnesses: Type.Array(Type.String()),
});
