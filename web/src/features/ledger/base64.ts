/** Standard padded base64, the encoding of every hash the ledger API sends. */
export function encodeBase64(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/**
 * undefined for text that is not canonical base64. The hashes come from an untrusted server, so a
 * malformed one must end as a failed check, never as an exception that hides the verdict.
 */
export function decodeBase64(text: string): Uint8Array | undefined {
  try {
    const bytes = Uint8Array.from(atob(text), (char) => char.charCodeAt(0));
    return encodeBase64(bytes) === text ? bytes : undefined;
  } catch {
    return undefined;
  }
}
