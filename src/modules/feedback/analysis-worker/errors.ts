import { DomainError } from '../../../platform/errors/index.ts';

export const hotTopicErrors = {
  // Outside the reader's area too: an alert one may not see is one that does not exist for them.
  alertNotFound: (id: string) =>
    new DomainError({
      kind: 'not-found',
      code: 'feedback.hot-topic-not-found',
      title: 'Not found',
      detail: `There is no hot-topic alert ${id} within your area.`,
    }),
  alreadyAcknowledged: (at: Date) =>
    new DomainError({
      kind: 'conflict',
      code: 'feedback.hot-topic-already-acknowledged',
      title: 'Already acknowledged',
      detail: `This alert was acknowledged at ${at.toISOString()}.`,
    }),
};
