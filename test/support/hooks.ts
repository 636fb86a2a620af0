import { closeTestDatabase, prepareTestDatabase } from './db.js';

/** Mocha root hooks: one database for the run; each test builds its own data in it. */
export const mochaHooks = {
  async beforeAll(this: Mocha.Context) {
    this.timeout(60_000);
    await prepareTestDatabase();
  },
  async afterAll() {
    await closeTestDatabase();
  },
};
