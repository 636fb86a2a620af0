/** Roles and the acting staff member live in lib/ (http/ and db/ need them too); modules import them here. */
export * from '../../lib/roles.js';
