import { createHash, type KeyObject } from 'node:crypto';
import { CompactSign, compactVerify, decodeProtectedHeader } from 'jose';

/**
 * The credential as a signed, machine-readable record: a JWS (RFC 7515) in compact serialisation,
 * EdDSA (Ed25519, RFC 8037), over the canonical JSON of the claims and their metadata. The header
 * names the signing key (`kid`), so a verifier picks it from the published keys.
 */
export const RECORD_MEDIA_TYPE = 'shuzhi-credential+json';
const RECORD_VERSION = 1;

export type CredentialPayload = {
  v: number;
  id: string;
  type: { code: string; nameZh: string; nameEn: string };
  issuer: { code: string; organisationId: string; nameZh: string; nameEn: string | null };
  holder: { kind: 'person' | 'organisation'; id: string };
  claims: Record<string, unknown>;
  validFrom: string;
  validUntil: string | null;
  issuedAt: string;
};

/** JSON with object keys sorted and no spaces: one value has one encoding, whoever serialises it. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, item]) => item !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
}

export function recordHash(record: string): string {
  return createHash('sha256').update(record, 'utf8').digest('hex');
}

export async function signRecord(
  payload: Omit<CredentialPayload, 'v'>,
  key: { kid: string; privateKey: KeyObject },
): Promise<string> {
  const bytes = new TextEncoder().encode(canonicalJson({ v: RECORD_VERSION, ...payload }));
  return new CompactSign(bytes)
    .setProtectedHeader({ alg: 'EdDSA', kid: key.kid, typ: RECORD_MEDIA_TYPE })
    .sign(key.privateKey);
}

export type RecordCheck =
  | { ok: true; kid: string; payload: CredentialPayload }
  | { ok: false; reason: 'malformed' | 'unknown-key' | 'signature-invalid'; kid?: string };

const COMPACT_JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;

export function looksLikeRecord(text: string): boolean {
  return COMPACT_JWS.test(text);
}

/** Checks the signature with the published key the header names, then reads the payload. */
export async function checkRecord(
  record: string,
  keyOf: (kid: string) => KeyObject | undefined,
): Promise<RecordCheck> {
  if (!looksLikeRecord(record)) return { ok: false, reason: 'malformed' };
  let kid: string | undefined;
  try {
    const header = decodeProtectedHeader(record);
    if (header.alg !== 'EdDSA' || header.typ !== RECORD_MEDIA_TYPE || typeof header.kid !== 'string')
      return { ok: false, reason: 'malformed' };
    kid = header.kid;
  } catch {
    return { ok: false, reason: 'malformed' };
  }
  const key = keyOf(kid);
  if (!key) return { ok: false, reason: 'unknown-key', kid };
  let bytes: Uint8Array;
  try {
    bytes = (await compactVerify(record, key, { algorithms: ['EdDSA'] })).payload;
  } catch {
    return { ok: false, reason: 'signature-invalid', kid };
  }
  try {
    const payload = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes)) as CredentialPayload;
    if (payload.v !== RECORD_VERSION || typeof payload.id !== 'string')
      return { ok: false, reason: 'malformed', kid };
    return { ok: true, kid, payload };
  } catch {
    return { ok: false, reason: 'malformed', kid };
  }
}
