/**
 * Test helper: loads the shared RFC 6962 / C2SP conformance suite from ../shared/conformance/rfc6962
 * (origins and licences in that folder's README: transparency-dev/merkle testdata, Apache-2.0;
 * golang/mod sumdb tests, BSD-3-Clause; C2SP specification examples, CC BY 4.0).
 *
 * Missing or unexpected data throws instead of yielding an empty list: a conformance suite that
 * silently ran nothing would look green.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const PROJECT_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
export const RFC6962_DIR = path.resolve(PROJECT_ROOT, '../shared/conformance/rfc6962');

export type InclusionVector = {
  readonly file: string;
  readonly leafIdx: bigint;
  readonly treeSize: bigint;
  readonly root: Uint8Array;
  readonly leafHash: Uint8Array;
  readonly proof: Uint8Array[];
  readonly wantErr: boolean;
};

export type ConsistencyVector = {
  readonly file: string;
  readonly size1: bigint;
  readonly size2: bigint;
  readonly root1: Uint8Array;
  readonly root2: Uint8Array;
  readonly proof: Uint8Array[];
  readonly wantErr: boolean;
};

export type ReferenceInclusionProof = {
  readonly leafIndex: number;
  readonly treeSize: number;
  readonly proof: Uint8Array[];
};
export type ReferenceConsistencyProof = {
  readonly size1: number;
  readonly size2: number;
  readonly proof: Uint8Array[];
};

export type ReferenceTree = {
  readonly leaves: Uint8Array[];
  readonly leafHashes: Uint8Array[];
  /** nodeHashesByLevel[level][index], the complete subtrees of the 8-leaf tree. */
  readonly nodeHashesByLevel: Uint8Array[][];
  /** rootsBySize[size] for sizes 0…8. */
  readonly rootsBySize: Uint8Array[];
  readonly published: {
    readonly inclusion: ReferenceInclusionProof[];
    readonly consistency: ReferenceConsistencyProof[];
  };
  readonly derived: {
    readonly inclusion: ReferenceInclusionProof[];
    readonly consistency: ReferenceConsistencyProof[];
  };
};

/** The vectors of signed-note-vectors.json, by id; the test names every id it checks. */
export type SignedNoteVectors = {
  readonly 'go-sumdb-note-sign': {
    readonly signerKey: string;
    readonly verifierKey: string;
    readonly keyName: string;
    readonly keyIdHex: string;
    readonly text: string;
    readonly expectedSignedNote: string;
  };
  readonly 'go-sumdb-note-second-key': {
    readonly verifierKey: string;
    readonly text: string;
    readonly signatureLine: string;
  };
  readonly 'c2sp-signed-note-example': {
    readonly verifierKey: string;
    readonly text: string;
    readonly signedNote: string;
  };
  readonly 'c2sp-checkpoint-example': {
    readonly signedNote: string;
    readonly expected: {
      readonly origin: string;
      readonly treeSize: number;
      readonly rootHashBase64: string;
      readonly extensionLines: string[];
      readonly signatureCount: number;
    };
  };
  readonly 'go-sumdb-tree-note-body': {
    readonly input: { readonly origin: string; readonly treeSize: number };
    readonly expectedBody: string;
    readonly rootHashHex: string;
  };
};

export function loadInclusionVectors(): InclusionVector[] {
  return vectorFiles('inclusion').map(({ file, json }) => ({
    file,
    leafIdx: expectBigint(json.leafIdx, file, 'leafIdx'),
    treeSize: expectBigint(json.treeSize, file, 'treeSize'),
    root: fromBase64(json.root, file, 'root'),
    leafHash: fromBase64(json.leafHash, file, 'leafHash'),
    proof: proofFromBase64(json.proof, file),
    wantErr: expectBoolean(json.wantErr, file),
  }));
}

export function loadConsistencyVectors(): ConsistencyVector[] {
  return vectorFiles('consistency').map(({ file, json }) => ({
    file,
    size1: expectBigint(json.size1, file, 'size1'),
    size2: expectBigint(json.size2, file, 'size2'),
    root1: fromBase64(json.root1, file, 'root1'),
    root2: fromBase64(json.root2, file, 'root2'),
    proof: proofFromBase64(json.proof, file),
    wantErr: expectBoolean(json.wantErr, file),
  }));
}

