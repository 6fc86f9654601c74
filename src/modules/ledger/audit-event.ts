import { createHash } from 'node:crypto';

/**
 * What the ledger records about a change: who did it (and for which organisation), what, to which
 * record, when, why, under which request — and a hash of the business payload instead of the payload,
 * so the log proves what happened without holding personal data.
 */
export type ActorKind = 'citizen' | 'enterprise' | 'staff' | 'system' | 'anonymous';

export type AuditEvent = {
  /** `module.record.verb`, e.g. `identity.account.created`. */
  action: string;
  actor: { kind: ActorKind; id: string | null };
  /** The organisation the actor acted for, when not for themself. */
  onBehalfOf?: string | null;
  record: { type: string; id: string };
  at: Date;
  reason?: string | null;
  requestId?: string | null;
  /** `sha256:<hex>` of the business payload, from `hashPayload`. */
  payloadHash?: string | null;
};

export class AuditEventError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AuditEventError';
  }
}

const ACTION_PATTERN = /^[a-z][a-z0-9-]*(\.[a-z][a-z0-9-]*){2,}$/;
const RECORD_TYPE_PATTERN = /^[a-z][a-z0-9-]*\.[a-z][a-z0-9-]*(\.[a-z][a-z0-9-]*)*$/;
const PAYLOAD_HASH_PATTERN = /^sha256:[0-9a-f]{64}$/;
const ACTOR_KINDS = new Set<ActorKind>(['citizen', 'enterprise', 'staff', 'system', 'anonymous']);
const ENCODING_VERSION = 1;
const utf8 = new TextEncoder();

/**
 * The canonical leaf encoding: UTF-8 JSON with a fixed field order and every field present, so the
 * same event always hashes to the same leaf and anyone can re-derive it from the stored bytes.
 */
export function encodeAuditEvent(event: AuditEvent): Uint8Array {
  checkAuditEvent(event);
  const canonical = {
    v: ENCODING_VERSION,
    action: event.action,
    actor: { kind: event.actor.kind, id: event.actor.id },
    onBehalfOf: event.onBehalfOf ?? null,
    record: { type: event.record.type, id: event.record.id },
    at: event.at.toISOString(),
    reason: event.reason ?? null,
    requestId: event.requestId ?? null,
    payloadHash: event.payloadHash ?? null,
  };
  return utf8.encode(JSON.stringify(canonical));
}

export type DecodedAuditEvent = Omit<AuditEvent, 'at'> & { at: string };

export function decodeAuditEvent(entry: Uint8Array): DecodedAuditEvent {
  const parsed = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(entry)) as DecodedAuditEvent & {
    v: number;
  };
  if (parsed.v !== ENCODING_VERSION)
    throw new AuditEventError(`unknown audit event encoding version ${parsed.v}`);
  const { v: _version, ...event } = parsed;
  return event;
}

/** `sha256:<hex>` of a JSON value with object keys sorted, so equal payloads hash equally. */
export function hashPayload(payload: unknown): string {
  return `sha256:${createHash('sha256').update(canonicalJson(payload)).digest('hex')}`;
}

function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, item]) => item !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
}

function checkAuditEvent(event: AuditEvent): void {
  const problems: string[] = [];
  if (!ACTION_PATTERN.test(event.action)) problems.push(`action "${event.action}" is not module.record.verb`);
  if (!ACTOR_KINDS.has(event.actor.kind)) problems.push(`actor kind "${event.actor.kind}" is unknown`);
  if (event.actor.kind !== 'anonymous' && !event.actor.id) problems.push('a non-anonymous actor needs an id');
  if (!RECORD_TYPE_PATTERN.test(event.record.type))
    problems.push(`record type "${event.record.type}" is not module.kind`);
  if (event.record.id.length === 0 || event.record.id.length > 200)
    problems.push('record id must be 1–200 characters');
  if (!(event.at instanceof Date) || Number.isNaN(event.at.getTime()))
    problems.push('at must be a valid date');
  if (event.payloadHash && !PAYLOAD_HASH_PATTERN.test(event.payloadHash)) {
    problems.push('payloadHash must come from hashPayload (sha256:<64 hex>)');
  }
  if (event.reason && event.reason.length > 2000) problems.push('reason must be at most 2000 characters');
  if (problems.length > 0) throw new AuditEventError(`Invalid audit event: ${problems.join('; ')}`);
}
