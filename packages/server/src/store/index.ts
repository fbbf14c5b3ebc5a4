/** Picks the store: Redis when a URL is given (several server copies), else memory (one copy). */
import { MemoryStore } from './memory.js';
import { RedisStore } from './redis.js';
import type { Store } from './store.js';

export { MemoryStore } from './memory.js';
export { RedisStore, type RedisStoreOptions } from './redis.js';
export { StoreUnavailableError, type Limiter, type RateLimit, type Store } from './store.js';

export interface CreateStoreOptions {
  /** `REDIS_URL`; empty or absent: the memory store. */
  redisUrl?: string | undefined;
  /** Where losing and regaining Redis is reported (once each). */
  log?: (message: string, error?: unknown) => void;
}

export function createStore({ redisUrl, log }: CreateStoreOptions = {}): Store {
  if (!redisUrl) return new MemoryStore();
  return new RedisStore({ url: redisUrl, ...(log ? { log } : {}) });
}
