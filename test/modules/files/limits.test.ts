import { strict as assert } from 'node:assert';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { bearer } from '../../support/factories.js';
import { buildFilesWorld, twoComponents } from './files-world.js';

/**
 * Posts a multipart body of `total` bytes produced lazily, without Content-Length (chunked), and
 * reports the answer and how many bytes the server let the client produce before it stopped reading.
 */
function streamUpload(port: number, path: string, headers: Record<string, string>, total: number) {
  const boundary = 'motcua-test-boundary';
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="kind"\r\n\r\ncomponent\r\n` +
      `--${boundary}\r\nContent-Disposition: form-data; name="componentIndex"\r\n\r\n0\r\n` +
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="lon.pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4\n`,
  );
  let produced = 0;
  const chunk = Buffer.alloc(64 * 1024, 0x20);
  const body = Readable.from(
    (function* () {
      yield head;
      while (produced < total) {
        produced += chunk.length;
        yield chunk;
      }
      yield Buffer.from(`\r\n--${boundary}--\r\n`);
    })(),
  );
  return new Promise<{ status: number; body: string; produced: number }>((resolve, reject) => {
    const req = http.request(
      {
        port,
        path,
        method: 'POST',
        headers: { ...headers, 'content-type': `multipart/form-data; boundary=${boundary}` },
      },
      (res) => {
        let text = '';
        res.on('data', (c: Buffer) => {
          text += c.toString();
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text, produced }));
      },
    );
    req.on('error', reject);
    body.pipe(req);
  });
}

describe('files: size limits', () => {
  it('refuses an oversized upload with 413 without reading the whole body, and leaves no temp file', async function () {
    this.timeout(60_000);
    const w = await buildFilesWorld({ FILES_MAX_FILE_BYTES: String(1024 * 1024) });
    const d = await w.intake(twoComponents);
    const server = http.createServer(w.app).listen(0);
    try {
      const { port } = server.address() as AddressInfo;
      const total = 300 * 1024 * 1024;
      const res = await streamUpload(port, `/api/v1/dossiers/${d.id}/files`, bearer(w.receptionist), total);
      assert.equal(res.status, 413);
      assert.equal(JSON.parse(res.body).code, 'FILE_TOO_LARGE');
      // The server stopped reading after ~1 MB: the client could only fill the socket buffers.
      assert.ok(res.produced < 40 * 1024 * 1024, `client produced ${res.produced} bytes of ${total}`);
    } finally {
      server.close();
    }
    assert.deepEqual(await w.rows(d.id), []);
    assert.deepEqual(w.temps(), []);
    assert.deepEqual(w.objects(), []);
  });

  it('refuses at once when Content-Length already says the body is too large', async () => {
    const w = await buildFilesWorld({ FILES_MAX_FILE_BYTES: '1000' });
    const d = await w.intake(twoComponents);
    const res = await w.upload(d.id, w.receptionist, {
      content: Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(200_000)]),
    });
    assert.equal(res.status, 413);
    assert.equal(res.body.code, 'FILE_TOO_LARGE');
    assert.deepEqual(w.temps(), []);
  });
});
