import { responseMismatches } from './app.js';
import { closeTestDatabase, prepareTestDatabase } from './db.js';

const mismatchesByTest: string[] = [];

/** Mocha root hooks: one database for the run; each test builds its own data in it. */
export const mochaHooks = {
  async beforeAll(this: Mocha.Context) {
    this.timeout(60_000);
    await prepareTestDatabase();
  },
  /** Which test produced the answers that differ from their documented schema (issue 13). */
  afterEach(this: Mocha.Context) {
    const found = responseMismatches.splice(0);
    if (found.length > 0) mismatchesByTest.push(`${this.currentTest?.fullTitle() ?? '?'}:\n  ${found.join('\n  ')}`);
  },
  async afterAll() {
    await closeTestDatabase();
    // Reported once at the end: a failing root afterEach would stop the whole run.
    if (mismatchesByTest.length > 0) {
      throw new Error(`answers that differ from their documented response schema:\n${mismatchesByTest.join('\n')}`);
    }
  },
};
