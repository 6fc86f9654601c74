import { type Static, Type } from 'typebox';

const Bilingual = Type.Object({ zh: Type.String(), en: Type.String() });

export const InboxItem = Type.Object({
  id: Type.String({ format: 'uuid' }),
  topic: Type.String(),
  subject: Bilingual,
  body: Bilingual,
  link: Type.Union([Type.String(), Type.Null()], { description: 'A path in this web app, or null' }),
  createdAt: Type.String({ format: 'date-time' }),
  readAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
});
export type InboxItem = Static<typeof InboxItem>;

export const InboxQuery = Type.Object(
  {
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
    cursor: Type.Optional(Type.String({ maxLength: 200, description: 'nextCursor of the previous page' })),
    unread: Type.Optional(Type.Boolean({ description: 'Only notifications not yet read' })),
  },
  { additionalProperties: false },
);
export type InboxQuery = Static<typeof InboxQuery>;

export const InboxPage = Type.Object({
  items: Type.Array(InboxItem),
  nextCursor: Type.Union([Type.String(), Type.Null()]),
  unreadCount: Type.Integer({ minimum: 0 }),
});
export type InboxPage = Static<typeof InboxPage>;

export const NotificationParams = Type.Object({ id: Type.String({ format: 'uuid' }) });

export const ReadAllResult = Type.Object({
  marked: Type.Integer({ minimum: 0, description: 'How many were unread' }),
  unreadCount: Type.Integer({ minimum: 0 }),
});

export const OutboxSummary = Type.Object({
  isEmailConfigured: Type.Boolean({ description: 'False: no SMTP server, e-mails are skipped' }),
  counts: Type.Object({
    pending: Type.Integer(),
    sending: Type.Integer(),
    sent: Type.Integer(),
    failed: Type.Integer(),
    skipped: Type.Integer(),
  }),
  recentProblems: Type.Array(
    Type.Object({
      id: Type.String({ format: 'uuid' }),
      topic: Type.String(),
      status: Type.String(),
      attempts: Type.Integer(),
      error: Type.String(),
      at: Type.String({ format: 'date-time' }),
    }),
  ),
});
export type OutboxSummary = Static<typeof OutboxSummary>;
