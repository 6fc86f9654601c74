import type { Language } from '../../app/languages.ts';

/** Exact for any uint64: Intl formats a bigint without passing through a float. */
export function formatCount(count: bigint, language: Language): string {
  return new Intl.NumberFormat(language).format(count);
}
