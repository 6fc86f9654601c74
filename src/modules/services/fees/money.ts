/** Amounts are kept in fen (1/100 yuan) as integers, so no sum is ever rounded by floating point. */

const YUAN = /^(0|[1-9][0-9]{0,8})(\.[0-9]{1,2})?$/;

/** '80' → 8000, '12.5' → 1250; undefined when the text is not an amount in yuan. */
export function fenOf(yuan: string): number | undefined {
  if (!YUAN.test(yuan)) return undefined;
  const [whole, fraction = ''] = yuan.split('.');
  return Number(whole) * 100 + Number(fraction.padEnd(2, '0'));
}

export function yuanOf(fen: number): string {
  return `${Math.trunc(fen / 100)}.${String(fen % 100).padStart(2, '0')}`;
}
