import { type Static, Type } from 'typebox';

const Organisation = Type.Object({
  id: Type.String(),
  nameZh: Type.Union([Type.String(), Type.Null()]),
  nameEn: Type.Union([Type.String(), Type.Null()]),
});

export const OverdueCases = Type.Object({
  asOf: Type.String(),
  cases: Type.Array(
    Type.Object({
      applicationId: Type.String(),
      number: Type.String(),
      itemCode: Type.String(),
      divisionCode: Type.String(),
      organisation: Organisation,
      state: Type.String(),
      submittedAt: Type.String(),
      statutoryDueAt: Type.String(),
      workingDaysOverdue: Type.Integer(),
    }),
  ),
});

export const PeriodQuery = Type.Object(
  {
    from: Type.String({
      pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$',
      description: 'First Beijing-time day, YYYY-MM-DD',
    }),
    to: Type.String({
      pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$',
      description: 'Last Beijing-time day, included',
    }),
  },
  { additionalProperties: false },
);
export type PeriodQuery = Static<typeof PeriodQuery>;

const Rate = Type.Union([Type.Number({ minimum: 0, maximum: 1 }), Type.Null()]);
const Figures = Type.Object({
  received: Type.Integer(),
  inProgress: Type.Integer(),
  withdrawn: Type.Integer(),
  decided: Type.Integer(),
  approved: Type.Integer(),
  rejected: Type.Integer(),
  decidedOnTime: Type.Integer(),
  decidedWithoutVisit: Type.Integer(),
  decidedWithAtMostOneVisit: Type.Integer(),
  onTimeRate: Rate,
  noVisitRate: Rate,
  atMostOneVisitRate: Rate,
});

export const Volumes = Type.Object({
  from: Type.String(),
  to: Type.String(),
  departments: Type.Array(Type.Intersect([Type.Object({ organisation: Organisation }), Figures])),
  total: Figures,
});
