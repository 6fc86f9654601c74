import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { Tables } from '../db/index.ts';
import { DeploymentProfile } from './schemas.ts';
import { getDeploymentProfile } from './service.ts';

export async function deploymentRoutes(app: FastifyInstance, deps: { db: Kysely<Tables> }): Promise<void> {
  app.get(
    '/api/deployment',
    {
      config: { access: 'public' },
      schema: {
        tags: ['platform'],
        summary: "The deployment's public profile: operating body, contact, accessibility statement date",
        response: { 200: DeploymentProfile },
      },
    },
    async () => getDeploymentProfile(deps.db),
  );
}
