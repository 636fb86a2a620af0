import { randomBytes } from 'node:crypto';
import { isIP } from 'node:net';
import Joi from 'joi';
import { filesConfig, filesKeys } from './config.files.js';
import { digitizationScales, indexKeys, indexScales, type IndexScales } from './config.index.js';
import { outboxConfig, outboxKeys, type OutboxConfig } from './config.outbox.js';
import { cronExpression } from './config.rules.js';
import type { FilesConfig } from './modules/files/file.config.js';
import type { DigitizationScales } from './modules/stats/index-rules.js';

/**
 * Every setting of the API. This module is the only reader of `process.env` (style.md 6):
 * the environment is validated once at start, and the rest of the code receives a frozen Config.
 * `.env.example` documents the same keys. The keys of the outbox, the files and the index scales,
 * with the functions that read them, live beside it (config.outbox.ts, config.files.ts, config.index.ts).
 */

/**
 * What one process runs (README "Running the dispatcher in its own process"): `all` = HTTP API,
 * scheduled jobs and the outbox dispatcher; `api` = the HTTP API alone; `worker` = jobs and the
 * dispatcher, with only /healthz and /readyz over HTTP.
 */
export const PROCESS_ROLES = ['all', 'api', 'worker'] as const;
export type ProcessRole = (typeof PROCESS_ROLES)[number];

/** `DATABASE_STATEMENT_CACHE`'s default (db/statement-cache.ts), also for scripts and tests that open a database. */
export const STATEMENT_CACHE_DEFAULT = 500;

export interface Config {
  readonly env: 'development' | 'production' | 'test';
  readonly processRole: ProcessRole;
  readonly host: string;
  readonly port: number;
  /** PostgreSQL server; unset = embedded PGlite in `pgliteDir`. */
  readonly databaseUrl: string | undefined;
  readonly pgliteDir: string;
  readonly databasePoolMax: number;
  /** Named prepared statements per pool on PostgreSQL; 0 = none (db/statement-cache.ts). */
  readonly databaseStatementCache: number;
  /** Streaming replica for statistics, exports, lists and public lookups (issue 14); unset = all on the primary. */
  readonly readDatabaseUrl: string | undefined;
  /** Replica lag above which those reads go back to the primary. */
  readonly readReplicaMaxLagSeconds: number;
  /** How often the replica's lag is measured (lazily, on reads). */
  readonly readReplicaCheckSeconds: number;
  readonly jwtSecret: string;
  /** True when no JWT_SECRET was given and a random one was made for this process. */
  readonly jwtSecretGenerated: boolean;
  readonly accessTokenTtlSeconds: number;
  readonly refreshTokenTtlDays: number;
  readonly bcryptCost: number;
  /** Wrong passwords from one client (account + IP) that lock the account for that client. */
  readonly loginMaxFailures: number;
  /** Wrong passwords from all clients together that lock the account for everyone. */
  readonly loginAccountMaxFailures: number;
  readonly loginLockMinutes: number;
  readonly loginRateLimitPerMinute: number;
  readonly userCacheTtlSeconds: number;
  readonly publicRateLimitPerMinute: number;
  readonly publicCodeFailureLimit: number;
  readonly lookupLimits: { dailyFailureCeiling: number; phone4LockHours: number };
  readonly jobsEnabled: boolean;
  readonly statsCron: string;
  readonly indexScales: IndexScales;
  readonly digitizationScales: DigitizationScales;
  readonly files: FilesConfig;
  readonly sweepCron: string;
  readonly tokenCleanupCron: string;
  readonly refreshTokenGraceDays: number;
  readonly bootstrapAdminPassword: string | undefined;
  readonly seedDemo: boolean;
  readonly demoPassword: string | undefined;
  readonly corsOrigins: readonly string[];
  readonly bodyLimit: string;
  readonly logLevel: string;
  /** Express `trust proxy`: off, a number of trusted hops, or the proxies' addresses/subnets. */
  readonly trustProxy: false | number | readonly string[];
  readonly shutdownTimeoutMs: number;
  readonly timeZone: string;
  /** Base of the citizen tracking page printed as a QR code on form 01 (`<base>/tra-cuu/<code>`). */
  readonly publicBaseUrl: string;
  /** Citizen notifications and national-portal sync (src/modules/outbox). */
  readonly outbox: OutboxConfig;
}

export type { IndexScales, OutboxConfig };

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

const NAMED_SUBNETS = ['loopback', 'linklocal', 'uniquelocal'];

