// Child process of scripts/bench/dossiers.ts: the API on DATABASE_URL, plus the users and samples the bench needs.
import { sql } from 'drizzle-orm';
import { pino } from 'pino';
import { createApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { openDatabase } from '../../src/db/client.js';
import { queryRows } from '../../src/db/rows.js';
import { agencies, procedures, users } from '../../src/db/schema/index.js';
import { signAccessToken } from '../../src/modules/auth/tokens.js';
import { defaultSteps } from '../../src/modules/procedures/procedure.service.js';

const config = loadConfig({
  ...process.env,
  LOG_LEVEL: 'silent',
  JWT_SECRET: 'bench-secret-that-is-long-enough-0123456789',
  PUBLIC_RATE_LIMIT_PER_MINUTE: '1000000',
  PUBLIC_CODE_FAILURE_LIMIT: '1000000',
  DATABASE_POOL_MAX: '20',
});
const database = openDatabase({ url: config.databaseUrl, pgliteDir: 'memory://', poolMax: config.databasePoolMax });
await database.migrate();
const { db } = database;
const { app } = createApp({ config, database, logger: pino({ level: 'silent' }) });
const tag = Date.now().toString(36).slice(-5);
const suffix = String(Math.floor(Math.random() * 100)).padStart(2, '0');
const [center] = await db
  .insert(agencies)
  .values({
    name: `TTPVHCC đo tải ${tag}`,
    electronicId: `${800 + Math.floor(Math.random() * 99)}.01.00.W${suffix}`,
    level: 'center',
    activeFrom: '2020-01-01',
  })
  .returning();
const [department] = await db
  .insert(agencies)
  .values({
    name: `Sở nhận hồ sơ ${tag}`,
    electronicId: `${800 + Math.floor(Math.random() * 99)}.02.00.W${suffix}`,
    level: 'department',
    parentId: center!.id,
    activeFrom: '2020-01-01',
  })
  .returning();
const [procedure] = await db
  .insert(procedures)
  .values({
    code: `BENCH.${tag}`,
    name: 'Thủ tục đo tải tiếp nhận',
    field: 'Đo tải',
    agencyId: department!.id,
    budgetValue: 3,
    budgetUnit: 'working_days',
    steps: defaultSteps({ value: 3, unit: 'working_days' }),
  })
  .returning();
const [receptionist] = await db
  .insert(users)
  .values({
    username: `bench.r.${tag}`,
    fullName: 'Đo tải',
    roles: ['receptionist'],
    agencyId: center!.id,
    passwordHash: 'x',
  })
  .returning();
const [volume] = await queryRows<{ province: string; agency: string }>(
  db,
  sql`
  select a.parent_id as province, d.agency_id as agency from dossiers d join agencies a on a.id = d.agency_id
  where a.parent_id is not null and a.name like 'Sở đo tải%' limit 1`,
);
const [supervisor] = await db
  .insert(users)
  .values({
    username: `bench.s.${tag}`,
    fullName: 'Giám sát',
    roles: ['supervisor'],
    agencyId: volume!.province,
    passwordHash: 'x',
  })
  .returning();
const samples = await queryRows<{ code: string; phone4: string }>(
  db,
  sql`select code, phone_last4 as phone4 from dossiers tablesample system (1) where phone_last4 is not null limit 2000`,
);
const token = (u: typeof users.$inferSelect) =>
  signAccessToken(
    { userId: u.id, username: u.username, roles: u.roles as never, agencyId: u.agencyId },
    config.jwtSecret,
    3600,
  );

const server = app.listen(0, '127.0.0.1', () => {
  process.stdout.write(
    `${JSON.stringify({
      port: (server.address() as { port: number }).port,
      receptionistToken: token(receptionist!),
      supervisorToken: token(supervisor!),
      procedureCode: procedure!.code,
      procedureId: procedure!.id,
      departmentId: department!.id,
      centerId: center!.id,
      listAgencyId: volume!.agency,
      samples,
    })}\n`,
  );
});
process.on('SIGTERM', () => process.exit(0));
process.on('SIGINT', () => process.exit(0));
