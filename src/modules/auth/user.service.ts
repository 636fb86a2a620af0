import type { Clock } from '../../clock.js';
import type { Db, Tx } from '../../db/client.js';
import { instantFormatter } from '../../lib/dates.js';
import { AppError } from '../../http/errors.js';
import { decodeCursor, toPage } from '../../http/pagination.js';
import { clearAllClientFailures } from './login-failure.repository.js';
import { assertPasswordPolicy, hashPassword } from './password.js';
import type { Actor, Role } from './roles.js';
import { presentUser as present } from './user.presenter.js';
import type { UserDirectory } from './user-directory.js';
import * as users from './user.repository.js';

export interface CreateUserInput {
  username: string;
  password: string;
  fullName: string;
  roles: Role[];
  agencyId?: string | null;
}

export interface UpdateUserInput {
  fullName?: string;
  roles?: Role[];
  agencyId?: string | null;
  password?: string;
}

export interface ListUsersInput {
  agencyId?: string;
  role?: Role;
  q?: string;
  disabled?: boolean;
  limit: number;
  cursor?: string;
}

export type UserService = ReturnType<typeof createUserService>;

/** Staff accounts. `agencyExists` comes from the agencies service (modules talk through services). */
export interface UserServiceOptions {
  bcryptCost: number;
  timeZone: string;
  clock: Clock;
  directory: UserDirectory;
  agencyExists: (id: string) => Promise<boolean>;
}

export function createUserService(db: Db, options: UserServiceOptions) {
  const { bcryptCost, clock, directory, agencyExists } = options;
  const iso = instantFormatter(options.timeZone);
  const presentUser = (u: users.UserRow, now: Date) => present(u, now, iso);
  async function assertAgency(roles: Role[], agencyId: string | null | undefined): Promise<void> {
    if (agencyId) {
      if (!(await agencyExists(agencyId))) throw new AppError('AGENCY_NOT_FOUND');
    } else if (roles.some((r) => r !== 'admin')) {
      throw new AppError('AGENCY_REQUIRED');
    }
  }

  async function visible(actor: Actor, id: string): Promise<users.UserRow> {
    const user = await users.findVisible(db, actor, id);
    if (!user) throw new AppError('USER_NOT_FOUND');
    return user;
  }

  return {
    async create(input: CreateUserInput) {
      assertPasswordPolicy(input.password, input.username);
      await assertAgency(input.roles, input.agencyId);
      if (await users.findByUsername(db, input.username)) throw new AppError('USERNAME_TAKEN');
      const row = await users.insertUser(db, {
        username: input.username,
        fullName: input.fullName,
        roles: input.roles,
        agencyId: input.agencyId ?? null,
        passwordHash: await hashPassword(input.password, bcryptCost),
      });
      return presentUser(row, clock.now());
    },

    async list(actor: Actor, input: ListUsersInput) {
      const rows = await users.listVisible(db, actor, {
        ...input,
        after: decodeCursor(input.cursor, ['text', 'uuid']),
      });
      const now = clock.now();
      return toPage(
        rows,
        input.limit,
        (u) => [u.username, u.id],
        (u) => presentUser(u, now),
      );
    },

    async get(actor: Actor, id: string) {
      return presentUser(await visible(actor, id), clock.now());
    },

    /** Full names by id, disabled accounts included; only names leave this function. */
    async displayNames(ids: string[]): Promise<Map<string, string>> {
      const unique = [...new Set(ids)];
      return new Map((await users.findNames(db, unique)).map((u) => [u.id, u.fullName]));
    },

    async update(actor: Actor, id: string, input: UpdateUserInput) {
      const user = await visible(actor, id);
      if (input.roles && user.id === actor.userId) throw new AppError('CANNOT_CHANGE_OWN_ROLES');
      const roles = input.roles ?? (user.roles as Role[]);
      const agencyId = input.agencyId === undefined ? user.agencyId : input.agencyId;
      if (input.roles !== undefined || input.agencyId !== undefined) await assertAgency(roles, agencyId);
      if (input.password) assertPasswordPolicy(input.password, user.username);
      const passwordHash = input.password ? await hashPassword(input.password, bcryptCost) : undefined;
      const now = clock.now();
      const row = await db.transaction(async (tx) => {
        const updated = await users.updateUser(tx, id, {
          fullName: input.fullName,
          roles: input.roles,
          agencyId: input.agencyId,
          ...(passwordHash ? { passwordHash, passwordChangedAt: now } : {}),
        });
        // New roles, agency or password take effect at the next login: end the current ones.
        if (input.roles || input.agencyId !== undefined || passwordHash) await users.revokeUserTokens(tx, id, now);
        return updated;
      });
      directory.invalidate(id);
      return presentUser(row!, now);
    },

    /** Disables an account and ends its logins; its access tokens die within their short life. */
    async setDisabled(actor: Actor, id: string, disabled: boolean) {
      const user = await visible(actor, id);
      if (disabled && user.id === actor.userId) throw new AppError('CANNOT_DISABLE_SELF');
      const now = clock.now();
      const row = await db.transaction(async (tx) => {
        const updated = await users.updateUser(tx, id, { disabled });
        if (disabled) await users.revokeUserTokens(tx, id, now);
        return updated;
      });
      directory.invalidate(id);
      return presentUser(row!, now);
    },

    /** Whether a user is an enabled staff member of the agency (for assignments). */
    async isActiveMemberIn(tx: Tx, userId: string, agencyId: string): Promise<boolean> {
      const user = await users.findById(tx, userId);
      return (
        user !== undefined &&
        !user.disabled &&
        user.agencyId === agencyId &&
        user.roles.some((r) => r === 'officer' || r === 'leader' || r === 'receptionist')
      );
    },

    /** Display names and agencies of users, for event logs and documents (no other personal data). */
    async names(ids: readonly string[]): Promise<Map<string, { fullName: string; agencyId: string | null }>> {
      const rows = await users.findByIds(db, [...new Set(ids)]);
      return new Map(rows.map((u) => [u.id, { fullName: u.fullName, agencyId: u.agencyId }]));
    },

    /** Enabled leaders of agencies (who hear of unassigned dossiers), inside the caller's transaction. */
    async leadersIn(tx: Tx, agencyIds: readonly string[]): Promise<Array<{ id: string; agencyId: string }>> {
      return users.enabledWithRole(tx, [...new Set(agencyIds)], 'leader');
    },

    async unlock(actor: Actor, id: string) {
      await visible(actor, id);
      await users.clearFailedLogins(db, id);
      await clearAllClientFailures(db, id);
      return presentUser((await users.findById(db, id))!, clock.now());
    },
  };
}
