/** Mainland China mobile numbers: 11 digits, `1` then `3`–`9`, as typed with or without `+86`/`0086`. */
import { accepted, type ParseResult, rejected } from './parse-result.ts';
import { foldTypedText } from './typed-input.ts';

export type PhoneRejection = 'bad-characters' | 'wrong-length' | 'not-mobile';

/** The 11 national digits, without separators or country code, so that equal numbers compare equal. */
export function parsePhone(input: string): ParseResult<string, PhoneRejection> {
  // People group digits with spaces or dashes (138-1234-1234, 138 1234 1234); they carry no meaning.
  const compact = foldTypedText(input).replace(/[\s-]/g, '');
  const national = compact.replace(/^(\+86|0086)/, '');
  if (!/^\d*$/.test(national)) {
    return rejected(
      'bad-characters',
      'A mobile number has digits only, optionally grouped by spaces or dashes and preceded by +86 or 0086.',
    );
  }
  if (national.length !== 11) {
    return rejected('wrong-length', `A mainland mobile number has 11 digits; this has ${national.length}.`);
  }
  if (!/^1[3-9]/.test(national)) {
    return rejected('not-mobile', 'A mainland mobile number starts with 13 to 19.');
  }
  return accepted(national);
}
