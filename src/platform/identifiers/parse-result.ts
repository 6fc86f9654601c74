/**
 * What a parser of typed-in identifiers returns. Bad input is an expected outcome, not an exception,
 * so the caller has to look at `ok` and can turn a rejection into a 4xx with a field pointer. The
 * reason is a stable code (for translations and problem `code`s); the message is an English sentence
 * that says what is wrong and where, and never repeats the input, which may be personal data.
 */
export type ParseResult<Value, Reason extends string> =
  | { ok: true; value: Value }
  | { ok: false; reason: Reason; message: string };

export function accepted<Value>(value: Value): { ok: true; value: Value } {
  return { ok: true, value };
}

export function rejected<Reason extends string>(
  reason: Reason,
  message: string,
): { ok: false; reason: Reason; message: string } {
  return { ok: false, reason, message };
}
