import { DomainError, type FieldProblem, NotFoundError } from '../../../platform/errors/index.ts';

export const catalogueErrors = {
  outsideScope: (what: string) =>
    new DomainError({
      kind: 'forbidden',
      code: 'services.outside-scope',
      title: 'Outside your catalogue',
      detail: `You hold services.catalogue.manage, but not for ${what}.`,
    }),
  itemNotFound: (code: string) =>
    new NotFoundError('services.item-not-found', `There is no service item ${code}.`),
  versionNotFound: (what: string) =>
    new NotFoundError('services.version-not-found', `There is no version ${what}.`),
  itemExists: (code: string) =>
    new DomainError({
      kind: 'conflict',
      code: 'services.item-exists',
      title: 'Item already in the catalogue',
      detail: `The catalogue already has an item ${code}.`,
    }),
  draftExists: (code: string) =>
    new DomainError({
      kind: 'conflict',
      code: 'services.draft-exists',
      title: 'The item already has a draft',
      detail: `Item ${code} already has a draft version: edit or publish it before starting another.`,
    }),
  versionImmutable: (versionNumber: number, status: string) =>
    new DomainError({
      kind: 'conflict',
      code: 'services.version-immutable',
      title: 'Only drafts change',
      detail: `Version ${versionNumber} is ${status}: applications may have been made under it, so it never changes. Start a new draft.`,
    }),
  notPublished: (code: string) =>
    new DomainError({
      kind: 'conflict',
      code: 'services.item-not-published',
      title: 'No version in force',
      detail: `Item ${code} has no published version yet: publish one before divisions implement it.`,
    }),
  invalid: (code: string, title: string, problems: readonly FieldProblem[]) =>
    new DomainError({
      kind: 'invalid',
      code,
      title,
      detail: problems.map((p) => `${p.pointer || '(root)'} ${p.detail}`).join('; '),
      fields: problems,
    }),
  emptyQuery: () =>
    new DomainError({
      kind: 'invalid',
      code: 'services.search-query-empty',
      title: 'Nothing to search for',
      detail: 'The query q has no letters, digits or Chinese characters to search for.',
    }),
};
