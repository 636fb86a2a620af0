// Child process of files.ts: the real API on an in-memory database with one dossier open at intake.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { makeApp } from '../../test/support/app.js';
import { prepareTestDatabase } from '../../test/support/db.js';
import { createAgency, createProcedure, createUser, tokenFor } from '../../test/support/factories.js';

await prepareTestDatabase();
const { app, services } = makeApp({
  env: {
    FILES_DIR: process.env.BENCH_FILES_DIR ?? './data/bench-files',
    FILES_MAX_FILE_BYTES: String(1024 ** 3),
    FILES_MAX_DOSSIER_BYTES: String(8 * 1024 ** 3),
  },
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
