/**
 * Signed notes, checkpoints and witness cosignatures in the C2SP formats
 * (c2sp.org/signed-note, c2sp.org/tlog-checkpoint, c2sp.org/tlog-cosignature v1), with key strings
 * as Go's golang.org/x/mod/sumdb/note writes them. Speaking these formats lets existing
 * transparency-log tooling (witnesses, monitors, Go's note package) check the ledger's tree heads.
 *
 * Everything here is portable (noble, TextEncoder, atob/btoa), so a citizen's browser can open a
 * checkpoint and verify it. Malformed input and failed verification throw `NoteError` with a code;
 * nothing returns a half-checked result.
 */
import { ed25519 } from '@noble/curves/ed25519.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { HASH_SIZE } from './verify.ts';

/** Signature type 0x01: Ed25519 over the note text. */
export const ED25519 = 0x01;
/** Signature type 0x04: timestamped Ed25519 witness cosignature (tlog-cosignature v1). */
export const COSIGNATURE_V1 = 0x04;
export type SignatureType = typeof ED25519 | typeof COSIGNATURE_V1;

/**
 * The spec asks verifiers to cap signatures (at no fewer than 16); 100 matches Go's note package,
 * so any note Go accepts is accepted here.
 */
export const MAX_NOTE_SIGNATURES = 100;

export type NoteErrorCode =
  | 'malformed-key'
  | 'malformed-note'
  | 'malformed-checkpoint'
  | 'ambiguous-verifiers'
  | 'invalid-signature'
  | 'unverified-note';

export class NoteError extends Error {
  readonly code: NoteErrorCode;

  constructor(code: NoteErrorCode, message: string) {
    super(message);
    this.name = 'NoteError';
    this.code = code;
  }
}

export type NoteVerifier = {
  readonly name: string;
  /** uint32, the first four bytes of SHA-256(name ‖ 0x0A ‖ signature type ‖ public key). */
  readonly keyId: number;
  readonly signatureType: SignatureType;
  readonly publicKey: Uint8Array;
};

export type NoteSigner = NoteVerifier & {
  /** The 32-byte Ed25519 seed (the RFC 8032 private key). */
  readonly secretKey: Uint8Array;
};

export type NoteSignature = {
  readonly name: string;
  readonly keyId: number;
  /** The bytes after the key ID: the signature, preceded by the timestamp for cosignatures. */
  readonly signature: Uint8Array;
};

export type SignedNote = { readonly text: string; readonly signatures: readonly NoteSignature[] };

export type VerifiedSignature = {
  readonly name: string;
  readonly keyId: number;
  readonly signatureType: SignatureType;
  /** Unix seconds at which a cosigner vouched for the checkpoint; only for cosignatures. */
  readonly timestamp?: bigint;
};

export type OpenedNote = {
  readonly text: string;
  readonly verified: readonly VerifiedSignature[];
  /** Signatures by keys the caller did not pass; ignored, as the spec requires, but reported. */
  readonly unverified: readonly NoteSignature[];
};

export type SignOptions = {
  /** Unix seconds stamped into cosignatures; taken from the injected clock, so required for them. */
  readonly timestamp?: bigint;
};

export type Checkpoint = {
  /** Identifies the log; SHOULD be a schema-less URL such as `ledger.example.gov.cn/audit`. */
  readonly origin: string;
  readonly size: bigint;
  readonly rootHash: Uint8Array;
  /** Opaque extra lines; the spec discourages them because monitors cannot audit them. */
  readonly extensions: readonly string[];
};

const SIGNATURE_LINE_PREFIX = '\u2014 ';
const SIGNER_KEY_PREFIX = 'PRIVATE+KEY+';
const ED25519_KEY_SIZE = 32;
const ED25519_SIGNATURE_SIZE = 64;
const TIMESTAMP_SIZE = 8;
const MAX_TIMESTAMP = 2n ** 63n - 1n;
const MAX_TREE_SIZE = 2n ** 64n - 1n;
const KEY_ID_SIZE = 4;
const utf8 = new TextEncoder();

