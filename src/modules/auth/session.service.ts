import { randomUUID } from 'node:crypto';
import type { Clock } from '../../clock.js';
import type { Config } from '../../config.js';
import type { Db } from '../../db/client.js';
import { AppError } from '../../http/errors.js';
import { assertPasswordPolicy, hashPassword, makeDummyHash, verifyPassword } from './password.js';
import type { Actor, Role } from './roles.js';
import * as failures from './login-failure.repository.js';
import * as sessions from './session.repository.js';
import { hashRefreshToken, newRefreshToken, signAccessToken } from './tokens.js';
import { presentSessionUser } from './user.presenter.js';
import type { UserDirectory } from './user-directory.js';
import * as users from './user.repository.js';

type AuthConfig = Pick<
  Config,
  | 'jwtSecret'
  | 'accessTokenTtlSeconds'
  | 'refreshTokenTtlDays'
  | 'bcryptCost'
  | 'loginMaxFailures'
  | 'loginAccountMaxFailures'
  | 'loginLockMinutes'
  | 'refreshTokenGraceDays'
>;

export type SessionService = ReturnType<typeof createSessionService>;

export function createSessionService(db: Db, config: AuthConfig, clock: Clock, directory: UserDirectory) {
  const dummyHash = makeDummyHash(config.bcryptCost);

  function actorOf(user: users.UserRow): Actor {
    return { userId: user.id, username: user.username, roles: user.roles as Role[], agencyId: user.agencyId };
  }

  async function issue(tx: Db, user: users.UserRow, familyId: string) {
    const now = clock.now();
    const refresh = newRefreshToken();
    const row = await sessions.insertRefreshToken(tx, {
      tokenHash: refresh.hash,
      userId: user.id,
      familyId,
      expiresAt: new Date(now.getTime() + config.refreshTokenTtlDays * 86_400_000),
    });
    return {
      rowId: row.id,
      body: {
        accessToken: signAccessToken(actorOf(user), config.jwtSecret, config.accessTokenTtlSeconds),
        refreshToken: refresh.token,
        expiresIn: config.accessTokenTtlSeconds,
        user: presentSessionUser(user),
      },
    };
  }

  return {
    /**
     * Wrong user, wrong password, disabled and locked accounts all answer INVALID_CREDENTIALS after
     * one bcrypt comparison, so neither the answer nor its timing tells which.
     *
     * Issue 9 item 3d: `<agency>.<role>` usernames are predictable, so wrong passwords lock the
     * account for the client that sent them (`client`: its IP as TRUST_PROXY resolves it) after
     * LOGIN_MAX_FAILURES; only LOGIN_ACCOUNT_MAX_FAILURES from all clients together lock it for everyone.
     */
    async login(username: string, password: string, client: string) {
      const user = await users.findByUsername(db, username);
      const matches = await verifyPassword(password, user?.passwordHash ?? dummyHash);
      const now = clock.now();
      if (!user || user.disabled) throw new AppError('INVALID_CREDENTIALS');
      if (user.lockedUntil && user.lockedUntil > now) throw new AppError('INVALID_CREDENTIALS');
      const clientLock = await failures.clientLockedUntil(db, user.id, client);
      if (clientLock && clientLock > now) throw new AppError('INVALID_CREDENTIALS');
      if (!matches) {
        const lockMs = config.loginLockMinutes * 60_000;
        const lockUntil = new Date(now.getTime() + lockMs);
        await failures.recordClientFailure(
          db,
          user.id,
          client,
          now,
          new Date(now.getTime() - lockMs),
          config.loginMaxFailures,
          lockUntil,
        );
        await users.recordFailedLogin(db, user.id, config.loginAccountMaxFailures, lockUntil);
        throw new AppError('INVALID_CREDENTIALS');
      }
      await failures.clearClientFailures(db, user.id, client);
      if (user.failedLogins > 0 || user.lockedUntil) await users.clearFailedLogins(db, user.id);
      return (await issue(db, user, randomUUID())).body;
    },

    /**
     * Rotates a refresh token. Presenting a token that was already rotated or revoked means it was
     * stolen or replayed: the whole family (every token of that login) is revoked.
     */
    async refresh(token: string) {
      const outcome = await db.transaction(async (tx) => {
        const row = await sessions.findByHashForUpdate(tx, hashRefreshToken(token));
        const now = clock.now();
        if (!row) return { error: 'INVALID_REFRESH_TOKEN' as const };
        if (row.revokedAt || row.replacedBy) {
          await sessions.revokeFamily(tx, row.familyId, now);
          return { error: 'REFRESH_TOKEN_REUSED' as const };
        }
        if (row.expiresAt <= now) return { error: 'INVALID_REFRESH_TOKEN' as const };
        const user = await users.findById(tx, row.userId);
        if (!user || user.disabled) {
          await sessions.revokeFamily(tx, row.familyId, now);
          return { error: 'INVALID_REFRESH_TOKEN' as const };
        }
        const next = await issue(tx, user, row.familyId);
        await sessions.markReplaced(tx, row.id, next.rowId, now);
        return { body: next.body };
      });
      if (outcome.error) throw new AppError(outcome.error);
      return outcome.body!;
    },

    /** Ends the login the refresh token belongs to. Unknown tokens are ignored (logout is idempotent). */
    async logout(token: string): Promise<void> {
      const familyId = await sessions.familyIdOf(db, hashRefreshToken(token));
      if (familyId) await sessions.revokeFamily(db, familyId, clock.now());
    },

    /**
     * The daily cleanup (issue 9 item 8a): logins over for more than REFRESH_TOKEN_GRACE_DAYS, and
     * login-failure counts whose window and lock ended that long ago. Runs in the job's transaction.
     */
    async cleanup(tx: Db, asOf: Date) {
      const before = new Date(asOf.getTime() - config.refreshTokenGraceDays * 86_400_000);
      return {
        refreshTokensDeleted: await sessions.deleteFinishedFamilies(tx, before),
        loginFailuresDeleted: await failures.deleteStaleClientFailures(tx, before),
      };
    },

    async me(actor: Actor) {
      const user = await directory.get(actor.userId);
      if (!user) throw new AppError('UNAUTHENTICATED');
      return user;
    },

    /** Changes the caller's password and ends every other login of theirs. */
    async changePassword(actor: Actor, currentPassword: string, newPassword: string): Promise<void> {
      const user = await users.findById(db, actor.userId);
      if (!user || user.disabled) throw new AppError('UNAUTHENTICATED');
      if (!(await verifyPassword(currentPassword, user.passwordHash))) throw new AppError('WRONG_PASSWORD');
      assertPasswordPolicy(newPassword, user.username, currentPassword);
      const passwordHash = await hashPassword(newPassword, config.bcryptCost);
      const now = clock.now();
      await db.transaction(async (tx) => {
        await users.updateUser(tx, user.id, { passwordHash, passwordChangedAt: now });
        await users.revokeUserTokens(tx, user.id, now);
      });
    },
  };
}
