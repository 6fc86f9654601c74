import { randomBytes } from 'node:crypto';
import { inspect } from 'node:util';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createVault, type FieldContext, VaultError, type VaultErrorCode, type VaultKey } from './index.ts';

const k1: VaultKey = { id: 'k1', version: 1, key: Buffer.alloc(32, 1) };
const k2: VaultKey = { id: 'k2', version: 1, key: Buffer.alloc(32, 2) };
const blindIndexKey = Buffer.alloc(32, 9);
const vault = createVault({ keys: [k1], activeKeyId: 'k1', blindIndexKey });
const here: FieldContext = {
  table: 'person',
  column: 'resident_id',
  rowId: '7c0e4f5e-1d1b-4a0e-9a53-2f0c3c6b9d11',
};

function failsWith(code: VaultErrorCode) {
  return expect.objectContaining({ name: 'VaultError', code });
}

function replaceAt(text: string, index: number, character: string) {
  return text.slice(0, index) + character + text.slice(index + 1);
}

describe('encrypt and decrypt', () => {
  it('round-trips a value in its own place', () => {
    const ciphertext = vault.encrypt('11010519491231002X', here);
    expect(ciphertext).toMatch(/^v1\.k1\.1\.[A-Za-z0-9_-]+$/);
    expect(ciphertext).not.toContain('11010519491231002X');
    expect(vault.decrypt(ciphertext, here)).toBe('11010519491231002X');
  });

  it('round-trips the empty string', () => {
    expect(vault.decrypt(vault.encrypt('', here), here)).toBe('');
  });

  it('encrypts the same value differently every time', () => {
    const first = vault.encrypt('13812341234', here);
    const second = vault.encrypt('13812341234', here);
    expect(first).not.toBe(second);
    expect(vault.decrypt(second, here)).toBe(vault.decrypt(first, here));
  });

  it('refuses a value copied to another row, column or table', () => {
    const ciphertext = vault.encrypt('11010519491231002X', here);
    for (const elsewhere of [
      { ...here, rowId: 'another-row' },
      { ...here, column: 'guardian_resident_id' },
      { ...here, table: 'staff' },
    ]) {
      expect(() => vault.decrypt(ciphertext, elsewhere)).toThrow(failsWith('tampered'));
    }
  });

  it('keeps the context parts apart, so shifting text between them does not match', () => {
    const ciphertext = vault.encrypt('x', { table: 'a', column: 'b.c', rowId: 'd' });
    expect(() => vault.decrypt(ciphertext, { table: 'a', column: 'b', rowId: 'c.d' })).toThrow(
      failsWith('tampered'),
    );
  });

  it('refuses every changed byte of nonce, data and tag as tampered', () => {
    const ciphertext = vault.encrypt('王小明', here);
    const [header, encoded] = [ciphertext.slice(0, ciphertext.lastIndexOf('.')), ciphertext.split('.')[3]!];
    const sealed = Buffer.from(encoded, 'base64url');
    for (let index = 0; index < sealed.length; index++) {
      for (const flip of [0x01, 0x80, 0xff]) {
        const changed = Buffer.from(sealed);
        changed[index]! ^= flip;
        const altered = `${header}.${changed.toString('base64url')}`;
        expect(() => vault.decrypt(altered, here)).toThrow(failsWith('tampered'));
      }
    }
  });

  it('never returns a value for a ciphertext with any one character changed', () => {
    const ciphertext = vault.encrypt('13812341234', here);
    for (let index = 0; index < ciphertext.length; index++) {
      for (const character of ['A', 'z', '0', '.', '-', '=']) {
        if (ciphertext[index] === character) continue;
        expect(() => vault.decrypt(replaceAt(ciphertext, index, character), here)).toThrow(VaultError);
      }
    }
  });

  it('refuses a ciphertext whose key label was edited to another configured key', () => {
    const both = createVault({ keys: [k1, { ...k1, id: 'k1copy' }], activeKeyId: 'k1', blindIndexKey });
    const ciphertext = both.encrypt('11010519491231002X', here);
    expect(() => both.decrypt(ciphertext.replace('v1.k1.', 'v1.k1copy.'), here)).toThrow(
      failsWith('tampered'),
    );
  });

  it('says when the key is not configured', () => {
    const underK2 = createVault({ keys: [k2], activeKeyId: 'k2', blindIndexKey }).encrypt('x', here);
    expect(() => vault.decrypt(underK2, here)).toThrow(failsWith('unknown-key'));
    const underVersion2 = createVault({ keys: [{ ...k1, version: 2 }], activeKeyId: 'k1', blindIndexKey });
    expect(() => vault.decrypt(underVersion2.encrypt('x', here), here)).toThrow(failsWith('unknown-key'));
  });

  it('says when the text is not a vault ciphertext', () => {
    const valid = vault.encrypt('x', here);
    const payload = valid.split('.')[3]!;
    for (const text of [
      '',
      '11010519491231002X',
      `v2.k1.1.${payload}`,
      `v1.k1.01.${payload}`,
      `v1.k1.0.${payload}`,
      `v1.k 1.1.${payload}`,
      `v1.k1.1.${payload}.extra`,
      `v1.k1.1.${payload}=`,
      `v1.k1.1.${payload.replace(/^./, '+')}`,
      `v1.k1.1.${Buffer.alloc(27).toString('base64url')}`,
    ]) {
      expect(() => vault.decrypt(text, here)).toThrow(failsWith('malformed'));
    }
  });

  it('refuses to encrypt a string with a lone surrogate, which UTF-8 cannot carry', () => {
    expect(() => vault.encrypt('王\ud800', here)).toThrow(failsWith('malformed'));
  });

  it('refuses an empty part of the context: the row id must exist before the value is encrypted', () => {
    expect(() => vault.encrypt('x', { ...here, rowId: '' })).toThrow(RangeError);
  });

  // Written once with an independent construction of the documented format (key 32 × 0x11, nonce
  // 00…0b, associated data the JSON array below), so that a change to the format cannot slip through
  // unnoticed: stored values must stay readable by every later release.
  it('still reads the v1 format as documented', () => {
    const fixed = createVault({
      keys: [{ id: 'k2024', version: 3, key: Buffer.alloc(32, 0x11) }],
      activeKeyId: 'k2024',
      blindIndexKey,
    });
    const stored = 'v1.k2024.3.AAECAwQFBgcICQoLItKGIkuWBM0ggeKt957HFvv5II-b_refJgYn8QRc8J1_HKIuMM-UAnzDMUw';
    // ["shuzhi.vault","v1","k2024",3,"person","resident_id","7c0e4f5e-1d1b-4a0e-9a53-2f0c3c6b9d11"]
    expect(fixed.decrypt(stored, here)).toBe('11010519491231002X 王小明');
  });

  it('round-trips any Unicode text, Chinese included', () => {
    const chinese = fc.string({
      unit: fc.integer({ min: 0x4e00, max: 0x9fff }).map((c) => String.fromCodePoint(c)),
    });
    const text = fc.oneof(fc.string({ unit: 'binary' }), fc.string({ unit: 'grapheme' }), chinese);
    const context = fc.record({
      table: fc.string({ minLength: 1 }),
      column: fc.string({ minLength: 1 }),
      rowId: fc.uuid(),
    });
    fc.assert(
      fc.property(text, context, (plaintext, where) => {
        expect(vault.decrypt(vault.encrypt(plaintext, where), where)).toBe(plaintext);
      }),
    );
  });
});

