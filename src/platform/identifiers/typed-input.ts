/**
 * Chinese input methods in full-width mode type `１１０１…` and `ｘ`; NFKC folds them to ASCII so
 * that a correct number is not refused for the keyboard it was typed on.
 */
export function foldTypedText(input: string): string {
  return input.normalize('NFKC').trim();
}

/** 1-based, as a person counts characters in what they typed. */
export function firstPositionNotMatching(
  text: string,
  allowed: (character: string, index: number) => boolean,
) {
  const index = Array.from(text).findIndex((character, position) => !allowed(character, position));
  return index === -1 ? undefined : index + 1;
}
