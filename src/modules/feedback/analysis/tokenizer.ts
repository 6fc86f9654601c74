import fs from 'node:fs';
import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';

const DOMAIN_DICTIONARY_FILE = new URL('../../../../seed/feedback/dictionary.txt', import.meta.url);
const STOP_WORDS_FILE = new URL('../../../../seed/feedback/stopwords.txt', import.meta.url);

/** The placeholder that stands for a number that carries no meaning of its own (house numbers, dates). */
export const NUMBER_TOKEN = '#';

export type TokenizerOptions = {
  /** Extra user-dictionary lines ("term frequency tag"), loaded after the domain dictionary. */
  extraDictionary?: string;
  /** Replaces the stop-word list from seed/feedback/stopwords.txt. */
  stopWords?: Iterable<string>;
  /**
   * Let jieba's HMM guess words missing from both dictionaries (street and estate names). On by
   * default: without it an unknown name falls apart into characters that match unrelated text.
   */
  useHmm?: boolean;
};

export type Tokenizer = {
  /** Normalised terms of a text, in order, stop words and punctuation dropped. */
  tokenize(text: string): string[];
  /** Jieba's own segmentation of the normalised text, nothing dropped (for comparison and benches). */
  segment(text: string): string[];
  /** Whether the domain dictionary knows the term (after normalisation). */
  isDomainTerm(term: string): boolean;
};

/** Lines of a comment-bearing list file, trimmed, comments and blanks dropped. */
function readListFile(file: URL): string[] {
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
}

/**
 * NFKC folds full-width Latin letters, digits and punctuation to their half-width forms (１２３４５ →
 * 12345, ＡＢＣ → ABC) and the ideographic space to a space; then Latin is lower-cased so that KTV and
 * ktv are one term.
 */
export function normaliseText(text: string): string {
  return text.normalize('NFKC').toLowerCase();
}

const HAS_WORD_CHARACTER = /[\p{L}\p{N}]/u;
const DIGITS_ONLY = /^[0-9]+(?:\.[0-9]+)?$/;

export function createTokenizer(options: TokenizerOptions = {}): Tokenizer {
  const domainLines = readListFile(DOMAIN_DICTIONARY_FILE);
  const domainTerms = new Set(domainLines.map((line) => line.split(/\s+/)[0] ?? ''));
  const jieba = Jieba.withDict(dict);
  const userDictionary = [...domainLines, ...(options.extraDictionary ?? '').split('\n')]
    .filter((line) => line.trim() !== '')
    .join('\n');
  jieba.loadDict(Buffer.from(userDictionary, 'utf8'));
  const stopWords = new Set(
    [...(options.stopWords ?? readListFile(STOP_WORDS_FILE))].map((word) => normaliseText(word)),
  );
  const useHmm = options.useHmm ?? true;

  function segment(text: string): string[] {
    return jieba.cut(normaliseText(text), useHmm);
  }

  /** What a segment becomes: a term, NUMBER_TOKEN for a number, or null when it is dropped. */
  function classify(raw: string): string | null {
    const word = raw.trim();
    if (word === '' || stopWords.has(word) || !HAS_WORD_CHARACTER.test(word)) return null;
    // A number is noise (a house number, a date) unless the dictionary names it (12345, 110).
    if (DIGITS_ONLY.test(word) && !domainTerms.has(word)) return NUMBER_TOKEN;
    return word;
  }
  // Segments repeat far more than they vary, so each is classified once (one map lookup after that
  // instead of a trim, a stop-word lookup and two Unicode regular expressions). Bounded: cleared when
  // full, which only costs re-classifying.
  const classified = new Map<string, string | null>();
  const CLASSIFIED_LIMIT = 200_000;

  function tokenize(text: string): string[] {
    const terms: string[] = [];
    for (const raw of segment(text)) {
      let term = classified.get(raw);
      if (term === undefined) {
        term = classify(raw);
        if (classified.size >= CLASSIFIED_LIMIT) classified.clear();
        classified.set(raw, term);
      }
      if (term === null) continue;
      // Runs of numbers collapse to one placeholder.
      if (term === NUMBER_TOKEN && terms[terms.length - 1] === NUMBER_TOKEN) continue;
      terms.push(term);
    }
    return terms;
  }

  return { tokenize, segment, isDomainTerm: (term) => domainTerms.has(normaliseText(term)) };
}
