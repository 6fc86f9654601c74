import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createIntTable } from './int-table.ts';

describe('integer hash table', () => {
  it('agrees with a Map over any sequence of sets, deletes and gets', () => {
    // Small key ranges force long probe runs, wrap-around and backward shifts; large ones force growth.
    const key = fc.oneof(fc.integer({ min: 0, max: 40 }), fc.integer({ min: 0, max: 0x7fffffff }));
    const operation = fc.oneof(
      fc.record({ kind: fc.constant('set' as const), key, value: fc.integer({ min: 0, max: 0x7fffffff }) }),
      fc.record({ kind: fc.constant('delete' as const), key }),
      fc.record({ kind: fc.constant('get' as const), key }),
    );
    fc.assert(
      fc.property(fc.array(operation, { maxLength: 400 }), (operations) => {
        const table = createIntTable(16);
        const model = new Map<number, number>();
        for (const op of operations) {
          if (op.kind === 'set') {
            table.set(op.key, op.value);
            model.set(op.key, op.value);
          } else if (op.kind === 'delete') {
            expect(table.delete(op.key)).toBe(model.delete(op.key));
          } else {
            expect(table.get(op.key)).toBe(model.get(op.key) ?? -1);
          }
          expect(table.size).toBe(model.size);
        }
        for (const [k, v] of model) expect(table.get(k)).toBe(v);
      }),
      { seed: 20261128, numRuns: 300 },
    );
  });

  it('refuses keys it cannot hold and forgets everything on clear', () => {
    const table = createIntTable();
    expect(() => table.set(-1, 0)).toThrow(RangeError);
    expect(() => table.set(2 ** 31, 0)).toThrow(RangeError);
    expect(() => table.set(1.5, 0)).toThrow(RangeError);
    table.set(7, 1);
    table.clear();
    expect(table.get(7)).toBe(-1);
    expect(table.size).toBe(0);
  });
});
