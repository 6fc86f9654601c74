/**
 * How the tree's complete subtrees are packed into tiles for storage.
 *
 * One row per subtree hash made a proof at 10 M leaves read about 48 rows from a 20 M-row table, and
 * made every append write two rows besides its leaf. A tile instead holds a height-4 slice of the
 * tree: tile (t, j) covers tree levels 4t … 4t+3 under 16 consecutive nodes of level 4t, with every
 * node of those four levels in fixed slots (16 + 8 + 4 + 2 = 30 hashes, 960 bytes, small enough to
 * stay inside the table row). A proof then reads about one tile per four levels, and an append
 * writes about one tile per 16 leaves (the right-edge tiles are rewritten as they fill).
 *
 * `width` is how many level-4t nodes the tile has so far; a node in the tile is present exactly when
 * all level-4t nodes under it are, so a tile never claims a subtree that is not yet complete. Slots
 * of absent nodes hold zeros and are never read.
 */
import type { NodeId, TreeNode } from './merkle.ts';
import { HASH_SIZE } from './verify.ts';

export const TILE_HEIGHT = 4;
const BASE_WIDTH = 2 ** TILE_HEIGHT;
const SLOT_COUNT = 2 * BASE_WIDTH - 2;
export const TILE_BYTES = SLOT_COUNT * HASH_SIZE;

export type TileKey = { readonly tileLevel: number; readonly tileIndex: number };
export type Tile = TileKey & { readonly width: number; readonly hashes: Uint8Array };

type Placement = { key: TileKey; slot: number; requiredWidth: number };

/** Where a node lives: its tile, its slot, and how wide the tile must be for the node to be there. */
export function placeNode(id: NodeId): Placement {
  const tileLevel = Math.floor(id.level / TILE_HEIGHT);
  const localLevel = id.level % TILE_HEIGHT;
  const nodesPerTile = BASE_WIDTH >> localLevel;
  const tileIndex = Math.floor(id.index / nodesPerTile);
  const position = id.index - tileIndex * nodesPerTile;
  // Local level r starts after the slots of the levels below it: 0, 16, 24, 28.
  const firstSlot = 2 * BASE_WIDTH - ((2 * BASE_WIDTH) >> localLevel);
  return {
    key: { tileLevel, tileIndex },
    slot: firstSlot + position,
    requiredWidth: (position + 1) << localLevel,
  };
}

export function tileKeyString(key: TileKey): string {
  return `${key.tileLevel}:${key.tileIndex}`;
}

/** The node's hash, or undefined when the tile does not (yet) hold it. */
export function nodeFromTile(tile: Tile, id: NodeId): Uint8Array | undefined {
  const { slot, requiredWidth } = placeNode(id);
  if (tile.width < requiredWidth) return undefined;
  return tile.hashes.slice(slot * HASH_SIZE, (slot + 1) * HASH_SIZE);
}

/**
 * Writes newly completed nodes into their tiles, starting from the stored tiles they extend (the
 * right edge of each tile level), and returns every tile that changed.
 */
export function packNodes(nodes: readonly TreeNode[], stored: ReadonlyMap<string, Tile>): Tile[] {
  const changed = new Map<string, { key: TileKey; width: number; hashes: Uint8Array }>();
  for (const node of nodes) {
    const { key, slot, requiredWidth } = placeNode(node);
    const id = tileKeyString(key);
    let tile = changed.get(id);
    if (!tile) {
      const before = stored.get(id);
      tile = before
        ? { key, width: before.width, hashes: Uint8Array.from(before.hashes) }
        : { key, width: 0, hashes: new Uint8Array(TILE_BYTES) };
      changed.set(id, tile);
    }
    tile.hashes.set(node.hash, slot * HASH_SIZE);
    if (node.level % TILE_HEIGHT === 0) tile.width = Math.max(tile.width, requiredWidth);
  }
  return [...changed.values()].map(({ key, width, hashes }) => ({ ...key, width, hashes }));
}
