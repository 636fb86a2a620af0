/**
 * A province supervisor's dashboard data for one month (issue 14): `GET /stats/agencies` with the
 * roll-up over the province, served from the nightly snapshots (run scripts/bench/nightly.ts first),
 * beside the same request for a month without snapshots (computed live) in the same run.
 * Target: < 200 ms p95 from snapshots.
 *
 *   DATABASE_URL=postgres://... npx tsx scripts/bench/dashboard.ts [snapshotMonth=2026-09] [liveMonth=2026-07] [seconds=10]
 */
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import autocannon from 'autocannon';

const [snapshotMonth = '2026-09', liveMonth = '2026-07'] = process.argv.slice(2, 4);
const seconds = Number(process.argv[4] ?? 10);
const api = spawn(process.execPath, ['--import', 'tsx', 'scripts/bench/dossier-server.ts'], {
  stdio: ['ignore', 'pipe', 'inherit'],
});
const info = JSON.parse(
  await new Promise<string>((resolve) => createInterface({ input: api.stdout! }).once('line', resolve)),
) as {
  port: number;
  supervisorToken: string;
};
const base = `http://127.0.0.1:${info.port}`;
const headers = { authorization: `Bearer ${info.supervisorToken}` };

async function run(month: string) {
  const url = `${base}/api/v1/stats/agencies?period=${month}&rollup=true`;
  const first = await fetch(url, { headers });
  const body = (await first.json()) as { source?: string; rows?: unknown[] };
  if (first.status !== 200) throw new Error(`${month}: ${first.status} ${JSON.stringify(body)}`);
  const result = await autocannon({ url, connections: 10, duration: seconds, headers });
  return { source: body.source, rows: body.rows?.length ?? 0, result };
}

const snap = await run(snapshotMonth);
const live = await run(liveMonth);
api.kill();
const ms = (x: number) => `${x.toFixed(1)} ms`;
for (const [month, r] of [
  [snapshotMonth, snap],
  [liveMonth, live],
] as const) {
  console.log(
    `${month} (${r.source}, ${r.rows} agencies): ${r.result.requests.average.toFixed(0)} req/s, p50 ${ms(r.result.latency.p50)},` +
      ` p90 ${ms(r.result.latency.p90)}, p97.5 ${ms(r.result.latency.p97_5)}, p99 ${ms(r.result.latency.p99)}`,
  );
}
