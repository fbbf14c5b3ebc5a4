import { RateLimiterRedis } from 'rate-limiter-flexible';
import { createClient, ErrorReply } from 'redis';
import { limiterOver } from './memory.js';
import { StoreUnavailableError, type Limiter, type RateLimit, type Store } from './store.js';

type Client = ReturnType<typeof createClient>;

export interface RedisStoreOptions {
  /** `redis://[user:password@]host[:port][/db]` or `rediss://…` for TLS. */
  url: string;
  /**
   * Where losing and regaining Redis is reported: once when it goes away (with the error), once
   * when it is back (without one). Defaults to console.
   */
  log?: (message: string, error?: unknown) => void;
  /** Put before every key, channel and limiter name, so Convene can share a Redis; default `convene:`. */
  prefix?: string;
  /** How long one command may take before it counts as Redis not answering, in ms; default 2,000. */
  commandTimeoutMs?: number;
}

/**
 * Waits between reconnection attempts: 50 ms doubling to 2 s, with a little jitter so that many
 * server copies do not knock at once. Never gives up: Redis coming back is noticed within about
 * two seconds, without a restart.
 */
export function reconnectDelay(retries: number): number {
  return Math.min(50 * 2 ** retries, 2000) + Math.floor(Math.random() * 100);
}

/**
 * The store in Redis, shared by every server copy that names the same Redis: for several copies
 * behind a load balancer. Same meaning as `MemoryStore`, call for call.
 *
 * While Redis is away nothing waits for it: commands are not queued (`disableOfflineQueue`) and
 * each one has a timeout, so every call rejects at once with `StoreUnavailableError`; the client
 * keeps reconnecting by itself, and subscriptions are renewed when it is back.
 */
export class RedisStore implements Store {
  readonly kind = 'redis' as const;
  readonly #client: Client;
  /** The same client with a timeout on every command. */
  readonly #commands: Client;
  readonly #prefix: string;
  readonly #log: (message: string, error?: unknown) => void;
  readonly #where: string;
  /** Messages arrive on a connection of their own: a subscribed connection can do nothing else. */
  #subscriber: Client | undefined;
  readonly #channels = new Map<string, Set<(message: string) => void>>();
  #outage = false;
  #closed = false;

