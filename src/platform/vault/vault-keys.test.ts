import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createVault, deriveDemoVaultKeys, parseVaultKeys } from './index.ts';

const here = { table: 'person', column: 'phone', rowId: 'r1' };

describe('parseVaultKeys', () => {
  it('reads id:version:base64 entries separated by commas', () => {
    const [first, second] = [randomBytes(32), randomBytes(32)];
    const text = `k1:1:${first.toString('base64')}, k2:7:${second.toString('base64')}\n`;
    expect(parseVaultKeys(text)).toEqual([
      { id: 'k1', version: 1, key: first },
      { id: 'k2', version: 7, key: second },
    ]);
  });

  it('refuses entries that are not keys, naming the entry and never the key', () => {
    const good = `k1:1:${randomBytes(32).toString('base64')}`;
    const short = randomBytes(16).toString('base64');
    for (const [text, entry] of [
      ['', undefined],
      [` , `, undefined],
      [`${good},k2:1`, 2],
      [`${good},k.2:1:${short}`, 2],
      [`k2:0:${randomBytes(32).toString('base64')}`, 1],
      [`k2:01:${randomBytes(32).toString('base64')}`, 1],
      [`k2:1:${short}`, 1],
      [`k2:1:${randomBytes(32).toString('base64').replace(/=$/, '')}`, 1],
      [`k2:1:${randomBytes(32).toString('base64url')}!`, 1],
    ] as const) {
      let error: unknown;
      try {
        parseVaultKeys(text);
      } catch (thrown) {
        error = thrown;
      }
      expect(error).toMatchObject({ name: 'VaultError', code: 'invalid-configuration' });
      if (entry) expect((error as Error).message).toContain(`entry ${entry}`);
      expect((error as Error).message).not.toContain(short);
    }
  });

  it('gives keys a vault accepts', () => {
    const keys = parseVaultKeys(`k1:1:${randomBytes(32).toString('base64')}`);
    const vault = createVault({ keys, activeKeyId: 'k1', blindIndexKey: randomBytes(32) });
    expect(vault.decrypt(vault.encrypt('13812341234', here), here)).toBe('13812341234');
  });
});

describe('deriveDemoVaultKeys', () => {
  it('derives the same keys from the same secret, so servers of one demo agree', () => {
    const one = createVault(deriveDemoVaultKeys('demo secret'));
    const two = createVault(deriveDemoVaultKeys('demo secret'));
    expect(two.decrypt(one.encrypt('王小明', here), here)).toBe('王小明');
    expect(two.blindIndex('王小明', 'person.name')).toBe(one.blindIndex('王小明', 'person.name'));
  });

  it('derives other keys from another secret, and a blind index key unlike the encryption key', () => {
    const keys = deriveDemoVaultKeys('demo secret');
    const other = deriveDemoVaultKeys('another secret');
    expect(other.keys[0]!.key.equals(keys.keys[0]!.key)).toBe(false);
    expect(keys.blindIndexKey.equals(keys.keys[0]!.key)).toBe(false);
    expect(keys.keys[0]!.key).toHaveLength(32);
  });
});
