import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { Type } from 'typebox';
import type { Clock } from '../../../platform/clock/index.ts';
import type { Tables } from '../../../platform/db/index.ts';
import { listAccounts, READ_ACCOUNTS } from './account-list.ts';
import { disableAccount, MANAGE_ACCOUNTS } from './accounts.ts';
import type { AccessActor } from './actor.ts';
import { describeAdministration } from './administration.ts';
import { listGrants, MANAGE_GRANTS } from './grant-list.ts';
import {
  deactivateOrganisation,
  getOrganisation,
  listVisibleOrganisations,
  MANAGE_ORGANISATIONS,
  registerOrganisation,
  updateOrganisation,
} from './organisations.ts';
import {
  changeRole,
  createRole,
  listPermissionCatalogue,
  listRoles,
  MANAGE_ROLES,
  READ_ROLES,
} from './roles.ts';
import {
  AccountList,
  AccountListQuery,
  Administration,
  Created,
  GrantInput,
  GrantList,
  GrantListQuery,
  IdParams,
  OrganisationChange,
  OrganisationDetail,
  OrganisationInput,
  OrganisationList,
  OrganisationListQuery,
  PermissionCatalogue,
  RevokeInput,
  RoleChange,
  RoleInput,
  RoleList,
  RoleParams,
} from './schemas.ts';
import { grantRole, revokeGrant } from './service.ts';

export type AccessRouteDeps = { db: Kysely<Tables>; clock: Clock };

/** The access pre-handler has put the signed-in actor on the request; identity's actors are AccessActors. */
const actorOf = (request: FastifyRequest) => request.actor as AccessActor;

const tags = ['identity'];

/**
 * A change to one record that must say why (deactivation, disabling, revocation):
 * POST …/:id/<change> with { reason }, answered 204.
 */
function registerReasonedChange(
  app: FastifyInstance,
  route: {
    path: string;
    permission: string;
    summary: string;
    change: (actor: AccessActor, id: string, reason: string, requestId: string) => Promise<void>;
  },
): void {
  app.post<{ Params: { id: string }; Body: { reason: string } }>(
    route.path,
    {
      config: { access: { permission: route.permission } },
      schema: { tags, summary: route.summary, params: IdParams, body: RevokeInput },
    },
    async (request, reply) => {
      await route.change(actorOf(request), request.params.id, request.body.reason, request.id);
      return reply.status(204).send();
    },
  );
}

