import { describe, expect, it } from 'vitest';
import {
  fromHex,
  loadConsistencyVectors,
  loadInclusionVectors,
  loadReferenceTree,
  loadSignedNoteVectors,
} from './conformance-vectors.ts';
import type { TreeNode } from './merkle.ts';
import * as merkle from './merkle.ts';
import {
  formatCheckpoint,
  formatSignerKey,
  formatVerifierKey,
  NoteError,
  openNote,
  parseCheckpoint,
  parseNote,
  parseSignerKey,
  parseVerifierKey,
  signNote,
  verifierOf,
} from './note.ts';
import * as verify from './verify.ts';

// Loaded while collecting, so missing data fails the whole file with the loader's message.
const inclusionVectors = loadInclusionVectors();
const consistencyVectors = loadConsistencyVectors();
const referenceTree = loadReferenceTree();
const signedNoteVectors = loadSignedNoteVectors();

describe('RFC 6962 inclusion vectors (transparency-dev/merkle testdata)', () => {
  it('has all 98 cases, 6 of which must verify', () => {
    expect(inclusionVectors).toHaveLength(98);
    expect(inclusionVectors.filter((vector) => !vector.wantErr)).toHaveLength(6);
  });

  it('keeps leafIdx 2^64 − 1 exact instead of rounding it to a float', () => {
    const wrapped = inclusionVectors.filter((vector) => vector.leafIdx > BigInt(Number.MAX_SAFE_INTEGER));
    expect(wrapped.map((vector) => vector.file)).toEqual([
      'inclusion/0/leafIdx-sub-@1.json',
      'inclusion/1/leafIdx-sub-@1.json',
    ]);
    expect(wrapped.map((vector) => vector.leafIdx)).toEqual([2n ** 64n - 1n, 2n ** 64n - 1n]);
  });

  it.each(inclusionVectors)('$file', ({ leafIdx, treeSize, leafHash, proof, root, wantErr }) => {
    expect(verify.verifyInclusion(leafIdx, treeSize, leafHash, proof, root)).toBe(!wantErr);
  });
});

describe('RFC 6962 consistency vectors (transparency-dev/merkle testdata)', () => {
  it('has all 98 cases, 6 of which must verify', () => {
    expect(consistencyVectors).toHaveLength(98);
    expect(consistencyVectors.filter((vector) => !vector.wantErr)).toHaveLength(6);
  });

  it.each(consistencyVectors)('$file', ({ size1, size2, proof, root1, root2, wantErr }) => {
    expect(verify.verifyConsistency(size1, size2, proof, root1, root2)).toBe(!wantErr);
  });
});

describe('8-leaf reference tree', () => {
  const { leaves, leafHashes, nodeHashesByLevel, rootsBySize, published, derived } = referenceTree;
  const stored = new Map<string, Uint8Array>();
  const rootAfterEachAppend = [merkle.rootFromFrontier([])];
  let frontier: TreeNode[] = [];
  for (const leaf of leaves) {
    const appended = merkle.appendLeaves(frontier, [merkle.hashLeaf(leaf)]);
    for (const node of appended.completedNodes) stored.set(`${node.level}/${node.index}`, node.hash);
    frontier = appended.frontier;
    rootAfterEachAppend.push(appended.root);
  }
  const getNode = (level: number, index: number) => {
    const hash = stored.get(`${level}/${index}`);
    if (hash === undefined) throw new Error(`node (${level}, ${index}) was never stored`);
    return hash;
  };

  it('has the published data set', () => {
    expect(leaves).toHaveLength(8);
    expect(rootsBySize).toHaveLength(9);
    expect(nodeHashesByLevel.flat()).toHaveLength(15);
    expect(published.inclusion).toHaveLength(5);
    expect(published.consistency).toHaveLength(5);
    expect(derived.inclusion).toHaveLength(36);
    expect(derived.consistency).toHaveLength(28);
  });

  it('hashes leaves identically on the server and in the portable verifier', () => {
    expect(leaves.map(merkle.hashLeaf)).toEqual(leafHashes);
    expect(leaves.map(verify.hashLeaf)).toEqual(leafHashes);
  });

  it('reproduces every published root by appending, by MTH and from stored nodes', () => {
    expect(rootAfterEachAppend).toEqual(rootsBySize);
    expect(rootsBySize.map((_, size) => merkle.merkleTreeHash(leafHashes.slice(0, size)))).toEqual(
      rootsBySize,
    );
    expect(rootsBySize.map((_, size) => merkle.rootAtSize(size, getNode))).toEqual(rootsBySize);
    expect(merkle.emptyTreeRoot()).toEqual(rootsBySize[0]);
  });

  it('stores exactly the 15 published complete-subtree hashes', () => {
    const expected = new Map(
      nodeHashesByLevel.flatMap((hashes, level) =>
        hashes.map((hash, index) => [`${level}/${index}`, hash] as const),
      ),
    );
    expect(stored).toEqual(expected);
  });

  const inclusionProofs = [
    ...published.inclusion.map((p) => ({ ...p, source: 'published' })),
    ...derived.inclusion.map((p) => ({ ...p, source: 'derived' })),
  ];
  it.each(inclusionProofs)('$source inclusion proof of leaf $leafIndex in tree $treeSize', (expected) => {
    const { leafIndex, treeSize, proof } = expected;
    expect(merkle.inclusionProof(leafIndex, treeSize, getNode)).toEqual(proof);
    const root = rootsBySize[treeSize]!;
    expect(
      verify.verifyInclusion(BigInt(leafIndex), BigInt(treeSize), leafHashes[leafIndex]!, proof, root),
    ).toBe(true);
  });

  const consistencyProofs = [
    ...published.consistency.map((p) => ({ ...p, source: 'published' })),
    ...derived.consistency.map((p) => ({ ...p, source: 'derived' })),
  ];
  it.each(consistencyProofs)('$source consistency proof from $size1 to $size2', (expected) => {
    const { size1, size2, proof } = expected;
    expect(merkle.consistencyProof(size1, size2, getNode)).toEqual(proof);
    const [root1, root2] = [rootsBySize[size1]!, rootsBySize[size2]!];
    expect(verify.verifyConsistency(BigInt(size1), BigInt(size2), proof, root1, root2)).toBe(true);
  });
});

