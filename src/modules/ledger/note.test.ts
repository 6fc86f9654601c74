import { ed25519 } from '@noble/curves/ed25519.js';
import { describe, expect, it } from 'vitest';
import {
  COSIGNATURE_V1,
  computeKeyId,
  createSignature,
  ED25519,
  formatCheckpoint,
  formatNote,
  formatSignerKey,
  formatVerifierKey,
  generateSigner,
  isValidKeyName,
  MAX_NOTE_SIGNATURES,
  type NoteErrorCode,
  openNote,
  parseCheckpoint,
  parseNote,
  parseSignerKey,
  parseVerifierKey,
  signerFromSecretKey,
  signNote,
  verifierOf,
} from './note.ts';

const utf8 = new TextEncoder();
const seed = (byte: number) => new Uint8Array(32).fill(byte);
const logSigner = signerFromSecretKey('ledger.shuzhi.example/audit', seed(1));
const witness = signerFromSecretKey('witness.example.org/w1', seed(2), COSIGNATURE_V1);
const checkpointText = formatCheckpoint({
  origin: 'ledger.shuzhi.example/audit',
  size: 42n,
  rootHash: new Uint8Array(32).fill(7),
});

function failsWith(code: NoteErrorCode) {
  return expect.objectContaining({ name: 'NoteError', code });
}

describe('key names and key IDs', () => {
  it('accepts non-empty names without Unicode spaces or plus signs', () => {
    expect(['example.com/foo', '数治.gov.cn/审计', 'PeterNeumann'].every(isValidKeyName)).toBe(true);
    const invalid = ['', 'a b', 'a+b', 'a\tb', 'a\u00a0b', 'a\u3000b', 'a\u2028b', 'a\u0001b', '\ud800'];
    expect(invalid.filter(isValidKeyName)).toEqual([]);
  });

  it('derives the key ID from name, signature type and public key', () => {
    const asCosigner = signerFromSecretKey(logSigner.name, seed(1), COSIGNATURE_V1);
    expect(asCosigner.publicKey).toEqual(logSigner.publicKey);
    expect(asCosigner.keyId).not.toBe(logSigner.keyId);
    expect(computeKeyId(logSigner.name, ED25519, logSigner.publicKey)).toBe(logSigner.keyId);
  });
});

describe('key strings', () => {
  it('round-trip for both signature types', () => {
    for (const signer of [
      generateSigner('example.com/log'),
      generateSigner('example.com/w', COSIGNATURE_V1),
    ]) {
      expect(parseSignerKey(formatSignerKey(signer))).toEqual(signer);
      expect(parseVerifierKey(formatVerifierKey(verifierOf(signer)))).toEqual(verifierOf(signer));
    }
    // name+keyid+base64, where the base64 may itself contain '+'.
    const signatureTypeOf = (key: string) => Buffer.from(key.split('+').slice(2).join('+'), 'base64')[0];
    const signerKey = formatSignerKey(logSigner);
    expect(signerKey).toMatch(/^PRIVATE\+KEY\+ledger\.shuzhi\.example\/audit\+[0-9a-f]{8}\+/);
    expect(signatureTypeOf(signerKey.slice('PRIVATE+KEY+'.length))).toBe(ED25519);
    expect(signatureTypeOf(formatVerifierKey(witness))).toBe(COSIGNATURE_V1);
  });

  it('reject keys whose parts do not fit together', () => {
    const key = formatVerifierKey(logSigner);
    const [name, keyId] = key.split('+') as [string, string];
    const encoded = key.slice(`${name}+${keyId}+`.length);
    const otherKeyId = ((logSigner.keyId + 1) >>> 0).toString(16).padStart(8, '0');
    const withType = (type: number, material = logSigner.publicKey) =>
      Buffer.from(Uint8Array.of(type, ...material)).toString('base64');
    const malformed = [
      `${name}+${otherKeyId}+${encoded}`,
      `other.example/name+${keyId}+${encoded}`,
      `${name}+${keyId.slice(1)}+${encoded}`,
      `${name}+${keyId}+${withType(0x02)}`,
      `${name}+${keyId}+${withType(ED25519, logSigner.publicKey.subarray(1))}`,
      `${name}+${keyId}+${encoded.slice(0, -1)}`,
      `${name} x+${keyId}+${encoded}`,
      `${name}+${keyId}`,
      '',
    ];
    for (const verifierKey of malformed) {
      expect(() => parseVerifierKey(verifierKey), verifierKey).toThrow(failsWith('malformed-key'));
    }
    expect(() => parseSignerKey(key)).toThrow(failsWith('malformed-key'));
    const signerKey = formatSignerKey(logSigner);
    expect(() => parseSignerKey(signerKey.replace(keyId, otherKeyId))).toThrow(failsWith('malformed-key'));
  });

  it('reject a public key that is not a curve point', () => {
    // y = 2 has no x on edwards25519, so these 32 bytes encode no point.
    const notAPoint = new Uint8Array(32);
    notAPoint[0] = 2;
    const name = 'example.com/bad';
    const keyId = computeKeyId(name, ED25519, notAPoint).toString(16).padStart(8, '0');
    const encoded = Buffer.from(Uint8Array.of(ED25519, ...notAPoint)).toString('base64');
    expect(() => parseVerifierKey(`${name}+${keyId}+${encoded}`)).toThrow(failsWith('malformed-key'));
  });
});

