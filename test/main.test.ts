import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';

describe('process: start and graceful shutdown', () => {
  it('starts on an empty embedded database, serves, and exits 0 on SIGTERM', async function () {
    this.timeout(60_000);
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      env: {
        PATH: process.env.PATH,
        PORT: '0',
        PGLITE_DIR: 'memory://',
        BCRYPT_COST: '4',
        SEED_DEMO: 'false',
        BOOTSTRAP_ADMIN_PASSWORD: 'Khoi-tao-2026-ok',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const lines: string[] = [];
    const url = await new Promise<string>((resolve, reject) => {
      createInterface({ input: child.stdout! }).on('line', (line) => {
        lines.push(line);
        const match = /http:\/\/localhost:(\d+)\/docs/.exec(line);
        if (match) resolve(`http://127.0.0.1:${match[1]}`);
      });
      child.once('exit', (code) => reject(new Error(`exited early with ${code}: ${lines.join('\n')}`)));
    });
    assert.equal((await fetch(`${url}/readyz`)).status, 200);
    const login = await fetch(`${url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: 'Khoi-tao-2026-ok' }),
    });
    assert.equal(login.status, 200, 'the bootstrap administrator can sign in');
    assert.ok(!lines.join('\n').includes('Khoi-tao-2026-ok'), 'a password given in the environment is not printed');
    child.kill('SIGTERM');
    const [code] = await once(child, 'exit');
    assert.equal(code, 0);
    assert.ok(lines.some((l) => l.includes('"msg":"stopped"')));
  });
});
