/**
 * Dossier figures on real PostgreSQL (issue 4), after `scripts/seed-volume.ts` has filled it:
 *  1. intake over HTTP (validation, engine, code, events, steps, JSON) vs the same writes done
 *     directly in SQL from this process, same concurrency, same run — target ≥ 40%;
 *  2. public lookup by code + phone digits at 100 concurrent connections — target p99 < 20 ms;
 *  3. staff list with filters (supervisor of the whole province) — target p95 < 50 ms; the overdue
 *     list over the province — target p97.5 < 50 ms (issue 9 item 8);
 *  4. clerks' search without tone marks, by name and phone — target p95 < 50 ms (issue 13).
 *
 *   DATABASE_URL=postgres://... npx tsx scripts/bench/dossiers.ts [seconds=10]
 */
import { randomUUID, createHash } from 'node:crypto';
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import autocannon from 'autocannon';
import pg from 'pg';
import { loadConfig } from '../../src/config.js';

const seconds = Number(process.argv[2] ?? 10);
const config = loadConfig();
if (!config.databaseUrl) throw new Error('needs DATABASE_URL');
const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/bench/dossier-server.ts'], {
  stdio: ['ignore', 'pipe', 'inherit'],
});
const info = JSON.parse(
  await new Promise<string>((resolve) => createInterface({ input: child.stdout! }).once('line', resolve)),
) as {
  port: number;
  receptionistToken: string;
  supervisorToken: string;
  procedureCode: string;
  procedureId: string;
  departmentId: string;
  centerId: string;
  listAgencyId: string;
  samples: Array<{ code: string; phone4: string }>;
};
const base = `http://127.0.0.1:${info.port}`;
const connections = 10;

// 1a. Intake over HTTP.
const intake = await autocannon({
  url: `${base}/api/v1/dossiers`,
  method: 'POST',
  connections,
  duration: seconds,
  headers: { authorization: `Bearer ${info.receptionistToken}`, 'content-type': 'application/json' },
  body: JSON.stringify({
    procedureCode: info.procedureCode,
    channel: 'direct',
    applicant: { name: 'Nguyễn Văn Đo Tải', phone: '0912345678' },
  }),
});
if (intake.non2xx > 0) throw new Error(`intake: ${intake.non2xx} non-2xx`);

// 1b. The same rows written directly: counter, dossier, first step, receipt event, one transaction each.
const pool = new pg.Pool({ connectionString: config.databaseUrl, max: connections });
let sqlDone = 0;
const until = Date.now() + seconds * 1000;
await Promise.all(
  Array.from({ length: connections }, async () => {
    while (Date.now() < until) {
      const client = await pool.connect();
      try {
        await client.query('begin');
        const { rows } = await client.query(
          `insert into daily_counters (agency_id, day, last_seq) values ($1, '2099-01-01', 1)
        on conflict (agency_id, day) do update set last_seq = daily_counters.last_seq + 1 returning last_seq`,
          [info.departmentId],
        );
        const id = randomUUID();
        const now = new Date();
        const due = new Date(now.getTime() + 3 * 86_400_000);
        await client.query(
          `insert into dossiers (id, code, agency_id, initial_agency_id, receiving_agency_id, procedure_id, channel, applicant, applicant_name, phone_last4,
        components, budget, supplement_policy, status, received_at, clock_start_at, due_at, lookup_pin_hash)
        values ($1, $2, $3, $3, $4, $5, 'direct', $6, $7, '5678', '[]', '{"value":3,"unit":"working_days"}', 'pause', 'received', $8, $8, $9, $10)`,
          [
            id,
            `SQL-${info.departmentId.slice(0, 8)}-${rows[0].last_seq}`,
            info.departmentId,
            info.centerId,
            info.procedureId,
            JSON.stringify({ name: 'Nguyễn Văn Đo Tải', phone: '0912345678' }),
            'Nguyễn Văn Đo Tải',
            now,
            due,
            createHash('sha256').update(id).digest('hex'),
          ],
        );
        await client.query(
          `insert into dossier_steps (dossier_id, seq, name, role, agency_id, started_at, due_at) values ($1, 1, 'Tiếp nhận hồ sơ', 'receptionist', $2, $3, $4)`,
          [id, info.departmentId, now, due],
        );
        await client.query(
          `insert into dossier_events (dossier_id, seq, type, at, to_status, data) values ($1, 1, 'received', $2, 'received', '{"channel":"direct"}')`,
          [id, now],
        );
        await client.query('commit');
        sqlDone++;
      } finally {
        client.release();
      }
    }
  }),
);
await pool.end();
const sqlRate = sqlDone / seconds;

