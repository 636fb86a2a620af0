// Child of scripts/bench/lookup.ts: a bare Express app answering every GET with the JSON given on stdin (the baseline).
import { createInterface } from 'node:readline';
import express from 'express';

const body = JSON.parse(
  await new Promise<string>((resolve) => createInterface({ input: process.stdin }).once('line', resolve)),
) as object;
const app = express();
app.get('/{*path}', (_req, res) => {
  res.json(body);
});
const server = app.listen(0, '127.0.0.1', () =>
  process.stdout.write(`${(server.address() as { port: number }).port}\n`),
);
process.on('SIGTERM', () => process.exit(0));
