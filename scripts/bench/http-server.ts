// Child process of http-baseline.ts: the real API and a bare Express app in one process, same settings.
import express from 'express';
import { pino } from 'pino';
import { createApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { openDatabase } from '../../src/db/client.js';
import { hashPassword } from '../../src/modules/auth/password.js';
import { insertUser } from '../../src/modules/auth/user.repository.js';
import { signAccessToken } from '../../src/modules/auth/tokens.js';

const config = loadConfig({
  ...process.env,
  LOG_LEVEL: 'silent',
  PGLITE_DIR: 'memory://',
  JWT_SECRET: 'bench-secret-that-is-long-enough-0123456789',
});
const database = openDatabase({
  url: config.databaseUrl,
  pgliteDir: config.pgliteDir,
  poolMax: config.databasePoolMax,
});
await database.migrate();
const { app } = createApp({ config, database, logger: pino({ level: 'silent' }) });
const user = await insertUser(database.db, {
  username: `bench${Date.now()}`,
  fullName: 'Người dùng đo tải',
  roles: ['officer'],
  agencyId: null,
  passwordHash: await hashPassword('x', 4),
});
const token = signAccessToken(
  { userId: user.id, username: user.username, roles: ['officer'], agencyId: null },
  config.jwtSecret,
  3600,
);
const sameJson = {
  id: user.id,
  username: user.username,
  fullName: user.fullName,
  roles: user.roles,
  agencyId: user.agencyId,
};

const bare = express();
bare.get('/api/v1/auth/me', (_req, res) => {
  res.json(sameJson);
});

const listen = (handler: express.Express) =>
  new Promise<number>((resolve) => {
    const server = handler.listen(0, '127.0.0.1', () => resolve((server.address() as { port: number }).port));
  });
const appPort = await listen(app);
const barePort = await listen(bare);
process.stdout.write(`${JSON.stringify({ appPort, barePort, token, database: database.kind })}\n`);
process.on('SIGINT', () => process.exit(0));
process.on('SIGTERM', () => process.exit(0));
