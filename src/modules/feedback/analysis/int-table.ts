/**
 * A hash map from non-negative 31-bit integers to integers, stored in one Int32Array as (key, value)
 * pairs with open addressing and linear probing. The duplicate index makes a few dozen lookups per
 * request in a table of hundreds of thousands of keys; a JavaScript Map spends several dependent memory
 * reads on each, this table one (the pair sits in one cache line). Keys are expected to be hashes
 * already, so the low bits pick the slot. Deletion shifts later entries back (no tombstones), so a long
 * run of adds and deletes does not slow lookups down.
 */
export type IntTable = {
  /** The value under `key`, or -1 when there is none (so values should be non-negative). */
  get(key: number): number;
  set(key: number, value: number): void;
  delete(key: number): boolean;
  clear(): void;
  readonly size: number;
};

const EMPTY = -1;

export function createIntTable(initialCapacity = 1024): IntTable {
  let capacity = 1 << Math.max(4, Math.ceil(Math.log2(initialCapacity)));
  let mask = capacity - 1;
  let cells = new Int32Array(capacity * 2).fill(EMPTY);
  let size = 0;

  function checkKey(key: number): void {
    if (!Number.isInteger(key) || key < 0 || key > 0x7fffffff) {
      throw new RangeError('an IntTable key is an integer from 0 to 2^31 − 1');
    }
  }

  /** The slot holding `key`, or the empty slot where it would go. */
  function find(key: number): number {
    let slot = key & mask;
    for (;;) {
      const stored = cells[slot * 2] as number;
      if (stored === key || stored === EMPTY) return slot;
      slot = (slot + 1) & mask;
    }
  }

  function grow(): void {
    const old = cells;
    capacity *= 2;
    mask = capacity - 1;
    cells = new Int32Array(capacity * 2).fill(EMPTY);
    for (let slot = 0; slot < old.length; slot += 2) {
      const key = old[slot] as number;
      if (key === EMPTY) continue;
      const to = find(key);
      cells[to * 2] = key;
      cells[to * 2 + 1] = old[slot + 1] as number;
    }
  }

  return {
    get size() {
      return size;
    },
    get(key) {
      const slot = find(key);
      return cells[slot * 2] === EMPTY ? -1 : (cells[slot * 2 + 1] as number);
    },
    set(key, value) {
      checkKey(key);
      let slot = find(key);
      if (cells[slot * 2] === EMPTY) {
        // Kept at most half full, so probe runs stay short.
        if ((size + 1) * 2 > capacity) {
          grow();
          slot = find(key);
        }
        cells[slot * 2] = key;
        size += 1;
      }
      cells[slot * 2 + 1] = value;
    },
    delete(key) {
      let hole = find(key);
      if (cells[hole * 2] === EMPTY) return false;
      size -= 1;
      // Backward-shift deletion: move up every later entry of the run that may sit in the hole.
      let slot = hole;
      for (;;) {
        slot = (slot + 1) & mask;
        const stored = cells[slot * 2] as number;
        if (stored === EMPTY) break;
        const home = stored & mask;
        // The entry may move to the hole when its home is not cyclically within (hole, slot].
        const fits = hole <= slot ? home <= hole || home > slot : home <= hole && home > slot;
        if (fits) {
          cells[hole * 2] = stored;
          cells[hole * 2 + 1] = cells[slot * 2 + 1] as number;
          hole = slot;
        }
      }
      cells[hole * 2] = EMPTY;
      return true;
    },
    clear() {
      cells.fill(EMPTY);
      size = 0;
    },
  };
}
