export * from './agencies.js';
export * from './users.js';
export * from './calendar.js';
