import { type Static, Type } from 'typebox';

const CalendarDate = Type.String({
  pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$',
  description: 'A day in Beijing time, YYYY-MM-DD',
  examples: ['2025-01-28'],
});
const Year = Type.Integer({ minimum: 1949, maximum: 2999 });
const DayKind = Type.Union([Type.Literal('holiday'), Type.Literal('workday')], {
  description:
    'holiday: a rest day even on a weekday; workday: a make-up working day (调休上班) on a weekend',
});

export const YearParams = Type.Object({ year: Year });
export type YearParams = Static<typeof YearParams>;
export const DateParams = Type.Object({ date: CalendarDate });
export type DateParams = Static<typeof DateParams>;

export const CalendarDay = Type.Object({
  date: Type.String({ format: 'date' }),
  kind: DayKind,
  nameZh: Type.String(),
  nameEn: Type.String(),
  notice: Type.String(),
  updatedAt: Type.String({ format: 'date-time' }),
});
export type CalendarDay = Static<typeof CalendarDay>;

export const CalendarYear = Type.Object(
  {
    year: Type.Integer(),
    isPublished: Type.Boolean({
      description:
        'False: the State Council has not published (or nobody has entered) this year; deadlines in it are provisional',
    }),
    notice: Type.Union([Type.String(), Type.Null()]),
    days: Type.Array(CalendarDay, { description: 'Dates that differ from the ordinary week, in order' }),
  },
  { $id: 'CalendarYear' },
);
export type CalendarYear = Static<typeof CalendarYear>;

export const DayInput = Type.Object(
  {
    kind: DayKind,
    nameZh: Type.String({ minLength: 1, maxLength: 40 }),
    nameEn: Type.String({ minLength: 1, maxLength: 80 }),
    notice: Type.String({ minLength: 1, maxLength: 200 }),
  },
  { additionalProperties: false },
);
export type DayInput = Static<typeof DayInput>;

export const PublicationInput = Type.Object(
  {
    isPublished: Type.Boolean(),
    notice: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
  },
  { additionalProperties: false },
);
export type PublicationInput = Static<typeof PublicationInput>;

export const Publication = Type.Object({
  year: Type.Integer(),
  isPublished: Type.Boolean(),
  notice: Type.Union([Type.String(), Type.Null()]),
  updatedAt: Type.String({ format: 'date-time' }),
});

export const WorkingDaysQuery = Type.Object(
  {
    from: CalendarDate,
    days: Type.Integer({ minimum: 0, maximum: 1000, description: 'Working days to add' }),
  },
  { additionalProperties: false },
);
export type WorkingDaysQuery = Static<typeof WorkingDaysQuery>;

export const WorkingDaysAnswer = Type.Object({
  from: Type.String({ format: 'date' }),
  workingDays: Type.Integer(),
  due: Type.String({
    format: 'date',
    description: 'The last day of the limit (the day of `from` itself not counted)',
  }),
  dueAt: Type.String({
    format: 'date-time',
    description: 'The instant the limit runs out: the end of `due`, Beijing time',
  }),
  provisional: Type.Boolean({
    description: 'A day counted lies in a year whose arrangement is not published',
  }),
  unpublishedYears: Type.Array(Type.Integer()),
});
export type WorkingDaysAnswer = Static<typeof WorkingDaysAnswer>;
