import type { Server } from 'node:http';
import express, { type Express } from 'express';
import helmet from 'helmet';
import { createApp, createServices, type AppDeps, type Services } from './app.js';
import type { Config, ProcessRole } from './config.js';
import { AppError } from './http/errors.js';
import { errorHandler, sendProblem } from './http/problem.js';
import { instantFormatter } from './lib/dates.js';
import { dispatcherHealth } from './modules/outbox/outbox.health.js';

/** What one process runs. */
export interface RolePlan {
  /** The HTTP API (routes, pages, /docs); otherwise only /healthz and /readyz. */
  api: boolean;
  /** The node-cron scheduler (statistics snapshots, sweep, cleanups) and its catch-up at start. */
  jobs: boolean;
  /** The outbox dispatcher loop. */
  dispatcher: boolean;
}

/**
 * The role decides which parts may run; JOBS_ENABLED and OUTBOX_DISPATCHER_ENABLED can still turn
 * one off (a worker with the dispatcher off runs the jobs alone). An `api` process never delivers:
 * its intakes only write outbox rows, which a worker (or an `all` process) sends — on 2 cores that
 * took the intake loss from 20–40% down to single figures (docs/benchmarks.md, outbox).
 */
export function rolePlan(config: Config): RolePlan {
  const role = config.processRole;
  return {
    api: role !== 'worker',
    jobs: role !== 'api' && config.jobsEnabled,
    dispatcher: role !== 'api' && config.outbox.dispatcherEnabled,
  };
}

/** Why this process cannot run its role here, or undefined. */
export function roleProblem(config: Config): string | undefined {
  if (config.processRole === 'all' || config.databaseUrl) return undefined;
  return (
    `PROCESS_ROLE=${config.processRole} needs DATABASE_URL: the api and worker processes share one ` +
    'PostgreSQL database, and an embedded PGlite database is opened by one process only (use PROCESS_ROLE=all)'
  );
}

/**
 * A worker's HTTP side: liveness and readiness for the orchestrator, nothing else (no routes, no
 * /docs, no login). It listens on PORT like the API, so a process manager or Kubernetes probes
 * both the same way, and /healthz says whether the dispatcher loop is running — 503 when it stalled.
 */
function workerApp(deps: AppDeps, services: Services): Express {
  const { database, logger, config } = deps;
  const iso = instantFormatter(config.timeZone);
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.use(helmet());
  app.get('/healthz', (req, res) => {
    const { state, problem } = dispatcherHealth(services.outboxDispatcher.status(), iso);
    const details = { role: 'worker', dispatcher: state, jobs: services.scheduler.scheduled() };
    if (problem) sendProblem(req, res, problem, details);
    else res.json({ status: 'ok', ...details });
  });
  app.get('/readyz', async (req, res) => {
    try {
      await database.checkReady();
      res.json({ status: 'ready', database: database.kind });
    } catch (error) {
      logger.warn({ err: error }, 'readiness check failed');
      sendProblem(req, res, new AppError('SERVICE_UNAVAILABLE'));
    }
  });
  app.use((_req, _res, next) => next(new AppError('NOT_FOUND')));
  app.use(errorHandler(logger));
  return app;
}

export interface RunningProcess {
  server: Server;
  port: number;
  /**
   * Stops in order: no new connections and no new job runs; requests in flight finish (cut after
   * SHUTDOWN_TIMEOUT_MS); the dispatcher ends its round. The caller closes the database after.
   */
  stop(): Promise<void>;
}

/**
 * One motcua process in the role its config names (PROCESS_ROLE): `createApp` for `all` and
 * `api`, the services with a health-only app for `worker`. Nothing runs until `start`, so main.ts
 * can bootstrap the database first. Tests build processes through this too (test/process-roles).
 */
export function createProcess(deps: AppDeps) {
  const { config, logger } = deps;
  const role: ProcessRole = config.processRole;
  const plan = rolePlan(config);
  const built = plan.api ? createApp(deps) : { app: undefined, services: createServices(deps) };
  const { services } = built;
  const app = built.app ?? workerApp(deps, services);

  async function start(options: { catchUp?: boolean } = {}): Promise<RunningProcess> {
    if (plan.jobs) {
      services.scheduler.start();
      // Runs missed while the process was down; in the background, so a long catch-up never delays start.
      if (options.catchUp !== false)
        void services.scheduler
          .catchUp()
          .catch((error: unknown) => logger.error({ err: error }, 'job catch-up failed'));
    }
    // The outbox dispatcher is its own loop, not a cron job: see README "Notifications and the outbox".
    if (plan.dispatcher) services.outboxDispatcher.start();
    if (plan.dispatcher && services.outboxDispatcher.channels.length === 0)
      logger.info('outbox dispatcher idle: no channel is enabled');

    const server: Server = app.listen(config.port, config.host);
    await new Promise<void>((resolve, reject) => {
      server.once('listening', resolve);
      server.once('error', reject);
    });
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;

    async function stop(): Promise<void> {
      services.scheduler.stop();
      await new Promise<void>((resolve) => {
        const force = setTimeout(() => {
          logger.warn('shutdown timeout: closing remaining connections');
          server.closeAllConnections();
        }, config.shutdownTimeoutMs);
        force.unref();
        server.close(() => {
          clearTimeout(force);
          resolve();
        });
        server.closeIdleConnections();
      });
      await services.outboxDispatcher
        .stop()
        .catch((error: unknown) => logger.error({ err: error }, 'stopping the outbox dispatcher failed'));
    }
    return { server, port, stop };
  }

  return { role, plan, app, services, start };
}

export type MotcuaProcess = ReturnType<typeof createProcess>;
