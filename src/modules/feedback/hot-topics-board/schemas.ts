import { type Static, Type } from 'typebox';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) =>
  Type.Union([schema, Type.Null()]);

export const AlertListQuery = Type.Object({
  divisionCode: Type.Optional(Type.String({ pattern: '^[0-9]{1,12}$' })),
  status: Type.Union([Type.Literal('all'), Type.Literal('unacknowledged')], { default: 'all' }),
  limit: Type.Integer({ minimum: 1, maximum: 200, default: 50 }),
});
export type AlertListQuery = Static<typeof AlertListQuery>;

export const AlertParams = Type.Object({ id: Type.String({ format: 'uuid' }) });
export type AlertParams = Static<typeof AlertParams>;

export const Alert = Type.Object({
  id: Type.String(),
  kind: Type.Union([Type.Literal('category-place'), Type.Literal('duplicate-group')]),
  detectors: Type.Array(Type.Union([Type.Literal('burst'), Type.Literal('surge')])),
  categoryCode: Type.String(),
  divisionCode: Nullable(Type.String()),
  groupId: Nullable(Type.String()),
  keywords: Type.Array(Type.Object({ term: Type.String(), score: Type.Number() })),
  trend: Type.Array(Type.Object({ binStart: Type.String(), count: Type.Integer() })),
  extent: Type.Object({
    divisions: Type.Array(Type.String()),
    boundingBox: Nullable(Type.Array(Type.Number(), { description: '[west, south, east, north]' })),
  }),
  sampleRequestIds: Type.Array(Type.String()),
  requestCount: Type.Integer(),
  responsibleDivision: Type.Object({ code: Type.String(), nameZh: Type.String() }),
  startedAt: Type.String(),
  endedAt: Nullable(Type.String()),
  raisedAt: Type.String(),
  acknowledgedAt: Nullable(Type.String()),
  acknowledgedBy: Nullable(Type.String()),
});

export const AlertList = Type.Object({ divisionCode: Type.String(), items: Type.Array(Alert) });
