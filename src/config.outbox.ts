import Joi from 'joi';
import { cronExpression, flag } from './config.rules.js';

// The outbox's settings (issue 12): their joi keys, read into the Config by src/config.ts, which
// stays the only reader of process.env. Every channel is off by default.

/** Settings of the outbox and its channels. */
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
  readonly stallPolls: number;
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

/** The outbox's keys of the environment schema, spread into it by src/config.ts. */
export const outboxKeys = {
  OUTBOX_DISPATCHER_ENABLED: flag(true).description(
    'Plan and deliver outbox messages from this process (several instances may: each event is planned, and each message sent, by one).',
  ),
  OUTBOX_POLL_MS: Joi.number()
    .integer()
    .min(10)
    .max(60000)
    .default(1000)
    .description('How often the dispatcher looks for recorded events and due messages.'),
  OUTBOX_BATCH_SIZE: Joi.number()
    .integer()
    .min(1)
    .max(1000)
    .default(50)
    .description('Recorded events a dispatcher plans, and messages it takes, at once.'),
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
  OUTBOX_STALL_POLLS: Joi.number()
    .integer()
    .min(2)
    .max(100000)
    .default(30)
    .description(
      'Poll intervals (plus one OUTBOX_SEND_TIMEOUT_MS) without a finished round or recorded attempt after which ' +
        '/healthz answers 503: the dispatcher loop is stalled.',
    ),
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
};

/** The outbox's part of the Config from the validated environment. */
// joi types its validated value as any; each key's type is fixed by outboxKeys above.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function outboxConfig(value: Record<string, any>): OutboxConfig {
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
    stallPolls: value.OUTBOX_STALL_POLLS,
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
