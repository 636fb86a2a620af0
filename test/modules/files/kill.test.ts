import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { openDatabase } from '../../../src/db/client.js';
import { queryRows } from '../../../src/db/rows.js';
import { sweepTempFiles } from '../../../src/modules/files/file.store.js';

/** A real process killed with SIGKILL in the middle of a streamed upload (script-style test). */
describe('files: kill -9 during an upload', () => {
  it('leaves no file row, no event and no object in the store; the temp file is swept', async function () {
    this.timeout(120_000);
    const root = mkdtempSync(join(tmpdir(), 'motcua-kill-'));
    const filesDir = join(root, 'files');
    const pgliteDir = join(root, 'pglite');
    const child = spawn(process.execPath, ['--import', 'tsx', 'test/modules/files/kill-child.ts'], {
      env: { ...process.env, KILL_FILES_DIR: filesDir, KILL_PGLITE_DIR: pgliteDir },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const info = await new Promise<{ port: number; token: string; dossierId: string }>((resolve, reject) => {
      child.stdout.once('data', (line: Buffer) => resolve(JSON.parse(line.toString())));
      child.once('exit', (code) => reject(new Error(`child exited ${code}`)));
    });
    const boundary = 'kill-boundary';
    const req = http.request({
      port: info.port,
      host: '127.0.0.1',
      method: 'POST',
      path: `/api/v1/dossiers/${info.dossierId}/files`,
      headers: { authorization: `Bearer ${info.token}`, 'content-type': `multipart/form-data; boundary=${boundary}` },
    });
    req.on('error', () => undefined);
    req.write(
      `--${boundary}\r\nContent-Disposition: form-data; name="kind"\r\n\r\ncomponent\r\n--${boundary}\r\nContent-Disposition: form-data; name="componentIndex"\r\n\r\n0\r\n` +
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\n\r\n%PDF-1.4\n`,
    );
    const chunk = Buffer.alloc(1024 * 1024, 0x20);
    for (let i = 0; i < 20; i++) await new Promise<void>((resolve) => req.write(chunk, () => resolve()));
    // Part of the file is on disk as a temp file when the process dies.
    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline && readdirSync(join(filesDir, 'tmp')).length === 0)
      await new Promise((r) => setTimeout(r, 50));
    child.kill('SIGKILL');
    await new Promise((resolve) => child.once('exit', resolve));
    req.destroy();

    assert.deepEqual(
      readdirSync(filesDir).filter((n) => n === 'objects'),
      [],
      'no object was stored',
    );
    const leftovers = readdirSync(join(filesDir, 'tmp'));
    assert.equal(leftovers.length, 1);
    assert.ok(leftovers[0]!.endsWith('.part'), 'only a temp file, never a final name');
    assert.equal(await sweepTempFiles(filesDir, 0, Date.now() + 1000), 1);
    assert.deepEqual(readdirSync(join(filesDir, 'tmp')), []);

    const database = openDatabase({ pgliteDir, poolMax: 1 });
    try {
      const files = await queryRows<{ n: number }>(database.db, sql`select count(*)::int as n from dossier_files`);
      const events = await queryRows<{ type: string }>(database.db, sql`select type from dossier_events order by seq`);
      assert.equal(Number(files[0]!.n), 0);
      assert.deepEqual(
        events.map((e) => e.type),
        ['received'],
      );
    } finally {
      await database.close();
    }
  });
});
