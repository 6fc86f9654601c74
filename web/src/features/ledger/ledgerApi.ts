import { ApiError, requestJson } from '../../app/api.ts';

/**
 * GET /api/ledger/checkpoint, as src/modules/ledger/schemas.ts defines it. Only `note` and
 * `verifierKey` are evidence; the other fields are the server's own reading of the note, which the
 * page checks against the signed text before showing them.
 */
export interface ServedCheckpoint {
  origin: string;
  /** A uint64 in decimal. */
  treeSize: string;
  /** Base64 of the 32-byte root hash. */
  rootHash: string;
  createdAt: string;
  note: string;
  verifierKey: string;
  /** Verifier keys of the witnesses whose cosignatures the log accepts. */
  witnessKeys: readonly string[];
  cosignatures: readonly WitnessCosignature[];
}

export interface WitnessCosignature {
  witness: string;
  cosignedAt: string;
}

/** The parts of the proof responses the page relies on; the roots they also carry are never trusted. */
export interface InclusionProofResponse {
  leafHash: string;
  proof: readonly string[];
}

export interface ConsistencyProofResponse {
  proof: readonly string[];
}

// ApiError keeps the problem's type, not its code; the type URI carries the code (problemTypeUri).
const EMPTY_LEDGER_PROBLEM = 'urn:shuzhi:problem:ledger.empty';

/** null while nothing has been recorded: the server answers 404 `ledger.empty` until the first batch. */
export async function fetchLatestCheckpoint(signal: AbortSignal): Promise<ServedCheckpoint | null> {
  try {
    const body = await requestJson<unknown>('/api/ledger/checkpoint', { signal });
    return expectShape(body, isServedCheckpoint, '/api/ledger/checkpoint');
  } catch (error) {
    if (error instanceof ApiError && error.type === EMPTY_LEDGER_PROBLEM) return null;
    throw error;
  }
}

export async function fetchInclusionProof(
  leafIndex: bigint,
  treeSize: bigint,
  signal: AbortSignal,
): Promise<InclusionProofResponse> {
  const query = new URLSearchParams({ index: leafIndex.toString(), treeSize: treeSize.toString() });
  const path = `/api/ledger/proofs/inclusion?${query}`;
  return expectShape(await requestJson<unknown>(path, { signal }), isInclusionProof, path);
}

export async function fetchConsistencyProof(
  fromSize: bigint,
  toSize: bigint,
  signal: AbortSignal,
): Promise<ConsistencyProofResponse> {
  const query = new URLSearchParams({ from: fromSize.toString(), to: toSize.toString() });
  const path = `/api/ledger/proofs/consistency?${query}`;
  return expectShape(await requestJson<unknown>(path, { signal }), isConsistencyProof, path);
}

function expectShape<T>(body: unknown, isExpected: (body: unknown) => body is T, path: string): T {
  if (isExpected(body)) return body;
  throw new ApiError({
    type: 'about:blank',
    title: 'Unexpected response',
    status: 200,
    detail: `${path} answered JSON of another shape`,
  });
}

type Fields = Record<string, unknown>;

function isObject(value: unknown): value is Fields {
  return typeof value === 'object' && value !== null;
}

function hasStrings(value: Fields, names: readonly string[]): boolean {
  return names.every((name) => typeof value[name] === 'string');
}

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}

function isServedCheckpoint(body: unknown): body is ServedCheckpoint {
  return (
    isObject(body) &&
    hasStrings(body, ['origin', 'treeSize', 'rootHash', 'createdAt', 'note', 'verifierKey']) &&
    isStringArray(body.witnessKeys) &&
    Array.isArray(body.cosignatures) &&
    body.cosignatures.every((entry) => isObject(entry) && hasStrings(entry, ['witness', 'cosignedAt']))
  );
}

function isInclusionProof(body: unknown): body is InclusionProofResponse {
  return isObject(body) && typeof body.leafHash === 'string' && isStringArray(body.proof);
}

function isConsistencyProof(body: unknown): body is ConsistencyProofResponse {
  return isObject(body) && isStringArray(body.proof);
}
