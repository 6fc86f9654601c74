/** The photo types accepted, told apart by their first bytes, never by a name or a declared type. */
export const MAX_PHOTO_BYTES = 2 * 1024 * 1024;
export const MAX_PHOTOS = 3;

export type PhotoType = 'image/jpeg' | 'image/png' | 'image/webp';

const startsWith = (bytes: Uint8Array, prefix: readonly number[], offset = 0) =>
  bytes.length >= offset + prefix.length && prefix.every((byte, index) => bytes[offset + index] === byte);

export function sniffPhotoType(bytes: Uint8Array): PhotoType | undefined {
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  // RIFF....WEBP
  if (startsWith(bytes, [0x52, 0x49, 0x46, 0x46]) && startsWith(bytes, [0x57, 0x45, 0x42, 0x50], 8))
    return 'image/webp';
  return undefined;
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** The bytes of a base64 photo, or why it is refused. */
export function decodePhoto(
  base64: string,
): { ok: true; bytes: Uint8Array; type: PhotoType } | { ok: false; detail: string } {
  const text = base64.replace(/\s+/g, '');
  if (text.length === 0 || text.length % 4 !== 0 || !BASE64.test(text))
    return { ok: false, detail: 'must be base64 (RFC 4648, with padding)' };
  const bytes = new Uint8Array(Buffer.from(text, 'base64'));
  if (bytes.length > MAX_PHOTO_BYTES) return { ok: false, detail: `is larger than ${MAX_PHOTO_BYTES} bytes` };
  const type = sniffPhotoType(bytes);
  if (!type) return { ok: false, detail: 'is not a JPEG, PNG or WebP image' };
  return { ok: true, bytes, type };
}
