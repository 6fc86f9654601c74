/**
 * Application numbers: `<division code>-<yyyymmdd>-<serial><check>`, e.g. `330106-20261127-0000427`.
 * The serial is six digits per division and Beijing-time day; the check character is ISO 7064
 * MOD 11-2 (as in resident identity numbers: 0–9 or X) over every digit before it, so a mistyped
 * or swapped digit is caught when someone reads the number out over the telephone.
 */
const NUMBER = /^([0-9]{2,12})-([0-9]{8})-([0-9]{6})([0-9X])$/;

export function checkCharacterOf(digits: string): string {
  let sum = 0;
  for (const digit of digits) sum = ((sum + Number(digit)) * 2) % 11;
  const check = (12 - sum) % 11;
  return check === 10 ? 'X' : String(check);
}

export function formatApplicationNumber(divisionCode: string, day: string, serial: number): string {
  const date = day.replaceAll('-', '');
  const body = `${divisionCode}-${date}-${String(serial).padStart(6, '0')}`;
  return body + checkCharacterOf(body.replaceAll('-', ''));
}

export function isApplicationNumber(text: string): boolean {
  const match = NUMBER.exec(text);
  if (!match) return false;
  return checkCharacterOf(`${match[1]}${match[2]}${match[3]}`) === match[4];
}

/** The Beijing-time calendar day (UTC+8, no daylight saving) of an instant, as yyyy-mm-dd. */
export function beijingDay(at: Date): string {
  return new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}