  constructor({ url, log, prefix = 'convene:', commandTimeoutMs = 2000 }: RedisStoreOptions) {
    this.#prefix = prefix;
    this.#log =
      log ??
      ((message, error) =>
        error === undefined ? console.warn(`[convene] ${message}`) : console.error(`[convene] ${message}`, error));
    this.#where = redactedUrl(url);
    this.#client = createClient({
      url,
      disableOfflineQueue: true,
      socket: { connectTimeout: commandTimeoutMs, reconnectStrategy: reconnectDelay },
    });
    this.#commands = this.#client.withCommandOptions({ timeout: commandTimeoutMs }) as unknown as Client;
    this.#watch(this.#client);
  }

  async get(key: string): Promise<string | null> {
    return this.#ask(() => this.#commands.get(this.#key(key)));
  }

  async set(key: string, value: string, ttlSeconds: number): Promise<void> {
    await this.#ask(() =>
      this.#commands.set(this.#key(key), value, { expiration: { type: 'PX', value: ms(ttlSeconds) } }),
    );
  }

  async add(key: string, value: string, ttlSeconds: number): Promise<boolean> {
    const reply = await this.#ask(() =>
      this.#commands.set(this.#key(key), value, {
        expiration: { type: 'PX', value: ms(ttlSeconds) },
        condition: 'NX',
      }),
    );
    return reply === 'OK';
  }

  async take(key: string): Promise<string | null> {
    return this.#ask(() => this.#commands.getDel(this.#key(key)));
  }

  async touch(key: string, ttlSeconds: number): Promise<boolean> {
    return (await this.#ask(() => this.#commands.pExpire(this.#key(key), ms(ttlSeconds)))) === 1;
  }

  async delete(...keys: string[]): Promise<void> {
    if (keys.length === 0) return;
    await this.#ask(() => this.#commands.del(keys.map((key) => this.#key(key))));
  }

  async hset(key: string, field: string, value: string, ttlSeconds: number): Promise<void> {
    const k = this.#key(key);
    // One transaction: the field and the hash's new lifetime land together, or neither does.
    await this.#ask(() => this.#commands.multi().hSet(k, field, value).pExpire(k, ms(ttlSeconds)).exec());
  }

  async hget(key: string, field: string): Promise<string | null> {
    return (await this.#ask(() => this.#commands.hGet(this.#key(key), field))) ?? null;
  }

  async hdel(key: string, field: string): Promise<boolean> {
    return (await this.#ask(() => this.#commands.hDel(this.#key(key), field))) > 0;
  }

  async hgetall(key: string): Promise<Record<string, string>> {
    return { ...(await this.#ask(() => this.#commands.hGetAll(this.#key(key)))) };
  }

  async publish(channel: string, message: string): Promise<void> {
    await this.#ask(() => this.#commands.publish(this.#key(channel), message));
  }

  subscribe(channel: string, listener: (message: string) => void): () => void {
    let listeners = this.#channels.get(channel);
    if (!listeners) {
      this.#channels.set(channel, (listeners = new Set()));
      this.#listen(channel);
    }
    listeners.add(listener);
    return () => {
      listeners.delete(listener);
      if (listeners.size > 0 || this.#channels.get(channel) !== listeners) return;
      this.#channels.delete(channel);
      if (this.#subscriber?.isReady) this.#subscriber.unsubscribe(this.#key(channel), this.#deliver).catch(() => {});
    };
  }

  limiter(name: string, { limit, windowSeconds }: RateLimit): Limiter {
    const counters = limiterOver(
      new RateLimiterRedis({
        storeClient: this.#commands,
        useRedisPackage: true,
        rejectIfRedisNotReady: true,
        keyPrefix: this.#key(`limit:${name}`),
        points: limit,
        duration: windowSeconds,
      }),
    );
    // Refusals (over the limit) are answers; any other failure is Redis not answering.
    return {
      hit: (key) => this.#ask(() => counters.hit(key)),
      undo: (key) => this.#ask(() => counters.undo(key)),
    };
  }

  async ping(): Promise<boolean> {
    try {
      await this.#ask(() => this.#commands.ping());
      return true;
    } catch {
      return false;
    }
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.#channels.clear();
    await Promise.all([this.#client, this.#subscriber].map((client) => client && shut(client)));
  }

  #key(key: string): string {
    return this.#prefix + key;
  }

  /** Runs a command; anything but Redis's own answer to a wrong command means Redis is unavailable. */
  async #ask<T>(command: () => Promise<T>): Promise<T> {
    try {
      return await command();
    } catch (error) {
      if (error instanceof ErrorReply) throw error;
      throw new StoreUnavailableError(error);
    }
  }

  /** Connects `client` now and on every loss, and reports an outage once. */
  #watch(client: Client): void {
    client.on('error', (error: unknown) => {
      if (this.#closed || this.#outage) return;
      this.#outage = true;
      this.#log(
        `Redis at ${this.#where} is not reachable; requests that need the store are answered 503 until it is (reconnecting).`,
        error,
      );
    });
    client.on('ready', () => {
      if (client === this.#subscriber) for (const channel of this.#channels.keys()) this.#listen(channel);
      const everyOneReady = [this.#client, this.#subscriber].every((c) => !c || c.isReady);
      if (this.#outage && everyOneReady && !this.#closed) {
        this.#outage = false;
        this.#log(`Redis at ${this.#where} is reachable again.`);
      }
    });
    // Resolves once connected; until then (and whenever Redis is away) commands reject at once.
    client.connect().catch(() => {});
  }

  /** One message for whoever on this copy listens to its channel. */
  readonly #deliver = (message: string, channel: string): void => {
    const listeners = this.#channels.get(channel.slice(this.#prefix.length));
    for (const listener of listeners ?? []) {
      try {
        listener(message);
      } catch (error) {
        this.#log('a store subscriber threw', error);
      }
    }
  };

  /**
   * Subscribes the subscriber connection to `channel` (made on first use). The client renews what
   * it had subscribed after a reconnection; a subscription asked for while Redis was away is asked
   * again on `ready`, so every listener ends up subscribed.
   */
  #listen(channel: string): void {
    if (this.#closed) return;
    if (!this.#subscriber) {
      this.#subscriber = this.#client.duplicate();
      this.#watch(this.#subscriber);
      return; // its first `ready` subscribes every channel
    }
    if (this.#subscriber.isReady) this.#subscriber.subscribe(this.#key(channel), this.#deliver).catch(() => {});
  }
}

/** Seconds as whole milliseconds, at least one. */
function ms(seconds: number): number {
  return Math.max(1, Math.round(seconds * 1000));
}

/** Closes a client, waiting (up to 2 s) for replies when it is connected, at once when it is not. */
async function shut(client: Client): Promise<void> {
  try {
    if (client.isReady) {
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<'late'>((resolve) => (timer = setTimeout(resolve, 2000, 'late')));
      const closed = await Promise.race([client.close(), late]);
      clearTimeout(timer);
      if (closed === 'late') client.destroy();
    } else client.destroy();
  } catch {
    client.destroy();
  }
}

/** The URL without a password, for logs. */
function redactedUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'REDIS_URL';
  }
}
