// Child process of files.ts: the real API on an in-memory database (or TEST_DATABASE_URL) with one dossier
// open at intake. The app is built as production builds it: no response-schema check (the test suite's
// makeApp checks every answer against its joi schema), and request logs at `info` written to a file.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { pino } from 'pino';
import { createApp } from '../../src/app.js';
import { createLogger } from '../../src/logger.js';
import { testConfig } from '../../test/support/app.js';
import { prepareTestDatabase, testDatabase } from '../../test/support/db.js';
import { createAgency, createProcedure, createUser, tokenFor } from '../../test/support/factories.js';

await prepareTestDatabase();
const filesDir = process.env.BENCH_FILES_DIR ?? './data/bench-files';
const { app, services } = createApp({
  config: testConfig({
    FILES_DIR: filesDir,
    FILES_MAX_FILE_BYTES: String(1024 ** 3),
    FILES_MAX_DOSSIER_BYTES: String(8 * 1024 ** 3),
  }),
  database: testDatabase(),
  logger: createLogger('info', pino.destination({ dest: join(filesDir, '..', 'api.log'), mkdir: true })),
});
const province = await createAgency({ level: 'province' });
const center = await createAgency({ level: 'center', parentId: province.id });
const department = await createAgency({ level: 'department', parentId: province.id });
const procedure = await createProcedure({ agencyId: department.id });
const receptionist = await createUser({ roles: ['receptionist'], agencyId: center.id });
const actor = {
  userId: receptionist.id,
  username: receptionist.username,
  roles: ['receptionist' as const],
  agencyId: center.id,
};
const intake = await services.dossiers.intake(actor, {
  procedureCode: procedure.code,
  channel: 'direct',
  applicant: { name: 'Người đo tải', idNumber: '001190099999' },
  components: Array.from({ length: 50 }, (_, i) => ({ name: `Thành phần ${i + 1}` })),
});
const server = http.createServer(app).listen(0, '127.0.0.1', () => {
  const { port } = server.address() as AddressInfo;
  process.stdout.write(
    `${JSON.stringify({ port, token: tokenFor(receptionist), dossierId: (intake.body as { id: string }).id })}\n`,
  );
});
process.on('SIGTERM', () => process.exit(0));
