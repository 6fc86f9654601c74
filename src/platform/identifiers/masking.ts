/**
 * How personal data is shown to someone not permitted to reveal it (DESIGN.md rule 3). A mask shows
 * only the stated characters and nothing can be computed back from it, so it may be logged. Characters
 * are Unicode code points, so a character outside the BMP is never cut in half.
 */

const MASK = '*';

/** `11010519491231002X` → `110***********002X`: same length, the first three and last four readable. */
export function maskResidentId(value: string): string {
  // Shorter than a real number (15 or 18), showing 7 characters would show most of it.
  return showEnds(value.trim(), 15);
}

/** `13812341234` → `138****1234`: same length, the first three and last four readable. */
export function maskPhone(value: string): string {
  return showEnds(value.trim(), 8);
}

// Two-character surnames common enough that masking only their first character would show part of
// the given name instead (欧阳修 → 欧阳*, not 欧**).
const COMPOUND_SURNAMES =
  '欧阳 司马 诸葛 上官 东方 皇甫 尉迟 公孙 慕容 长孙 宇文 司徒 夏侯 轩辕 令狐 钟离 端木 独孤 南宫 西门'.split(
    ' ',
  );

/**
 * `王小明` → `王*`, `欧阳修` → `欧阳*`, `Zhang Wei` → `Z*`: the surname (or the first letter of a
 * name in Latin script) and one `*`, whatever the length, so the mask does not tell how long the
 * given name is.
 */
export function maskPersonName(value: string): string {
  const name = value.trim();
  const characters = Array.from(name);
  if (characters.length === 0) return '';
  if (characters.length === 1) return MASK;
  // A two-character name such as 欧阳 is surname 欧 and given name 阳.
  const surname = COMPOUND_SURNAMES.find((compound) => characters.length > 2 && name.startsWith(compound));
  return (surname ?? characters[0]) + MASK;
}

function showEnds(value: string, minimumLengthToShowAnything: number): string {
  const characters = Array.from(value);
  if (characters.length < minimumLengthToShowAnything) return MASK.repeat(characters.length);
  const hiddenFrom = 3;
  const hiddenUntil = characters.length - 4;
  return characters
    .map((character, index) => (index < hiddenFrom || index >= hiddenUntil ? character : MASK))
    .join('');
}
