import { Type } from 'typebox';

const Uuid = Type.String({ format: 'uuid' });
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) =>
  Type.Union([schema, Type.Null()]);
const DateTime = Type.String({ format: 'date-time' });
const Place = Type.Object({ code: Type.String(), nameZh: Type.String() });

export const AlertParams = Type.Object({ id: Uuid });

export const AlertListQuery = Type.Object({
  state: Type.Optional(
    Type.Union([Type.Literal('active'), Type.Literal('ended')], {
      description: 'active: still hot; ended: over. Both when left out.',
    }),
  ),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
});

export const AlertSummary = Type.Object({
  id: Uuid,
  keyKind: Type.Union([Type.Literal('category-place'), Type.Literal('duplicate-group')]),
  detectors: Type.Array(Type.Union([Type.Literal('burst'), Type.Literal('surge')])),
  category: Type.Object({ code: Type.String(), nameZh: Type.String(), nameEn: Type.String() }),
  responsibleDivision: Place,
  requestCount: Type.Integer(),
  keywords: Type.Array(Type.String()),
  trend: Type.Array(Type.Object({ binStart: DateTime, count: Type.Integer() }), {
    description: 'Requests per hour from a few hours before the start.',
  }),
  startedAt: DateTime,
  endedAt: Nullable(DateTime),
  raisedAt: DateTime,
  acknowledgedAt: Nullable(DateTime),
});

export const AlertDetail = Type.Intersect([
  AlertSummary,
  Type.Object({
    keywordScores: Type.Array(Type.Object({ term: Type.String(), score: Type.Number() })),
    extent: Type.Object({
      divisions: Type.Array(Place),
      boundingBox: Nullable(Type.Array(Type.Number(), { minItems: 4, maxItems: 4 })),
    }),
    samples: Type.Array(
      Type.Object({
        id: Uuid,
        publicId: Type.String(),
        description: Type.String(),
        submittedAt: DateTime,
        address: Nullable(Type.String()),
      }),
    ),
    acknowledgedBy: Nullable(Uuid),
  }),
]);