describe('signNote and openNote', () => {
  const text = 'first line\n\nafter a blank line\n';
  const otherSigner = signerFromSecretKey('other.example/log', seed(3));

  it('round-trips text containing blank lines, with several signatures', () => {
    const note = signNote(text, [logSigner, otherSigner]);
    expect(note.startsWith(`${text}\n\u2014 ${logSigner.name} `)).toBe(true);
    const opened = openNote(note, [verifierOf(logSigner), verifierOf(otherSigner)]);
    expect(opened.text).toBe(text);
    expect(opened.verified.map((signature) => signature.name)).toEqual([logSigner.name, otherSigner.name]);
  });

  it('ignores a key that shares only its name with a trusted key', () => {
    const sameName = signerFromSecretKey(logSigner.name, seed(4));
    const note = signNote(text, [sameName, otherSigner]);
    const opened = openNote(note, [verifierOf(otherSigner), verifierOf(logSigner)]);
    expect(opened.verified.map((signature) => signature.name)).toEqual([otherSigner.name]);
    expect(opened.unverified).toHaveLength(1);
    expect(() => openNote(note, [verifierOf(logSigner)])).toThrow(failsWith('unverified-note'));
  });

  it('rejects the whole note when a trusted key signature does not verify', () => {
    const note = signNote(text, [logSigner, otherSigner]);
    const forged = note.replace('after a blank line', 'after a blank line!');
    expect(() => openNote(forged, [verifierOf(otherSigner)])).toThrow(failsWith('invalid-signature'));
  });

  it('counts a key that signed twice once', () => {
    const signature = createSignature(text, logSigner);
    const note = formatNote({ text, signatures: [signature, signature] });
    expect(openNote(note, [verifierOf(logSigner)]).verified).toHaveLength(1);
  });

  it('refuses two trusted keys with the same name and key ID', () => {
    const note = signNote(text, [logSigner]);
    expect(() => openNote(note, [verifierOf(logSigner), verifierOf(logSigner)])).toThrow(
      failsWith('ambiguous-verifiers'),
    );
  });

  it('accepts up to 100 signatures and rejects more', () => {
    const unknownSignature = createSignature(text, otherSigner);
    const signatures = [
      createSignature(text, logSigner),
      ...Array(MAX_NOTE_SIGNATURES - 1).fill(unknownSignature),
    ];
    const fullNote = formatNote({ text, signatures });
    expect(openNote(fullNote, [verifierOf(logSigner)]).unverified).toHaveLength(MAX_NOTE_SIGNATURES - 1);
    // formatNote refuses to write a 101st signature, so add its line by hand.
    const lastLine = fullNote.slice(fullNote.lastIndexOf('\u2014'));
    expect(() => openNote(fullNote + lastLine, [verifierOf(logSigner)])).toThrow(failsWith('malformed-note'));
    expect(() => formatNote({ text, signatures: [...signatures, unknownSignature] })).toThrow(
      failsWith('malformed-note'),
    );
  });

  it('rejects malformed notes', () => {
    const note = signNote(text, [logSigner]);
    const line = note.slice(text.length + 1, -1);
    const payload = line.slice(line.lastIndexOf(' ') + 1);
    const malformed = {
      'no final newline': note.slice(0, -1),
      'no blank line': note.replace(`${text}\n`, text),
      'no signature': `${text}\n`,
      'a hyphen for the em dash': note.replace('\u2014', '-'),
      'a carriage return': note.replace('first line', 'first\rline'),
      'a NUL': note.replace('first line', 'first\u0000line'),
      'a lone surrogate': note.replace('first line', 'first \ud800'),
      'a space in the key name': note.replace(logSigner.name, 'ledger shuzhi'),
      'an extra field': note.replace(payload, `${payload} extra`),
      'non-canonical base64': note.replace(
        payload,
        `${payload.slice(0, -2)}${nextBase64Symbol(payload.at(-2)!)}=`,
      ),
      'unpadded base64': note.replace(payload, payload.replace(/=+$/, '')),
      'a payload without signature': note.replace(
        payload,
        Buffer.from(keyIdBytes(logSigner.keyId)).toString('base64'),
      ),
      'a trailing blank line': `${note}\n`,
    };
    for (const [what, bad] of Object.entries(malformed)) {
      expect(() => openNote(bad, [verifierOf(logSigner)]), what).toThrow(failsWith('malformed-note'));
    }
  });

  it('refuses to sign text that could not be opened again', () => {
    for (const bad of ['no newline', 'tab\there\n', '', 'cr\r\n']) {
      expect(() => signNote(bad, [logSigner]), JSON.stringify(bad)).toThrow(failsWith('malformed-note'));
    }
    expect(() => formatNote({ text, signatures: [] })).toThrow(failsWith('malformed-note'));
  });
});

