import { execFile } from 'node:child_process';
import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import { AppError } from '../../http/errors.js';
import type { FilesConfig } from './file.config.js';

/** Checks a finished upload before it is stored; throws FILE_INFECTED or FILE_SCAN_FAILED. */
export type VirusScan = (path: string, size: number) => Promise<void>;

/**
 * The optional virus-scan hook (off by default): a shell command given the file as "$1" (the path
 * is passed as an argument, never pasted into the command), or an HTTP endpoint the file is POSTed to.
 */
export function virusScan(scan: FilesConfig['scan']): VirusScan | undefined {
  if (scan.command) {
    const command = scan.command;
    return (path) =>
      new Promise<void>((resolve, reject) => {
        execFile('/bin/sh', ['-c', `${command} "$1"`, 'scan', path], { timeout: scan.timeoutMs }, (error) => {
          if (!error) resolve();
          else if (error.code === 1) reject(new AppError('FILE_INFECTED'));
          else reject(new AppError('FILE_SCAN_FAILED'));
        });
      });
  }
  if (scan.url) {
    const url = scan.url;
    return async (path, size) => {
      let status: number;
      try {
        const res = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/octet-stream', 'content-length': String(size) },
          body: Readable.toWeb(createReadStream(path)) as ReadableStream,
          duplex: 'half',
          signal: AbortSignal.timeout(scan.timeoutMs),
        } as RequestInit);
        status = res.status;
        await res.body?.cancel();
      } catch {
        throw new AppError('FILE_SCAN_FAILED');
      }
      if (status >= 400 && status < 500) throw new AppError('FILE_INFECTED');
      if (status < 200 || status >= 300) throw new AppError('FILE_SCAN_FAILED');
    };
  }
  return undefined;
}
