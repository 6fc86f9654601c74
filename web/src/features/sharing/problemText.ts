import type { TFunction } from 'i18next';
import { ApiError } from '../../app/api.ts';

/** What went wrong, in the reader's words where the server said why. */
export function problemText(error: unknown, t: TFunction<'sharing'>): string {
  if (!(error instanceof ApiError)) return t('common.unreachable');
  if (error.status === 403) return t('common.forbidden');
  const details = error.errors.map((problem) => problem.detail);
  return t('common.failed', { detail: [error.detail ?? error.title, ...details].join(' ') });
}
