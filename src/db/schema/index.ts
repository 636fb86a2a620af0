export * from './agencies.js';
export * from './users.js';
