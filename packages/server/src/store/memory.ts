import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import type { Limiter, RateLimit, Store } from './store.js';

interface Entry {
  value: string | Map<string, string>;
  expiresAt: number;
}

/**
 * The store in this process's memory: the default, for one server copy, nothing to install.
 * Expired keys are swept as the store is used, so memory stays bounded by what is live.
 */
export class MemoryStore implements Store {
  readonly kind = 'memory' as const;
  readonly #entries = new Map<string, Entry>();
  readonly #channels = new Map<string, Set<(message: string) => void>>();
  #nextSweep = 0;

  #live(key: string, now = Date.now()): Entry | undefined {
    if (now >= this.#nextSweep) {
      this.#nextSweep = now + 30_000;
      for (const [k, entry] of this.#entries) if (entry.expiresAt <= now) this.#entries.delete(k);
    }
    const entry = this.#entries.get(key);
    if (entry && entry.expiresAt <= now) {
      this.#entries.delete(key);
      return undefined;
    }
    return entry;
  }

  async get(key: string): Promise<string | null> {
    const entry = this.#live(key);
    return typeof entry?.value === 'string' ? entry.value : null;
  }

  async set(key: string, value: string, ttlSeconds: number): Promise<void> {
    this.#entries.set(key, { value, expiresAt: Date.now() + ttlSeconds * 1000 });
  }

  async add(key: string, value: string, ttlSeconds: number): Promise<boolean> {
    if (this.#live(key)) return false;
    await this.set(key, value, ttlSeconds);
    return true;
  }

  async take(key: string): Promise<string | null> {
    // No await between the read and the delete: callers at once cannot both get the value.
    const entry = this.#live(key);
    if (typeof entry?.value !== 'string') return null;
    this.#entries.delete(key);
    return entry.value;
  }

  async touch(key: string, ttlSeconds: number): Promise<boolean> {
    const entry = this.#live(key);
    if (!entry) return false;
    entry.expiresAt = Date.now() + ttlSeconds * 1000;
    return true;
  }

  async delete(...keys: string[]): Promise<void> {
    for (const key of keys) this.#entries.delete(key);
  }

  #hash(key: string): Map<string, string> | undefined {
    const entry = this.#live(key);
    return entry && typeof entry.value !== 'string' ? entry.value : undefined;
  }

  async hset(key: string, field: string, value: string, ttlSeconds: number): Promise<void> {
    const hash = this.#hash(key) ?? new Map<string, string>();
    hash.set(field, value);
    this.#entries.set(key, { value: hash, expiresAt: Date.now() + ttlSeconds * 1000 });
  }

  async hget(key: string, field: string): Promise<string | null> {
    return this.#hash(key)?.get(field) ?? null;
  }

  async hdel(key: string, field: string): Promise<boolean> {
    const hash = this.#hash(key);
    const had = hash?.delete(field) ?? false;
    if (hash && hash.size === 0) this.#entries.delete(key);
    return had;
  }

  async hgetall(key: string): Promise<Record<string, string>> {
    return Object.fromEntries(this.#hash(key) ?? []);
  }

  async publish(channel: string, message: string): Promise<void> {
    for (const listener of this.#channels.get(channel) ?? []) queueMicrotask(() => listener(message));
  }

  subscribe(channel: string, listener: (message: string) => void): () => void {
    let listeners = this.#channels.get(channel);
    if (!listeners) this.#channels.set(channel, (listeners = new Set()));
    listeners.add(listener);
    return () => {
      listeners.delete(listener);
      if (listeners.size === 0) this.#channels.delete(channel);
    };
  }

  limiter(name: string, { limit, windowSeconds }: RateLimit): Limiter {
    const counters = new RateLimiterMemory({ keyPrefix: name, points: limit, duration: windowSeconds });
    return limiterOver(counters);
  }

  async ping(): Promise<boolean> {
    return true;
  }

  async close(): Promise<void> {
    this.#entries.clear();
    this.#channels.clear();
  }
}

/**
 * A `Limiter` over one of rate-limiter-flexible's limiters: `consume` counts (and refuses past the
 * limit with the time to wait), `reward` gives one back. Shared by both stores; errors other than
 * "over the limit" (the store went away) are the caller's to map.
 */
export function limiterOver(counters: {
  consume(key: string, points?: number): Promise<RateLimiterRes>;
  reward(key: string, points?: number): Promise<RateLimiterRes>;
}): Limiter {
  return {
    async hit(key) {
      try {
        await counters.consume(key);
        return 0;
      } catch (refusal) {
        if (refusal instanceof RateLimiterRes) return Math.max(1, Math.ceil(refusal.msBeforeNext / 1000));
        throw refusal;
      }
    },
    async undo(key) {
      await counters.reward(key);
    },
  };
}
