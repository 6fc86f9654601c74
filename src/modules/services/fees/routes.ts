import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AccessActor } from '../../identity/index.ts';
import {
  ApplicationIdParams,
  CounterPaymentInput,
  Fee,
  Reconciliation,
  ReconciliationInput,
  WaiverInput,
} from './schemas.ts';
import {
  COLLECT_FEES,
  type FeeDeps,
  getFee,
  reconcileDay,
  recordCounterPayment,
  WAIVE_FEES,
  waiveFee,
} from './service.ts';

export type FeeRouteDeps = FeeDeps;

const actorOf = (request: FastifyRequest) => request.actor as AccessActor;
const tags = ['services'];

/** Fees: what an application owes, counter payments, waivers and the daily reconciliation. */
export async function feeRoutes(app: FastifyInstance, deps: FeeRouteDeps): Promise<void> {
  app.get<{ Params: { id: string } }>(
    '/api/services/applications/:id/fee',
    {
      // The applicant, or staff collecting fees where the case is handled (checked in the service).
      config: { access: 'signed-in' },
      schema: {
        tags,
        summary: 'What an application owes, by its guide, and what has been paid',
        params: ApplicationIdParams,
        response: { 200: Fee },
      },
    },
    async (request) => getFee(deps, actorOf(request), request.params.id),
  );

  app.post<{ Body: CounterPaymentInput }>(
    '/api/services/fees/counter-payments',
    {
      config: { access: { permission: COLLECT_FEES } },
      schema: {
        tags,
        summary: 'Record a fee received at the counter (cash, POS or bank transfer) with its receipt number',
        body: CounterPaymentInput,
        response: { 201: Fee },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await recordCounterPayment(deps, actorOf(request), request.body)),
  );

  app.post<{ Body: WaiverInput }>(
    '/api/services/fees/waivers',
    {
      config: { access: { permission: WAIVE_FEES } },
      schema: {
        tags,
        summary: 'Waive an application’s fee, with the reason',
        body: WaiverInput,
        response: { 201: Fee },
      },
    },
    async (request, reply) => reply.status(201).send(await waiveFee(deps, actorOf(request), request.body)),
  );

  app.post<{ Body: ReconciliationInput }>(
    '/api/services/fees/reconciliations',
    {
      config: { access: { permission: COLLECT_FEES } },
      schema: {
        tags,
        summary: 'Reconcile a day’s recorded payments of a division against the bank statement CSV',
        body: ReconciliationInput,
        response: { 201: Reconciliation },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await reconcileDay(deps, actorOf(request), request.body)),
  );
}