// 2. Public lookup at 100 connections, random seeded dossiers.
let i = 0;
const lookup = await autocannon({
  url: base,
  connections: 100,
  duration: seconds,
  requests: [
    {
      setupRequest: (req) => {
        const s = info.samples[i++ % info.samples.length]!;
        return {
          ...req,
          method: 'GET',
          path: `/api/v1/public/dossiers/${encodeURIComponent(s.code)}?phone4=${s.phone4}`,
        };
      },
    },
  ],
});
if (lookup.non2xx > 0) throw new Error(`lookup: ${lookup.non2xx} non-2xx`);

// 3. Staff list with filters, as a supervisor of the whole province.
const list = await autocannon({
  url: `${base}/api/v1/dossiers?agencyId=${info.listAgencyId}&status=processing&limit=50`,
  connections,
  duration: seconds,
  headers: { authorization: `Bearer ${info.supervisorToken}` },
});
const overdue = await autocannon({
  url: `${base}/api/v1/dossiers?overdue=true&limit=50`,
  connections,
  duration: seconds,
  headers: { authorization: `Bearer ${info.supervisorToken}` },
});
// 4. Clerks' search (issue 13): without tone marks, a selective name, a phone number, a term in every name.
const searches: Record<string, Awaited<ReturnType<typeof autocannon>>> = {};
for (const [label, q] of [
  ['name "cong dan 4217"', 'cong dan 4217'],
  ['phone "090001234"', '090001234'],
  ['common "dan"', 'dan'],
] as const) {
  searches[label] = await autocannon({
    url: `${base}/api/v1/dossiers?q=${encodeURIComponent(q)}&limit=50`,
    connections,
    duration: seconds,
    headers: { authorization: `Bearer ${info.supervisorToken}` },
  });
  if (searches[label]!.non2xx > 0) throw new Error(`search ${label}: non-2xx`);
}
child.kill();

const ms = (x: number) => `${x.toFixed(1)} ms`;
console.log(
  `intake: HTTP ${intake.requests.average.toFixed(0)}/s, direct SQL ${sqlRate.toFixed(0)}/s, ratio ${(intake.requests.average / sqlRate).toFixed(2)} (target ≥ 0.40)`,
);
console.log(
  `public lookup @100 connections: ${lookup.requests.average.toFixed(0)} req/s, p50 ${ms(lookup.latency.p50)}, p99 ${ms(lookup.latency.p99)} (target p99 < 20 ms)`,
);
console.log(
  `staff list (agency + status): ${list.requests.average.toFixed(0)} req/s, p90 ${ms(list.latency.p90)}, p97.5 ${ms(list.latency.p97_5)} (target p95 < 50 ms)`,
);
console.log(
  `staff list (overdue, whole province): ${overdue.requests.average.toFixed(0)} req/s, p90 ${ms(overdue.latency.p90)}, p97.5 ${ms(overdue.latency.p97_5)} (target p97.5 < 50 ms)`,
);
for (const [label, r] of Object.entries(searches)) {
  console.log(
    `search ${label}: ${r.requests.average.toFixed(0)} req/s, p90 ${ms(r.latency.p90)}, p97.5 ${ms(r.latency.p97_5)} (target p95 < 50 ms)`,
  );
}