export async function accessRoutes(app: FastifyInstance, deps: AccessRouteDeps): Promise<void> {
  app.get<{ Querystring: OrganisationListQuery }>(
    '/api/identity/organisations',
    {
      config: { access: { permission: MANAGE_ORGANISATIONS } },
      schema: {
        tags,
        summary: 'Organisations within your area, by division then name, a page at a time',
        querystring: OrganisationListQuery,
        response: { 200: OrganisationList },
      },
    },
    async (request) => {
      const page = await listVisibleOrganisations(deps.db, actorOf(request), request.query);
      return {
        organisations: page.items.map((row) => ({
          id: row.id,
          kind: row.kind,
          nameZh: row.name_zh,
          nameEn: row.name_en,
          divisionCode: row.division_code,
          divisionName: row.division_name,
          parentId: row.parent_id,
          creditCode: row.credit_code,
          isActive: row.is_active,
        })),
        nextCursor: page.nextCursor,
      };
    },
  );

  app.get<{ Params: { id: string } }>(
    '/api/identity/organisations/:id',
    {
      config: { access: { permission: MANAGE_ORGANISATIONS } },
      schema: {
        tags,
        summary: 'One organisation in your area',
        params: IdParams,
        response: { 200: OrganisationDetail },
      },
    },
    async (request) => {
      const row = await getOrganisation(deps.db, actorOf(request), request.params.id);
      return {
        id: row.id,
        kind: row.kind,
        nameZh: row.name_zh,
        nameEn: row.name_en,
        divisionCode: row.division_code,
        divisionName: row.division_name,
        parentId: row.parent_id,
        parentName: row.parent_name,
        creditCode: row.credit_code,
        isActive: row.is_active,
        createdAt: row.created_at.toISOString(),
        updatedAt: row.updated_at.toISOString(),
      };
    },
  );

  app.patch<{ Params: { id: string }; Body: OrganisationChange }>(
    '/api/identity/organisations/:id',
    {
      config: { access: { permission: MANAGE_ORGANISATIONS } },
      schema: {
        tags,
        summary: "Change an organisation's names, parent department or credit code",
        params: IdParams,
        body: OrganisationChange,
      },
    },
    async (request, reply) => {
      await updateOrganisation(
        deps.db,
        deps.clock,
        actorOf(request),
        request.params.id,
        request.body,
        request.id,
      );
      return reply.status(204).send();
    },
  );

  registerReasonedChange(app, {
    path: '/api/identity/organisations/:id/deactivation',
    permission: MANAGE_ORGANISATIONS,
    summary: 'Deactivate (dissolve) an organisation; it stays in the records that name it',
    change: (...args) => deactivateOrganisation(deps.db, deps.clock, ...args),
  });

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
      config: { access: { permission: MANAGE_GRANTS } },
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

  registerReasonedChange(app, {
    path: '/api/identity/accounts/:id/disabling',
    permission: MANAGE_ACCOUNTS,
    summary: 'Disable an account in your area; every session it has ends at once',
    change: (...args) => disableAccount(deps.db, deps.clock, ...args),
  });

  registerReasonedChange(app, {
    path: '/api/identity/grants/:id/revocation',
    permission: MANAGE_GRANTS,
    summary: 'Revoke a grant; it stops working at once',
    change: (actor, id, reason) => revokeGrant(deps.db, deps.clock, actor, id, reason),
  });

  app.get(
    '/api/identity/administration',
    {
      // Only what the caller may do themselves, so that the web app shows just the pages that work.
      config: { access: 'signed-in' },
      schema: {
        tags,
        summary: 'The administration pages you may use, and the areas you administer',
        response: { 200: Administration },
      },
    },
    async (request) => describeAdministration(deps.db, actorOf(request)),
  );

  app.get(
    '/api/identity/permissions',
    {
      config: { access: { permission: MANAGE_ROLES } },
      schema: { tags, summary: 'The permission catalogue', response: { 200: PermissionCatalogue } },
    },
    async () => ({ permissions: await listPermissionCatalogue(deps.db) }),
  );

  app.get(
    '/api/identity/roles',
    {
      // Roles are what grants are made of: whoever grants or defines roles holds this too.
      config: { access: { permission: READ_ROLES } },
      schema: { tags, summary: 'Every role with its permissions', response: { 200: RoleList } },
    },
    async () => ({ roles: await listRoles(deps.db) }),
  );

  app.post<{ Body: RoleInput }>(
    '/api/identity/roles',
    {
      config: { access: { permission: MANAGE_ROLES } },
      schema: {
        tags,
        summary: 'Define a role from permissions you hold yourself',
        body: RoleInput,
        response: { 201: Type.Object({ code: Type.String() }) },
      },
    },
    async (request, reply) => {
      await createRole(deps.db, deps.clock, actorOf(request), request.body, request.id);
      return reply.status(201).send({ code: request.body.code });
    },
  );

  app.patch<{ Params: { code: string }; Body: RoleChange }>(
    '/api/identity/roles/:code',
    {
      config: { access: { permission: MANAGE_ROLES } },
      schema: {
        tags,
        summary: 'Rename a role or change its permissions (not a built-in role); effective at once',
        params: RoleParams,
        body: RoleChange,
      },
    },
    async (request, reply) => {
      await changeRole(deps.db, deps.clock, actorOf(request), request.params.code, request.body, request.id);
      return reply.status(204).send();
    },
  );

  app.get<{ Querystring: GrantListQuery }>(
    '/api/identity/grants',
    {
      config: { access: { permission: MANAGE_GRANTS } },
      schema: {
        tags,
        summary: 'Grants within your area, newest first, a page at a time',
        querystring: GrantListQuery,
        response: { 200: GrantList },
      },
    },
    async (request) => {
      const page = await listGrants(deps.db, deps.clock, actorOf(request), request.query);
      return { grants: page.items, nextCursor: page.nextCursor };
    },
  );

  app.get<{ Querystring: AccountListQuery }>(
    '/api/identity/accounts',
    {
      config: { access: { permission: READ_ACCOUNTS } },
      schema: {
        tags,
        summary: 'Accounts within your area (masked), newest first, a page at a time',
        querystring: AccountListQuery,
        response: { 200: AccountList },
      },
    },
    async (request) => {
      const page = await listAccounts(deps.db, actorOf(request), request.query);
      return { accounts: page.items, nextCursor: page.nextCursor };
    },
  );
}