describe('signed-note and checkpoint vectors', () => {
  const { ids, byId } = signedNoteVectors;

  it('has the five vectors this suite checks, and no unchecked one', () => {
    expect(ids).toEqual([
      'go-sumdb-note-sign',
      'go-sumdb-note-second-key',
      'c2sp-signed-note-example',
      'c2sp-checkpoint-example',
      'go-sumdb-tree-note-body',
    ]);
  });

  it('go-sumdb-note-sign: keys round-trip and Ed25519 signing is byte-exact', () => {
    const vector = byId['go-sumdb-note-sign'];
    const signer = parseSignerKey(vector.signerKey);
    expect(signer.name).toBe(vector.keyName);
    expect(signer.keyId.toString(16).padStart(8, '0')).toBe(vector.keyIdHex);
    expect(formatSignerKey(signer)).toBe(vector.signerKey);
    expect(formatVerifierKey(verifierOf(signer))).toBe(vector.verifierKey);
    expect(parseVerifierKey(vector.verifierKey)).toEqual(verifierOf(signer));

    const signedNote = signNote(vector.text, [signer]);
    expect(signedNote).toBe(vector.expectedSignedNote);
    const opened = openNote(signedNote, [parseVerifierKey(vector.verifierKey)]);
    expect(opened.text).toBe(vector.text);
    expect(opened.verified.map((signature) => signature.name)).toEqual([vector.keyName]);
  });

  it('go-sumdb-note-second-key: a signature by an unknown key is reported, not an error', () => {
    const first = byId['go-sumdb-note-sign'];
    const second = byId['go-sumdb-note-second-key'];
    expect(second.text).toBe(first.text);
    const note = `${first.expectedSignedNote}${second.signatureLine}\n`;

    const openedWithFirst = openNote(note, [parseVerifierKey(first.verifierKey)]);
    expect(openedWithFirst.verified.map((signature) => signature.name)).toEqual(['PeterNeumann']);
    expect(openedWithFirst.unverified.map((signature) => signature.name)).toEqual(['EnochRoot']);

    const openedWithBoth = openNote(note, [
      parseVerifierKey(first.verifierKey),
      parseVerifierKey(second.verifierKey),
    ]);
    expect(openedWithBoth.verified.map((signature) => signature.name)).toEqual(['PeterNeumann', 'EnochRoot']);
    expect(openedWithBoth.unverified).toEqual([]);

    const openOnlyUnknown = () =>
      openNote(`${second.text}\n${second.signatureLine}\n`, [parseVerifierKey(first.verifierKey)]);
    expect(openOnlyUnknown).toThrow(expect.objectContaining({ code: 'unverified-note' }));
  });

  it('c2sp-signed-note-example: the specification example verifies', () => {
    const vector = byId['c2sp-signed-note-example'];
    const opened = openNote(vector.signedNote, [parseVerifierKey(vector.verifierKey)]);
    expect(opened.text).toBe(vector.text);
    expect(opened.verified.map((signature) => signature.name)).toEqual(['example.com/foo']);
  });

  it('c2sp-checkpoint-example: the specification checkpoint parses', () => {
    const vector = byId['c2sp-checkpoint-example'];
    const { text, signatures } = parseNote(vector.signedNote);
    expect(signatures).toHaveLength(vector.expected.signatureCount);
    const checkpoint = parseCheckpoint(text);
    expect(checkpoint.origin).toBe(vector.expected.origin);
    expect(checkpoint.size).toBe(BigInt(vector.expected.treeSize));
    expect(checkpoint.rootHash).toEqual(
      new Uint8Array(Buffer.from(vector.expected.rootHashBase64, 'base64')),
    );
    expect(checkpoint.extensions).toEqual(vector.expected.extensionLines);
    expect(() => openNote(vector.signedNote, [])).toThrow(NoteError);
  });

  it('go-sumdb-tree-note-body: checkpoint text is byte-exact and the root is a leaf-hash vector', () => {
    const vector = byId['go-sumdb-tree-note-body'];
    const rootHash = verify.hashLeaf(new TextEncoder().encode('hello world'));
    expect(rootHash).toEqual(fromHex(vector.rootHashHex));
    expect(merkle.hashLeaf(new TextEncoder().encode('hello world'))).toEqual(rootHash);
    const body = formatCheckpoint({
      origin: vector.input.origin,
      size: BigInt(vector.input.treeSize),
      rootHash,
    });
    expect(body).toBe(vector.expectedBody);
    expect(parseCheckpoint(body)).toEqual({
      origin: vector.input.origin,
      size: BigInt(vector.input.treeSize),
      rootHash,
      extensions: [],
    });
  });
});
