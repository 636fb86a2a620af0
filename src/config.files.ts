import Joi from 'joi';
import { cronExpression } from './config.rules.js';
import type { FilesConfig } from './modules/files/file.config.js';

// The dossier files' settings (issue 15): their joi keys, read into the Config by src/config.ts,
// which stays the only reader of process.env.

/** The files' keys of the environment schema, spread into it by src/config.ts. */
export const filesKeys = {
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
};

/** The files' part of the Config from the validated environment. */
// joi types its validated value as any; each key's type is fixed by filesKeys above.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function filesConfig(value: Record<string, any>): FilesConfig {
  return {
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
  };
}
