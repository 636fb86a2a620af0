import { randomInt } from 'node:crypto';
import bcrypt from 'bcrypt';
import { agencies, agencyVersions, procedures, users } from '../../src/db/schema/index.js';
import type { Budget } from '../../src/modules/calendar/deadline.js';
import { defaultSteps } from '../../src/modules/procedures/procedure.service.js';
import type { Role } from '../../src/modules/auth/roles.js';
import { signAccessToken } from '../../src/modules/auth/tokens.js';
import { TEST_SECRET } from './app.js';
import { testDatabase } from './db.js';

let seq = randomInt(1_000_000);
const next = () => ++seq;
const pad = (n: number, width: number) => String(n).padStart(width, '0');

/** A fresh, unique QCVN 102-shaped electronic ID. */
export function uniqueElectronicId(): string {
  const n = next();
  return `${pad(n % 1000, 3)}.${pad(Math.floor(n / 1000) % 100, 2)}.${pad(Math.floor(n / 100000) % 100, 2)}.T${pad(randomInt(100), 2)}`;
}

export type AgencyRow = typeof agencies.$inferSelect;
export type UserRow = typeof users.$inferSelect & { password: string };

export async function createAgency(overrides: Partial<typeof agencies.$inferInsert> = {}): Promise<AgencyRow> {
  const { db } = testDatabase();
  const [agency] = await db
    .insert(agencies)
    .values({
      name: `Cơ quan thử ${next()}`,
      electronicId: uniqueElectronicId(),
      level: 'department',
      activeFrom: '2025-07-01',
      ...overrides,
    })
    .returning();
  await db.insert(agencyVersions).values({
    agencyId: agency!.id,
    validFrom: agency!.activeFrom,
    name: agency!.name,
    parentId: agency!.parentId,
    level: agency!.level,
    active: true,
  });
  return agency!;
}

export const DEFAULT_PASSWORD = 'Mat-khau-thu-2026';
const defaultHash = bcrypt.hashSync(DEFAULT_PASSWORD, 4);

export async function createUser(
  overrides: Partial<typeof users.$inferInsert> & { roles?: Role[] } = {},
): Promise<UserRow> {
  const { db } = testDatabase();
  const roles = overrides.roles ?? ['officer'];
  const agencyId =
    overrides.agencyId === undefined
      ? roles.every((r) => r === 'admin')
        ? null
        : (await createAgency()).id
      : overrides.agencyId;
  const [user] = await db
    .insert(users)
    .values({
      username: `user${next()}`,
      fullName: 'Nguyễn Văn Thử',
      passwordHash: defaultHash,
      ...overrides,
      roles,
      agencyId,
    })
    .returning();
  return { ...user!, password: DEFAULT_PASSWORD };
}

/** A real access token for a user, signed with the test secret. */
export function tokenFor(user: Pick<UserRow, 'id' | 'username' | 'roles' | 'agencyId'>): string {
  return signAccessToken(
    { userId: user.id, username: user.username, roles: user.roles as Role[], agencyId: user.agencyId },
    TEST_SECRET,
    900,
  );
}

export function bearer(user: Pick<UserRow, 'id' | 'username' | 'roles' | 'agencyId'>): { Authorization: string } {
  return { Authorization: `Bearer ${tokenFor(user)}` };
}

export type ProcedureRow = typeof procedures.$inferSelect;

export async function createProcedure(
  overrides: Partial<typeof procedures.$inferInsert> & { budget?: Budget } = {},
): Promise<ProcedureRow> {
  const { db } = testDatabase();
  const { budget = { value: 3, unit: 'working_days' }, ...rest } = overrides;
  const [row] = await db
    .insert(procedures)
    .values({
      code: `T.${next()}`,
      name: 'Thủ tục thử nghiệm',
      field: 'Thử nghiệm',
      budgetValue: budget.value,
      budgetUnit: budget.unit,
      cutoff: budget.cutoff ?? null,
      steps: defaultSteps(budget),
      ...rest,
    })
    .returning();
  return row!;
}

/** A clock the test moves by hand (style.md 8: time is an input). */
export class TestClock {
  constructor(public t: number) {}
  now(): Date {
    return new Date(this.t);
  }
  set(local: string): void {
    this.t = Date.parse(`${local}+07:00`);
  }
}
