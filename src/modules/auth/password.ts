import bcrypt from 'bcrypt';
import { AppError } from '../../http/errors.js';

/**
 * Password policy: 10 to 72 bytes (bcrypt reads no further than 72), letters and digits, not
 * containing the username, different from the previous password.
 */
export function assertPasswordPolicy(password: string, username: string, previous?: string): void {
  const bytes = Buffer.byteLength(password, 'utf8');
  const ok =
    password.length >= 10 &&
    bytes <= 72 &&
    /\p{L}/u.test(password) &&
    /\p{N}/u.test(password) &&
    !password.toLowerCase().includes(username.toLowerCase()) &&
    password !== previous;
  if (!ok) throw new AppError('WEAK_PASSWORD');
}

export function hashPassword(password: string, cost: number): Promise<string> {
  return bcrypt.hash(password, cost);
}

export function verifyPassword(password: string, hash: string): Promise<boolean> {
  return bcrypt.compare(password, hash);
}

/** A hash of nothing anyone knows, compared against when the user does not exist (same timing). */
export function makeDummyHash(cost: number): string {
  return bcrypt.hashSync(`dummy-${Math.random()}`, cost);
}
