import type { FastifyInstance } from 'fastify';
import { type PeopleDeps, registerCitizen } from './registration.ts';
import { IdempotencyHeaders, Registration, RegistrationBody } from './schemas.ts';

export async function peopleRoutes(app: FastifyInstance, deps: PeopleDeps): Promise<void> {
  app.post<{ Body: RegistrationBody; Headers: { 'idempotency-key'?: string } }>(
    '/api/identity/registrations',
    {
      // Anyone may register as a citizen; the resident identity number is checked, and one person
      // gets one account.
      config: { access: 'public' },
      schema: {
        tags: ['identity'],
        summary: 'Register as a citizen (send an Idempotency-Key so that a retry never registers twice)',
        headers: IdempotencyHeaders,
        body: RegistrationBody,
        response: { 200: Registration, 201: Registration },
      },
    },
    async (request, reply) => {
      const outcome = await registerCitizen(deps, request.body, {
        idempotencyKey: request.headers['idempotency-key'],
        requestId: request.id,
      });
      if (outcome.isReplay) reply.header('idempotent-replayed', 'true');
      return reply.status(201).send(outcome.registration);
    },
  );
}
