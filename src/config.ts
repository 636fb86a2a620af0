import { randomBytes } from 'node:crypto';
import { isIP } from 'node:net';
import { CronExpressionParser } from 'cron-parser';
import Joi from 'joi';
import type { FilesConfig } from './modules/files/file.config.js';
import type { DigitizationScales } from './modules/stats/index-rules.js';

/**
 * Every setting of the API. This module is the only reader of `process.env` (style.md 6):
 * the environment is validated once at start, and the rest of the code receives a frozen Config.
 * `.env.example` documents the same keys.
 */
/**
 * Point scales of the reform indices (domain B5). They rest on unconfirmed readings of Decision 766
 * and the PAR INDEX methodology (A9), so they are settings; every figure carries the version.
 */
export interface IndexScales {
  progressPoints: number;
  onlinePoints: number;
  onlineFullAt: number;
  satisfactionPoints: number;
  satisfactionFullAt: number;
  /** PAR INDEX: [minimum rate, points], highest minimum first; the first match wins. */
  parScale: Array<[number, number]>;
}

/**
 * What one process runs (README "Running the dispatcher in its own process"): `all` = HTTP API,
 * scheduled jobs and the outbox dispatcher; `api` = the HTTP API alone; `worker` = jobs and the
 * dispatcher, with only /healthz and /readyz over HTTP.
 */
export const PROCESS_ROLES = ['all', 'api', 'worker'] as const;
export type ProcessRole = (typeof PROCESS_ROLES)[number];

