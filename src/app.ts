import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import cors from 'cors';
import express, { type Express, type RequestHandler } from 'express';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';
import helmet from 'helmet';
import type { Logger } from 'pino';
import { pinoHttp } from 'pino-http';
import swaggerUi from 'swagger-ui-express';
import { systemClock, type Clock } from './clock.js';
import type { Config } from './config.js';
import type { Database } from './db/client.js';
import { createReadRouting } from './db/read-routing.js';
import { Api, type EndpointSpec, type ResponseCheck } from './http/endpoint.js';
import { AppError } from './http/errors.js';
import { buildOpenApi } from './http/openapi.js';
import { errorHandler, sendProblem } from './http/problem.js';
import { instantFormatter } from './lib/dates.js';
import { packageVersion } from './lib/package-info.js';
import { safeError } from './lib/safe-error.js';
import { agencyRoutes } from './modules/agencies/agency.routes.js';
import { createAgencyService } from './modules/agencies/agency.service.js';
import { authRoutes } from './modules/auth/auth.routes.js';
import { createSessionService } from './modules/auth/session.service.js';
import { verifyAccessToken } from './modules/auth/tokens.js';
import { userRoutes } from './modules/auth/user.routes.js';
import { createUserDirectory } from './modules/auth/user-directory.js';
import { createUserService } from './modules/auth/user.service.js';
import { calendarRoutes } from './modules/calendar/calendar.routes.js';
import { createCalendarService } from './modules/calendar/calendar.service.js';
import { dossierRoutes } from './modules/dossiers/dossier.routes.js';
import { createDossierService } from './modules/dossiers/dossier.service.js';
import { createDirectory, createDossierAccess } from './modules/documents/documents.adapter.js';
import { documentRoutes } from './modules/documents/documents.routes.js';
import { createDocumentsService } from './modules/documents/documents.service.js';
import { createRefusalService } from './modules/documents/refusal.service.js';
import { createDossierAccess as createFileDossierAccess } from './modules/files/file.dossier-access.js';
import { fileRoutes } from './modules/files/file.routes.js';
import { virusScan } from './modules/files/file.scan.js';
import { createFileService } from './modules/files/file.service.js';
import { s3FileStore } from './modules/files/file.store-s3.js';
import { localFileStore } from './modules/files/file.store.js';
import { procedureRoutes } from './modules/procedures/procedure.routes.js';
import { createProcedureService } from './modules/procedures/procedure.service.js';
import { jobRoutes } from './jobs/jobs.routes.js';
import { createScheduler } from './jobs/scheduler.js';
import { deadlineSweepJob } from './jobs/deadline-sweep.job.js';
import { filesSweepJob } from './jobs/files-sweep.job.js';
import { statsSnapshotJob } from './jobs/stats-snapshots.job.js';
import { tokenCleanupJob } from './jobs/token-cleanup.job.js';
import { outboxRetentionJob } from './jobs/outbox-retention.job.js';
import { notificationRoutes } from './modules/notifications/notification.routes.js';
import { createNotificationService } from './modules/notifications/notification.service.js';
import { statsRoutes } from './modules/stats/stats.routes.js';
import { createStatsService } from './modules/stats/stats.service.js';
import type { ChannelAdapter } from './modules/outbox/channels/channel.js';
import { buildChannels } from './modules/outbox/outbox.channels.js';
import { createDispatcher } from './modules/outbox/outbox.dispatcher.js';
import { dossierAccess } from './modules/outbox/outbox.dossier-access.js';
import { dispatcherHealth } from './modules/outbox/outbox.health.js';
import { OUTBOX_TAG, OUTBOX_TAG_DESCRIPTION, outboxRoutes } from './modules/outbox/outbox.routes.js';
import { createOutboxService } from './modules/outbox/outbox.service.js';
import { trackingRoutes } from './modules/tracking/tracking.routes.js';
import { createPublicTracking } from './modules/pages/pages.adapter.js';
import { pagesRouter } from './modules/pages/pages.routes.js';

export const API_PREFIX = '/api/v1';

export interface AppDeps {
  config: Config;
  database: Database;
  /** Streaming replica of `database` (READ_DATABASE_URL); reads that may lag go there (issue 14). */
  replica?: Database;
  logger: Logger;
  clock?: Clock;
  /** Tests pass one to check every JSON success answer against its declared schema (issue 13). */
  checkResponse?: ResponseCheck;
  /** Delivery adapters instead of those the settings build (tests: an adapter that never answers). */
  channels?: readonly ChannelAdapter[];
}

