import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { Clock } from '../../platform/clock/index.ts';
import type { Tables } from '../../platform/db/index.ts';
import type { LedgerKeys } from './keys.ts';
import {
  Checkpoint,
  ConsistencyProof,
  ConsistencyQuery,
  CosignatureAccepted,
  CosignatureSubmission,
  InclusionProof,
  InclusionQuery,
  LeafParams,
  LeafSummary,
  RecordEvents,
  RecordParams,
  RecordQuery,
  SigningKeys,
} from './schemas.ts';
import {
  acceptCosignature,
  getConsistencyProof,
  getInclusionProof,
  getLatestCheckpoint,
  getLeafSummary,
  getSigningKeys,
  listRecordEvents,
} from './service.ts';

export type LedgerRouteDeps = { db: Kysely<Tables>; keys: LedgerKeys; clock: Clock };

const optionalBigInt = (value: string | undefined) => (value === undefined ? undefined : BigInt(value));

export async function ledgerRoutes(app: FastifyInstance, deps: LedgerRouteDeps): Promise<void> {
  const { db, keys, clock } = deps;
  const tags = ['ledger'];

  app.get(
    '/api/ledger/checkpoint',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'The latest signed checkpoint, with witness cosignatures',
        response: { 200: Checkpoint },
      },
    },
    async () => getLatestCheckpoint(db, keys),
  );

  app.get(
    '/api/ledger/checkpoint/note',
    {
      config: { access: 'public' },
      schema: { tags, summary: 'The latest checkpoint as a plain-text signed note (C2SP tlog-checkpoint)' },
    },
    async (_request, reply) =>
      reply.type('text/plain; charset=utf-8').send((await getLatestCheckpoint(db, keys)).note),
  );

  app.get(
    '/api/ledger/keys',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: "The log's checkpoint signing keys, current and retired, with the tree sizes each signed",
        response: { 200: SigningKeys },
      },
    },
    async () => getSigningKeys(db, keys),
  );

  app.get<{ Params: { index: string } }>(
    '/api/ledger/leaves/:index',
    {
      config: { access: 'public' },
      schema: { tags, summary: 'A leaf hash by index', params: LeafParams, response: { 200: LeafSummary } },
    },
    async (request) => getLeafSummary(db, BigInt(request.params.index)),
  );

  app.get<{ Querystring: { index: string; treeSize?: string } }>(
    '/api/ledger/proofs/inclusion',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'RFC 9162 inclusion proof of a leaf in the tree of a given size (default: latest)',
        querystring: InclusionQuery,
        response: { 200: InclusionProof },
      },
    },
    async (request) =>
      getInclusionProof(db, BigInt(request.query.index), optionalBigInt(request.query.treeSize)),
  );

  app.get<{ Querystring: { from: string; to?: string } }>(
    '/api/ledger/proofs/consistency',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'RFC 9162 consistency proof between two tree sizes (default to: latest)',
        querystring: ConsistencyQuery,
        response: { 200: ConsistencyProof },
      },
    },
    async (request) => getConsistencyProof(db, BigInt(request.query.from), optionalBigInt(request.query.to)),
  );

  app.get<{ Params: { recordType: string; recordId: string }; Querystring: { limit?: number } }>(
    '/api/ledger/records/:recordType/:recordId/events',
    {
      config: { access: { permission: 'ledger.events.read' } },
      schema: {
        tags,
        summary: 'The audit trail of one record, with leaf indices for inclusion proofs',
        params: RecordParams,
        querystring: RecordQuery,
        response: { 200: RecordEvents },
      },
    },
    async (request) => ({
      events: await listRecordEvents(
        db,
        request.params.recordType,
        request.params.recordId,
        request.query.limit ?? 200,
      ),
    }),
  );

  app.post<{ Body: CosignatureSubmission }>(
    '/api/ledger/cosignatures',
    {
      // Public on purpose: the caller proves who it is by the cosignature itself, which must verify
      // under one of the configured witness keys; anything else is refused.
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'A witness submits its cosignature of one of our checkpoints (C2SP tlog-cosignature)',
        body: CosignatureSubmission,
        response: { 200: CosignatureAccepted },
      },
    },
    async (request) => acceptCosignature(db, keys, clock, request.body.note),
  );
}
