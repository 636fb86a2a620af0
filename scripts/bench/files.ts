// Benchmark (not a test): upload throughput of a 10 MB file over HTTP vs a raw file copy on the same disk,
// and the server's RSS during a 500 MB upload.
//   npx tsx scripts/bench/files.ts [runs=7] [tiny=runs]                 # in-memory PGlite
//   TEST_DATABASE_URL=postgres://… npx tsx scripts/bench/files.ts …     # a throw-away PostgreSQL database (wiped)
// runs: interleaved raw copy / 10 MB upload pairs (medians); tiny: sequential tiny uploads (median = fixed cost).
// BENCH_NODE_ARGS: flags for the API child (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof"); BENCH_BOUNDARY: the multipart boundary.
import { spawn } from 'node:child_process';
import {
  createReadStream,
  createWriteStream,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import http from 'node:http';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

mkdirSync(join(process.cwd(), 'data'), { recursive: true });
const dir = mkdtempSync(join(process.cwd(), 'data', 'bench-files-'));
const nodeArgs = (process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);
const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', 'scripts/bench/files-server.ts'], {
  env: { ...process.env, BENCH_FILES_DIR: join(dir, 'store') },
  stdio: ['ignore', 'pipe', 'inherit'],
});
const info = await new Promise<{ port: number; token: string; dossierId: string }>((resolve) => {
  child.stdout.once('data', (line: Buffer) => resolve(JSON.parse(line.toString())));
});
/** CPU time (user + system, ms) the API process has used: less sensitive than wall time to other load. */
const cpuMs = () => {
  const fields = readFileSync(`/proc/${child.pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) * (1000 / 100);
};
const rssMb = () => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))![1]) / 1024;

let part = 0;
/** A multipart upload whose file part is `source`, streamed; resolves with the status. */
function upload(source: Readable): Promise<number> {
  // As long as the boundaries browsers and curl send (38–42 characters): the parser's search skips by the
  // boundary's length, so a short made-up one (the 14-character "bench-boundary" until 2026-12-06) costs
  // it several times the work. BENCH_BOUNDARY sets another.
  const boundary = process.env.BENCH_BOUNDARY ?? '----WebKitFormBoundary7MA4YWxkTrZu0gW';
  const head =
    `--${boundary}\r\nContent-Disposition: form-data; name="kind"\r\n\r\ncomponent\r\n--${boundary}\r\nContent-Disposition: form-data; name="componentIndex"\r\n\r\n${part++ % 50}\r\n` +
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="ban-chup.pdf"\r\nContent-Type: application/pdf\r\n\r\n`;
  const body = Readable.from(
    (async function* () {
      yield Buffer.from(head);
      for await (const chunk of source) yield chunk as Buffer;
      yield Buffer.from(`\r\n--${boundary}--\r\n`);
    })(),
  );
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        port: info.port,
        host: '127.0.0.1',
        method: 'POST',
        path: `/api/v1/dossiers/${info.dossierId}/files`,
        headers: { authorization: `Bearer ${info.token}`, 'content-type': `multipart/form-data; boundary=${boundary}` },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    body.pipe(req);
  });
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const MB = 1024 * 1024;
const runs = Number(process.argv[2] ?? 7);
const tinyRuns = Number(process.argv[3] ?? runs);
const copyTimes: number[] = [];
const httpTimes: number[] = [];
let tenMbCpu = 0;
for (let i = 0; i < runs; i++) {
  // Distinct content each run: content addressing would otherwise skip storing a repeat.
  const file = join(dir, `ten-${i}.pdf`);
  writeFileSync(file, Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(10 * MB - 9, i + 1)]));
  let t = performance.now();
  await pipeline(createReadStream(file), createWriteStream(join(dir, `copy-${i}.pdf`)));
  copyTimes.push(performance.now() - t);
  const cpu = cpuMs();
  t = performance.now();
  const status = await upload(createReadStream(file, { highWaterMark: 1024 * 1024 }));
  httpTimes.push(performance.now() - t);
  tenMbCpu += cpuMs() - cpu;
  if (status !== 201) throw new Error(`upload answered ${status}`);
}
const tinyTimes: number[] = [];
const tinyCpu = cpuMs();
for (let i = 0; i < tinyRuns; i++) {
  const t = performance.now();
  await upload(Readable.from([Buffer.from(`%PDF-1.4\n% tiny ${i} ${Date.now()}\n`)]));
  tinyTimes.push(performance.now() - t);
}
const tinyCpuMs = (cpuMs() - tinyCpu) / tinyRuns;
const copyMbS = 10 / (median(copyTimes) / 1000);
const httpMbS = 10 / (median(httpTimes) / 1000);

const before = rssMb();
let peak = before;
const sampler = setInterval(() => {
  peak = Math.max(peak, rssMb());
}, 50);
const big = 500 * MB;
const chunk = Buffer.alloc(MB, 7);
let sent = 0;
const t0 = performance.now();
const status = await upload(
  Readable.from(
    (function* () {
      yield Buffer.from('%PDF-1.4\n');
      while (sent < big) {
        sent += chunk.length;
        yield chunk;
      }
    })(),
  ),
);
const bigSeconds = (performance.now() - t0) / 1000;
clearInterval(sampler);
const after = rssMb();
child.kill('SIGTERM');
rmSync(dir, { recursive: true, force: true });
console.log(
  JSON.stringify(
    {
      tenMb: {
        rawCopyMBps: Math.round(copyMbS),
        httpUploadMBps: Math.round(httpMbS),
        ratio: Math.round((httpMbS / copyMbS) * 100) / 100,
        // Each upload against the copy measured just before it (same moment, same load): the median of those.
        pairedRatio: Math.round(median(copyTimes.map((c, i) => c / httpTimes[i]!)) * 100) / 100,
        runs,
      },
      tinyUploadMs: Math.round(median(tinyTimes) * 10) / 10,
      tinyRuns,
      // The API process's CPU per request (clock ticks of 10 ms, so a mean over many requests).
      serverCpuMs: { tiny: Math.round(tinyCpuMs * 10) / 10, tenMb: Math.round(tenMbCpu / runs) },
      // The 10 MB upload without the fixed cost of a request (the tiny upload): the streaming path alone.
      tenMbStreamingRatio:
        Math.round((median(copyTimes) / Math.max(1, median(httpTimes) - median(tinyTimes))) * 100) / 100,
      fiveHundredMb: {
        status,
        seconds: Math.round(bigSeconds * 10) / 10,
        MBps: Math.round(500 / bigSeconds),
        rssBeforeMb: Math.round(before),
        rssPeakMb: Math.round(peak),
        rssAfterMb: Math.round(after),
      },
    },
    null,
    2,
  ),
);
