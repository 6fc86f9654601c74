import { Type } from 'typebox';

const Names = Type.Object({ code: Type.String(), nameZh: Type.String(), nameEn: Type.String() });
const IssuerNames = Type.Object({
  code: Type.String({ description: 'The issuer code in identifiers' }),
  nameZh: Type.String(),
  nameEn: Type.Union([Type.String(), Type.Null()]),
});

export const IdentifierParams = Type.Object({
  identifier: Type.String({
    maxLength: 120,
    description:
      '<issuer code>-<type code>-<serial><check character>, e.g. 33010601-business-licence-7K3M9Q2XHDV',
  }),
});

export const VerifyBody = Type.Object(
  {
    presented: Type.String({
      minLength: 1,
      maxLength: 20000,
      description: 'A signed record (JWS compact), the link in its QR code, or a credential identifier',
    }),
  },
  { additionalProperties: false },
);
export type VerifyBody = { presented: string };

export const Verification = Type.Object({
  verdict: Type.Union(
    ['valid', 'invalid', 'expired', 'not-yet-valid', 'suspended', 'revoked'].map((v) => Type.Literal(v)),
  ),
  reasons: Type.Array(Type.String(), { description: 'Why the verdict is not valid (codes)' }),
  checkedAt: Type.String({ format: 'date-time' }),
  checked: Type.Union([
    Type.Literal('presented-record'),
    Type.Literal('stored-record'),
    Type.Literal('nothing'),
  ]),
  signature: Type.Object({
    state: Type.Union([Type.Literal('valid'), Type.Literal('invalid'), Type.Literal('not-checked')]),
    kid: Type.Union([Type.String(), Type.Null()]),
  }),
  ledger: Type.Object({
    state: Type.Union(
      ['proven', 'pending', 'missing', 'proof-failed', 'not-checked'].map((v) => Type.Literal(v)),
    ),
    leafIndex: Type.Optional(Type.String()),
    treeSize: Type.Optional(Type.String()),
    rootHash: Type.Optional(Type.String({ description: 'base64' })),
    proof: Type.Optional(
      Type.Array(Type.String(), { description: 'RFC 9162 inclusion proof, base64 hashes' }),
    ),
    checkpointNote: Type.Optional(Type.String({ description: 'The signed checkpoint the proof is against' })),
  }),
  credential: Type.Union([
    Type.Null(),
    Type.Object({
      identifier: Type.String(),
      type: Names,
      issuer: IssuerNames,
      status: Type.String(),
      validFrom: Type.String({ format: 'date-time' }),
      validUntil: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
      issuedAt: Type.String({ format: 'date-time' }),
      claims: Type.Array(
        Type.Object({
          name: Type.String(),
          labelZh: Type.String(),
          labelEn: Type.String(),
          value: Type.String(),
        }),
        { description: 'Only the claims the type discloses, masked where it says so' },
      ),
    }),
  ]),
});

export const PublishedKeys = Type.Object({
  keys: Type.Array(
    Type.Object({
      kty: Type.Literal('OKP'),
      crv: Type.Literal('Ed25519'),
      x: Type.String(),
      kid: Type.String(),
      alg: Type.Literal('EdDSA'),
      use: Type.Literal('sig'),
      status: Type.Union([Type.Literal('signing'), Type.Literal('verification-only')]),
      createdAt: Type.String({ format: 'date-time' }),
    }),
  ),
});

export const CredentialTypes = Type.Object({
  types: Type.Array(
    Type.Object({
      code: Type.String(),
      nameZh: Type.String(),
      nameEn: Type.String(),
      issuerKind: Type.String(),
      subjectKind: Type.String(),
      validityYears: Type.Union([Type.Integer(), Type.Null()]),
      isShareable: Type.Boolean(),
      claimsSchema: Type.Record(Type.String(), Type.Unknown()),
    }),
  ),
});

export const Wallet = Type.Object({
  holder: Type.Object({ kind: Type.String(), id: Type.String() }),
  credentials: Type.Array(
    Type.Object({
      identifier: Type.String(),
      type: Names,
      issuer: IssuerNames,
      status: Type.String(),
      validFrom: Type.String({ format: 'date-time' }),
      validUntil: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
      issuedAt: Type.String({ format: 'date-time' }),
      isShareable: Type.Boolean(),
      verifyUrl: Type.String(),
      record: Type.String({ description: 'The signed record (JWS compact)' }),
    }),
  ),
});

export const ReasonBody = Type.Object(
  { reason: Type.String({ minLength: 4, maxLength: 500, description: 'Why; recorded in the ledger' }) },
  { additionalProperties: false },
);
export type ReasonBody = { reason: string };

export const StatusChanged = Type.Object({
  identifier: Type.String(),
  status: Type.String(),
  statusChangedAt: Type.String({ format: 'date-time' }),
});
