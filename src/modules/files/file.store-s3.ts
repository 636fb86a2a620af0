import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import type { S3Settings } from './file.config.js';
import { FileMissingError, type FileStore } from './file.store.js';

const SHA = /^[0-9a-f]{64}$/;

function notFound(error: unknown): boolean {
  return (
    error instanceof S3ServiceException &&
    (error.$metadata.httpStatusCode === 404 || error.name === 'NotFound' || error.name === 'NoSuchKey')
  );
}

/** Any S3-compatible store (AWS, MinIO, Ceph, s3rver): one object per content, keyed `<prefix>ab/<sha256>`. */
export function s3FileStore(settings: S3Settings): FileStore {
  const client = new S3Client({
    region: settings.region,
    ...(settings.endpoint ? { endpoint: settings.endpoint } : {}),
    forcePathStyle: settings.forcePathStyle,
    ...(settings.accessKeyId && settings.secretAccessKey
      ? { credentials: { accessKeyId: settings.accessKeyId, secretAccessKey: settings.secretAccessKey } }
      : {}),
    // Many S3-compatible servers reject the SDK's default aws-chunked CRC32 uploads; we verify SHA-256 ourselves.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
  const Bucket = settings.bucket;
  const keyOf = (sha: string) => `${settings.prefix}${sha.slice(0, 2)}/${sha}`;
  const exists = async (sha256: string) => {
    try {
      await client.send(new HeadObjectCommand({ Bucket, Key: keyOf(sha256) }));
      return true;
    } catch (error) {
      if (notFound(error)) return false;
      throw error;
    }
  };
  return {
    kind: 's3',
    async put(sha256, tempPath, size) {
      if (await exists(sha256)) return;
      await client.send(
        new PutObjectCommand({ Bucket, Key: keyOf(sha256), Body: createReadStream(tempPath), ContentLength: size }),
      );
    },
    async get(sha256) {
      try {
        const out = await client.send(new GetObjectCommand({ Bucket, Key: keyOf(sha256) }));
        return out.Body as Readable;
      } catch (error) {
        if (notFound(error)) throw new FileMissingError(sha256);
        throw error;
      }
    },
    exists,
    async delete(sha256) {
      await client.send(new DeleteObjectCommand({ Bucket, Key: keyOf(sha256) }));
    },
    async *list() {
      let ContinuationToken: string | undefined;
      do {
        const page = await client.send(
          new ListObjectsV2Command({ Bucket, Prefix: settings.prefix, ContinuationToken, MaxKeys: 1000 }),
        );
        for (const o of page.Contents ?? []) {
          // Only keys of our layout `<prefix>ab/<sha256>`: anything else in the bucket is not ours to judge.
          const sha = o.Key?.slice(settings.prefix.length).split('/');
          if (!sha || sha.length !== 2 || !SHA.test(sha[1]!) || sha[1]!.slice(0, 2) !== sha[0]) continue;
          yield { sha256: sha[1]!, storedAt: o.LastModified ?? new Date() };
        }
        ContinuationToken = page.IsTruncated ? page.NextContinuationToken : undefined;
      } while (ContinuationToken);
    },
  };
}
