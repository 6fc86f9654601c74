import { type Static, Type } from 'typebox';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) =>
  Type.Union([schema, Type.Null()]);

export const UnitClassSchema = Type.Union(
  ['township', 'district', 'department'].map((unitClass) => Type.Literal(unitClass)),
  {
    description:
      'township (places at level 4), district (level 3) or department (the unit holding a request)',
  },
);
const DivisionCode = Type.String({ pattern: '^[0-9]{1,12}$', description: 'A division code' });
const Month = Type.String({
  pattern: '^[0-9]{4}-(0[1-9]|1[0-2])$',
  description: 'YYYY-MM, China Standard Time',
});

export const SchemeParams = Type.Object({ divisionCode: DivisionCode, unitClass: UnitClassSchema });
export type SchemeParams = Static<typeof SchemeParams>;

const Weight = Type.Number({ minimum: 0, maximum: 999, multipleOf: 0.001 });

export const SchemeBody = Type.Object(
  {
    responseWithinHours: Type.Integer({
      minimum: 1,
      maximum: 8760,
      description: 'Answered: a handler first acted within this many hours',
    }),
    resolutionWithinDays: Type.Integer({
      minimum: 1,
      maximum: 366,
      description: 'Resolved: closed within this many days',
    }),
    satisfiedMinScore: Type.Integer({
      minimum: 1,
      maximum: 5,
      description: 'Lowest rating that counts as satisfied',
    }),
    excludedKinds: Type.Array(Type.String(), {
      maxItems: 5,
      description: 'complaint, demand, suggestion, enquiry, praise',
    }),
    excludedReasons: Type.Array(Type.String(), {
      maxItems: 4,
      description: 'withdrawn, duplicate, out-of-remit, malicious',
    }),
    weights: Type.Object(
      { response: Weight, resolution: Weight, satisfaction: Weight },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false },
);
export type SchemeBody = Static<typeof SchemeBody>;

export const Scheme = Type.Object({
  id: Type.String(),
  divisionCode: Type.String(),
  unitClass: UnitClassSchema,
  responseWithinHours: Type.Integer(),
  resolutionWithinDays: Type.Integer(),
  satisfiedMinScore: Type.Integer(),
  excludedKinds: Type.Array(Type.String()),
  excludedReasons: Type.Array(Type.String()),
  weights: Type.Object({ response: Type.Number(), resolution: Type.Number(), satisfaction: Type.Number() }),
  updatedAt: Type.String(),
});

export const SchemeList = Type.Object({ divisionCode: Type.String(), schemes: Type.Array(Scheme) });

export const AreaQuery = Type.Object({ divisionCode: Type.Optional(DivisionCode) });
export type AreaQuery = Static<typeof AreaQuery>;

export const RankingQuery = Type.Object({
  divisionCode: Type.Optional(DivisionCode),
  unitClass: UnitClassSchema,
  month: Type.Optional(Month),
});
export type RankingQuery = Static<typeof RankingQuery>;

export const TrendQuery = Type.Object({
  divisionCode: Type.Optional(DivisionCode),
  unitClass: UnitClassSchema,
  months: Type.Integer({ minimum: 1, maximum: 36, default: 6 }),
  to: Type.Optional(Month),
});
export type TrendQuery = Static<typeof TrendQuery>;

export const RecurringQuery = Type.Object({
  divisionCode: Type.Optional(DivisionCode),
  withinDays: Type.Integer({ minimum: 1, maximum: 366, default: 30 }),
  minCount: Type.Integer({ minimum: 2, maximum: 1000, default: 3 }),
});
export type RecurringQuery = Static<typeof RecurringQuery>;

const Rates = {
  eligible: Type.Integer(),
  responded: Type.Integer(),
  resolved: Type.Integer(),
  rated: Type.Integer(),
  satisfied: Type.Integer(),
  responseRate: Nullable(Type.Number()),
  resolutionRate: Nullable(Type.Number()),
  satisfactionRate: Nullable(Type.Number()),
  composite: Nullable(Type.Number({ description: '0–100' })),
};

const UnitRef = Type.Object({ code: Type.String(), nameZh: Type.String(), nameEn: Nullable(Type.String()) });

export const Ranking = Type.Object({
  divisionCode: Type.String(),
  unitClass: UnitClassSchema,
  month: Type.String(),
  previousMonth: Type.String(),
  scheme: Scheme,
  rows: Type.Array(
    Type.Object({
      unit: UnitRef,
      ...Rates,
      rank: Nullable(Type.Integer()),
      previous: Nullable(
        Type.Object({
          composite: Nullable(Type.Number()),
          rank: Nullable(Type.Integer()),
          eligible: Type.Integer(),
        }),
      ),
      compositeChange: Nullable(Type.Number()),
      rankChange: Nullable(Type.Integer()),
    }),
  ),
});

export const Trend = Type.Object({
  divisionCode: Type.String(),
  unitClass: UnitClassSchema,
  points: Type.Array(Type.Object({ month: Type.String(), ...Rates })),
});

export const Recurring = Type.Object({
  divisionCode: Type.String(),
  withinDays: Type.Integer(),
  minCount: Type.Integer(),
  items: Type.Array(
    Type.Object({
      division: UnitRef,
      responsibleDivisionCode: Type.String(),
      categoryCode: Type.String(),
      requestCount: Type.Integer(),
      afterClosureCount: Type.Integer(),
      firstAt: Type.String(),
      lastAt: Type.String(),
      requestIds: Type.Array(Type.String()),
    }),
  ),
});