// Unicode White_Space is the set Go's unicode.IsSpace tests, which the key-name rule refers to.
const FORBIDDEN_IN_KEY_NAME = /[\p{White_Space}+]/u;
const TREE_SIZE_PATTERN = /^(?:0|[1-9][0-9]*)$/;
const KEY_ID_PATTERN = /^[0-9a-fA-F]{8}$/;
const BASE64_PATTERN = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** Key names must be non-empty and contain no Unicode space, no `+` and no control character. */
export function isValidKeyName(name: string): boolean {
  return (
    name.length > 0 && name.isWellFormed() && !FORBIDDEN_IN_KEY_NAME.test(name) && !hasControlCharacter(name)
  );
}

/** The RECOMMENDED key ID of the signed-note spec (and the only one tlog-cosignature allows). */
export function computeKeyId(name: string, signatureType: SignatureType, publicKey: Uint8Array): number {
  const digest = sha256
    .create()
    .update(utf8.encode(name))
    .update(Uint8Array.of(0x0a, signatureType))
    .update(publicKey)
    .digest();
  return readUint32(digest);
}

export function signerFromSecretKey(
  name: string,
  secretKey: Uint8Array,
  signatureType: SignatureType = ED25519,
): NoteSigner {
  if (!isValidKeyName(name)) throw new NoteError('malformed-key', `invalid key name ${JSON.stringify(name)}`);
  if (secretKey.length !== ED25519_KEY_SIZE) {
    throw new NoteError('malformed-key', `an Ed25519 secret key has ${ED25519_KEY_SIZE} bytes`);
  }
  const publicKey = ed25519.getPublicKey(secretKey);
  return { name, keyId: computeKeyId(name, signatureType, publicKey), signatureType, publicKey, secretKey };
}

export function generateSigner(name: string, signatureType: SignatureType = ED25519): NoteSigner {
  return signerFromSecretKey(name, ed25519.utils.randomSecretKey(), signatureType);
}

/** The public half, safe to hand to `openNote` or publish; a signer object carries its secret key. */
export function verifierOf(signer: NoteSigner): NoteVerifier {
  const { name, keyId, signatureType, publicKey } = signer;
  return { name, keyId, signatureType, publicKey };
}

/** `name+keyid+base64(type ‖ public key)`, the verifier key string of Go's note package. */
export function formatVerifierKey(verifier: NoteVerifier): string {
  return formatKey(verifier.name, verifier.keyId, verifier.signatureType, verifier.publicKey);
}

export function parseVerifierKey(verifierKey: string): NoteVerifier {
  const { name, keyId, signatureType, keyMaterial } = parseKey(verifierKey);
  if (!ed25519.utils.isValidPublicKey(keyMaterial, false)) {
    throw new NoteError('malformed-key', `verifier key ${name} is not a valid Ed25519 public key`);
  }
  if (keyId !== computeKeyId(name, signatureType, keyMaterial)) {
    throw new NoteError('malformed-key', `verifier key ${name} has a key ID that does not match its key`);
  }
  return { name, keyId, signatureType, publicKey: keyMaterial };
}

/** `PRIVATE+KEY+name+keyid+base64(type ‖ seed)`, as Go's note.GenerateKey writes signer keys. */
export function formatSignerKey(signer: NoteSigner): string {
  return SIGNER_KEY_PREFIX + formatKey(signer.name, signer.keyId, signer.signatureType, signer.secretKey);
}

export function parseSignerKey(signerKey: string): NoteSigner {
  if (!signerKey.startsWith(SIGNER_KEY_PREFIX)) {
    throw new NoteError('malformed-key', `a signer key starts with ${SIGNER_KEY_PREFIX}`);
  }
  const { name, keyId, signatureType, keyMaterial } = parseKey(signerKey.slice(SIGNER_KEY_PREFIX.length));
  const signer = signerFromSecretKey(name, keyMaterial, signatureType);
  if (signer.keyId !== keyId) {
    throw new NoteError('malformed-key', `signer key ${name} has a key ID that does not match its key`);
  }
  return signer;
}

