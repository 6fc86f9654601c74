/**
 * Search terms for Chinese and English text, the same at write time and at query time.
 *
 * Chinese has no spaces between words. Rather than a dictionary segmenter (which splits 个体工商户 into
 * one word, so that a search for 个体 would find nothing, and which splits terms it does not know into
 * single characters anyway), each run of Han characters gives its single characters and its overlapping
 * pairs: 个体工商户 → 个 体 工 商 户 个体 体工 工商 商户. A query of two or more characters is its pairs, so
 * every pair of the query must appear in the text; a one-character query is that character. English and
 * digits give lower-case words. Terms are plain text in a `text[]` column with a GIN index, which
 * PostgreSQL and PGlite both have, and matching is array containment (`@>`).
 */

const HAN = /\p{Script=Han}+/gu;
const WORD = /[\p{Script=Latin}\p{Nd}]+/gu;

function hanTerms(run: string, withSingles: boolean): string[] {
  const characters = [...run];
  if (characters.length === 1) return characters;
  const pairs = characters.slice(0, -1).map((character, index) => character + characters[index + 1]);
  return withSingles ? [...characters, ...pairs] : pairs;
}

function termsOf(text: string, withSingles: boolean): string[] {
  const terms = new Set<string>();
  for (const run of text.match(HAN) ?? []) for (const term of hanTerms(run, withSingles)) terms.add(term);
  for (const word of text.normalize('NFKC').toLowerCase().match(WORD) ?? []) terms.add(word);
  return [...terms];
}

/** Every term of the texts, for the stored search column. */
export function indexTerms(texts: readonly string[]): string[] {
  const terms = new Set<string>();
  for (const text of texts) for (const term of termsOf(text, true)) terms.add(term);
  return [...terms].sort();
}

/** The terms a document must contain to match the query (none when the query has no letters or characters). */
export function queryTerms(query: string): string[] {
  return termsOf(query, false).sort();
}
