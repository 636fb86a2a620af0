import { randomInt } from 'node:crypto';
import type { Logger } from 'pino';
import type { Services } from '../app.js';
import type { Config } from '../config.js';
import type { Db } from '../db/client.js';
import { hashPassword } from '../modules/auth/password.js';
import { ROLES, type Actor } from '../modules/auth/roles.js';
import * as users from '../modules/auth/user.repository.js';
import { demoAgencies, demoPeople } from './demo-data.js';
import { seedProcedures } from './procedures-data.js';

const ALPHABET = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** A random password that meets the policy (letters and digits, 16 characters). */
export function randomPassword(): string {
  const chars = Array.from({ length: 14 }, () => ALPHABET[randomInt(ALPHABET.length)]);
  return `${chars.join('')}${randomInt(10)}x`;
}

/** Secrets meant for the operator go to the console once, never through the JSON logger. */
function printOnce(lines: string[]): void {
  process.stdout.write(`\n${'='.repeat(72)}\n${lines.join('\n')}\n${'='.repeat(72)}\n\n`);
}

/**
 * On an empty database: the administrator `admin`, then the demo province when SEED_DEMO is on.
 * Does nothing once any user exists, so restarts and a second instance leave data alone.
 */
export async function bootstrap(db: Db, services: Services, config: Config, logger: Logger): Promise<void> {
  if ((await users.countUsers(db)) > 0) return;
  const adminPassword = config.bootstrapAdminPassword ?? randomPassword();
  const admin = await users.insertUser(db, {
    username: 'admin',
    fullName: 'Quản trị hệ thống',
    roles: ['admin'],
    agencyId: null,
    passwordHash: await hashPassword(adminPassword, config.bcryptCost),
  });
  logger.info({ userId: admin.id }, 'created the administrator account');
  const notes = config.bootstrapAdminPassword
    ? ['Administrator "admin" created with BOOTSTRAP_ADMIN_PASSWORD.']
    : [`Administrator "admin" created. Password (shown once): ${adminPassword}`];
  const adminActor: Actor = { userId: admin.id, username: 'admin', roles: ['admin'], agencyId: null };
  const agencyIds = config.seedDemo ? await seedDemoAgencies(services, adminActor) : new Map<string, string>();
  for (const p of seedProcedures) {
    await services.procedures.create({
      code: p.code,
      name: p.name,
      field: p.field,
      budget: p.budget,
      fee: p.fee,
      agencyId: agencyIds.get(p.demoAgency) ?? null,
      ...(p.supplementPolicy ? { supplementPolicy: p.supplementPolicy } : {}),
      ...(p.steps ? { steps: p.steps } : {}),
    });
  }
  notes.push(`Procedure catalogue: ${seedProcedures.length} common procedures (see GET /api/v1/procedures).`);
  if (config.seedDemo) notes.push(...(await seedDemoUsers(db, config, agencyIds)));
  printOnce(notes);
}

async function seedDemoAgencies(services: Services, admin: Actor): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  for (const a of demoAgencies) {
    const created = await services.agencies.create(admin, {
      name: a.name,
      electronicId: a.electronicId,
      level: a.level,
      parentId: a.parent ? ids.get(a.parent) : null,
      activeFrom: '2025-07-01',
    });
    ids.set(a.key, created.id);
  }
  return ids;
}

async function seedDemoUsers(db: Db, config: Config, ids: Map<string, string>): Promise<string[]> {
  const password = config.demoPassword ?? randomPassword();
  // One hash for every demo user: they share the password, and 85 bcrypt rounds would slow the first start.
  const passwordHash = await hashPassword(password, config.bcryptCost);
  for (const a of demoAgencies) {
    for (const role of ROLES.filter((r) => r !== 'admin')) {
      await users.insertUser(db, {
        username: `${a.key}.${role}`,
        fullName: demoPeople[role] ?? role,
        roles: [role],
        agencyId: ids.get(a.key)!,
        passwordHash,
      });
    }
  }
  return [
    `Demo data: ${demoAgencies.length} agencies of "${demoAgencies[0]!.name}", one user per role and agency,`,
    `named <agency>.<role>, e.g. ttpvhcc.receptionist, sotp.officer, sotp.leader, tinh.supervisor.`,
    config.demoPassword ? 'Demo users use DEMO_PASSWORD.' : `Demo users' password (shown once): ${password}`,
  ];
}