export function loadReferenceTree(): ReferenceTree {
  type HexProof = { leafIndex: number; treeSize: number; proof: string[] };
  type HexConsistency = { size1: number; size2: number; proof: string[] };
  const json = JSON.parse(readSuiteFile('reference-tree.json')) as {
    leaves: string[];
    published: {
      leafHashes: string[];
      nodeHashesByLevel: Record<string, string[]>;
      rootsBySize: Record<string, string>;
      inclusionProofs: HexProof[];
      consistencyProofs: HexConsistency[];
    };
    derived: { inclusionProofs: HexProof[]; consistencyProofs: HexConsistency[] };
  };
  const { published, derived } = json;
  const levels = Object.keys(published.nodeHashesByLevel).map(Number);
  const sizes = Object.keys(published.rootsBySize).map(Number);
  const inclusion = (proofs: HexProof[]) => proofs.map((p) => ({ ...p, proof: p.proof.map(fromHex) }));
  const consistency = (proofs: HexConsistency[]) =>
    proofs.map((p) => ({ ...p, proof: p.proof.map(fromHex) }));
  return {
    leaves: json.leaves.map(fromHex),
    leafHashes: published.leafHashes.map(fromHex),
    nodeHashesByLevel: levels.map((level) => published.nodeHashesByLevel[level]!.map(fromHex)),
    rootsBySize: sizes.map((size) => fromHex(published.rootsBySize[size]!)),
    published: {
      inclusion: inclusion(published.inclusionProofs),
      consistency: consistency(published.consistencyProofs),
    },
    derived: {
      inclusion: inclusion(derived.inclusionProofs),
      consistency: consistency(derived.consistencyProofs),
    },
  };
}

export function loadSignedNoteVectors(): { readonly ids: string[]; readonly byId: SignedNoteVectors } {
  const json = JSON.parse(readSuiteFile('signed-note-vectors.json')) as { vectors: { id: string }[] };
  const byId = Object.fromEntries(json.vectors.map((vector) => [vector.id, vector]));
  return { ids: json.vectors.map((vector) => vector.id), byId: byId as unknown as SignedNoteVectors };
}

export function fromHex(hex: string): Uint8Array {
  return new Uint8Array(Buffer.from(hex, 'hex'));
}

function readSuiteFile(relativePath: string): string {
  const file = path.join(suiteDir(), relativePath);
  if (!existsSync(file)) throw new Error(`conformance file ${file} is missing`);
  return readFileSync(file, 'utf8');
}

function suiteDir(): string {
  if (!existsSync(RFC6962_DIR)) {
    throw new Error(
      `RFC 6962 conformance suite not found at ${RFC6962_DIR}: the ledger tests read ../shared/conformance/rfc6962 from the project root (DESIGN.md, "Reference data and conformance suites")`,
    );
  }
  return RFC6962_DIR;
}

function vectorFiles(folder: string): { file: string; json: Record<string, unknown> }[] {
  const dir = path.join(suiteDir(), folder);
  if (!existsSync(dir)) throw new Error(`conformance folder ${dir} is missing`);
  const files = readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.json'))
    .sort();
  return files.map((file) => ({
    file: `${folder}/${file}`,
    json: parseWithExactIntegers(readFileSync(path.join(dir, file), 'utf8')),
  }));
}

/**
 * Two inclusion vectors carry leafIdx 18446744073709551615 (uint64 −1), which JSON.parse would round
 * to 2^64 and so test the wrong value. The reviver rebuilds every integer from its source text.
 */
function parseWithExactIntegers(text: string): Record<string, unknown> {
  return JSON.parse(text, (_key: string, value: unknown, context?: { source?: string }) => {
    if (typeof value !== 'number') return value;
    if (context?.source === undefined)
      throw new Error('JSON.parse source text access needs Node 21 or newer');
    return /^-?\d+$/.test(context.source) ? BigInt(context.source) : value;
  });
}

function expectBigint(value: unknown, file: string, field: string): bigint {
  if (typeof value !== 'bigint') throw new Error(`${file}: ${field} is not an integer`);
  return value;
}

function expectBoolean(value: unknown, file: string): boolean {
  if (typeof value !== 'boolean') throw new Error(`${file}: wantErr is not a boolean`);
  return value;
}

function fromBase64(value: unknown, file: string, field: string): Uint8Array {
  if (typeof value !== 'string') throw new Error(`${file}: ${field} is not a base64 string`);
  return new Uint8Array(Buffer.from(value, 'base64'));
}

/** Upstream writes an absent proof as null. */
function proofFromBase64(value: unknown, file: string): Uint8Array[] {
  if (value === null) return [];
  if (!Array.isArray(value)) throw new Error(`${file}: proof is neither null nor an array`);
  return value.map((hash, i) => fromBase64(hash, file, `proof[${i}]`));
}
