/** Settings of the files module (read by src/config.ts from FILES_*). */
export interface S3Settings {
  bucket: string;
  endpoint?: string | undefined;
  region: string;
  accessKeyId?: string | undefined;
  secretAccessKey?: string | undefined;
  forcePathStyle: boolean;
  prefix: string;
}

export interface FilesConfig {
  dir: string;
  maxFileBytes: number;
  maxDossierBytes: number;
  /** Set: the S3-compatible store; unset: the local folder `dir`. */
  s3?: S3Settings | undefined;
  scan: { command?: string | undefined; url?: string | undefined; timeoutMs: number };
  /** Unreferenced content and temp files older than this go (file.sweep.ts). */
  orphanGraceHours: number;
  sweepCron: string;
}
