import type { InstantFormatter } from '../../lib/dates.js';
import type { UserRow } from './user.repository.js';

/** The JSON shape of a user. The password hash and lockout counters never leave the server. */
export function presentUser(u: UserRow, now: Date, iso: InstantFormatter) {
  return {
    id: u.id,
    username: u.username,
    fullName: u.fullName,
    roles: u.roles,
    agencyId: u.agencyId,
    disabled: u.disabled,
    locked: u.lockedUntil !== null && u.lockedUntil > now,
    createdAt: iso(u.createdAt),
    updatedAt: iso(u.updatedAt),
  };
}

export function presentSessionUser(u: UserRow) {
  return { id: u.id, username: u.username, fullName: u.fullName, roles: u.roles, agencyId: u.agencyId };
}
