import type { Server } from 'node:http';
import { createApp } from './app.js';
import { ConfigError, loadConfig, type Config } from './config.js';
import { openDatabase } from './db/client.js';
import { acquireFolderLock, FolderLockedError, type FolderLock } from './db/folder-lock.js';
import { createLogger } from './logger.js';
import { bootstrap } from './seed/bootstrap.js';

function readConfig(): Config {
  try {
    return loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\nSee .env.example for every setting.\n`);
      process.exit(1);
    }
    throw error;
  }
}

/**
 * Issue 9 item 2: a PGlite folder is opened by one process only; a second one stops here with
 * the folder and the holder's PID. PostgreSQL and in-memory databases need no lock.
 */
async function lockEmbeddedFolder(config: Config): Promise<FolderLock | undefined> {
  if (config.databaseUrl || config.pgliteDir.startsWith('memory://')) return undefined;
  try {
    return await acquireFolderLock(config.pgliteDir);
  } catch (error) {
    if (error instanceof FolderLockedError) {
      process.stderr.write(`motcua cannot start: ${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
}

async function main(): Promise<void> {
  const config = readConfig();
  const logger = createLogger(config.logLevel);
  if (config.jwtSecretGenerated)
    logger.warn('JWT_SECRET is not set: a random secret is used, and sessions end when the process restarts');
  const lock = await lockEmbeddedFolder(config);
  const database = openDatabase({
    url: config.databaseUrl,
    pgliteDir: config.pgliteDir,
    poolMax: config.databasePoolMax,
  });
  await database.migrate();
  // Issue 14: a streaming replica for reads that may lag; it is never migrated (it replays the primary).
  const replica = config.readDatabaseUrl
    ? openDatabase({ url: config.readDatabaseUrl, pgliteDir: '', poolMax: config.databasePoolMax })
    : undefined;
  const { app, services } = createApp({ config, database, replica, logger });
  await bootstrap(database.db, services, config, logger);
  if (config.jobsEnabled) {
    services.scheduler.start();
    // Runs missed while the API was down; in the background, so a long catch-up never delays start.
    void services.scheduler.catchUp().catch((error: unknown) => logger.error({ err: error }, 'job catch-up failed'));
  }

  // The outbox dispatcher is its own loop, not a cron job: see README "Notifications and the outbox".
  if (config.outbox.dispatcherEnabled) services.outboxDispatcher.start();

  const server: Server = app.listen(config.port, config.host);
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  logger.info({ database: database.kind }, `motcua API listening; reference at http://localhost:${port}/docs`);

  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down: no new connections, finishing requests in flight');
    const force = setTimeout(() => {
      logger.warn('shutdown timeout: closing remaining connections');
      server.closeAllConnections();
    }, config.shutdownTimeoutMs);
    force.unref();
    services.scheduler.stop();
    server.close(async () => {
      await services.outboxDispatcher
        .stop()
        .catch((error: unknown) => logger.error({ err: error }, 'stopping the outbox dispatcher failed'));
      await database.close().catch((error: unknown) => logger.error({ err: error }, 'closing the database failed'));
      await replica?.close().catch((error: unknown) => logger.error({ err: error }, 'closing the replica failed'));
      await lock?.release();
      logger.info('stopped');
      process.exit(0);
    });
    server.closeIdleConnections();
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

main().catch((error: unknown) => {
  process.stderr.write(
    `motcua failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
