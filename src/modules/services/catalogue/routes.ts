import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { Clock } from '../../../platform/clock/index.ts';
import type { Tables } from '../../../platform/db/index.ts';
import type { AccessActor } from '../../identity/index.ts';
import { getGuide, getVersionContent, listItemVersions, listServiceItems } from './guides.ts';
import {
  Created,
  CreatedVersion,
  Guide,
  GuideQuery,
  ImplementationInput,
  ImplementationParams,
  ItemInput,
  ItemList,
  ItemListQuery,
  ItemParams,
  VersionContent,
  VersionParams,
} from './schemas.ts';
import {
  createDraft,
  createItem,
  editDraft,
  MANAGE_CATALOGUE,
  publishImplementation,
  publishVersion,
} from './service.ts';

export type CatalogueRouteDeps = { db: Kysely<Tables>; clock: Clock };

const actorOf = (request: FastifyRequest) => request.actor as AccessActor;
const tags = ['services'];
const manage = { access: { permission: MANAGE_CATALOGUE } };

export async function catalogueRoutes(app: FastifyInstance, deps: CatalogueRouteDeps): Promise<void> {
  const { db, clock } = deps;

  app.get<{ Querystring: ItemListQuery }>(
    '/api/services/items',
    {
      // The catalogue and its guides are public information (政务公开): anyone may read them.
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'Service items in force: browse by division, type, applicant type, department; search zh/en',
        querystring: ItemListQuery,
        response: { 200: ItemList },
      },
    },
    async (request) => listServiceItems(db, request.query),
  );

  app.get<{ Params: { code: string }; Querystring: GuideQuery }>(
    '/api/services/items/:code',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: "An item's guide: the version in force (or a given one) and a division's implementation",
        params: ItemParams,
        querystring: GuideQuery,
        response: { 200: Guide },
      },
    },
    async (request) => getGuide(db, request.params.code, request.query),
  );

  app.post<{ Body: ItemInput }>(
    '/api/services/catalogue/items',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Add an item to the national or a provincial catalogue',
        body: ItemInput,
        response: { 201: Created },
      },
    },
    async (request, reply) => {
      const id = await createItem(db, clock, actorOf(request), request.body.code, request.id);
      return reply.status(201).send({ id });
    },
  );

  app.get<{ Params: { code: string } }>(
    '/api/services/catalogue/items/:code/versions',
    {
      config: manage,
      schema: { tags, summary: "An item's versions, newest first, drafts included", params: ItemParams },
    },
    async (request) => listItemVersions(db, actorOf(request), request.params.code),
  );

  app.post<{ Params: { code: string }; Body: VersionContent }>(
    '/api/services/catalogue/items/:code/versions',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Start a draft version of an item (one draft at a time)',
        params: ItemParams,
        body: VersionContent,
        response: { 201: CreatedVersion },
      },
    },
    async (request, reply) => {
      const created = await createDraft(
        db,
        clock,
        actorOf(request),
        request.params.code,
        request.body,
        request.id,
      );
      return reply.status(201).send(created);
    },
  );

  app.get<{ Params: { id: string } }>(
    '/api/services/catalogue/versions/:id',
    {
      config: manage,
      schema: { tags, summary: "One version's content, a draft included", params: VersionParams },
    },
    async (request) => getVersionContent(db, actorOf(request), request.params.id),
  );

  app.put<{ Params: { id: string }; Body: VersionContent }>(
    '/api/services/catalogue/versions/:id',
    {
      config: manage,
      schema: {
        tags,
        summary: "Replace a draft's content (published versions never change)",
        params: VersionParams,
        body: VersionContent,
      },
    },
    async (request, reply) => {
      await editDraft(db, clock, actorOf(request), request.params.id, request.body, request.id);
      return reply.status(204).send();
    },
  );

  app.post<{ Params: { id: string } }>(
    '/api/services/catalogue/versions/:id/publication',
    {
      config: manage,
      schema: {
        tags,
        summary:
          'Publish a draft: it is checked in full, supersedes the version in force and never changes again',
        params: VersionParams,
      },
    },
    async (request, reply) => {
      await publishVersion(db, clock, actorOf(request), request.params.id, request.id);
      return reply.status(204).send();
    },
  );

  app.put<{ Params: { code: string; divisionCode: string }; Body: ImplementationInput }>(
    '/api/services/catalogue/items/:code/implementations/:divisionCode',
    {
      config: manage,
      schema: {
        tags,
        summary: "Publish (or republish) a division's implementation of an item",
        params: ImplementationParams,
        body: ImplementationInput,
        response: { 200: Created },
      },
    },
    async (request) => {
      const id = await publishImplementation(
        db,
        clock,
        actorOf(request),
        request.params.code,
        request.params.divisionCode,
        request.body,
        request.id,
      );
      return { id };
    },
  );
}
