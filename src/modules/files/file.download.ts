import { createHash } from 'node:crypto';
import type { Response } from 'express';
import { create as contentDisposition } from 'content-disposition';
import { pipeline } from 'node:stream/promises';
import { AppError } from '../../http/errors.js';
import type { FileRow } from './file.repository.js';
import { FileMissingError, type FileStore } from './file.store.js';

/**
 * Reads the stored content once to check it against the recorded SHA-256 before anything is sent:
 * a corrupted or missing object answers FILE_CORRUPTED, never a wrong file (the price is a second read).
 */
async function verify(store: FileStore, file: FileRow): Promise<void> {
  const hash = createHash('sha256');
  try {
    const stream = await store.get(file.sha256);
    for await (const chunk of stream) hash.update(chunk as Buffer);
  } catch (error) {
    if (error instanceof FileMissingError) throw new AppError('FILE_CORRUPTED');
    throw error;
  }
  if (hash.digest('hex') !== file.sha256) throw new AppError('FILE_CORRUPTED');
}

/** "Đơn đề nghị.pdf" → "Don de nghi.pdf": the fallback name for clients without RFC 5987. */
export function asciiName(name: string): string {
  return name
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^\x20-\x7e]/g, '_')
    .replace(/["\\]/g, '_');
}

/** Sends a verified file with its detected type and a Content-Disposition safe for Vietnamese names (RFC 6266/5987). */
export async function sendFile(store: FileStore, file: FileRow, res: Response): Promise<void> {
  if (file.imported) throw new AppError('FILE_CONTENT_MISSING');
  await verify(store, file);
  res.status(200);
  res.setHeader('Content-Type', file.contentType);
  res.setHeader('Content-Length', String(file.size));
  // filename*=UTF-8''… for current browsers, an ASCII fallback (diacritics replaced) for the rest.
  res.setHeader(
    'Content-Disposition',
    contentDisposition(file.name, { type: 'attachment', fallback: asciiName(file.name) }),
  );
  res.setHeader('Repr-Digest', `sha-256=:${Buffer.from(file.sha256, 'hex').toString('base64')}:`);
  res.setHeader('Cache-Control', 'private, no-store');
  await pipeline(await store.get(file.sha256), res);
}
