import { type Static, type TSchema, Type } from 'typebox';

const Uuid = Type.String({ format: 'uuid' });
const Timestamp = Type.String({ format: 'date-time' });
const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
const Text = (maxLength: number) => Type.String({ minLength: 1, maxLength });
const Comment = Type.Optional(Type.String({ maxLength: 2000 }));
const Version = Type.Optional(
  Type.Integer({ minimum: 0, description: 'The task version you saw; a task changed since is a 409' }),
);

export const IdParams = Type.Object({ id: Uuid });

export const QueueQuery = Type.Object(
  {
    state: Type.Optional(
      Type.Union([Type.Literal('open'), Type.Literal('accepted'), Type.Literal('awaiting-supplements')], {
        description:
          'open: not yet accepted; accepted: in review; awaiting-supplements: waiting for the applicant',
      }),
    ),
    organisationId: Type.Optional(Uuid),
    overdue: Type.Optional(
      Type.Boolean({ description: 'true: only past the deadline; false: only within it' }),
    ),
    deadline: Type.Optional(
      Type.Union([Type.Literal('running'), Type.Literal('warning'), Type.Literal('overdue')], {
        description:
          'Only running cases whose deadline mark is this now (cases waiting for the applicant are paused)',
      }),
    ),
    warnWithinDays: Type.Optional(
      Type.Integer({
        minimum: 0,
        maximum: 20,
        description: 'A case is in warning with this many working days or fewer left (default 2)',
      }),
    ),
    cursor: Type.Optional(Type.String({ minLength: 1, maxLength: 500, pattern: '^[A-Za-z0-9_-]+$' })),
    limit: Type.Integer({ minimum: 1, maximum: 200, default: 50 }),
  },
  { additionalProperties: false },
);
export type QueueQuery = Static<typeof QueueQuery>;

const SupplementItem = Type.Object(
  {
    material: Text(200),
    detail: Text(1000),
  },
  { additionalProperties: false },
);

/**
 * One flat object rather than a union per action, so that a bad body gets one problem per field (a
 * union would report every branch's complaints); which fields each action needs is the service's check.
 */
export const ActionInput = Type.Object(
  {
    action: Type.Enum(['accept', 'request-supplements', 'approve', 'reject', 'transfer']),
    comment: Comment,
    version: Version,
    items: Type.Optional(
      Type.Array(SupplementItem, {
        maxItems: 100,
        description:
          'request-supplements: everything missing, in one notice (Administrative Licensing Law art. 32)',
      }),
    ),
    reasons: Type.Optional(
      Type.Array(Text(1000), { maxItems: 20, description: 'reject: at least one reason' }),
    ),
    reason: Type.Optional(Type.String({ maxLength: 1000, description: 'transfer: why' })),
    toOrganisationId: Type.Optional(Uuid),
    toAccountId: Type.Optional(Uuid),
  },
  { additionalProperties: false },
);
export type ActionInput = Static<typeof ActionInput>;

const LocalisedText = Type.Object({ zh: Type.String(), en: Type.String() });
const InstanceState = Type.Union([
  Type.Literal('running'),
  Type.Literal('awaiting-supplements'),
  Type.Literal('approved'),
  Type.Literal('rejected'),
  Type.Literal('withdrawn'),
]);

export const Instance = Type.Object({
  id: Uuid,
  subject: Type.Object({ kind: Type.String(), id: Type.String() }),
  divisionCode: Type.String(),
  state: InstanceState,
  dueAt: Nullable(Timestamp),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});

const TaskProperties = {
  id: Uuid,
  instanceId: Uuid,
  nodeKey: Type.String(),
  name: LocalisedText,
  isAcceptance: Type.Boolean(),
  departmentSlot: Type.String(),
  organisationId: Uuid,
  divisionCode: Type.String(),
  roleCode: Type.String(),
  state: Type.Union([
    Type.Literal('open'),
    Type.Literal('accepted'),
    Type.Literal('done'),
    Type.Literal('cancelled'),
  ]),
  outcome: Nullable(Type.Union([Type.Literal('approved'), Type.Literal('rejected')])),
  assigneeAccountId: Nullable(Uuid),
  version: Type.Integer(),
  openedAt: Timestamp,
  acceptedAt: Nullable(Timestamp),
  finishedAt: Nullable(Timestamp),
};
export const Task = Type.Object(TaskProperties);

export const Queue = Type.Object({
  tasks: Type.Array(
    Type.Object({
      ...TaskProperties,
      subject: Type.Object({ kind: Type.String(), id: Type.String() }),
      instanceState: InstanceState,
      dueAt: Nullable(Timestamp),
      isOverdue: Type.Boolean(),
      deadline: Nullable(
        Type.Object({
          state: Type.Union([
            Type.Literal('running'),
            Type.Literal('warning'),
            Type.Literal('overdue'),
            Type.Literal('paused'),
          ]),
          remainingWorkingDays: Type.Integer({
            description: 'Working days left counting today; negative once overdue',
          }),
          provisional: Type.Boolean(),
        }),
      ),
      isAssignedToMe: Type.Boolean(),
    }),
  ),
  nextCursor: Nullable(Type.String({ description: 'Pass as cursor for the next page; null on the last' })),
});

const Action = Type.Object({
  id: Uuid,
  taskId: Nullable(Uuid),
  action: Type.String(),
  actor: Type.Object({ kind: Type.String(), id: Type.String(), onBehalfOf: Nullable(Uuid) }),
  reasons: Type.Array(Type.String()),
  comment: Nullable(Type.String()),
  supplements: Nullable(Type.Array(Type.Object({ material: Type.String(), detail: Type.String() }))),
  transferredToOrganisationId: Nullable(Uuid),
  transferredToAccountId: Nullable(Uuid),
  at: Timestamp,
});

export const History = Type.Object({
  instance: Instance,
  tasks: Type.Array(Task),
  actions: Type.Array(Action),
});

export const TaskView = Type.Object({
  ...History.properties,
  task: Task,
  allowedActions: Type.Array(Type.String()),
});

export const Outcome = Type.Object({
  instance: Instance,
  openedTasks: Type.Array(Task),
  cancelledTaskIds: Type.Array(Uuid),
  completed: Type.Optional(
    Type.Union([Type.Literal('approved'), Type.Literal('rejected'), Type.Literal('withdrawn')]),
  ),
  awaitingSupplements: Type.Optional(
    Type.Object({
      taskId: Uuid,
      items: Type.Array(Type.Object({ material: Type.String(), detail: Type.String() })),
      requestedAt: Timestamp,
    }),
  ),
});