/** Splits a signed note into text and signature lines, checking syntax only. */
export function parseNote(note: string): SignedNote {
  if (!note.isWellFormed() || hasControlCharacter(note, { allowNewline: true })) {
    throw new NoteError(
      'malformed-note',
      'a note must be valid UTF-8 without control characters other than newline',
    );
  }
  // Signature lines never contain a blank line, so the last one separates them from the text, and
  // the text itself may contain blank lines.
  const separator = note.lastIndexOf('\n\n');
  if (separator === -1) throw new NoteError('malformed-note', 'no blank line before the signatures');
  const text = note.slice(0, separator + 1);
  const signatureBlock = note.slice(separator + 2);
  if (!signatureBlock.endsWith('\n')) {
    throw new NoteError('malformed-note', 'the signature block must be non-empty and end in a newline');
  }
  const lines = signatureBlock.slice(0, -1).split('\n');
  if (lines.length > MAX_NOTE_SIGNATURES) {
    throw new NoteError('malformed-note', `more than ${MAX_NOTE_SIGNATURES} signatures`);
  }
  return { text, signatures: lines.map(parseSignatureLine) };
}

export function formatNote(note: SignedNote): string {
  assertValidText(note.text);
  if (note.signatures.length === 0) throw new NoteError('malformed-note', 'a signed note needs a signature');
  if (note.signatures.length > MAX_NOTE_SIGNATURES) {
    throw new NoteError('malformed-note', `more than ${MAX_NOTE_SIGNATURES} signatures`);
  }
  const lines = note.signatures.map((signature) => {
    if (!isValidKeyName(signature.name)) {
      throw new NoteError('malformed-key', `invalid key name ${JSON.stringify(signature.name)}`);
    }
    const payload = new Uint8Array(KEY_ID_SIZE + signature.signature.length);
    writeUint32(payload, signature.keyId);
    payload.set(signature.signature, KEY_ID_SIZE);
    return `${SIGNATURE_LINE_PREFIX}${signature.name} ${encodeBase64(payload)}\n`;
  });
  return `${note.text}\n${lines.join('')}`;
}

/**
 * One signature over `text`. Ed25519 signers sign the text; cosigners sign the tlog-cosignature v1
 * message, which binds the text (a checkpoint) to `options.timestamp`.
 */
export function createSignature(text: string, signer: NoteSigner, options: SignOptions = {}): NoteSignature {
  assertValidText(text);
  const { name, keyId, secretKey } = signer;
  if (signer.signatureType === ED25519) {
    return { name, keyId, signature: ed25519.sign(utf8.encode(text), secretKey) };
  }
  const { timestamp } = options;
  if (timestamp === undefined || timestamp < 0n || timestamp > MAX_TIMESTAMP) {
    throw new NoteError('malformed-note', 'a cosignature needs a timestamp from 0 to 2^63 − 1 seconds');
  }
  const signature = new Uint8Array(TIMESTAMP_SIZE + ED25519_SIGNATURE_SIZE);
  new DataView(signature.buffer).setBigUint64(0, timestamp);
  signature.set(ed25519.sign(cosignedMessage(text, timestamp), secretKey), TIMESTAMP_SIZE);
  return { name, keyId, signature };
}

export function signNote(text: string, signers: readonly NoteSigner[], options: SignOptions = {}): string {
  return formatNote({ text, signatures: signers.map((signer) => createSignature(text, signer, options)) });
}

/**
 * Opens a signed note with the keys the caller trusts. Signatures by other keys (a different name
 * or key ID) are ignored; a signature by a trusted key that does not verify rejects the whole note,
 * since a trusted key does not sign garbage; a note no trusted key signed is rejected.
 */
export function openNote(note: string, verifiers: readonly NoteVerifier[]): OpenedNote {
  const verifierByKey = new Map<string, NoteVerifier>();
  for (const verifier of verifiers) {
    const key = verifierKeyOf(verifier.name, verifier.keyId);
    if (verifierByKey.has(key)) {
      throw new NoteError('ambiguous-verifiers', `two verifiers share name ${verifier.name} and key ID`);
    }
    verifierByKey.set(key, verifier);
  }

  const { text, signatures } = parseNote(note);
  const verified = new Map<string, VerifiedSignature>();
  const unverified: NoteSignature[] = [];
  for (const signature of signatures) {
    const key = verifierKeyOf(signature.name, signature.keyId);
    const verifier = verifierByKey.get(key);
    if (verifier === undefined) {
      unverified.push(signature);
      continue;
    }
    const result = verifySignature(text, signature, verifier);
    if (result === undefined) {
      throw new NoteError('invalid-signature', `the signature by ${signature.name} does not verify`);
    }
    // A key that signed twice still counts once towards any quorum the caller applies.
    if (!verified.has(key)) verified.set(key, result);
  }
  if (verified.size === 0) throw new NoteError('unverified-note', 'no trusted key signed this note');
  return { text, verified: [...verified.values()], unverified };
}

