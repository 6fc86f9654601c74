import fastifyCookie from '@fastify/cookie';
import fastifyHelmet from '@fastify/helmet';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance, type FastifyServerOptions, LogController } from 'fastify';
import type { Config } from './config.ts';
import { credentialsRoutes } from './modules/credentials/index.ts';
import { evaluationRoutes, feedbackRoutes, hotTopicRoutes, open311Routes } from './modules/feedback/index.ts';
import {
  accessRoutes,
  createSessionAuthenticate,
  divisionRoutes,
  peopleRoutes,
  signInRoutes,
  singleSignOnRoutes,
} from './modules/identity/index.ts';
import { auditedWrite, hashPayload, ledgerRoutes, resolveLedgerKeys } from './modules/ledger/index.ts';
import {
  applicationReaction,
  applicationRoutes,
  bundleRoutes,
  catalogueRoutes,
  feeApprovalGate,
  feeRoutes,
  supervisionRoutes,
  workflowRoutes,
} from './modules/services/index.ts';
import { sharingRoutes } from './modules/sharing/index.ts';
import { calendarRoutes } from './platform/calendar/index.ts';
import type { Clock } from './platform/clock/index.ts';
import type { Database } from './platform/db/index.ts';
import { deploymentRoutes } from './platform/deployment/index.ts';
import { DomainError } from './platform/errors/index.ts';
import {
  type Authenticate,
  createInProcessMark,
  createValidatorCompiler,
  enforceRouteAccess,
  generateRequestId,
  installErrorHandling,
  isMarkedInProcess,
  REQUEST_ID_HEADER,
  type RouteAccessEntry,
  serveWebApp,
} from './platform/http/index.ts';
import type { MigrationFile } from './platform/migrations/index.ts';
import { notificationRoutes } from './platform/notifications/index.ts';
import { statusRoutes } from './platform/status/index.ts';
import { createVault } from './platform/vault/index.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** Every API route with the access it declared (filled as routes register). */
    routeAccessTable: readonly RouteAccessEntry[];
  }
}

export type AppDeps = {
  config: Config;
  database: Database;
  migrations: MigrationFile[];
  clock: Clock;
  version: string;
  /** Who a request comes from; by default the session cookie (tests may substitute their own). */
  authenticate?: Authenticate;
  /** Pino options, or false for no log (tests). Defaults to the configured level. */
  logger?: FastifyServerOptions['logger'];
};