/** An IP address, an IP/prefix subnet, or one of Express's named subnets. */
function isProxyAddress(entry: string): boolean {
  if (NAMED_SUBNETS.includes(entry)) return true;
  const [address = '', prefix, extra] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || extra !== undefined) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128);
}

/**
 * Issue 9 item 3b: `true` trusted every X-Forwarded-For, so any client could choose its own IP and
 * escape the per-IP limits. Only a hop count or the proxies' own addresses are accepted.
 */
const trustProxySetting = Joi.string()
  .empty('')
  .custom((value: string, helpers) => {
    const text = value.trim();
    if (text === '' || text === 'false' || text === '0') return false;
    if (/^\d{1,2}$/.test(text)) return Number(text);
    const entries = text.split(',').map((e) => e.trim());
    return entries.every(isProxyAddress) ? entries : helpers.error('any.invalid');
  })
  .messages({
    'any.invalid':
      'must be a number of trusted proxy hops (e.g. 1) or a comma-separated list of proxy addresses or subnets' +
      ' (e.g. 10.0.0.0/8,loopback); "true" is not accepted: it trusts any X-Forwarded-For a client sends',
  });

const envSchema = Joi.object({
  NODE_ENV: Joi.string()
    .valid('development', 'production', 'test')
    .default('development')
    .description('Runtime mode; production requires JWT_SECRET.'),
  PROCESS_ROLE: Joi.string()
    .valid(...PROCESS_ROLES)
    .default('all')
    .description(
      'What this process runs: all (HTTP API + jobs + outbox dispatcher), api (HTTP API only), ' +
        'worker (jobs + dispatcher; HTTP only /healthz and /readyz). api and worker need DATABASE_URL.',
    ),
  HOST: Joi.string().default('0.0.0.0').description('Interface to listen on.'),
  PORT: Joi.number().integer().min(0).max(65535).default(3000).description('HTTP port.'),
  DATABASE_URL: Joi.string()
    .uri({ scheme: ['postgres', 'postgresql'] })
    .empty('')
    .description('PostgreSQL connection string; unset = embedded PGlite.'),
  PGLITE_DIR: Joi.string()
    .default('./data/pglite')
    .description('Folder of the embedded database, or memory:// for a throw-away one.'),
  DATABASE_POOL_MAX: Joi.number()
    .integer()
    .min(1)
    .max(200)
    .default(10)
    .description('Connections in the pool (PostgreSQL only).'),
  DATABASE_STATEMENT_CACHE: Joi.number()
    .integer()
    .min(0)
    .max(10_000)
    .default(STATEMENT_CACHE_DEFAULT)
    .description(
      'Repeated writes prepared once per connection: at most this many texts per pool, each prepared on every connection that runs it (PostgreSQL only); 0 = off.',
    ),
  READ_DATABASE_URL: Joi.string()
    .uri({ scheme: ['postgres', 'postgresql'] })
    .empty('')
    .description(
      'Streaming replica of DATABASE_URL for statistics, exports, lists and public lookups; unset = every read on the primary.',
    ),
  READ_REPLICA_MAX_LAG_SECONDS: Joi.number()
    .min(0)
    .max(3600)
    .default(5)
    .description('Replica lag above which those reads go back to the primary.'),
  READ_REPLICA_CHECK_SECONDS: Joi.number()
    .min(0.05)
    .max(60)
    .default(1)
    .description('How often the replica lag is measured.'),
  JWT_SECRET: Joi.string().min(32).empty('').description('HS256 secret for access tokens, at least 32 characters.'),
  ACCESS_TOKEN_TTL_SECONDS: Joi.number()
    .integer()
    .min(60)
    .max(86400)
    .default(900)
    .description('Life of an access token.'),
  REFRESH_TOKEN_TTL_DAYS: Joi.number().integer().min(1).max(365).default(30).description('Life of a refresh token.'),
  BCRYPT_COST: Joi.number().integer().min(4).max(15).default(12).description('bcrypt work factor.'),
  LOGIN_MAX_FAILURES: Joi.number()
    .integer()
    .min(1)
    .max(100)
    .default(5)
    .description('Wrong passwords in a row from one client (account and IP) that lock the account for that client.'),
  LOGIN_ACCOUNT_MAX_FAILURES: Joi.number()
    .integer()
    .min(1)
    .max(100000)
    .default(100)
    .description('Wrong passwords from all clients together that lock the account for everyone.'),
  LOGIN_LOCK_MINUTES: Joi.number()
    .integer()
    .min(1)
    .max(1440)
    .default(15)
    .description('How long a locked account stays locked.'),
  LOGIN_RATE_LIMIT_PER_MINUTE: Joi.number()
    .integer()
    .min(1)
    .max(100000)
    .default(20)
    .description('Login attempts per client IP per minute.'),
  USER_CACHE_TTL_SECONDS: Joi.number()
    .min(0)
    .max(300)
    .default(5)
    .description(
      'How long an instance trusts its cached copy of a user (disable and role changes from other instances take this long).',
    ),
  PUBLIC_RATE_LIMIT_PER_MINUTE: Joi.number()
    .integer()
    .min(1)
    .max(1_000_000)
    .default(60)
    .description('Public dossier lookups per client IP per minute.'),
  PUBLIC_CODE_FAILURE_LIMIT: Joi.number()
    .integer()
    .min(1)
    .max(1_000_000)
    .default(10)
    .description('Failed lookups (wrong PIN or phone digits) per dossier code and client IP per 15 minutes.'),
  PUBLIC_CODE_DAILY_FAILURE_CEILING: Joi.number()
    .integer()
    .min(1)
    .max(1_000_000)
    .default(1000)
    .description(
      'Failed lookups per dossier code per day from all clients together, before the code closes until tomorrow.',
    ),
  PUBLIC_PHONE4_LOCK_HOURS: Joi.number()
    .integer()
    .min(1)
    .max(8760)
    .default(48)
    .description(
      'Hours lookup by the last four phone digits stays closed for a code after a wrong guess (doubles each time).',
    ),
  JOBS_ENABLED: Joi.boolean()
    .truthy('1')
    .falsy('0')
    .default(true)
    .description('Run scheduled jobs in this process (several instances may: an advisory lock keeps each run single).'),
  STATS_CRON: cronExpression('30 0 * * *').description(
    'When the statistics snapshots are computed (cron, in APP_TIME_ZONE).',
  ),
  TOKEN_CLEANUP_CRON: cronExpression('15 3 * * *').description(
    'When expired and revoked refresh tokens are deleted (cron, in APP_TIME_ZONE).',
  ),
  REFRESH_TOKEN_GRACE_DAYS: Joi.number()
    .integer()
    .min(0)
    .max(365)
    .default(7)
    .description('Days an expired or revoked refresh token is kept (reuse detection) before the cleanup deletes it.'),
  SWEEP_CRON: cronExpression('5 * * * *').description(
    'When due-soon and overdue dossiers are swept into notifications (cron, in APP_TIME_ZONE).',
  ),
  ...indexKeys,
  ...filesKeys,
  BOOTSTRAP_ADMIN_PASSWORD: Joi.string()
    .min(10)
    .max(72)
    .empty('')
    .description('Password of the first administrator; unset = random, printed once.'),
  SEED_DEMO: Joi.boolean()
    .truthy('1')
    .falsy('0')
    .description('Create demo agencies and users on an empty database (default: true on PGlite).'),
  DEMO_PASSWORD: Joi.string()
    .min(10)
    .max(72)
    .empty('')
    .description('Password of every demo user; unset = random, printed once.'),
  CORS_ORIGINS: Joi.string()
    .allow('')
    .default('')
    .description('Comma-separated origins allowed by CORS; empty = no cross-origin access.'),
  BODY_LIMIT: Joi.string()
    .pattern(/^\d+(b|kb|mb)$/i)
    .default('1mb')
    .description('Largest JSON body.'),
  LOG_LEVEL: Joi.string()
    .valid('fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent')
    .default('info')
    .description('pino log level.'),
  TRUST_PROXY: trustProxySetting.description(
    'Proxies whose X-Forwarded-For is trusted: false (default), a number of hops, or addresses/subnets.',
  ),
  SHUTDOWN_TIMEOUT_MS: Joi.number()
    .integer()
    .min(0)
    .max(120000)
    .default(10000)
    .description('How long in-flight requests may finish on SIGTERM.'),
  APP_TIME_ZONE: Joi.string().default('Asia/Ho_Chi_Minh').description('Time zone of dates shown.'),
  PUBLIC_BASE_URL: Joi.string()
    .uri({ scheme: ['http', 'https'] })
    .default('http://localhost:3000')
    .description('Public address of the citizen site; the receipt QR code opens <base>/tra-cuu/<code>.'),
  ...outboxKeys,
}).unknown(true);

