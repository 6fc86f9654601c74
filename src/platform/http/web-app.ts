import fs from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { notFoundProblem, PROBLEM_CONTENT_TYPE } from '../errors/index.ts';

/**
 * Serves the built single-page app and falls back to its index.html for client-side routes, while
 * anything under /api that matches no route stays a 404 problem+json.
 */
export async function serveWebApp(app: FastifyInstance, webDir: string): Promise<void> {
  const indexPath = path.join(webDir, 'index.html');
  const isBuilt = fs.existsSync(indexPath);
  if (isBuilt) {
    await app.register(fastifyStatic, {
      root: webDir,
      wildcard: false,
      index: false,
      setHeaders(reply, filePath) {
        // Vite puts a content hash in every asset name, so assets never change under one URL.
        const isHashedAsset = filePath.includes(`${path.sep}assets${path.sep}`);
        reply.header('cache-control', isHashedAsset ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    });
  }

  app.setNotFoundHandler(async (request, reply) => {
    const wantsPage =
      (request.method === 'GET' || request.method === 'HEAD') &&
      !request.url.startsWith('/api') &&
      !path.extname(request.url.split('?')[0] ?? '');
    if (wantsPage && isBuilt) {
      return reply
        .header('cache-control', 'no-cache')
        .type('text/html; charset=utf-8')
        .send(fs.createReadStream(indexPath));
    }
    if (wantsPage) {
      return reply
        .status(503)
        .type('text/plain; charset=utf-8')
        .send(
          `The web app has not been built into ${webDir}. Run "npm run build:web", or use "npm start".\n`,
        );
    }
    return reply
      .status(404)
      .type(PROBLEM_CONTENT_TYPE)
      .send(notFoundProblem({ url: request.url, id: request.id, method: request.method }));
  });
}
