import { strict as assert } from 'node:assert';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

const DEMO_PASSWORD = 'Demo-mat-khau-2026';

interface Started {
  child: ChildProcess;
  url: string;
}
interface Exited {
  code: number | null;
  output: string;
}

/** Starts the API as a real process on `dir`; resolves when it listens, or when it exits first. */
function start(dir: string): Promise<Started | Exited> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    env: {
      PATH: process.env.PATH,
      PORT: '0',
      HOST: '127.0.0.1',
      PGLITE_DIR: dir,
      BCRYPT_COST: '4',
      JOBS_ENABLED: 'false',
      DEMO_PASSWORD,
      BOOTSTRAP_ADMIN_PASSWORD: 'Khoi-tao-2026-ok',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  child.stderr!.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  return new Promise((resolve) => {
    createInterface({ input: child.stdout! }).on('line', (line) => {
      output.push(line);
      const match = /http:\/\/localhost:(\d+)\/docs/.exec(line);
      if (match) resolve({ child, url: `http://127.0.0.1:${match[1]}` });
    });
    child.once('exit', (code) => resolve({ code, output: output.join('\n') }));
  });
}

function started(result: Started | Exited): Started {
  if (!('url' in result)) throw new Error(`exited with ${result.code}: ${result.output}`);
  return result;
}

async function call(url: string, path: string, token?: string, body?: unknown) {
  const res = await fetch(`${url}/api/v1${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

async function login(url: string, username: string): Promise<string> {
  const res = await call(url, '/auth/login', undefined, { username, password: DEMO_PASSWORD });
  assert.equal(res.status, 200, JSON.stringify(res.body));
  return res.body.accessToken as string;
}

describe('embedded database: one process per folder (issue 9 item 2)', () => {
  let dir: string;
  const children: ChildProcess[] = [];
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'motcua-lock-'));
  });
  afterEach(async () => {
    for (const child of children.splice(0)) {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGKILL');
        await once(child, 'exit');
      }
    }
    rmSync(dir, { recursive: true, force: true });
  });

  it('refuses a second process, and a kill -9 of the holder leaves no stuck lock and no lost dossier', async function () {
    this.timeout(90_000);
    const first = started(await start(dir));
    children.push(first.child);

    const token = await login(first.url, 'ttpvhcc.receptionist');
    const procedures = await call(first.url, '/procedures?limit=50', token);
    const items = procedures.body.items as Array<{ code: string }>;
    const codes: string[] = [];
    for (let i = 0; i < 6; i++) {
      const procedure = items[i % items.length]!;
      const res = await call(first.url, '/dossiers', token, {
        procedureCode: procedure.code,
        channel: 'direct',
        applicant: { name: `Nguyễn Văn Thử ${i}`, idNumber: '001190012345', phone: '0912345678', address: 'Hưng Yên' },
      });
      assert.equal(res.status, 201, JSON.stringify(res.body));
      codes.push(res.body.code as string);
    }

    const second = await start(dir);
    assert.ok(!('url' in second), 'the second process must not start');
    assert.notEqual(second.code, 0);
    assert.match(second.output, /in use by another motcua process/);
    assert.ok(second.output.includes(`PID ${first.child.pid}`), second.output);
    assert.ok(second.output.includes(dir.split('/').pop()!), 'the message names the folder');

    first.child.kill('SIGKILL');
    await once(first.child, 'exit');

    const third = started(await start(dir));
    children.push(third.child);
    const again = await login(third.url, 'ttpvhcc.receptionist');
    const listed = await call(third.url, '/dossiers?limit=200', again);
    assert.equal(listed.status, 200, JSON.stringify(listed.body));
    const found = (listed.body.items as Array<{ code: string }>).map((d) => d.code);
    for (const code of codes) assert.ok(found.includes(code), `dossier ${code} acknowledged before the kill is kept`);
  });
});
