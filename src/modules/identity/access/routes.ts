import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { Clock } from '../../../platform/clock/index.ts';
import type { Tables } from '../../../platform/db/index.ts';
import { disableAccount, MANAGE_ACCOUNTS } from './accounts.ts';
import type { AccessActor } from './actor.ts';
import { listVisibleOrganisations, MANAGE_ORGANISATIONS, registerOrganisation } from './organisations.ts';
import {
  Created,
  GrantInput,
  IdParams,
  OrganisationInput,
  OrganisationList,
  RevokeInput,
} from './schemas.ts';
import { grantRole, revokeGrant } from './service.ts';

export type AccessRouteDeps = { db: Kysely<Tables>; clock: Clock };

/** The access pre-handler has put the signed-in actor on the request; identity's actors are AccessActors. */
const actorOf = (request: FastifyRequest) => request.actor as AccessActor;

export async function accessRoutes(app: FastifyInstance, deps: AccessRouteDeps): Promise<void> {
  const tags = ['identity'];

  app.get(
    '/api/identity/organisations',
    {
      config: { access: { permission: MANAGE_ORGANISATIONS } },
      schema: { tags, summary: 'Organisations within your area', response: { 200: OrganisationList } },
    },
    async (request) => {
      const rows = await listVisibleOrganisations(deps.db, actorOf(request));
      return {
        organisations: rows.map((row) => ({
          id: row.id,
          kind: row.kind,
          nameZh: row.name_zh,
          nameEn: row.name_en,
          divisionCode: row.division_code,
          parentId: row.parent_id,
          creditCode: row.credit_code,
          isActive: row.is_active,
        })),
      };
    },
  );

  app.post<{ Body: OrganisationInput }>(
    '/api/identity/organisations',
    {
      config: { access: { permission: MANAGE_ORGANISATIONS } },
      schema: {
        tags,
        summary: 'Register a department, NGO, enterprise or public-service company in your area',
        body: OrganisationInput,
        response: { 201: Created },
      },
    },
    async (request, reply) => {
      const id = await registerOrganisation(deps.db, deps.clock, actorOf(request), request.body, request.id);
      return reply.status(201).send({ id });
    },
  );

  app.post<{ Body: GrantInput }>(
    '/api/identity/grants',
    {
      config: { access: { permission: 'identity.grants.manage' } },
      schema: {
        tags,
        summary: 'Grant a role within a division subtree (and department); never more than you hold there',
        body: GrantInput,
        response: { 201: Created },
      },
    },
    async (request, reply) => {
      const { expiresAt, ...grant } = request.body;
      const id = await grantRole(deps.db, deps.clock, actorOf(request), {
        ...grant,
        expiresAt: expiresAt ? new Date(expiresAt) : null,
        requestId: request.id,
      });
      return reply.status(201).send({ id });
    },
  );

  app.post<{ Params: { id: string }; Body: { reason: string } }>(
    '/api/identity/accounts/:id/disabling',
    {
      config: { access: { permission: MANAGE_ACCOUNTS } },
      schema: {
        tags,
        summary: 'Disable an account in your area; every session it has ends at once',
        params: IdParams,
        body: RevokeInput,
      },
    },
    async (request, reply) => {
      await disableAccount(
        deps.db,
        deps.clock,
        actorOf(request),
        request.params.id,
        request.body.reason,
        request.id,
      );
      return reply.status(204).send();
    },
  );

  app.post<{ Params: { id: string }; Body: { reason: string } }>(
    '/api/identity/grants/:id/revocation',
    {
      config: { access: { permission: 'identity.grants.manage' } },
      schema: {
        tags,
        summary: 'Revoke a grant; it stops working at once',
        params: IdParams,
        body: RevokeInput,
      },
    },
    async (request, reply) => {
      await revokeGrant(deps.db, deps.clock, actorOf(request), request.params.id, request.body.reason);
      return reply.status(204).send();
    },
  );
}
