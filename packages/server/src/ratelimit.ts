/** A limit of `limit` events per `windowSeconds` for each key; `false` turns a limit off. */
export interface RateLimit {
  limit: number;
  windowSeconds: number;
}

/**
 * Fixed-window counters in memory, one per key (a client, or a client and a room). Expired
 * windows are swept as the limiter is used, so memory stays bounded by the keys of one window.
 * Per server copy: behind a load balancer each copy counts on its own, which still bounds guesses.
 */
export class RateLimiter {
  readonly #limit: number;
  readonly #windowMs: number;
  readonly #windows = new Map<string, { count: number; resetAt: number }>();
  #nextSweep = 0;

  constructor({ limit, windowSeconds }: RateLimit) {
    this.#limit = limit;
    this.#windowMs = windowSeconds * 1000;
  }

  /** Seconds until `key` may act again, or 0 when it may act now. Does not count. */
  blockedFor(key: string, now = Date.now()): number {
    const window = this.#windows.get(key);
    if (!window || window.resetAt <= now || window.count < this.#limit) return 0;
    return Math.max(1, Math.ceil((window.resetAt - now) / 1000));
  }

  /** Counts one event for `key`; returns the seconds to wait when this event is over the limit, else 0. */
  hit(key: string, now = Date.now()): number {
    this.#sweep(now);
    let window = this.#windows.get(key);
    if (!window || window.resetAt <= now) {
      window = { count: 0, resetAt: now + this.#windowMs };
      this.#windows.set(key, window);
    }
    window.count++;
    return window.count > this.#limit ? Math.max(1, Math.ceil((window.resetAt - now) / 1000)) : 0;
  }

  /** Takes back one event counted for `key` (an attempt that turned out to be allowed). */
  undo(key: string): void {
    const window = this.#windows.get(key);
    if (window && window.count > 0) window.count--;
  }

  #sweep(now: number) {
    if (now < this.#nextSweep) return;
    this.#nextSweep = now + this.#windowMs;
    for (const [key, window] of this.#windows) if (window.resetAt <= now) this.#windows.delete(key);
  }
}
