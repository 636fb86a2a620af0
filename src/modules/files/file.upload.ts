import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Request } from 'express';
import busboy from 'busboy';
import { fileTypeFromBuffer, fileTypeFromFile } from 'file-type';
import { AppError } from '../../http/errors.js';

/** Accepted content, decided from the bytes (magic numbers), never from the name or the declared type. */
export const ALLOWED_TYPES: Readonly<Record<string, string>> = {
  pdf: 'application/pdf',
  jpg: 'image/jpeg',
  png: 'image/png',
  tif: 'image/tiff',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  xml: 'application/xml',
};
export const ALLOWED_MIME = [...new Set(Object.values(ALLOWED_TYPES))];

export interface ReceivedFile {
  tempPath: string;
  name: string;
  size: number;
  sha256: string;
  /** The first bytes, for type detection without reading the file again. */
  head: Buffer;
}

const HEAD_BYTES = 64 * 1024;

export interface ReceivedUpload {
  fields: Record<string, string>;
  file?: ReceivedFile;
}

const invalid = (path: string, type: string, message: string) =>
  new AppError('VALIDATION_FAILED', {}, [{ path, type, message }]);

/**
 * Streams a multipart/form-data request: the one file part goes to a temp file while its SHA-256 and
 * size are computed, never whole in memory. Past `maxBytes` the request is abandoned at once: the
 * body is no longer read, the temp file is removed and the caller answers 413 on a closing connection.
 */
const madeDirs = new Set<string>();

export async function receiveMultipart(req: Request, tempDir: string, maxBytes: number): Promise<ReceivedUpload> {
  // Once per process and folder (a sweep never removes the folder itself).
  if (!madeDirs.has(tempDir)) {
    await mkdir(tempDir, { recursive: true });
    madeDirs.add(tempDir);
  }
  const declared = Number(req.headers['content-length']);
  // Multipart framing adds well under 64 KiB; a declared length beyond that is refused before reading anything.
  if (Number.isFinite(declared) && declared > maxBytes + 64 * 1024)
    throw new AppError('FILE_TOO_LARGE', { limit: maxBytes });
  let parser: busboy.Busboy;
  try {
    parser = busboy({
      headers: req.headers,
      defParamCharset: 'utf8',
      highWaterMark: 1024 * 1024,
      fileHwm: 1024 * 1024,
      limits: { files: 1, fileSize: maxBytes, fields: 10, fieldSize: 8 * 1024, parts: 12 },
    });
  } catch {
    throw invalid('body', 'multipart.invalid', 'multipart/form-data with a boundary');
  }
  const fields: Record<string, string> = {};
  const temps: string[] = [];
  let writing: Promise<ReceivedFile> | undefined;

  let failed = false;
  const done = new Promise<void>((resolve, reject) => {
    const fail = (error: unknown) => {
      failed = true;
      req.unpipe(parser);
      req.pause();
      reject(error);
    };
    parser.on('field', (name, value, info) => {
      if (info.valueTruncated || info.nameTruncated) fail(invalid(`body.${name}`, 'string.max', 'too long'));
      else fields[name] = value;
    });
    parser.on('file', (field, stream, info) => {
      if (field !== 'file' || writing) {
        stream.resume();
        fail(invalid(`body.${field}`, 'object.unknown', 'one file, in the field "file"'));
        return;
      }
      const tempPath = join(tempDir, `${randomUUID()}.part`);
      temps.push(tempPath);
      const hash = createHash('sha256');
      let size = 0;
      const heads: Buffer[] = [];
      stream.on('limit', () => {
        const error = new AppError('FILE_TOO_LARGE', { limit: maxBytes });
        stream.destroy(error);
        fail(error);
      });
      // Up to 1 MiB queued before the file part is paused (the default 16 KiB paused it after every socket
      // chunk); the queued chunks go to the disk together (writev).
      const out = createWriteStream(tempPath, { flags: 'wx', highWaterMark: 1024 * 1024 });
      // A failed upload removes its temp file at once; the stream opens its file asynchronously, so it
      // is removed again when the stream closes, in case it appeared after (seen on Node 26).
      out.once('close', () => {
        if (failed) void rm(tempPath, { force: true });
      });
      // Hash, size and head are taken as each chunk goes to the file, in its data path: no stream in between.
      // The listener is attached before the pipe in the same tick, so it sees every chunk, in order, and
      // the pipe's backpressure (pause) stops it too.
      stream.on('data', (chunk: Buffer) => {
        if (size < HEAD_BYTES) heads.push(chunk.subarray(0, HEAD_BYTES - size));
        hash.update(chunk);
        size += chunk.length;
      });
      writing = pipeline(stream, out).then(() => ({
        tempPath,
        name: info.filename || 'tep-tin',
        size,
        sha256: hash.digest('hex'),
        head: Buffer.concat(heads),
      }));
      writing.catch(fail);
    });
    parser.on('filesLimit', () => fail(invalid('body.file', 'array.max', 'one file per request')));
    parser.on('partsLimit', () => fail(invalid('body', 'object.max', 'too many parts')));
    parser.on('fieldsLimit', () => fail(invalid('body', 'object.max', 'too many fields')));
    parser.on('error', () => fail(invalid('body', 'multipart.invalid', 'malformed multipart body')));
    parser.on('close', () => resolve());
    req.on('aborted', () => fail(invalid('body', 'request.aborted', 'aborted')));
    req.pipe(parser);
  });

  try {
    await done;
    const file = writing ? await writing : undefined;
    return file ? { fields, file } : { fields };
  } catch (error) {
    await Promise.all(temps.map((t) => rm(t, { force: true })));
    throw error;
  }
}

/**
 * The content type by magic bytes, or an AppError when it is not one of the accepted kinds. The head
 * decides (file-type would otherwise scan up to 10 MB of a PDF); a ZIP whose Office part lies beyond
 * it is read from the file.
 */
export async function detectAllowedType(path: string, head: Buffer): Promise<string> {
  const fromHead = await fileTypeFromBuffer(head);
  const detected = fromHead?.ext === 'zip' || fromHead === undefined ? await fileTypeFromFile(path) : fromHead;
  const mime = detected ? ALLOWED_TYPES[detected.ext] : undefined;
  if (!mime) throw new AppError('FILE_TYPE_NOT_ALLOWED', { detected: detected?.ext ?? 'unknown' });
  return mime;
}