export function createServices(deps: AppDeps) {
  const {
    config,
    database: { db },
    logger,
  } = deps;
  const clock = deps.clock ?? systemClock;
  const timeZone = config.timeZone;
  const reads = createReadRouting(db, deps.replica?.db, {
    maxLagMs: config.readReplicaMaxLagSeconds * 1000,
    checkIntervalMs: config.readReplicaCheckSeconds * 1000,
    // Wall time, not the app clock: lag is a property of the servers, not of the domain's "now".
    iso: (d) => instantFormatter(timeZone)(d)!,
  });
  const { readDb } = reads;
  const agencies = createAgencyService(db, clock, timeZone);
  const directory = createUserDirectory(db, clock, config.userCacheTtlSeconds * 1000);
  const calendar = createCalendarService(db, agencies, clock);
  const agencyExists = (id: string) => agencies.exists(id);
  const users = createUserService(db, { bcryptCost: config.bcryptCost, timeZone, clock, directory, agencyExists });
  const procedures = createProcedureService(db, timeZone, agencyExists);
  const dossiers = createDossierService(db, {
    clock,
    timeZone,
    calendar,
    procedures,
    agencies,
    users,
    lookupLimits: config.lookupLimits,
    readDb,
  });
  // Files (issue 15): attachments go through the dossier write path; digitisation counts feed the index.
  const files = createFileService(db, {
    clock,
    timeZone,
    config: config.files,
    access: createFileDossierAccess(dossiers),
    scan: virusScan(config.files.scan),
    store: config.files.s3 ? s3FileStore(config.files.s3) : localFileStore(config.files.dir),
  });
  dossiers.useImportedFiles(files.importedFiles);
  // Issue 12: the outbox records what each dossier event owes in the event's transaction; its dispatcher plans
  // and delivers the messages.
  const outbox = createOutboxService(db, {
    clock,
    config: config.outbox,
    timeZone,
    access: dossierAccess({ clock, procedures, agencies, dossiers }),
  });
  dossiers.onEvent(outbox.onEvent);
  const stats = createStatsService(db, {
    clock,
    timeZone,
    agencies,
    procedures,
    scales: config.indexScales,
    readDb,
    digitization: { counts: files.digitizationCounts, scales: config.digitizationScales },
  });
  const sessions = createSessionService(db, config, clock, directory);
  const notifications = createNotificationService(db, clock, timeZone, {
    dueOrOverdue: (tx, asOf) => dossiers.dueOrOverdue(tx, asOf),
    leadersIn: (tx, agencyIds) => users.leadersIn(tx, agencyIds),
  });
  const scheduler = createScheduler(db, clock, logger, timeZone, [
    statsSnapshotJob(config.statsCron, (tx, asOf) => stats.snapshot(tx, asOf)),
    deadlineSweepJob(config.sweepCron, (tx, asOf) => notifications.sweep(tx, asOf)),
    tokenCleanupJob(config.tokenCleanupCron, (tx, asOf) => sessions.cleanup(tx, asOf)),
    filesSweepJob(config.files.sweepCron, (tx) => files.sweepOrphans(tx)),
    outboxRetentionJob(config.outbox.retention.cron, (asOf) => outbox.purgeFinished(asOf)),
  ]);
  // Domain B2: a changed calendar or year schedule recomputes the deadlines of the open dossiers it
  // touches — as a job, off the request path.
  calendar.onChange(async (change) => {
    const run = await scheduler.startBackground('deadline-recompute', () => dossiers.recomputeDeadlines(change));
    return { jobRunId: run.id };
  });
  const paperDirectory = createDirectory(agencies, procedures, users);
  const refusals = createRefusalService(db, { timeZone, directory: paperDirectory });
  const documents = createDocumentsService({
    dossiers: createDossierAccess(dossiers),
    directory: paperDirectory,
    refusals,
    publicBaseUrl: config.publicBaseUrl,
    timeZone,
  });
  return {
    reads,
    agencies,
    calendar,
    directory,
    sessions,
    users,
    procedures,
    dossiers,
    stats,
    files,
    refusals,
    documents,
    notifications,
    scheduler,
    outbox,
    outboxDispatcher: createDispatcher(db, {
      clock,
      logger,
      channels: deps.channels ?? buildChannels(config.outbox),
      options: config.outbox,
      plan: (limit) => outbox.planPending(limit),
    }),
  };
}

export type Services = ReturnType<typeof createServices>;

const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