/** The note text of a checkpoint: origin, decimal size, base64 root hash, extension lines. */
export function formatCheckpoint(checkpoint: {
  readonly origin: string;
  readonly size: bigint;
  readonly rootHash: Uint8Array;
  readonly extensions?: readonly string[];
}): string {
  const { origin, size, rootHash, extensions = [] } = checkpoint;
  for (const line of [origin, ...extensions]) {
    if (line.length === 0 || !line.isWellFormed() || hasControlCharacter(line)) {
      throw new NoteError(
        'malformed-checkpoint',
        'origin and extension lines must be non-empty single lines',
      );
    }
  }
  if (size < 0n || size > MAX_TREE_SIZE)
    throw new NoteError('malformed-checkpoint', 'tree size is not a uint64');
  if (rootHash.length !== HASH_SIZE) {
    throw new NoteError('malformed-checkpoint', `the root hash has ${HASH_SIZE} bytes`);
  }
  return [origin, size.toString(), encodeBase64(rootHash), ...extensions].map((line) => `${line}\n`).join('');
}

/** Parses checkpoint text, normally the `text` of an opened note: never trust an unopened one. */
export function parseCheckpoint(text: string): Checkpoint {
  if (!text.endsWith('\n') || !text.isWellFormed() || hasControlCharacter(text, { allowNewline: true })) {
    throw new NoteError('malformed-checkpoint', 'a checkpoint is text lines, each ending in a newline');
  }
  const [origin, size, rootHash, ...extensions] = text.slice(0, -1).split('\n');
  if (origin === undefined || size === undefined || rootHash === undefined) {
    throw new NoteError('malformed-checkpoint', 'a checkpoint has an origin, a size and a root hash line');
  }
  if (origin.length === 0) throw new NoteError('malformed-checkpoint', 'the origin line is empty');
  if (!TREE_SIZE_PATTERN.test(size) || BigInt(size) > MAX_TREE_SIZE) {
    throw new NoteError(
      'malformed-checkpoint',
      'the size line is not a decimal uint64 without leading zeros',
    );
  }
  const root = decodeBase64(rootHash);
  if (root === undefined || root.length !== HASH_SIZE) {
    throw new NoteError('malformed-checkpoint', `the root hash line is not base64 of ${HASH_SIZE} bytes`);
  }
  if (extensions.some((line) => line.length === 0)) {
    throw new NoteError('malformed-checkpoint', 'extension lines must be non-empty');
  }
  return { origin, size: BigInt(size), rootHash: root, extensions };
}

/** The verified signature, or `undefined` when it does not verify under this key. */
function verifySignature(
  text: string,
  signature: NoteSignature,
  verifier: NoteVerifier,
): VerifiedSignature | undefined {
  const { name, keyId, signatureType, publicKey } = verifier;
  // Strict RFC 8032 verification (no ZIP-215 leniency): accepts only what every Ed25519 verifier
  // accepts, so a monitor using another library cannot disagree about a tree head.
  const isValid = (sig: Uint8Array, message: Uint8Array) =>
    sig.length === ED25519_SIGNATURE_SIZE && ed25519.verify(sig, message, publicKey, { zip215: false });

  if (signatureType === ED25519) {
    return isValid(signature.signature, utf8.encode(text)) ? { name, keyId, signatureType } : undefined;
  }
  if (signature.signature.length !== TIMESTAMP_SIZE + ED25519_SIGNATURE_SIZE) return undefined;
  const view = new DataView(signature.signature.buffer, signature.signature.byteOffset, TIMESTAMP_SIZE);
  const timestamp = view.getBigUint64(0);
  if (timestamp > MAX_TIMESTAMP) return undefined;
  const isCosigned = isValid(signature.signature.subarray(TIMESTAMP_SIZE), cosignedMessage(text, timestamp));
  return isCosigned ? { name, keyId, signatureType, timestamp } : undefined;
}