export interface Config {
  readonly env: 'development' | 'production' | 'test';
  readonly processRole: ProcessRole;
  readonly host: string;
  readonly port: number;
  /** PostgreSQL server; unset = embedded PGlite in `pgliteDir`. */
  readonly databaseUrl: string | undefined;
  readonly pgliteDir: string;
  readonly databasePoolMax: number;
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

/** Settings of the outbox and its channels; every channel is off by default. */
export interface OutboxConfig {
  readonly publicBaseUrl: string;
  readonly dispatcherEnabled: boolean;
  readonly pollMs: number;
  readonly batchSize: number;
  readonly concurrency: number;
  readonly maxAttempts: number;
  readonly backoffBaseMs: number;
  readonly backoffMaxMs: number;
  readonly leaseMs: number;
  readonly sendTimeoutMs: number;
  readonly email: {
    readonly enabled: boolean;
    readonly host: string | undefined;
    readonly port: number;
    readonly secure: boolean;
    readonly requireTls: boolean;
    readonly rejectUnauthorized: boolean;
    readonly user: string | undefined;
    readonly password: string | undefined;
    readonly from: string;
  };
  readonly sms: {
    readonly enabled: boolean;
    readonly url: string | undefined;
    readonly token: string | undefined;
    readonly senderName: string;
    readonly unicode: boolean;
    readonly maxLength: number;
  };
  readonly zalo: {
    readonly enabled: boolean;
    readonly url: string;
    readonly accessToken: string | undefined;
    readonly templates: Readonly<
      Partial<Record<'intake' | 'supplement' | 'apology' | 'result' | 'returned' | 'withdrawn', string>>
    >;
  };
  readonly portal: {
    readonly enabled: boolean;
    readonly url: string | undefined;
    readonly secret: string | undefined;
    readonly sourceId: string;
  };
  /** Channels assumed for an applicant whose intake stated no `applicant.notify` (consent on the paper form). */
  readonly defaultConsent: readonly ('sms' | 'email' | 'zalo')[];
  /** The daily cleanup of delivered and dead messages with their delivery log. */
  readonly retention: {
    readonly cron: string;
    readonly sentDays: number;
    /** 0 = dead messages are kept until an administrator retries them. */
    readonly deadDays: number;
    readonly batchSize: number;
  };
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** A cron expression that cron-parser accepts (bad schedules stop the process at start). */
const cronExpression = (fallback: string) =>
  Joi.string()
    .max(100)
    .default(fallback)
    .custom((value: string, helpers) => {
      try {
        CronExpressionParser.parse(value);
        return value;
      } catch {
        return helpers.error('any.invalid');
      }
    });

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
const flag = (fallback: boolean) => Joi.boolean().truthy('1').falsy('0').default(fallback);

const ZALO_TEMPLATES = {
  intake: 'INTAKE',
  supplement: 'SUPPLEMENT',
  apology: 'APOLOGY',
  result: 'RESULT',
  returned: 'RETURNED',
  withdrawn: 'WITHDRAWN',
} as const;
const zaloTemplateKeys = Object.fromEntries(
  Object.entries(ZALO_TEMPLATES).map(([notice, key]) => [
    `ZALO_TEMPLATE_${key}`,
    Joi.string().max(100).empty('').description(`ZNS template id of the ${notice} notice; unset = not sent by Zalo.`),
  ]),
);

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
  INDEX_PROGRESS_POINTS: Joi.number()
    .min(0)
    .max(100)
    .default(20)
    .description('Decision 766 criterion 2.1 (progress): points at a 100% rate.'),
  INDEX_ONLINE_POINTS: Joi.number()
    .min(0)
    .max(100)
    .default(12)
    .description('Decision 766 criterion 3.3 (online share): maximum points.'),
  INDEX_ONLINE_FULL_AT: Joi.number()
    .greater(0)
    .max(1)
    .default(0.5)
    .description('Online share that earns full points (below: in proportion).'),
  INDEX_SATISFACTION_POINTS: Joi.number()
    .min(0)
    .max(100)
    .default(6)
    .description('Decision 766 criterion 5.4 (satisfaction): maximum points.'),
  INDEX_SATISFACTION_FULL_AT: Joi.number()
    .greater(0)
    .max(1)
    .default(0.9)
    .description('Satisfaction rate that earns full points.'),
  PAR_SCALE: Joi.string()
    .pattern(/^(\d(\.\d+)?:\d+(\.\d+)?)(,\d(\.\d+)?:\d+(\.\d+)?)*$/)
    .default('1:1,0.95:0.5,0:0')
    .description('PAR INDEX on-time points: "minimum rate:points" pairs, highest minimum first.'),
  INDEX_DIGITIZED_POINTS: Joi.number()
    .min(0)
    .max(100)
    .default(8)
    .description('Decision 766 digitisation group: points for dossiers whose components were digitised at intake.'),
  INDEX_DIGITIZED_FULL_AT: Joi.number()
    .greater(0)
    .max(1)
    .default(0.8)
    .description('Digitised-at-intake share that earns full points.'),
  INDEX_ELECTRONIC_RESULT_POINTS: Joi.number()
    .min(0)
    .max(100)
    .default(8)
    .description('Decision 766 digitisation group: points for results issued electronically.'),
  INDEX_ELECTRONIC_RESULT_FULL_AT: Joi.number()
    .greater(0)
    .max(1)
    .default(0.8)
    .description('Electronic-result share that earns full points.'),
  INDEX_REUSE_POINTS: Joi.number()
    .min(0)
    .max(100)
    .default(6)
    .description('Decision 766 digitisation group: points for reuse of already digitised documents.'),
  INDEX_REUSE_FULL_AT: Joi.number()
    .greater(0)
    .max(1)
    .default(0.5)
    .description('Reused share of digitised components that earns full points.'),
  FILES_DIR: Joi.string()
    .default('./data/files')
    .description('Folder of dossier files (local store) and of upload temp files.'),
  FILES_MAX_FILE_BYTES: Joi.number()
    .integer()
    .min(1)
    .max(10 * 1024 ** 3)
    .default(50 * 1024 ** 2)
    .description('Largest dossier file, in bytes.'),
  FILES_MAX_DOSSIER_BYTES: Joi.number()
    .integer()
    .min(1)
    .max(100 * 1024 ** 3)
    .default(200 * 1024 ** 2)
    .description('Largest total of the files of one dossier, in bytes.'),
  FILES_S3_BUCKET: Joi.string()
    .empty('')
    .description('S3 bucket for dossier files; unset = the local folder FILES_DIR.'),
  FILES_S3_ENDPOINT: Joi.string()
    .uri({ scheme: ['http', 'https'] })
    .empty('')
    .description('S3-compatible endpoint (MinIO, Ceph, …); unset = AWS.'),
  FILES_S3_REGION: Joi.string().default('us-east-1').description('S3 region.'),
  FILES_S3_ACCESS_KEY_ID: Joi.string()
    .empty('')
    .description('S3 access key; unset = the AWS default credential chain.'),
  FILES_S3_SECRET_ACCESS_KEY: Joi.string().empty('').description('S3 secret key.'),
  FILES_S3_FORCE_PATH_STYLE: Joi.boolean()
    .truthy('1')
    .falsy('0')
    .default(false)
    .description('Path-style S3 addressing (most S3-compatible servers need it).'),
  FILES_S3_PREFIX: Joi.string()
    .allow('')
    .pattern(/^[A-Za-z0-9._/-]*$/)
    .default('')
    .description('Key prefix inside the bucket.'),
  FILES_SCAN_COMMAND: Joi.string()
    .empty('')
    .description(
      'Virus scan: a shell command run with the file path as "$1"; exit 0 = clean, 1 = infected. Unset = off.',
    ),
  FILES_SCAN_URL: Joi.string()
    .uri({ scheme: ['http', 'https'] })
    .empty('')
    .description('Virus scan over HTTP: the file is POSTed; 2xx = clean, 4xx = infected. Unset = off.'),
  FILES_SCAN_TIMEOUT_MS: Joi.number().integer().min(100).max(600000).default(60000).description('Longest virus scan.'),
  FILES_ORPHAN_GRACE_HOURS: Joi.number()
    .min(0)
    .max(24 * 365)
    .default(24)
    .description('Stored content no dossier file needs, and upload temp files, are removed once older than this.'),
  FILES_SWEEP_CRON: cronExpression('40 3 * * *').description(
    'When unreferenced file content and stale upload temp files are swept (cron, in APP_TIME_ZONE).',
  ),
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
  OUTBOX_DISPATCHER_ENABLED: flag(true).description(
    'Deliver outbox messages from this process (several instances may: each message is sent by one).',
  ),
  OUTBOX_POLL_MS: Joi.number()
    .integer()
    .min(10)
    .max(60000)
    .default(1000)
    .description('How often the dispatcher looks for due messages.'),
  OUTBOX_BATCH_SIZE: Joi.number()
    .integer()
    .min(1)
    .max(1000)
    .default(50)
    .description('Messages a dispatcher takes at once.'),
  OUTBOX_CONCURRENCY: Joi.number()
    .integer()
    .min(1)
    .max(200)
    .default(8)
    .description('Messages a dispatcher sends at the same time.'),
  OUTBOX_MAX_ATTEMPTS: Joi.number()
    .integer()
    .min(1)
    .max(100)
    .default(8)
    .description('Attempts before a message is dead.'),
  OUTBOX_BACKOFF_BASE_MS: Joi.number()
    .integer()
    .min(0)
    .max(86_400_000)
    .default(30000)
    .description('Delay before the 2nd attempt; doubles each attempt, with jitter.'),
  OUTBOX_BACKOFF_MAX_MS: Joi.number()
    .integer()
    .min(0)
    .max(604_800_000)
    .default(21_600_000)
    .description('Longest delay between attempts.'),
  OUTBOX_LEASE_MS: Joi.number()
    .integer()
    .min(1000)
    .max(86_400_000)
    .default(120000)
    .description('A message left in "sending" this long (its sender died) is taken again.'),
  OUTBOX_SEND_TIMEOUT_MS: Joi.number()
    .integer()
    .min(100)
    .max(600000)
    .default(15000)
    .description('Time limit of one delivery attempt.'),
  OUTBOX_DEFAULT_CONSENT: Joi.string()
    .allow('')
    .pattern(/^\s*(sms|email|zalo)(\s*,\s*(sms|email|zalo))*\s*$/)
    .default('')
    .description('Channels (sms,email,zalo) for an applicant whose intake stated no applicant.notify; empty = none.'),
  OUTBOX_RETENTION_CRON: cronExpression('45 3 * * *').description(
    'When delivered and dead outbox messages past their retention are deleted (cron, in APP_TIME_ZONE).',
  ),
  OUTBOX_RETENTION_DAYS: Joi.number()
    .integer()
    .min(1)
    .max(3650)
    .default(90)
    .description('Days a sent message and its delivery log are kept after it was delivered.'),
  OUTBOX_DEAD_RETENTION_DAYS: Joi.number()
    .integer()
    .min(0)
    .max(3650)
    .default(365)
    .description(
      'Days a dead (undelivered) message and its delivery log are kept after it was written; 0 = until retried.',
    ),
  OUTBOX_RETENTION_BATCH_SIZE: Joi.number()
    .integer()
    .min(1)
    .max(10000)
    .default(1000)
    .description('Messages the retention job deletes per statement (each batch commits on its own).'),
  EMAIL_ENABLED: flag(false).description('Send e-mail notices through SMTP.'),
  SMTP_HOST: Joi.string()
    .hostname()
    .empty('')
    .when('EMAIL_ENABLED', { is: true, then: Joi.required() })
    .description('SMTP server.'),
  SMTP_PORT: Joi.number().integer().min(1).max(65535).default(587).description('SMTP port (587 STARTTLS, 465 TLS).'),
  SMTP_SECURE: flag(false).description('TLS from the first byte (port 465); false = STARTTLS when offered.'),
  SMTP_REQUIRE_TLS: flag(false).description('Refuse to send unless the server upgrades with STARTTLS.'),
  SMTP_TLS_REJECT_UNAUTHORIZED: flag(true).description('Check the SMTP server certificate.'),
  SMTP_USER: Joi.string().empty('').description('SMTP user name; unset = no authentication.'),
  SMTP_PASSWORD: Joi.string().empty('').description('SMTP password.'),
  SMTP_FROM: Joi.string()
    .max(300)
    .default('Một cửa điện tử <no-reply@localhost>')
    .description('Sender of the e-mails.'),
  SMS_ENABLED: flag(false).description('Send SMS notices through the HTTP gateway.'),
  SMS_GATEWAY_URL: Joi.string()
    .uri({ scheme: ['http', 'https'] })
    .empty('')
    .when('SMS_ENABLED', { is: true, then: Joi.required() })
    .description('SMS gateway endpoint (JSON POST, see docs/integration.md).'),
  SMS_GATEWAY_TOKEN: Joi.string()
    .empty('')
    .when('SMS_ENABLED', { is: true, then: Joi.required() })
    .description('Bearer token of the SMS gateway.'),
  SMS_SENDER_NAME: Joi.string().max(11).default('MOTCUA').description('Registered brand name shown as the sender.'),
  SMS_UNICODE: flag(false).description(
    'The gateway takes accented Vietnamese; false = text without tone marks, GSM-7.',
  ),
  SMS_MAX_LENGTH: Joi.number()
    .integer()
    .min(70)
    .max(1000)
    .default(160)
    .description('Longest SMS text (GSM-7 characters, or characters with SMS_UNICODE).'),
  ZALO_ENABLED: flag(false).description('Send Zalo ZNS template messages by phone number.'),
  ZALO_API_URL: Joi.string()
    .uri({ scheme: ['http', 'https'] })
    .default('https://business.openapi.zalo.me/message/template')
    .description('ZNS template-message endpoint.'),
  ZALO_ACCESS_TOKEN: Joi.string()
    .empty('')
    .when('ZALO_ENABLED', { is: true, then: Joi.required() })
    .description('Zalo Official Account access token.'),
  ...zaloTemplateKeys,
  PORTAL_SYNC_ENABLED: flag(false).description('Send each status change to the national public service portal.'),
  PORTAL_SYNC_URL: Joi.string()
    .uri({ scheme: ['http', 'https'] })
    .empty('')
    .when('PORTAL_SYNC_ENABLED', { is: true, then: Joi.required() })
    .description('Endpoint receiving the status documents.'),
  PORTAL_SYNC_SECRET: Joi.string()
    .min(32)
    .empty('')
    .when('PORTAL_SYNC_ENABLED', { is: true, then: Joi.required() })
    .description('HMAC-SHA256 key shared with the portal (at least 32 characters).'),
  PORTAL_SOURCE_ID: Joi.string()
    .max(100)
    .default('motcua')
    .description('Identifier of this system in the status documents.'),
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
    indexScales: {
      progressPoints: value.INDEX_PROGRESS_POINTS,
      onlinePoints: value.INDEX_ONLINE_POINTS,
      onlineFullAt: value.INDEX_ONLINE_FULL_AT,
      satisfactionPoints: value.INDEX_SATISFACTION_POINTS,
      satisfactionFullAt: value.INDEX_SATISFACTION_FULL_AT,
      parScale: String(value.PAR_SCALE)
        .split(',')
        .map((pair) => pair.split(':').map(Number) as [number, number]),
    },
    digitizationScales: {
      digitizedPoints: value.INDEX_DIGITIZED_POINTS,
      digitizedFullAt: value.INDEX_DIGITIZED_FULL_AT,
      electronicResultPoints: value.INDEX_ELECTRONIC_RESULT_POINTS,
      electronicResultFullAt: value.INDEX_ELECTRONIC_RESULT_FULL_AT,
      reusePoints: value.INDEX_REUSE_POINTS,
      reuseFullAt: value.INDEX_REUSE_FULL_AT,
    },
    files: {
      dir: value.FILES_DIR,
      maxFileBytes: value.FILES_MAX_FILE_BYTES,
      maxDossierBytes: value.FILES_MAX_DOSSIER_BYTES,
      s3: value.FILES_S3_BUCKET
        ? {
            bucket: value.FILES_S3_BUCKET,
            endpoint: value.FILES_S3_ENDPOINT,
            region: value.FILES_S3_REGION,
            accessKeyId: value.FILES_S3_ACCESS_KEY_ID,
            secretAccessKey: value.FILES_S3_SECRET_ACCESS_KEY,
            forcePathStyle: value.FILES_S3_FORCE_PATH_STYLE,
            prefix: value.FILES_S3_PREFIX,
          }
        : undefined,
      scan: { command: value.FILES_SCAN_COMMAND, url: value.FILES_SCAN_URL, timeoutMs: value.FILES_SCAN_TIMEOUT_MS },
      orphanGraceHours: value.FILES_ORPHAN_GRACE_HOURS,
      sweepCron: value.FILES_SWEEP_CRON,
    },
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

/** What `envSchema.validate` answers: untyped by joi, each key's type fixed by the schema above. */
type ValidatedEnv = ReturnType<typeof envSchema.validate>['value'];

function outboxConfig(value: ValidatedEnv): OutboxConfig {
  return {
    publicBaseUrl: String(value.PUBLIC_BASE_URL).replace(/\/+$/, ''),
    dispatcherEnabled: value.OUTBOX_DISPATCHER_ENABLED,
    pollMs: value.OUTBOX_POLL_MS,
    batchSize: value.OUTBOX_BATCH_SIZE,
    concurrency: value.OUTBOX_CONCURRENCY,
    maxAttempts: value.OUTBOX_MAX_ATTEMPTS,
    backoffBaseMs: value.OUTBOX_BACKOFF_BASE_MS,
    backoffMaxMs: value.OUTBOX_BACKOFF_MAX_MS,
    leaseMs: value.OUTBOX_LEASE_MS,
    sendTimeoutMs: value.OUTBOX_SEND_TIMEOUT_MS,
    email: {
      enabled: value.EMAIL_ENABLED,
      host: value.SMTP_HOST,
      port: value.SMTP_PORT,
      secure: value.SMTP_SECURE,
      requireTls: value.SMTP_REQUIRE_TLS,
      rejectUnauthorized: value.SMTP_TLS_REJECT_UNAUTHORIZED,
      user: value.SMTP_USER,
      password: value.SMTP_PASSWORD,
      from: value.SMTP_FROM,
    },
    sms: {
      enabled: value.SMS_ENABLED,
      url: value.SMS_GATEWAY_URL,
      token: value.SMS_GATEWAY_TOKEN,
      senderName: value.SMS_SENDER_NAME,
      unicode: value.SMS_UNICODE,
      maxLength: value.SMS_MAX_LENGTH,
    },
    zalo: {
      enabled: value.ZALO_ENABLED,
      url: value.ZALO_API_URL,
      accessToken: value.ZALO_ACCESS_TOKEN,
      templates: Object.fromEntries(
        Object.entries(ZALO_TEMPLATES)
          .filter(([, key]) => value[`ZALO_TEMPLATE_${key}`])
          .map(([notice, key]) => [notice, value[`ZALO_TEMPLATE_${key}`]]),
      ),
    },
    portal: {
      enabled: value.PORTAL_SYNC_ENABLED,
      url: value.PORTAL_SYNC_URL,
      secret: value.PORTAL_SYNC_SECRET,
      sourceId: value.PORTAL_SOURCE_ID,
    },
    defaultConsent: String(value.OUTBOX_DEFAULT_CONSENT ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean) as Array<'sms' | 'email' | 'zalo'>,
    retention: {
      cron: value.OUTBOX_RETENTION_CRON,
      sentDays: value.OUTBOX_RETENTION_DAYS,
      deadDays: value.OUTBOX_DEAD_RETENTION_DAYS,
      batchSize: value.OUTBOX_RETENTION_BATCH_SIZE,
    },
  };
}

/** The keys the schema knows, with their descriptions (for `.env.example` checks and docs). */
export function describeConfigKeys(): Array<{ key: string; description: string }> {
  const described = envSchema.describe() as { keys: Record<string, { flags?: { description?: string } }> };
  return Object.entries(described.keys).map(([key, d]) => ({ key, description: d.flags?.description ?? '' }));
}