/**
 * Reads and validates the environment; throws ConfigError naming every bad key. `overrides` are
 * settings given on the command line (`--role=worker` → PROCESS_ROLE), validated the same way.
 */
export function loadConfig(source: NodeJS.ProcessEnv = process.env, overrides: Record<string, string> = {}): Config {
  const { value, error } = envSchema.validate({ ...source, ...overrides }, { abortEarly: false, convert: true });
  if (error) {
    throw new ConfigError(error.details.map((d) => `${d.path.join('.')}: ${d.message}`));
  }
  const env = value.NODE_ENV as Config['env'];
  if (value.READ_DATABASE_URL && !value.DATABASE_URL) {
    throw new ConfigError(['READ_DATABASE_URL: needs DATABASE_URL (the primary it replicates)']);
  }
  if (env === 'production' && !value.JWT_SECRET) {
    throw new ConfigError(['JWT_SECRET: is required when NODE_ENV is production']);
  }
  const databaseUrl = value.DATABASE_URL as string | undefined;
  const config: Config = {
    env,
    processRole: value.PROCESS_ROLE,
    host: value.HOST,
    port: value.PORT,
    databaseUrl,
    pgliteDir: value.PGLITE_DIR,
    databasePoolMax: value.DATABASE_POOL_MAX,
    databaseStatementCache: value.DATABASE_STATEMENT_CACHE,
    readDatabaseUrl: value.READ_DATABASE_URL,
    readReplicaMaxLagSeconds: value.READ_REPLICA_MAX_LAG_SECONDS,
    readReplicaCheckSeconds: value.READ_REPLICA_CHECK_SECONDS,
    jwtSecret: value.JWT_SECRET ?? randomBytes(48).toString('base64url'),
    jwtSecretGenerated: !value.JWT_SECRET,
    accessTokenTtlSeconds: value.ACCESS_TOKEN_TTL_SECONDS,
    refreshTokenTtlDays: value.REFRESH_TOKEN_TTL_DAYS,
    bcryptCost: value.BCRYPT_COST,
    loginMaxFailures: value.LOGIN_MAX_FAILURES,
    loginAccountMaxFailures: value.LOGIN_ACCOUNT_MAX_FAILURES,
    loginLockMinutes: value.LOGIN_LOCK_MINUTES,
    loginRateLimitPerMinute: value.LOGIN_RATE_LIMIT_PER_MINUTE,
    userCacheTtlSeconds: value.USER_CACHE_TTL_SECONDS,
    publicRateLimitPerMinute: value.PUBLIC_RATE_LIMIT_PER_MINUTE,
    publicCodeFailureLimit: value.PUBLIC_CODE_FAILURE_LIMIT,
    lookupLimits: {
      dailyFailureCeiling: value.PUBLIC_CODE_DAILY_FAILURE_CEILING,
      phone4LockHours: value.PUBLIC_PHONE4_LOCK_HOURS,
    },
    jobsEnabled: value.JOBS_ENABLED,
    statsCron: value.STATS_CRON,
    indexScales: indexScales(value),
    digitizationScales: digitizationScales(value),
    files: filesConfig(value),
    sweepCron: value.SWEEP_CRON,
    tokenCleanupCron: value.TOKEN_CLEANUP_CRON,
    refreshTokenGraceDays: value.REFRESH_TOKEN_GRACE_DAYS,
    bootstrapAdminPassword: value.BOOTSTRAP_ADMIN_PASSWORD,
    seedDemo: value.SEED_DEMO ?? databaseUrl === undefined,
    demoPassword: value.DEMO_PASSWORD,
    corsOrigins: String(value.CORS_ORIGINS)
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
    bodyLimit: value.BODY_LIMIT,
    logLevel: value.LOG_LEVEL,
    trustProxy: value.TRUST_PROXY ?? false,
    shutdownTimeoutMs: value.SHUTDOWN_TIMEOUT_MS,
    timeZone: value.APP_TIME_ZONE,
    publicBaseUrl: String(value.PUBLIC_BASE_URL).replace(/\/+$/, ''),
    outbox: outboxConfig(value),
  };
  return Object.freeze(config);
}

/** The keys the schema knows, with their descriptions (for `.env.example` checks and docs). */
export function describeConfigKeys(): Array<{ key: string; description: string }> {
  const described = envSchema.describe() as { keys: Record<string, { flags?: { description?: string } }> };
  return Object.entries(described.keys).map(([key, d]) => ({ key, description: d.flags?.description ?? '' }));
}
