/**
 * Unified social credit codes (统一社会信用代码) under GB 32100-2015: 18 characters from a 31-character
 * alphabet. 1: registration authority (9 market regulation, 5 civil affairs, 1 establishment office …);
 * 2: organisation type within it; 3–8: the registering authority's division code (GB/T 2260, digits);
 * 9–17: the GB 11714 organisation code, which carries its own check character; 18: check character.
 *
 * A few codes lawfully issued in pilot areas before the standard (several in Fujian) fail its check
 * character. They are refused here like any code that fails the check; the tests name real ones, so
 * an exception list, if one is ever wanted, has its cases ready.
 */
import { organisationCodeCheckCharacter } from './organisation-code.ts';
import { accepted, type ParseResult, rejected } from './parse-result.ts';
import { firstPositionNotMatching, foldTypedText } from './typed-input.ts';

export type CreditCode = {
  code: string;
  /** Character 1, e.g. `9` for market regulation (enterprises). */
  registrationAuthority: string;
  /** Character 2, e.g. `1` for an enterprise under authority `9`. */
  organisationType: string;
  /** Characters 3–8: where the registering authority sits; not checked against a table here. */
  divisionCode: string;
  /** Characters 9–17: the GB 11714 organisation code, check character included. */
  organisationCode: string;
};

export type CreditCodeRejection =
  | 'wrong-length'
  | 'bad-characters'
  | 'bad-organisation-code'
  | 'bad-check-digit';

// GB 32100-2015 Table 1: digits and upper-case letters without I, O, Z, S, V, valued by position here.
const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
// GB 32100-2015 Table 2: the weight of position i (1-based) is 3^(i-1) mod 31.
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const LENGTH = 18;

/** The GB 32100 check character for the first 17 characters of a credit code. */
export function creditCodeCheckCharacter(body: string): string {
  if (body.length !== LENGTH - 1 || [...body].some((character) => !ALPHABET.includes(character))) {
    throw new RangeError('the body of a credit code is 17 characters of the GB 32100 alphabet');
  }
  let sum = 0;
  for (const [position, weight] of WEIGHTS.entries()) sum += ALPHABET.indexOf(body[position]!) * weight;
  // C18 = 31 − MOD(Σ, 31), and MOD(31, 31) = 0 folds a result of 31 back to 0.
  return ALPHABET[(31 - (sum % 31)) % 31]!;
}

export function parseCreditCode(input: string): ParseResult<CreditCode, CreditCodeRejection> {
  const code = foldTypedText(input).toUpperCase();
  if (code.length !== LENGTH) {
    return rejected(
      'wrong-length',
      `A unified social credit code has ${LENGTH} characters; this has ${code.length}.`,
    );
  }
  const badPosition = firstPositionNotMatching(code, (character, index) =>
    isDivisionPosition(index) ? /\d/.test(character) : ALPHABET.includes(character),
  );
  if (badPosition !== undefined) {
    return rejected(
      'bad-characters',
      isDivisionPosition(badPosition - 1)
        ? `Character ${badPosition} must be a digit: characters 3 to 8 are a division code.`
        : `Character ${badPosition} is not allowed; the code uses digits and the letters A to Y except I, O, S and V.`,
    );
  }
  const organisationCode = code.slice(8, 17);
  // Checked first because it says where the mistake is: within characters 9 to 17.
  if (organisationCodeCheckCharacter(organisationCode.slice(0, 8)) !== organisationCode[8]) {
    return rejected(
      'bad-organisation-code',
      'Characters 9 to 17 (the organisation code) do not check out; one of them is probably mistyped.',
    );
  }
  if (creditCodeCheckCharacter(code.slice(0, 17)) !== code[17]) {
    return rejected(
      'bad-check-digit',
      'The last character does not match the first 17; one of the characters is probably mistyped.',
    );
  }
  return accepted({
    code,
    registrationAuthority: code[0]!,
    organisationType: code[1]!,
    divisionCode: code.slice(2, 8),
    organisationCode,
  });
}

function isDivisionPosition(index: number): boolean {
  return index >= 2 && index < 8;
}