describe('tlog-cosignature v1', () => {
  const timestamp = 1_767_225_600n;

  it('signs the timestamped message and reports the time when verified', () => {
    const signature = createSignature(checkpointText, witness, { timestamp });
    expect(signature.signature).toHaveLength(8 + 64);
    expect(Buffer.from(signature.signature.subarray(0, 8)).readBigUInt64BE()).toBe(timestamp);
    const message = utf8.encode(`cosignature/v1\ntime ${timestamp}\n${checkpointText}`);
    expect(ed25519.verify(signature.signature.subarray(8), message, witness.publicKey)).toBe(true);

    const note = signNote(checkpointText, [logSigner, witness], { timestamp });
    const opened = openNote(note, [verifierOf(logSigner), verifierOf(witness)]);
    expect(opened.verified).toEqual([
      { name: logSigner.name, keyId: logSigner.keyId, signatureType: ED25519 },
      { name: witness.name, keyId: witness.keyId, signatureType: COSIGNATURE_V1, timestamp },
    ]);
  });

  it('needs a timestamp from the clock and keeps it below 2^63', () => {
    expect(() => createSignature(checkpointText, witness)).toThrow(failsWith('malformed-note'));
    expect(() => createSignature(checkpointText, witness, { timestamp: 2n ** 63n })).toThrow(
      failsWith('malformed-note'),
    );
  });

  it('rejects a cosignature whose timestamp was changed', () => {
    const note = signNote(checkpointText, [witness], { timestamp });
    const { text, signatures } = parseNote(note);
    const shifted = signatures.map((signature) => {
      const bytes = signature.signature.slice();
      bytes[7]! ^= 1;
      return { ...signature, signature: bytes };
    });
    expect(() => openNote(formatNote({ text, signatures: shifted }), [verifierOf(witness)])).toThrow(
      failsWith('invalid-signature'),
    );
  });

  it('does not accept an Ed25519 note signature as a cosignature of the same key, or the reverse', () => {
    const sameKeyAsLog = signerFromSecretKey(logSigner.name, seed(1), COSIGNATURE_V1);
    const note = signNote(checkpointText, [logSigner]);
    expect(() => openNote(note, [verifierOf(sameKeyAsLog)])).toThrow(failsWith('unverified-note'));
  });

  it('lays out the c2sp.org/tlog-cosignature example line as key ID, timestamp, signature', () => {
    // The example note of the C2SP tlog-cosignature specification (CC BY 4.0); its text gives the
    // signed message with "time 1679315147", which the signature line must carry.
    const example =
      'example.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n\n' +
      '\u2014 example.com/behind-the-sofa Az3grlgtzPICa5OS8npVmf1Myq/5IZniMp+ZJurmRDeOoRDe4URYN7u5/Zhcyv2q1gGzGku9nTo+zyWE+xeMcTOAYQ8=\n' +
      '\u2014 witness.example.com/w1 jWbPPwAAAABkGFDLEZMHwSRaJNiIDoe9DYn/zXcrtPHeolMI5OWXEhZCB9dlrDJsX3b2oyin1nPZqhf5nNo0xUe+mbIUBkBIfZ+qnA==\n';
    const cosignature = parseNote(example).signatures[1]!;
    expect(cosignature.name).toBe('witness.example.com/w1');
    expect(cosignature.signature).toHaveLength(8 + 64);
    expect(Buffer.from(cosignature.signature.subarray(0, 8)).readBigUInt64BE()).toBe(1679315147n);
  });
});