/** Builds the whole HTTP application without listening, so tests drive it with `inject()`. */
export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const app = Fastify({
    logger: deps.logger ?? {
      level: deps.config.logLevel,
      redact: { paths: ['req.headers.authorization', 'req.headers.cookie'], censor: '[redacted]' },
    },
    genReqId: generateRequestId,
    logController: new LogController({ requestIdLogLabel: 'requestId' }),
    trustProxy: deps.config.trustProxy,
    bodyLimit: 1024 * 1024,
    return503OnClosing: false,
    forceCloseConnections: 'idle',
  });
  app.setValidatorCompiler(createValidatorCompiler());
  installErrorHandling(app);

  let isShuttingDown = false;
  app.addHook('preClose', async () => {
    isShuttingDown = true;
  });
  app.addHook('onRequest', async (request, reply) => {
    reply.header(REQUEST_ID_HEADER, request.id);
    if (isShuttingDown) {
      reply.header('connection', 'close');
      throw new DomainError({
        kind: 'unavailable',
        code: 'shutting-down',
        title: 'Server is shutting down',
        detail: 'This server is shutting down; retry and the request will reach another one.',
      });
    }
  });

  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      directives: {
        // Swagger UI at /api/docs and the web app load only from this origin.
        'script-src': ["'self'"],
        'style-src': ["'self'", "'unsafe-inline'"],
        'img-src': ["'self'", 'data:'],
        // A county office may serve over plain HTTP on its own network; upgrading would break it.
        'upgrade-insecure-requests': null,
      },
    },
  });
  const inProcessMark = createInProcessMark();
  await app.register(fastifyRateLimit, {
    global: true,
    max: deps.config.rateLimitPerMinute,
    timeWindow: '1 minute',
    allowList: (request) => isMarkedInProcess(request, inProcessMark),
  });

  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Shuzhi (数治) API',
        version: deps.version,
        description:
          'The API of Shuzhi, the platform for digital government governance. Errors are RFC 9457 problem+json.',
      },
      tags: [
        { name: 'platform', description: 'Health, readiness, the deployment profile and notifications' },
        { name: 'ledger', description: 'The tamper-evident audit log: checkpoints, proofs, cosignatures' },
        {
          name: 'credentials',
          description: 'Electronic licences and certificates: verification, keys, the wallet, PDF copies',
        },
        {
          name: 'feedback',
          description: 'Requests from the public (12345): intake, routing, transfers, Open311 keys',
        },
        {
          name: 'identity',
          description: 'Administrative divisions, organisations, people, roles and sign-in',
        },
        {
          name: 'sharing',
          description:
            'Data sharing between departments: the catalogue, agreements, the hub, consent, the data tracker',
        },
        {
          name: 'services',
          description: 'One-stop government services: the catalogue, guides and case handling',
        },
      ],
    },
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs' });

  await app.register(fastifyCookie);
  const vault = createVault(deps.config.vaultKeys);
  const sessions = {
    db: deps.database.db,
    clock: deps.clock,
    vault,
    idleTimeoutMs: deps.config.sessionIdleTimeoutMinutes * 60_000,
    absoluteTimeoutMs: deps.config.sessionAbsoluteTimeoutHours * 3_600_000,
  };
  const authenticate = deps.authenticate ?? createSessionAuthenticate(sessions);
  const routeAccessTable = enforceRouteAccess(app, authenticate);
  app.decorate('routeAccessTable', routeAccessTable);

  const startedAt = deps.clock.now();
  await app.register(async (api) => {
    await statusRoutes(api, {
      database: deps.database,
      migrations: deps.migrations,
      clock: deps.clock,
      version: deps.version,
      startedAt,
      isShuttingDown: () => isShuttingDown,
    });
    await deploymentRoutes(api, { db: deps.database.db });
    await calendarRoutes(api, {
      db: deps.database.db,
      clock: deps.clock,
      audit: { auditedWrite, hashPayload },
    });
    await notificationRoutes(api, {
      db: deps.database.db,
      clock: deps.clock,
      isEmailConfigured: deps.config.smtp !== undefined,
    });
    await divisionRoutes(api, { db: deps.database.db });
    await peopleRoutes(api, { db: deps.database.db, clock: deps.clock, vault });
    await signInRoutes(api, sessions);
    await accessRoutes(api, { db: deps.database.db, clock: deps.clock });
    await singleSignOnRoutes(api, {
      ...sessions,
      publicUrl: deps.config.publicUrl,
      inProcessMark,
      secretKey: deps.config.secretKey,
      trustProxy: deps.config.trustProxy,
      authenticate,
    });
    await catalogueRoutes(api, { db: deps.database.db, clock: deps.clock });
    await feedbackRoutes(api, { db: deps.database.db, clock: deps.clock, vault, authenticate });
    await evaluationRoutes(api, { db: deps.database.db, clock: deps.clock });
    await hotTopicRoutes(api, { db: deps.database.db, clock: deps.clock });
    await open311Routes(api, {
      db: deps.database.db,
      clock: deps.clock,
      vault,
      publicUrl: deps.config.publicUrl,
    });
    await ledgerRoutes(api, {
      db: deps.database.db,
      keys: resolveLedgerKeys(deps.config),
      clock: deps.clock,
    });
    await credentialsRoutes(api, {
      db: deps.database.db,
      clock: deps.clock,
      vault,
      ledgerKeys: resolveLedgerKeys(deps.config),
      publicUrl: deps.config.publicUrl,
    });
    await workflowRoutes(api, {
      db: deps.database.db,
      clock: deps.clock,
      react: applicationReaction({ clock: deps.clock, vault, beforeApproval: feeApprovalGate }),
    });
    await applicationRoutes(api, { db: deps.database.db, clock: deps.clock, vault });
    await sharingRoutes(api, {
      db: deps.database.db,
      clock: deps.clock,
      vault,
      ledgerKeys: resolveLedgerKeys(deps.config),
      publicUrl: deps.config.publicUrl,
      decisionWorkingDays: deps.config.sharingDecisionWorkingDays,
    });
    await supervisionRoutes(api, { db: deps.database.db, clock: deps.clock });
    await feeRoutes(api, { db: deps.database.db, clock: deps.clock });
    await bundleRoutes(api, { db: deps.database.db, clock: deps.clock, vault });
    api.get('/api/openapi.json', { config: { access: 'public' }, schema: { hide: true } }, async () =>
      app.swagger(),
    );
  });

  await serveWebApp(app, deps.config.webDir);
  return app;
}
