export * from './agencies.js';
export * from './users.js';
export * from './calendar.js';
export * from './procedures.js';
export * from './dossiers.js';
export * from './jobs.js';
export * from './login-failures.js';
export * from './outbox.js';