describe('key rotation', () => {
  it('reads old values after a new key becomes active, and marks only them for re-encryption', () => {
    const before = createVault({ keys: [k1], activeKeyId: 'k1', blindIndexKey });
    const old = before.encrypt('11010519491231002X', here);
    expect(before.needsReencryption(old)).toBe(false);

    const after = createVault({ keys: [k1, k2], activeKeyId: 'k2', blindIndexKey });
    expect(after.decrypt(old, here)).toBe('11010519491231002X');
    expect(after.needsReencryption(old)).toBe(true);

    const renewed = after.encrypt(after.decrypt(old, here), here);
    expect(renewed).toMatch(/^v1\.k2\.1\./);
    expect(after.needsReencryption(renewed)).toBe(false);
  });

  it('encrypts under the highest version of the active key id', () => {
    const k1v2 = { ...k1, version: 2, key: Buffer.alloc(32, 3) };
    const rotated = createVault({ keys: [k1v2, k1], activeKeyId: 'k1', blindIndexKey });
    const fresh = rotated.encrypt('x', here);
    expect(fresh).toMatch(/^v1\.k1\.2\./);
    expect(rotated.needsReencryption(vault.encrypt('x', here))).toBe(true);
    expect(rotated.needsReencryption(fresh)).toBe(false);
  });

  it('keeps blind indexes when encryption keys rotate', () => {
    const after = createVault({ keys: [k1, k2], activeKeyId: 'k2', blindIndexKey });
    expect(after.blindIndex('11010519491231002X', 'person.resident-id')).toBe(
      vault.blindIndex('11010519491231002X', 'person.resident-id'),
    );
  });
});

describe('configuration', () => {
  const invalid = (keys: Parameters<typeof createVault>[0]) => () => createVault(keys);

  it('refuses keys that cannot work', () => {
    for (const config of [
      { keys: [], activeKeyId: 'k1', blindIndexKey },
      { keys: [k1], activeKeyId: 'k2', blindIndexKey },
      { keys: [k1, { ...k1, key: randomBytes(32) }], activeKeyId: 'k1', blindIndexKey },
      { keys: [{ ...k1, key: randomBytes(16) }], activeKeyId: 'k1', blindIndexKey },
      { keys: [{ ...k1, id: 'k.1' }], activeKeyId: 'k.1', blindIndexKey },
      { keys: [{ ...k1, version: 0 }], activeKeyId: 'k1', blindIndexKey },
      { keys: [{ ...k1, version: 1.5 }], activeKeyId: 'k1', blindIndexKey },
      { keys: [k1], activeKeyId: 'k1', blindIndexKey: randomBytes(31) },
      { keys: [k1], activeKeyId: 'k1', blindIndexKey: k1.key },
    ]) {
      expect(invalid(config)).toThrow(failsWith('invalid-configuration'));
    }
  });

  it('keeps its own copy of the keys', () => {
    const key = Buffer.alloc(32, 5);
    const own = createVault({ keys: [{ id: 'k', version: 1, key }], activeKeyId: 'k', blindIndexKey });
    const ciphertext = own.encrypt('x', here);
    key.fill(0);
    expect(own.decrypt(ciphertext, here)).toBe('x');
  });

  it('does not show key material when printed', () => {
    const printed = inspect(vault, { depth: 10, showHidden: true });
    expect(printed).not.toContain(k1.key.toString('hex'));
    expect(printed).not.toContain('<Buffer 01 01');
    expect(Object.keys(vault)).toEqual(['encrypt', 'decrypt', 'needsReencryption', 'blindIndex']);
  });
});
