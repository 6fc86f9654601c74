import { type Static, Type } from 'typebox';

export const Health = Type.Object(
  {
    status: Type.Union([Type.Literal('ok'), Type.Literal('degraded')]),
    version: Type.String(),
    uptimeSeconds: Type.Number(),
    checkedAt: Type.String({ format: 'date-time' }),
    database: Type.Object({
      kind: Type.Union([Type.Literal('pglite'), Type.Literal('postgresql')]),
      reachable: Type.Boolean(),
      latencyMs: Type.Union([Type.Number(), Type.Null()]),
    }),
    migrations: Type.Object({
      applied: Type.Integer(),
      available: Type.Integer(),
      isCurrent: Type.Boolean(),
    }),
  },
  { $id: 'Health', description: 'Whether this server can serve: database reachable and schema current.' },
);
export type Health = Static<typeof Health>;

export const Readiness = Type.Object(
  { isReady: Type.Boolean(), reason: Type.Optional(Type.String()) },
  { $id: 'Readiness' },
);
export type Readiness = Static<typeof Readiness>;
