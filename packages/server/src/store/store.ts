/**
 * The one place the server keeps state that matters beyond a request: door control (knocks,
 * locks, invites, bans) and rate limits. Two implementations: in memory (`MemoryStore`, the
 * default, for one server copy) and Redis (`RedisStore`, when `REDIS_URL` is set, shared by
 * every copy behind a load balancer). Everything else in the server is derived from the config
 * or asked of LiveKit, so any number of copies can serve the same spaces.
 *
 * Keys are plain strings chosen by the caller (e.g. `lock:<livekit room>`); values are strings
 * (JSON where structured). Every key lives for a bounded time (`ttlSeconds`), so nothing grows
 * without end. When the store cannot be reached every call rejects with `StoreUnavailableError`,
 * which the error handler answers as a 503 `store_unavailable`: nothing is admitted or minted on
 * a guess.
 */

/** A limit of `limit` events per `windowSeconds` for each key; `false` turns a limit off. */
export interface RateLimit {
  limit: number;
  windowSeconds: number;
}

/** Counters for one limit, shared by every server copy using the same store. */
export interface Limiter {
  /** Counts one event for `key`; resolves to the seconds to wait when it is over the limit, else 0. */
  hit(key: string): Promise<number>;
  /** Takes back one event counted for `key` (an attempt that turned out to be allowed). */
  undo(key: string): Promise<void>;
}

export interface Store {
  readonly kind: 'memory' | 'redis';
  get(key: string): Promise<string | null>;
  set(key: string, value: string, ttlSeconds: number): Promise<void>;
  /** Sets `key` only when it is absent; resolves `true` when it set it. */
  add(key: string, value: string, ttlSeconds: number): Promise<boolean>;
  /** Gets and deletes `key` at once (a single-use invite is used once, whichever copy sees it). */
  take(key: string): Promise<string | null>;
  /** Gives `key` a new lifetime; `false` when there is no such key. */
  touch(key: string, ttlSeconds: number): Promise<boolean>;
  delete(...keys: string[]): Promise<void>;
  /** One field of a hash; the hash key's lifetime is set (renewed) to `ttlSeconds`. */
  hset(key: string, field: string, value: string, ttlSeconds: number): Promise<void>;
  hget(key: string, field: string): Promise<string | null>;
  /** Deletes one field; `true` when it was there. */
  hdel(key: string, field: string): Promise<boolean>;
  /** Every field of a hash (`{}` when there is none). */
  hgetall(key: string): Promise<Record<string, string>>;
  /** Tells every subscriber of `channel` (on every copy) `message`. */
  publish(channel: string, message: string): Promise<void>;
  /** Calls `listener` with each message published on `channel`; returns the function that stops it. */
  subscribe(channel: string, listener: (message: string) => void): () => void;
  /** A rate limiter over this store; `name` keeps different limits' counters apart. */
  limiter(name: string, limit: RateLimit): Limiter;
  /** Whether the store answers now (for `/healthz`). */
  ping(): Promise<boolean>;
  /** Closes connections (Redis); the memory store forgets everything. */
  close(): Promise<void>;
}

/** The store could not be reached: the request is answered 503 and changes nothing. */
export class StoreUnavailableError extends Error {
  constructor(cause?: unknown) {
    super('The Convene server cannot reach its store (Redis).', { cause });
    this.name = 'StoreUnavailableError';
  }
}
