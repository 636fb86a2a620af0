/**
 * The dispatcher's own CPU per message (issue 12, docs/benchmarks.md), not a test: `messages`
 * messages — a third each SMS, Zalo and portal, with payloads of the size intake writes — are
 * enqueued, then one dispatcher with the default batch and concurrency drains them against a
 * receiver in a process of its own (200 at once). Reported: this process's CPU time (user + system)
 * per delivered message and the rate, for each of `rounds` drains. Profile it with
 * `node --cpu-prof --import tsx scripts/bench/outbox-dispatch.ts`.
 *
 *   DATABASE_URL=postgres://… npx tsx scripts/bench/outbox-dispatch.ts [messages=3000] [rounds=3]   (adds rows)
 *   npx tsx scripts/bench/outbox-dispatch.ts [messages] [rounds]                                   # embedded PGlite
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { pino } from 'pino';
import { loadConfig } from '../../src/config.js';
import { openDatabase } from '../../src/db/client.js';
import { buildChannels } from '../../src/modules/outbox/outbox.channels.js';
import { createDispatcher } from '../../src/modules/outbox/outbox.dispatcher.js';
import { insertMessages } from '../../src/modules/outbox/outbox.repository.js';
import type { PlannedMessage, PortalDocument } from '../../src/modules/outbox/outbox.types.js';
import { BENCH_SECRET, channelsOn } from './outbox-fixture.js';

const messageCount = Number(process.argv[2] ?? 3000);
const rounds = Number(process.argv[3] ?? 3);
const base = loadConfig();
const database = openDatabase({ url: base.databaseUrl, pgliteDir: 'memory://', poolMax: 4 });
await database.migrate();
const { db } = database;

const receiver = spawn(
  process.execPath,
  [
    '-e',
    `require('node:http').createServer((q, s) => { q.resume(); q.on('end', () =>
       s.writeHead(200, { 'content-type': 'application/json' }).end('{"error":0}')); })
     .listen(0, '127.0.0.1', function () { console.log(this.address().port); });`,
  ],
  { stdio: ['ignore', 'pipe', 'inherit'] },
);
const [rxPort] = (await once(createInterface({ input: receiver.stdout! }), 'line')) as [string];
const config = loadConfig({
  JWT_SECRET: BENCH_SECRET,
  LOG_LEVEL: 'silent',
  ...channelsOn(`http://127.0.0.1:${rxPort}`),
});

const tag = Date.now().toString(36);
function planned(round: number, i: number): PlannedMessage {
  const key = `bench-dispatch:${tag}:${round}:${i}`;
  const common = { idempotencyKey: key, dossierId: null as unknown as string, eventSeq: 1 };
  const code = `000.00.B${String(i % 100).padStart(2, '0')}.H31-261123-${String(i).padStart(4, '0')}`;
  switch (i % 3) {
    case 0:
      return {
        ...common,
        channel: 'sms',
        recipient: '84912345678',
        template: 'intake',
        payload: {
          text: `Da tiep nhan ho so ${code}. Hen tra ket qua 26/11/2026. Tra cuu: https://dichvucong.hungyen.gov.vn/tra-cuu/${code}`,
          unicode: false,
        },
      };
    case 1:
      return {
        ...common,
        channel: 'zalo',
        recipient: '84912345678',
        template: 'intake',
        payload: {
          templateId: 'tpl',
          templateData: {
            customer_name: 'Nguyễn Văn Đo Tải',
            dossier_code: code,
            procedure_name: 'Thủ tục đo tải thông báo',
            due_date: '26/11/2026 17:00',
            tracking_url: `https://dichvucong.hungyen.gov.vn/tra-cuu/${code}`,
          },
        },
      };
    default: {
      const document: PortalDocument = {
        schema: 'motcua.dossier-status/1',
        eventId: key,
        sequence: 1,
        event: 'received',
        occurredAt: '2026-11-23T10:00:00+07:00',
        sourceSystem: 'motcua',
        dossierCode: code,
        procedureCode: 'OUTBOX.bench',
        agencyElectronicId: '000.00.31.H31',
        receivingAgencyElectronicId: '000.00.B01.H31',
        channel: 1,
        status: 'received',
        receivedAt: '2026-11-23T10:00:00+07:00',
        dueAt: '2026-11-26T17:00:00+07:00',
        promisedAt: null,
        finishedAt: null,
        returnedAt: null,
        withdrawnAt: null,
        outcome: null,
        timeliness: 'within',
        supplementCount: 0,
      };
      return { ...common, channel: 'portal', recipient: 'portal', template: 'portal-status', payload: { document } };
    }
  }
}

const dispatcher = createDispatcher(db, {
  clock: { now: () => new Date() },
  logger: pino({ level: 'silent' }),
  channels: buildChannels(config.outbox),
  options: config.outbox,
});
await dispatcher.drain(100_000); // what earlier benchmarks left undelivered, not timed
const lines = [`database: ${database.kind}; ${messageCount} messages per round (SMS, Zalo, portal in turn)`];
for (let round = 0; round < rounds; round++) {
  const messages = Array.from({ length: messageCount }, (_, i) => planned(round, i));
  for (let i = 0; i < messages.length; i += 500)
    await db.transaction((tx) => insertMessages(tx, messages.slice(i, i + 500), new Date()));
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const counts = await dispatcher.drain(100_000);
  const seconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  if (counts.sent !== messageCount) throw new Error(`sent ${counts.sent} of ${messageCount}`);
  lines.push(
    `round ${round + 1}: ${(counts.sent / seconds).toFixed(0)} msg/s, ` +
      `${(cpuMs / counts.sent).toFixed(3)} ms CPU per message (user ${(cpu.user / 1000 / counts.sent).toFixed(3)})`,
  );
}
process.stdout.write(`${lines.join('\n')}\n`);
receiver.kill('SIGTERM');
await dispatcher.stop();
await database.close();
process.exit(0);