/** tlog-cosignature v1: a header line for domain separation, the time, then the checkpoint text. */
function cosignedMessage(text: string, timestamp: bigint): Uint8Array {
  return utf8.encode(`cosignature/v1\ntime ${timestamp}\n${text}`);
}

function parseSignatureLine(line: string): NoteSignature {
  if (!line.startsWith(SIGNATURE_LINE_PREFIX)) {
    throw new NoteError('malformed-note', 'a signature line starts with an em dash and a space');
  }
  // Key names contain no spaces, so the first space ends the name.
  const [name = '', encoded = '', ...extra] = line.slice(SIGNATURE_LINE_PREFIX.length).split(' ');
  const payload = decodeBase64(encoded);
  if (extra.length > 0 || !isValidKeyName(name) || payload === undefined || payload.length <= KEY_ID_SIZE) {
    throw new NoteError('malformed-note', `malformed signature line ${JSON.stringify(line)}`);
  }
  return { name, keyId: readUint32(payload), signature: payload.slice(KEY_ID_SIZE) };
}

function formatKey(
  name: string,
  keyId: number,
  signatureType: SignatureType,
  keyMaterial: Uint8Array,
): string {
  const encoded = new Uint8Array(1 + keyMaterial.length);
  encoded[0] = signatureType;
  encoded.set(keyMaterial, 1);
  return `${name}+${keyId.toString(16).padStart(8, '0')}+${encodeBase64(encoded)}`;
}

function parseKey(key: string): {
  name: string;
  keyId: number;
  signatureType: SignatureType;
  keyMaterial: Uint8Array;
} {
  // Base64 may itself contain '+', so only the first two separate fields.
  const [name = '', keyIdHex = '', ...encodedParts] = key.split('+');
  const encoded = encodedParts.join('+');
  if (!isValidKeyName(name)) throw new NoteError('malformed-key', `invalid key name ${JSON.stringify(name)}`);
  if (!KEY_ID_PATTERN.test(keyIdHex))
    throw new NoteError('malformed-key', 'a key ID is 8 hexadecimal digits');
  const decoded = decodeBase64(encoded);
  const signatureType = decoded?.[0];
  if (decoded === undefined || (signatureType !== ED25519 && signatureType !== COSIGNATURE_V1)) {
    throw new NoteError('malformed-key', 'only Ed25519 (0x01) and cosignature v1 (0x04) keys are supported');
  }
  if (decoded.length !== 1 + ED25519_KEY_SIZE) {
    throw new NoteError('malformed-key', `an Ed25519 key has ${ED25519_KEY_SIZE} bytes`);
  }
  return { name, keyId: Number.parseInt(keyIdHex, 16), signatureType, keyMaterial: decoded.slice(1) };
}

function verifierKeyOf(name: string, keyId: number): string {
  return `${name}+${keyId}`;
}

function assertValidText(text: string): void {
  if (!text.endsWith('\n') || !text.isWellFormed() || hasControlCharacter(text, { allowNewline: true })) {
    throw new NoteError(
      'malformed-note',
      'note text must end in a newline and contain no other control characters',
    );
  }
}

function hasControlCharacter(text: string, { allowNewline = false } = {}): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x20 && !(allowNewline && code === 0x0a)) return true;
  }
  return false;
}

function readUint32(bytes: Uint8Array): number {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(0);
}

function writeUint32(bytes: Uint8Array, value: number): void {
  new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).setUint32(0, value);
}

function encodeBase64(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/**
 * Standard padded base64, canonical only: atob would also accept stray bits in the last symbol,
 * giving one signature several spellings.
 */
function decodeBase64(text: string): Uint8Array | undefined {
  if (!BASE64_PATTERN.test(text)) return undefined;
  const bytes = Uint8Array.from(atob(text), (char) => char.charCodeAt(0));
  return encodeBase64(bytes) === text ? bytes : undefined;
}
