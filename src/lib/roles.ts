/** Staff roles (architecture.md "Access model"). */
export const ROLES = ['admin', 'supervisor', 'receptionist', 'officer', 'leader'] as const;
export type Role = (typeof ROLES)[number];

/** The signed-in staff member a request acts for, read from the access token. */
export interface Actor {
  readonly userId: string;
  readonly username: string;
  readonly roles: readonly Role[];
  /** null only for system administrators, whose scope is everything. */
  readonly agencyId: string | null;
}

export const ALL_STAFF: readonly Role[] = ROLES;
