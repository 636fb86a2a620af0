import { Writable } from 'node:stream';
import type { Express } from 'express';
import { pino, type Logger } from 'pino';
import { createApp, type Services } from '../../src/app.js';
import type { Clock } from '../../src/clock.js';
import type { EndpointSpec } from '../../src/http/endpoint.js';
import { loadConfig, type Config } from '../../src/config.js';
import { responseProblems } from '../../src/http/response-check.js';
import { createLogger } from '../../src/logger.js';
import type { ChannelAdapter } from '../../src/modules/outbox/channels/channel.js';
import { createProcess, type MotcuaProcess } from '../../src/process.js';
import { testDatabase } from './db.js';

export const TEST_SECRET = 'test-secret-that-is-long-enough-for-hs256-0123456789';

export function testConfig(env: Record<string, string> = {}): Config {
  return loadConfig({
    NODE_ENV: 'test',
    JWT_SECRET: TEST_SECRET,
    BCRYPT_COST: '4',
    LOG_LEVEL: 'silent',
    LOGIN_RATE_LIMIT_PER_MINUTE: '100000',
    PGLITE_DIR: 'memory://',
    ...env,
  });
}

export interface TestApp {
  app: Express;
  services: Services;
  config: Config;
  /** The endpoint declarations behind /openapi.json. */
  specs: readonly EndpointSpec[];
}

/**
 * Answers that did not match their declared response schema (issue 13 "Everyone"); the root
 * afterEach hook (hooks.ts) fails the test that produced them.
 */
export const responseMismatches: string[] = [];

export function makeApp(options: { env?: Record<string, string>; clock?: Clock; logger?: Logger } = {}): TestApp {
  const config = testConfig(options.env);
  const { app, services, specs } = createApp({
    config,
    database: testDatabase(),
    logger: options.logger ?? pino({ level: 'silent' }),
    clock: options.clock,
    checkResponse: (spec, status, body) => {
      responseMismatches.push(...responseProblems(spec, status, body));
    },
  });
  return { app, services, config, specs };
}

/**
 * A whole process in the role its env names (PROCESS_ROLE), on the suite's database, through the
 * factory main.ts uses; `start()` it to run what the role runs, and `stop()` what it returns.
 */
export function makeProcess(
  options: { env?: Record<string, string>; clock?: Clock; logger?: Logger; channels?: readonly ChannelAdapter[] } = {},
): {
  motcua: MotcuaProcess;
  config: Config;
} {
  const config = testConfig({ HOST: '127.0.0.1', PORT: '0', ...options.env });
  const motcua = createProcess({
    config,
    database: testDatabase(),
    logger: options.logger ?? pino({ level: 'silent' }),
    clock: options.clock,
    channels: options.channels,
    checkResponse: (spec, status, body) => {
      responseMismatches.push(...responseProblems(spec, status, body));
    },
  });
  return { motcua, config };
}

/** The API's own logger writing into memory, to check what ends up in the logs. */
export function capturingLogger(): { logger: Logger; lines: string[] } {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk, _enc, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { logger: createLogger('info', sink), lines };
}
