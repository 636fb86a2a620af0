import { ConfigError, loadConfig, type Config } from './config.js';
import { openDatabase } from './db/client.js';
import { acquireFolderLock, FolderLockedError, type FolderLock } from './db/folder-lock.js';
import { createLogger } from './logger.js';
import { createProcess, roleProblem } from './process.js';
import { bootstrap } from './seed/bootstrap.js';

/** `--role=api|worker|all` (or `--role worker`) on the command line: PROCESS_ROLE for this process. */
function commandLineSettings(args: readonly string[]): Record<string, string> {
  const i = args.findIndex((a) => a === '--role' || a.startsWith('--role='));
  if (i < 0) return {};
  const arg = args[i]!;
  return { PROCESS_ROLE: arg.includes('=') ? arg.slice('--role='.length) : (args[i + 1] ?? '') };
}

function readConfig(): Config {
  try {
    return loadConfig(undefined, commandLineSettings(process.argv.slice(2)));
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
  const problem = roleProblem(config);
  if (problem) {
    process.stderr.write(`motcua cannot start: ${problem}\n`);
    process.exit(1);
  }
  const logger = createLogger(config.logLevel);
  if (config.jwtSecretGenerated)
    logger.warn('JWT_SECRET is not set: a random secret is used, and sessions end when the process restarts');
  const lock = await lockEmbeddedFolder(config);
  const database = openDatabase({
    url: config.databaseUrl,
    pgliteDir: config.pgliteDir,
    poolMax: config.databasePoolMax,
    statementCache: config.databaseStatementCache,
  });
  await database.migrate();
  // Issue 14: a streaming replica for reads that may lag; it is never migrated (it replays the primary).
  const replica = config.readDatabaseUrl
    ? openDatabase({
        url: config.readDatabaseUrl,
        pgliteDir: '',
        poolMax: config.databasePoolMax,
        statementCache: config.databaseStatementCache,
      })
    : undefined;
  // PROCESS_ROLE: all = API + jobs + dispatcher; api = the API alone; worker = jobs + dispatcher (process.ts).
  const motcua = createProcess({ config, database, replica, logger });
  // The administrator and demo data are made by a process that serves logins; a worker leaves them alone.
  if (motcua.plan.api) await bootstrap(database.db, motcua.services, config, logger);
  const running = await motcua.start();
  logger.info(
    { database: database.kind, role: motcua.role, ...motcua.plan },
    motcua.plan.api
      ? `motcua API listening; reference at http://localhost:${running.port}/docs`
      : `motcua worker running; health at http://localhost:${running.port}/healthz`,
  );

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down: no new connections, finishing requests in flight');
    await running.stop();
    await database.close().catch((error: unknown) => logger.error({ err: error }, 'closing the database failed'));
    await replica?.close().catch((error: unknown) => logger.error({ err: error }, 'closing the replica failed'));
    await lock?.release();
    logger.info('stopped');
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((error: unknown) => {
  process.stderr.write(
    `motcua failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