describe('checkpoints', () => {
  it('round-trip with extension lines', () => {
    const checkpoint = {
      origin: 'ledger.shuzhi.example/audit',
      size: 2n ** 64n - 1n,
      rootHash: new Uint8Array(32).fill(9),
      extensions: ['province 110000', '— an opaque line'],
    };
    const text = formatCheckpoint(checkpoint);
    expect(text.split('\n')).toHaveLength(6);
    expect(parseCheckpoint(text)).toEqual(checkpoint);
    expect(parseCheckpoint(formatCheckpoint({ ...checkpoint, size: 0n, extensions: [] })).size).toBe(0n);
  });

  it('reject malformed text', () => {
    const root = Buffer.from(new Uint8Array(32).fill(9)).toString('base64');
    const malformed = {
      'no final newline': `origin\n5\n${root}`,
      'two lines': `origin\n5\n`,
      'an empty origin': `\n5\n${root}\n`,
      'a leading zero': `origin\n05\n${root}\n`,
      'a sign': `origin\n+5\n${root}\n`,
      'a negative size': `origin\n-1\n${root}\n`,
      'a size beyond uint64': `origin\n18446744073709551616\n${root}\n`,
      'a short root': `origin\n5\n${Buffer.from(new Uint8Array(31)).toString('base64')}\n`,
      'a non-canonical root': `origin\n5\n${root.slice(0, -2)}${nextBase64Symbol(root.at(-2)!)}=\n`,
      'an empty extension line': `origin\n5\n${root}\n\n`,
      'a carriage return': `origin\r\n5\n${root}\n`,
    };
    for (const [what, text] of Object.entries(malformed)) {
      expect(() => parseCheckpoint(text), what).toThrow(failsWith('malformed-checkpoint'));
    }
  });

  it('refuse to format what they could not parse', () => {
    const rootHash = new Uint8Array(32);
    expect(() => formatCheckpoint({ origin: '', size: 1n, rootHash })).toThrow(
      failsWith('malformed-checkpoint'),
    );
    expect(() => formatCheckpoint({ origin: 'a\nb', size: 1n, rootHash })).toThrow(
      failsWith('malformed-checkpoint'),
    );
    expect(() => formatCheckpoint({ origin: 'o', size: -1n, rootHash })).toThrow(
      failsWith('malformed-checkpoint'),
    );
    expect(() => formatCheckpoint({ origin: 'o', size: 1n, rootHash: rootHash.subarray(1) })).toThrow(
      failsWith('malformed-checkpoint'),
    );
    expect(() => formatCheckpoint({ origin: 'o', size: 1n, rootHash, extensions: [''] })).toThrow(
      failsWith('malformed-checkpoint'),
    );
  });

  it('open and parse as the checkpoint a browser would check', () => {
    const note = signNote(checkpointText, [logSigner]);
    const checkpoint = parseCheckpoint(openNote(note, [parseVerifierKey(formatVerifierKey(logSigner))]).text);
    expect(checkpoint.size).toBe(42n);
  });
});

function keyIdBytes(keyId: number): number[] {
  return [keyId >>> 24, (keyId >>> 16) & 0xff, (keyId >>> 8) & 0xff, keyId & 0xff];
}

/** The same base64 symbol with its lowest bit set, which for a last symbol before '=' is unused. */
function nextBase64Symbol(symbol: string): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  return alphabet[alphabet.indexOf(symbol) | 1]!;
}
