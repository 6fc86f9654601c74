import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { FeedbackDeps } from './intake.ts';
import { CONTENT_TYPES, type Open311Format, renderOpen311 } from './open311-format.ts';
import {
  discovery,
  getServiceRequest,
  type Language,
  Open311Error,
  postServiceRequest,
  requestIdForToken,
  searchServiceRequests,
  serviceDefinition,
  serviceList,
  serviceRequestUpdates,
  toServiceRequests,
} from './open311-service.ts';

export type Open311Deps = FeedbackDeps & { publicUrl: string };

export const OPEN311_PREFIX = '/open311/v2';

/** `requests.json` → name `requests`, format `json`; anything but .json or .xml is not a resource here. */
function splitResource(resource: string): { name: string; format: Open311Format } {
  const match = /^(.+)\.(json|xml)$/.exec(resource);
  if (!match) throw new Open311Error(404, [`${resource} is not a resource: end the path in .json or .xml`]);
  return { name: match[1]!, format: match[2] as Open311Format };
}

function formatOfUrl(url: string): Open311Format {
  return /\.json(\?|$)/.test(url) ? 'json' : 'xml';
}

function languageOf(request: FastifyRequest): Language {
  return /^en\b/i.test(request.headers['accept-language'] ?? '') ? 'en' : 'zh';
}

function queryOf(request: FastifyRequest): URLSearchParams {
  const at = request.url.indexOf('?');
  return new URLSearchParams(at === -1 ? '' : request.url.slice(at + 1));
}

function send(reply: FastifyReply, format: Open311Format, root: string, value: unknown, status = 200) {
  return reply
    .status(status)
    .header('content-type', CONTENT_TYPES[format])
    .send(renderOpen311(format, root, value as never));
}

/**
 * Open311 GeoReport v2 at /open311/v2, with mySociety's servicerequestupdates. These routes keep the
 * spec's shapes, errors included (`[{code, description}]` / `<errors>`), not the API's problem+json:
 * Open311 clients are written against the spec. They are public by the protocol's nature; POST
 * requests authenticates the client by its api_key. Registered in their own scope so that the
 * form-encoded parser and the spec's error format stay here.
 */
export async function open311Routes(app: FastifyInstance, deps: Open311Deps): Promise<void> {
  await app.register(async (scope) => {
    scope.addContentTypeParser(
      'application/x-www-form-urlencoded',
      { parseAs: 'string' },
      (_request, body, done) => {
        done(null, new URLSearchParams(body as string));
      },
    );
    scope.setErrorHandler((error, request, reply) => {
      const format = formatOfUrl(request.url);
      if (error instanceof Open311Error) return send(reply, format, 'errors', error.errors, error.status);
      const status = (error as { statusCode?: number }).statusCode;
      if (status !== undefined && status >= 400 && status < 500)
        return send(
          reply,
          format,
          'errors',
          [{ code: status, description: (error as Error).message }],
          status,
        );
      request.log.error({ err: error }, 'Open311 request failed');
      return send(
        reply,
        format,
        'errors',
        [{ code: 500, description: `Internal error; quote request id ${request.id}` }],
        500,
      );
    });

    scope.get<{ Params: { resource: string } }>(`${OPEN311_PREFIX}/:resource`, async (request, reply) => {
      const { name, format } = splitResource(request.params.resource);
      const language = languageOf(request);
      switch (name) {
        case 'discovery':
          return send(reply, format, 'discovery', discovery(deps.publicUrl));
        case 'services':
          return send(reply, format, 'services', await serviceList(deps.db, language));
        case 'requests': {
          const rows = await searchServiceRequests(deps.db, queryOf(request), deps.clock.now());
          return send(
            reply,
            format,
            'service_requests',
            await toServiceRequests(deps.db, rows, deps.publicUrl, language),
          );
        }
        case 'servicerequestupdates':
          return send(
            reply,
            format,
            'service_request_updates',
            await serviceRequestUpdates(deps.db, queryOf(request), deps.clock.now(), language),
          );
        default:
          throw new Open311Error(404, [`${name} is not a resource of this endpoint`]);
      }
    });

    scope.post<{ Params: { resource: string }; Body: unknown }>(
      `${OPEN311_PREFIX}/:resource`,
      async (request, reply) => {
        const { name, format } = splitResource(request.params.resource);
        if (name !== 'requests')
          throw new Open311Error(404, [`POST ${name} is not a method of this endpoint`]);
        if (!(request.body instanceof URLSearchParams))
          throw new Open311Error(400, ['send the fields form-encoded (application/x-www-form-urlencoded)']);
        const key = request.headers['idempotency-key'];
        const created = await postServiceRequest(deps, request.body, {
          idempotencyKey: typeof key === 'string' && key.length > 0 && key.length <= 200 ? key : undefined,
          requestId: request.id,
        });
        return send(reply, format, 'service_requests', created, 201);
      },
    );

    scope.get<{ Params: { resource: string } }>(
      `${OPEN311_PREFIX}/services/:resource`,
      async (request, reply) => {
        const { name, format } = splitResource(request.params.resource);
        return send(reply, format, 'service_definition', await serviceDefinition(deps.db, name));
      },
    );

    scope.get<{ Params: { resource: string } }>(
      `${OPEN311_PREFIX}/requests/:resource`,
      async (request, reply) => {
        const { name, format } = splitResource(request.params.resource);
        const row = await getServiceRequest(deps.db, name);
        return send(
          reply,
          format,
          'service_requests',
          await toServiceRequests(deps.db, [row], deps.publicUrl, languageOf(request)),
        );
      },
    );

    scope.get<{ Params: { resource: string } }>(
      `${OPEN311_PREFIX}/tokens/:resource`,
      async (request, reply) => {
        const { name, format } = splitResource(request.params.resource);
        return send(reply, format, 'service_requests', await requestIdForToken(deps.db, name));
      },
    );

    scope.all(`${OPEN311_PREFIX}/*`, async (request) => {
      throw new Open311Error(404, [
        `${request.method} ${request.url.split('?')[0]} is not a method of this endpoint`,
      ]);
    });
  });
}
