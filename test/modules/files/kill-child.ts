// Child of kill.test.ts: the API on a PGlite folder, one dossier at intake; prints port, token, dossier id.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { pino } from 'pino';
import { createApp } from '../../../src/app.js';
import { openDatabase } from '../../../src/db/client.js';
import { agencies, procedures, users } from '../../../src/db/schema/index.js';
import { defaultSteps } from '../../../src/modules/procedures/procedure.service.js';
import { signAccessToken } from '../../../src/modules/auth/tokens.js';
import { testConfig } from '../../support/app.js';

const config = testConfig({
  FILES_DIR: process.env.KILL_FILES_DIR!,
  FILES_MAX_FILE_BYTES: String(1024 ** 3),
  FILES_MAX_DOSSIER_BYTES: String(2 * 1024 ** 3),
});
const database = openDatabase({ pgliteDir: process.env.KILL_PGLITE_DIR!, poolMax: 1 });
await database.migrate();
const { db } = database;
const { app, services } = createApp({ config, database, logger: pino({ level: 'silent' }) });
const agency = async (level: 'province' | 'center' | 'department', parentId: string | null, n: number) =>
  (
    await db
      .insert(agencies)
      .values({
        name: `Cơ quan ${n}`,
        electronicId: `00${n}.00.00.K00`,
        level,
        parentId,
        activeFrom: '2025-07-01',
      })
      .returning()
  )[0]!;
const province = await agency('province', null, 1);
const center = await agency('center', province.id, 2);
const department = await agency('department', province.id, 3);
const budget = { value: 3, unit: 'working_days' as const };
const procedure = (
  await db
    .insert(procedures)
    .values({
      code: 'K.1',
      name: 'Thủ tục thử',
      field: 'Thử',
      budgetValue: 3,
      budgetUnit: 'working_days',
      agencyId: department.id,
      steps: defaultSteps(budget),
    })
    .returning()
)[0]!;
const user = (
  await db
    .insert(users)
    .values({
      username: 'kill.receptionist',
      fullName: 'Người thử',
      passwordHash: 'x',
      roles: ['receptionist'],
      agencyId: center.id,
    })
    .returning()
)[0]!;
const actor = { userId: user.id, username: user.username, roles: ['receptionist' as const], agencyId: center.id };
const intake = await services.dossiers.intake(actor, {
  procedureCode: procedure.code,
  channel: 'direct',
  applicant: { name: 'Người nộp' },
  components: [{ name: 'Tờ khai' }],
});
const server = http.createServer(app).listen(0, '127.0.0.1', () => {
  const { port } = server.address() as AddressInfo;
  process.stdout.write(
    `${JSON.stringify({ port, token: signAccessToken(actor, config.jwtSecret, 900), dossierId: (intake.body as { id: string }).id })}\n`,
  );
});
