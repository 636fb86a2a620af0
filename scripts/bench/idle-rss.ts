/**
 * Idle memory of the built API: starts `node dist/src/main.js`, waits for /readyz and a quiet
 * period, reads VmRSS from /proc, stops it with SIGTERM. Target: under 150 MB on PostgreSQL.
 *
 *   npm run build && DATABASE_URL=postgres://... npx tsx scripts/bench/idle-rss.ts
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';

const port = 3997;
const child = spawn(process.execPath, ['dist/src/main.js'], {
  env: { ...process.env, PORT: String(port), LOG_LEVEL: 'warn', BCRYPT_COST: '10', SEED_DEMO: 'false' },
  stdio: 'ignore',
});
for (let i = 0; i < 100; i++) {
  const ok = await fetch(`http://127.0.0.1:${port}/readyz`).then(
    (r) => r.ok,
    () => false,
  );
  if (ok) break;
  await sleep(200);
}
await sleep(5000);
const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
const rssKb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1]);
child.kill('SIGTERM');
console.log(`database: ${process.env.DATABASE_URL ? 'postgres' : 'pglite'}`);
console.log(`idle RSS: ${(rssKb / 1024).toFixed(1)} MB (target < 150 MB)`);
