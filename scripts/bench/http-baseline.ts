/**
 * Throughput of an authenticated GET /api/v1/auth/me (JWT check + database read + problem-ready
 * middleware stack) beside a bare Express route that returns the same JSON, both served by one
 * child process, measured alternately in the same run. Target: ratio >= 0.60.
 *
 *   npx tsx scripts/bench/http-baseline.ts                 # embedded PGlite
 *   BENCH_DATABASE_URL=postgres://... npx tsx scripts/bench/http-baseline.ts
 */
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import autocannon from 'autocannon';

const seconds = Number(process.argv[2] ?? 5);
const rounds = Number(process.argv[3] ?? 3);
const env = {
  ...process.env,
  ...(process.env.BENCH_DATABASE_URL ? { DATABASE_URL: process.env.BENCH_DATABASE_URL } : {}),
};
const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/bench/http-server.ts'], {
  env,
  stdio: ['ignore', 'pipe', 'inherit'],
});
const line = await new Promise<string>((resolve) => createInterface({ input: child.stdout! }).once('line', resolve));
const { appPort, barePort, token, database } = JSON.parse(line) as {
  appPort: number;
  barePort: number;
  token: string;
  database: string;
};

async function rps(port: number, headers: Record<string, string>): Promise<number> {
  const result = await autocannon({
    url: `http://127.0.0.1:${port}/api/v1/auth/me`,
    connections: 50,
    duration: seconds,
    headers,
  });
  if (result.non2xx > 0 || result.errors > 0)
    throw new Error(`port ${port}: ${result.non2xx} non-2xx, ${result.errors} errors`);
  return result.requests.average;
}

await rps(barePort, {}); // warm-up
await rps(appPort, { authorization: `Bearer ${token}` });
const bare: number[] = [];
const authed: number[] = [];
for (let i = 0; i < rounds; i++) {
  bare.push(await rps(barePort, {}));
  authed.push(await rps(appPort, { authorization: `Bearer ${token}` }));
}
child.kill();
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
console.log(`database: ${database}`);
console.log(
  `bare express   GET /api/v1/auth/me: ${median(bare).toFixed(0)} req/s (rounds: ${bare.map((x) => x.toFixed(0)).join(', ')})`,
);
console.log(
  `authenticated  GET /api/v1/auth/me: ${median(authed).toFixed(0)} req/s (rounds: ${authed.map((x) => x.toFixed(0)).join(', ')})`,
);
console.log(`ratio authenticated / bare: ${(median(authed) / median(bare)).toFixed(2)} (target >= 0.60)`);
