/**
 * The organisation code (组织机构代码) of GB 11714-1997: an 8-character body and a check character.
 * Since 2015 it lives on as characters 9 to 17 of the unified social credit code.
 */

// GB 11714-1997 §2.1.2: C9 = 11 − MOD(Σ Ci × Wi, 11), where a result of 10 is written X and 11 is
// written 0. Annex A gives the characters their values: 0–9, then A = 10 … Z = 35 (all 26 letters,
// unlike the 31-character alphabet of GB 32100). Codes issued since 2015 (the `MA…` series) check
// only with these values; the tests hold real ones.
const WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];

export function organisationCodeCheckCharacter(body: string): string {
  if (!/^[0-9A-Z]{8}$/.test(body)) {
    throw new RangeError('the body of an organisation code is 8 digits or upper-case letters');
  }
  let sum = 0;
  for (const [position, weight] of WEIGHTS.entries()) sum += Number.parseInt(body[position]!, 36) * weight;
  const check = 11 - (sum % 11);
  if (check === 10) return 'X';
  if (check === 11) return '0';
  return String(check);
}
