import { type Static, Type } from 'typebox';
import { OrganisationRef, PublicRequest, RequestListQuery, RequestView } from './schemas.ts';

const Uuid = Type.String({ format: 'uuid' });
const DateTime = Type.String({ format: 'date-time' });
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) =>
  Type.Union([schema, Type.Null()]);
const Unit = Type.Union([Type.Literal('hours'), Type.Literal('calendarDays'), Type.Literal('workingDays')]);
const ClockKind = Type.Union([Type.Literal('contact'), Type.Literal('feedback'), Type.Literal('resolution')]);
const Urgency = Type.Union([Type.Literal('normal'), Type.Literal('urgent'), Type.Literal('emergency')]);
const SatisfactionLevel = Type.Union([
  Type.Literal('satisfied'),
  Type.Literal('basically-satisfied'),
  Type.Literal('dissatisfied'),
]);
const Text = (maxLength: number) => Type.String({ minLength: 1, maxLength });

const Limit = Type.Object(
  { unit: Unit, amount: Type.Integer({ minimum: 1, maximum: 1000 }) },
  { additionalProperties: false },
);

export const PolicyBody = Type.Object(
  {
    categoryCode: Nullable(Type.String({ minLength: 1, maxLength: 64, description: 'null: every category' })),
    urgency: Nullable(Urgency),
    contact: Limit,
    feedback: Limit,
    resolution: Limit,
    warnPercent: Type.Integer({ minimum: 1, maximum: 99 }),
    restartsOnTransfer: Type.Boolean(),
  },
  { additionalProperties: false },
);
export type PolicyBody = Static<typeof PolicyBody>;

export const Policy = Type.Object({
  id: Uuid,
  categoryCode: Nullable(Type.String()),
  urgency: Nullable(Type.String()),
  contact: Type.Object({ unit: Type.String(), amount: Type.Integer() }),
  feedback: Type.Object({ unit: Type.String(), amount: Type.Integer() }),
  resolution: Type.Object({ unit: Type.String(), amount: Type.Integer() }),
  warnPercent: Type.Integer(),
  restartsOnTransfer: Type.Boolean(),
  updatedAt: DateTime,
});

export const SlaClock = Type.Object({
  kind: Type.String(),
  state: Type.String({ description: 'running, warning, overdue or stopped' }),
  unit: Type.String(),
  limit: Type.Number(),
  total: Type.Number({ description: 'The limit with approved extensions' }),
  remaining: Type.Number(),
  startedAt: DateTime,
  dueAt: DateTime,
  completedAt: Nullable(DateTime),
  completedInTime: Nullable(Type.Boolean()),
  provisional: Type.Boolean(),
});

const Rating = Type.Object({
  satisfaction: Type.String(),
  score: Nullable(Type.Integer()),
  comment: Nullable(Type.String()),
});

export const RequestDetail = Type.Object({
  ...RequestView.properties,
  replies: Type.Array(
    Type.Object({
      id: Uuid,
      kind: Type.String(),
      text: Type.String({ description: 'Redacted: what the public sees' }),
      originalText: Type.Optional(Type.String({ description: 'Handlers only' })),
      organisation: Nullable(OrganisationRef),
      at: DateTime,
    }),
  ),
  sla: Type.Optional(Type.Array(SlaClock)),
  contacts: Type.Optional(
    Type.Array(Type.Object({ id: Uuid, channel: Type.String(), contactedAt: DateTime, note: Type.String() })),
  ),
  extensions: Type.Optional(
    Type.Array(
      Type.Object({
        id: Uuid,
        clock: Type.String(),
        amount: Type.Integer(),
        reason: Type.String(),
        status: Type.String(),
        requestedAt: DateTime,
        decisionReason: Nullable(Type.String()),
      }),
    ),
  ),
  canDecideExtensions: Type.Optional(Type.Boolean()),
  handlingRole: Type.Optional(
    Type.Union([Type.Literal('holder'), Type.Literal('offered'), Type.Literal('arbiter')], {
      description: 'For handlers: holding unit, unit offered a transfer, or office deciding a dispute',
    }),
  ),
  followUp: Type.Optional(
    Type.Object({
      rating: Nullable(Rating),
      canRate: Type.Boolean(),
      canReopen: Type.Boolean(),
      reopenUntil: Nullable(DateTime),
      callbacks: Type.Array(Rating),
    }),
  ),
});

export const QueueItem = Type.Object({ ...PublicRequest.properties, sla: Type.Array(SlaClock) });
export const QueuePage = Type.Object({ items: Type.Array(QueueItem), nextCursor: Nullable(Type.String()) });

export const ContactBody = Type.Object(
  {
    channel: Type.Union(['phone', 'sms', 'visit', 'online', 'letter'].map((value) => Type.Literal(value))),
    contactedAt: Type.Optional(DateTime),
    note: Text(2000),
  },
  { additionalProperties: false },
);
export type ContactBody = Static<typeof ContactBody>;

export const ProgressBody = Type.Object({ note: Text(2000) }, { additionalProperties: false });

const Names = Type.Optional(
  Type.Array(Type.String({ minLength: 1, maxLength: 100 }), {
    maxItems: 20,
    description: 'More names to take out (the caller’s name is taken out anyway)',
  }),
);

export const PreviewBody = Type.Object({ text: Text(5000), names: Names }, { additionalProperties: false });
export const Preview = Type.Object({
  text: Type.String({ description: 'What the public page would show' }),
  replaced: Type.Array(Type.Object({ kind: Type.String(), count: Type.Integer() })),
});

export const ReplyBody = Type.Object(
  {
    kind: Type.Union([Type.Literal('interim'), Type.Literal('final')], {
      description: 'final answers and closes the request',
    }),
    text: Text(5000),
    names: Names,
    previewedText: Type.String({ maxLength: 5000, description: 'The text the preview showed' }),
  },
  { additionalProperties: false },
);
export type ReplyBody = Static<typeof ReplyBody>;

export const ExtensionBody = Type.Object(
  {
    clock: ClockKind,
    amount: Type.Integer({ minimum: 1, maximum: 1000, description: 'In the clock’s own unit' }),
    reason: Text(2000),
  },
  { additionalProperties: false },
);
export type ExtensionBody = Static<typeof ExtensionBody>;

export const ExtensionDecisionBody = Type.Object(
  { approve: Type.Boolean(), reason: Type.Optional(Type.String({ maxLength: 2000 })) },
  { additionalProperties: false },
);
export const ExtensionParams = Type.Object({
  id: Type.String({ minLength: 1, maxLength: 64 }),
  extensionId: Uuid,
});
export const PendingExtension = Type.Object({
  id: Uuid,
  requestId: Type.String(),
  clock: Type.String(),
  amount: Type.Integer(),
  reason: Type.String(),
  requestedAt: DateTime,
});

export const RatingBody = Type.Object(
  {
    satisfaction: SatisfactionLevel,
    score: Type.Optional(Type.Integer({ minimum: 1, maximum: 5 })),
    comment: Type.Optional(Type.String({ maxLength: 2000 })),
  },
  { additionalProperties: false },
);
export type RatingBody = Static<typeof RatingBody>;

export const ReopenBody = Type.Object({ reason: Text(2000) }, { additionalProperties: false });

export const QueueQuery = Type.Object(
  {
    ...RequestListQuery.properties,
    sla: Type.Optional(
      Type.Union([Type.Literal('warning'), Type.Literal('overdue')], {
        description: 'Only requests with a running clock in warning (or already overdue), or overdue',
      }),
    ),
  },
  { additionalProperties: false },
);
export type QueueQuery = Static<typeof QueueQuery>;
