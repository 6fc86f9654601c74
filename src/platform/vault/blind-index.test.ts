import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createVault } from './index.ts';

const keys = { keys: [{ id: 'k1', version: 1, key: Buffer.alloc(32, 1) }], activeKeyId: 'k1' };
const vault = createVault({ ...keys, blindIndexKey: Buffer.alloc(32, 9) });

describe('blindIndex', () => {
  it('is stable: the same value and purpose always give the same 64 hex characters', () => {
    const index = vault.blindIndex('11010519491231002X', 'person.resident-id');
    expect(index).toMatch(/^[0-9a-f]{64}$/);
    expect(vault.blindIndex('11010519491231002X', 'person.resident-id')).toBe(index);
    const sameKey = createVault({ ...keys, blindIndexKey: Buffer.alloc(32, 9) });
    expect(sameKey.blindIndex('11010519491231002X', 'person.resident-id')).toBe(index);
  });

  it('differs per purpose, so equal values in two columns cannot be matched up', () => {
    expect(vault.blindIndex('11010519491231002X', 'person.resident-id')).not.toBe(
      vault.blindIndex('11010519491231002X', 'guardian.resident-id'),
    );
  });

  it('differs per blind index key', () => {
    const other = createVault({ ...keys, blindIndexKey: Buffer.alloc(32, 8) });
    expect(other.blindIndex('13812341234', 'person.phone')).not.toBe(
      vault.blindIndex('13812341234', 'person.phone'),
    );
  });

  it('treats surrounding spaces, letter case and full-width forms as the same value', () => {
    const index = vault.blindIndex('11010519491231002X', 'person.resident-id');
    for (const typed of [' 11010519491231002x ', '１１０１０５１９４９１２３１００２Ｘ']) {
      expect(vault.blindIndex(typed, 'person.resident-id')).toBe(index);
    }
    expect(vault.blindIndex('11010519491231002Y', 'person.resident-id')).not.toBe(index);
  });

  it('refuses a purpose that is not a plain lower-case name', () => {
    for (const purpose of ['', 'Person', 'person resident', 'a'.repeat(65)]) {
      expect(() => vault.blindIndex('x', purpose)).toThrow(RangeError);
    }
  });

  it('never contains the value it indexes', () => {
    const identifier = fc.stringMatching(/^\d{17}[\dX]$|^1[3-9]\d{9}$/);
    fc.assert(
      fc.property(identifier, (value) => {
        const index = vault.blindIndex(value, 'person.resident-id');
        expect(index).not.toContain(value);
        expect(index).not.toContain(value.toLowerCase());
      }),
    );
  });
});
