/**
 * Citizen identity numbers (公民身份号码) under GB 11643-1999: a 6-digit division code (GB/T 2260),
 * an 8-digit birth date, a 3-digit sequence whose last digit is odd for men and even for women, and
 * an ISO 7064 MOD 11-2 check character. Numbers issued before 1999 under GB 11643-1989 had 15 digits
 * (a 2-digit year, no check character); people still type them, so they are converted.
 *
 * Residence permits for Hong Kong, Macao and Taiwan residents (810000/820000/830000) and the 2023
 * foreign permanent residence card (first digit 9) use the same structure and pass here; the division
 * code is returned, not checked against a table.
 */
import { chinaCalendarDate, isRealCalendarDate } from './calendar-date.ts';
import { accepted, type ParseResult, rejected } from './parse-result.ts';
import { firstPositionNotMatching, foldTypedText } from './typed-input.ts';

export type ResidentId = {
  /** 18 characters; a check character of ten is an upper-case `X`. */
  number: string;
  /** The first 6 digits: the county-level division where the number was issued. */
  divisionCode: string;
  /** `YYYY-MM-DD` */
  birthDate: string;
  sex: 'male' | 'female';
  /** The input was a 15-digit GB 11643-1989 number, converted to 18. */
  wasLegacy15: boolean;
};

export type ResidentIdRejection = 'wrong-length' | 'bad-characters' | 'bad-birth-date' | 'bad-check-digit';

/**
 * A platform policy, not part of the standard (its own Annex A example was born in 1880): nobody born
 * earlier is alive, so an earlier date is a typing error far more often than a real record.
 */
export const EARLIEST_BIRTH_DATE = '1900-01-01';

// GB 11643-1999, check character clause: the weight of position i (1-based) is 2^(18-i) mod 11, and the
// weighted sum mod 11 selects the check character from this row (ISO 7064 MOD 11-2).
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARACTER_BY_REMAINDER = '10X98765432';

/** The check character for the first 17 digits of a resident identity number. */
export function residentIdCheckCharacter(body: string): string {
  if (!/^\d{17}$/.test(body)) throw new RangeError('the body of a resident identity number is 17 digits');
  let sum = 0;
  for (const [position, weight] of WEIGHTS.entries()) sum += Number(body[position]) * weight;
  return CHECK_CHARACTER_BY_REMAINDER[sum % 11]!;
}

/** Reads a typed-in resident identity number; `today` bounds the birth date (pass the clock's now). */
export function parseResidentId(input: string, today: Date): ParseResult<ResidentId, ResidentIdRejection> {
  const typed = foldTypedText(input);
  if (typed.length !== 18 && typed.length !== 15) {
    return rejected(
      'wrong-length',
      `A resident identity number has 18 characters (15 if issued before 1999); this has ${typed.length}.`,
    );
  }
  const isLegacy = typed.length === 15;
  const badPosition = firstPositionNotMatching(
    typed,
    (character, index) => /\d/.test(character) || (!isLegacy && index === 17 && /[Xx]/.test(character)),
  );
  if (badPosition !== undefined) {
    return rejected(
      'bad-characters',
      isLegacy
        ? `Character ${badPosition} is not a digit; a 15-character number has digits only.`
        : `Character ${badPosition} is not allowed; only digits, and X as the last character, are.`,
    );
  }

  // GB 11643-1989 numbers carry YYMMDD and were issued to people born in the 1900s.
  const body = isLegacy ? `${typed.slice(0, 6)}19${typed.slice(6)}` : typed.slice(0, 17);
  const birthDateProblem = checkBirthDate(body.slice(6, 14), today, isLegacy);
  if (birthDateProblem) return rejected('bad-birth-date', birthDateProblem);

  const checkCharacter = residentIdCheckCharacter(body);
  if (!isLegacy && typed[17]!.toUpperCase() !== checkCharacter) {
    return rejected(
      'bad-check-digit',
      'The last character does not match the first 17; one of the characters is probably mistyped.',
    );
  }
  return accepted({
    number: body + checkCharacter,
    divisionCode: body.slice(0, 6),
    birthDate: isoDate(body.slice(6, 14)),
    sex: Number(body[16]) % 2 === 1 ? 'male' : 'female',
    wasLegacy15: isLegacy,
  });
}

function checkBirthDate(digits: string, today: Date, isLegacy: boolean): string | undefined {
  const where = `The birth date (characters 7 to ${isLegacy ? 12 : 14})`;
  const [year, month, day] = [digits.slice(0, 4), digits.slice(4, 6), digits.slice(6, 8)].map(Number);
  if (!isRealCalendarDate(year!, month!, day!)) return `${where} is not a real calendar date.`;
  const birthDate = isoDate(digits);
  if (birthDate < EARLIEST_BIRTH_DATE) return `${where} is before ${EARLIEST_BIRTH_DATE}.`;
  if (birthDate > chinaCalendarDate(today)) return `${where} is in the future.`;
  return undefined;
}

function isoDate(digits: string): string {
  return `${digits.slice(0, 4)}-${digits.slice(4, 6)}-${digits.slice(6, 8)}`;
}
