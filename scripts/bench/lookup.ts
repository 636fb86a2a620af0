/**
 * Public lookup on the volume seed (issue 14), two ways, in one run:
 *  1. open loop: requests leave at a fixed rate whatever the answers do (wrk2-style), and each
 *     latency is measured from its scheduled instant, so a stall counts for every request it delays.
 *     Target: p99 < 10 ms at 500/s.
 *  2. closed loop (autocannon, 50 connections): lookups/s beside a bare Express route that returns
 *     the same JSON, in its own process like the API. Target: ≥ 50% of bare.
 *
 *   DATABASE_URL=postgres://... npx tsx scripts/bench/lookup.ts [rate=500] [seconds=20]
 */
import { spawn } from 'node:child_process';
import http from 'node:http';
import { createInterface } from 'node:readline';
import autocannon from 'autocannon';

const rate = Number(process.argv[2] ?? 500);
const seconds = Number(process.argv[3] ?? 20);
const firstLine = (stream: NodeJS.ReadableStream) =>
  new Promise<string>((resolve) => createInterface({ input: stream }).once('line', resolve));

const api = spawn(process.execPath, ['--import', 'tsx', 'scripts/bench/dossier-server.ts'], {
  stdio: ['ignore', 'pipe', 'inherit'],
});
const info = JSON.parse(await firstLine(api.stdout!)) as {
  port: number;
  samples: Array<{ code: string; phone4: string }>;
};
const path = (i: number) => {
  const s = info.samples[i % info.samples.length]!;
  return `/api/v1/public/dossiers/${encodeURIComponent(s.code)}?phone4=${s.phone4}`;
};
const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
const get = (port: number, p: string) =>
  new Promise<number>((resolve, reject) => {
    http
      .get({ host: '127.0.0.1', port, path: p, agent }, (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      })
      .on('error', reject);
  });

// The same JSON the API answers, served bare.
const sample = await new Promise<string>((resolve) => {
  http.get({ host: '127.0.0.1', port: info.port, path: path(0), agent }, (res) => {
    let text = '';
    res.on('data', (c: Buffer) => {
      text += c.toString();
    });
    res.on('end', () => resolve(text));
  });
});
const bare = spawn(process.execPath, ['--import', 'tsx', 'scripts/bench/bare-json-server.ts'], {
  stdio: ['pipe', 'pipe', 'inherit'],
});
bare.stdin!.write(`${sample}\n`);
const barePort = Number(await firstLine(bare.stdout!));

async function openLoop(
  port: number,
): Promise<{ sent: number; errors: number; p50: number; p99: number; max: number }> {
  const latencies: number[] = [];
  let errors = 0;
  let sent = 0;
  const start = performance.now();
  const end = start + seconds * 1000;
  const inFlight: Array<Promise<void>> = [];
  while (performance.now() < end) {
    const due = Math.floor(((performance.now() - start) / 1000) * rate);
    for (; sent < due; sent++) {
      const scheduled = start + (sent / rate) * 1000;
      inFlight.push(
        get(port, path(sent)).then(
          (status) => {
            if (status !== 200) errors++;
            latencies.push(performance.now() - scheduled);
          },
          () => {
            errors++;
          },
        ),
      );
    }
    await new Promise((r) => setImmediate(r));
  }
  await Promise.all(inFlight);
  latencies.sort((a, b) => a - b);
  const q = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] ?? NaN;
  return { sent, errors, p50: q(0.5), p99: q(0.99), max: latencies[latencies.length - 1] ?? NaN };
}

await openLoop(info.port).catch(() => undefined); // warm-up: caches, JIT, connection pool
const open = await openLoop(info.port);
let i = 0;
const closed = (port: number, lookup: boolean) =>
  autocannon({
    url: `http://127.0.0.1:${port}`,
    connections: 50,
    duration: seconds,
    requests: [{ setupRequest: (req) => ({ ...req, method: 'GET', path: lookup ? path(i++) : path(0) }) }],
  });
const apiClosed = await closed(info.port, true);
const bareClosed = await closed(barePort, false);
api.kill();
bare.kill();
agent.destroy();

const ms = (x: number) => `${x.toFixed(1)} ms`;
console.log(
  `open loop ${rate}/s for ${seconds} s: ${open.sent} sent, ${open.errors} errors, p50 ${ms(open.p50)}, p99 ${ms(open.p99)}, max ${ms(open.max)} (target p99 < 10 ms)`,
);
console.log(
  `closed loop @50: lookup ${apiClosed.requests.average.toFixed(0)}/s (p99 ${ms(apiClosed.latency.p99)}), bare Express same JSON` +
    ` ${bareClosed.requests.average.toFixed(0)}/s, ratio ${(apiClosed.requests.average / bareClosed.requests.average).toFixed(2)} (target ≥ 0.50)`,
);
