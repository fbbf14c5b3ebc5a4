/**
 * The wire contract between the Convene server and the elements (`@convene/server/contract`):
 * the names both sides use, the answers' shapes, and the built-in furniture settings' checks.
 * Plain TypeScript, no zod and no Node: the elements import it at run time. Two modules, so a
 * bundle carries the settings checks only where they are used (the furniture panel's chunk).
 */
export * from './wire.js';
export * from './furniture-settings.js';