/** The Express app without listening (tests import it). */
export function createApp(deps: AppDeps): { app: Express; services: Services; specs: readonly EndpointSpec[] } {
  const { config, database, logger } = deps;
  const services = createServices(deps);
  const app = express();
  app.disable('x-powered-by');
  // Responses are per-user and dynamic: hashing each body for an ETag buys nothing.
  app.set('etag', false);
  app.set('trust proxy', config.trustProxy);

  app.use(
    pinoHttp({
      logger,
      genReqId: (req, res) => {
        const given = req.headers['x-request-id'];
        const id = typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
        res.setHeader('X-Request-Id', id);
        return id;
      },
      serializers: {
        req: (req: IncomingMessage & { id?: unknown }) => ({
          id: req.id,
          method: req.method,
          path: (req.url ?? '').split('?')[0],
        }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
        err: safeError,
      },
      // Issue 13 "Everyone": who made the request, by id only (names are personal data).
      customProps: (_req, res) => {
        const actor = (res as { locals?: { actor?: { userId?: string } } }).locals?.actor;
        return actor?.userId ? { userId: actor.userId } : {};
      },
      customLogLevel: (_req, res, err) =>
        err || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info',
    }),
  );

  const api = new Api(
    (token) => verifyAccessToken(token, config.jwtSecret),
    (id) => services.directory.get(id),
    deps.checkResponse,
  );
  const openApi = buildOpenApiLazily(api);
  app.use(
    '/docs',
    helmet({
      contentSecurityPolicy: {
        directives: { 'style-src': ["'self'", "'unsafe-inline'"], 'img-src': ["'self'", 'data:'] },
      },
    }),
    swaggerUi.serve,
    swaggerUi.setup(undefined, { swaggerOptions: { url: '/openapi.json' }, customSiteTitle: 'motcua API' }),
  );
  app.use(helmet());
  app.use(cors({ origin: config.corsOrigins.length > 0 ? [...config.corsOrigins] : false }));
  app.use(express.json({ limit: config.bodyLimit }));
  // After the body parser: the routing scope must wrap the handlers, not the stream callbacks.
  app.use(services.reads.middleware);

  // An `all` process runs the dispatcher too: a stalled loop makes the process unhealthy (503).
  app.get('/healthz', (req, res) => {
    const { state, problem } = dispatcherHealth(services.outboxDispatcher.status(), instantFormatter(config.timeZone));
    if (problem) sendProblem(req, res, problem, { dispatcher: state });
    else res.json({ status: 'ok' });
  });
  app.get('/readyz', async (req, res) => {
    try {
      await database.checkReady();
      // A lagging or unreachable replica does not make the API unready: its reads go to the primary.
      const replica = await services.reads.status();
      res.json({ status: 'ready', database: database.kind, ...(replica ? { replica } : {}) });
    } catch (error) {
      logger.warn({ err: error }, 'readiness check failed');
      sendProblem(req, res, new AppError('SERVICE_UNAVAILABLE'));
    }
  });
  app.get('/openapi.json', (_req, res) => {
    res.json(openApi());
  });

  const tooMany: RequestHandler = (_req, _res, next) => next(new AppError('RATE_LIMITED'));
  const loginLimiter = rateLimit({
    windowMs: 60_000,
    limit: config.loginRateLimitPerMinute,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    handler: tooMany,
  });
  authRoutes(api, services.sessions, loginLimiter);
  userRoutes(api, services.users);
  agencyRoutes(api, services.agencies);
  calendarRoutes(api, services.calendar);
  procedureRoutes(api, services.procedures);
  dossierRoutes(api, services.dossiers, () => services.stats.invalidateSnapshots());
  statsRoutes(api, services.stats);
  jobRoutes(api, services.scheduler, config.timeZone);
  notificationRoutes(api, services.notifications);
  documentRoutes(api, services.documents, services.refusals);
  outboxRoutes(api, services.outbox);
  api.tagDescriptions.set(OUTBOX_TAG, OUTBOX_TAG_DESCRIPTION);
  // One set of limiters for every public route of a dossier code: lookups and result downloads share the counts.
  const publicLimiters = [
    rateLimit({
      windowMs: 60_000,
      limit: config.publicRateLimitPerMinute,
      standardHeaders: 'draft-8',
      legacyHeaders: false,
      handler: tooMany,
    }),
    // Per code and client, only failed lookups count: a stranger's guesses slow the stranger, not the
    // holder. The code-wide ceiling and the phone-digit lock are in the dossiers module (lookup-guard.ts).
    rateLimit({
      windowMs: 15 * 60_000,
      limit: config.publicCodeFailureLimit,
      skipSuccessfulRequests: true,
      standardHeaders: false,
      legacyHeaders: false,
      // The same form of the code as the lookup uses (joi trims it): `%20<code>` gets no fresh budget.
      keyGenerator: (req) => `code:${String(req.params.code).trim()}:${ipKeyGenerator(req.ip ?? '')}`,
      handler: tooMany,
    }),
  ];
  trackingRoutes(api, services.dossiers, publicLimiters);
  fileRoutes(api, services.files, publicLimiters);
  app.use(API_PREFIX, api.router);
  app.use(pagesRouter({ tracking: createPublicTracking(services.dossiers), lookupLimiters: publicLimiters }));

  app.use((_req, _res, next) => next(new AppError('NOT_FOUND')));
  app.use(errorHandler(logger));
  return { app, services, specs: api.specs };
}

function buildOpenApiLazily(api: Api): () => object {
  let doc: object | undefined;
  return () => (doc ??= buildOpenApi(api.specs, API_PREFIX, packageVersion, api.tagDescriptions));
}
