import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

/**
 * Stores a response for idempotent replay without keeping it readable at rest: the row is found by
 * a hash of the client's key, and the body is sealed (AES-256-GCM) with another hash of the same
 * key. The database alone cannot open it; the client retrying with its key can.
 */
export function idempotencyLookupHash(scope: string, key: string): string {
  return createHash('sha256').update(`lookup:${scope}:${key}`).digest('hex');
}

function sealingKey(scope: string, key: string): Buffer {
  return createHash('sha256').update(`seal:${scope}:${key}`).digest();
}

export function seal(scope: string, key: string, value: unknown): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', sealingKey(scope, key), iv);
  const body = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
}

export function unseal<T>(scope: string, key: string, sealed: string): T {
  const raw = Buffer.from(sealed, 'base64');
  const decipher = createDecipheriv('aes-256-gcm', sealingKey(scope, key), raw.subarray(0, 12));
  decipher.setAuthTag(raw.subarray(12, 28));
  return JSON.parse(Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8')) as T;
}
