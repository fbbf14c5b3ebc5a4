import { Router, type Request } from 'express';
import { RoomServiceClient, WebhookReceiver } from 'livekit-server-sdk';
import { MAX_NAME_LENGTH, sanitiseName } from './contract/index.js';
import { ConveneError, errorHandler } from './errors.js';
import { apiSecurityHeaders, spaceCors } from './http.js';
import { livekitHttpUrl, type LivekitSettings } from './livekit.js';
import { choosePerson, createPassVerifiers, passOf } from './passes.js';
import { lockedRooms } from './doors/locks.js';
import { presenceNudges, SpacePresence } from './presence.js';
import { attributeRoutes } from './routes/attributes.js';
import { codeChecker, type RouteContext } from './routes/context.js';
import { directoryRoutes } from './routes/directory.js';
import { doorRoutes } from './routes/doors.js';
import { livekitRoutes } from './routes/livekit.js';
import { moderationRoutes } from './routes/moderation.js';
import { notesRoutes } from './routes/notes.js';
import { pollRoutes } from './routes/polls.js';
import { roleRoutes } from './routes/role.js';
import { stageRoutes } from './routes/stage.js';
import { tableRoutes } from './routes/tables.js';
import { tokenRoutes } from './routes/token.js';
import { MemoryStore } from './store/memory.js';
import type { RateLimit, Store } from './store/store.js';
import type { AuthenticatedPerson, ConveneConfig } from './schema.js';
import { MAX_TOKEN_TTL_SECONDS } from './tokens.js';

export interface ConveneRouterOptions {
  /** The validated config (see `loadConfigFile` / `parseConfig`). */
  config: ConveneConfig;
  /** LiveKit's URL and keys (see `livekitFromEnv`). */
  livekit: LivekitSettings;
  /** Who is signed in to the host site, from its own session; `null` for a guest. Never the browser's word. */
  authenticate?: (req: Request) => AuthenticatedPerson | null | Promise<AuthenticatedPerson | null>;
  /** Token lifetime in seconds (at most 600, the default). */
  tokenTtlSeconds?: number;
  /** Abuse limits per client (its address, as Express's `req.ip` sees it); `false` turns one off. */
  rateLimits?: {
    /** Token requests per client; default 120 a minute (people behind one office NAT share a client). */
    tokens?: RateLimit | false;
    /** Wrong access or moderator codes per client and room; default 10 in 10 minutes. IPv6 clients count per /64. */
    codeGuesses?: RateLimit | false;
    /** Wrong access or moderator codes per room from all clients together; default 50 in 10 minutes. */
    roomCodeGuesses?: RateLimit | false;
    /** Open presence streams per client; default 100. */
    streamsPerClient?: number;
    /** Open presence streams on this server from all clients together; default 5,000 (then 503 with Retry-After). */
    streams?: number;
    /** Breakout-table token requests per client; default 60 a minute. */
    tableTokens?: RateLimit | false;
    /** Moderation requests (mute, remove, lower a hand, spotlight) per client; default 60 a minute. */
    moderation?: RateLimit | false;
    /** `GET /healthz` requests per client (each asks LiveKit); default 60 a minute. */
    health?: RateLimit | false;
    /** Requests to come in (knocks) made per client; default 20 in 10 minutes. */
    knocks?: RateLimit | false;
    /** Invite links made per client; default 30 in 10 minutes. */
    invites?: RateLimit | false;
  };
  /**
   * The hosts (`name[:port]`, as in the Host header) this server's own pages are served from, for
   * POSTs from the same host that are not in a space's `allowedOrigins`. An IP address or
   * `localhost` needs no entry; any other name must be listed, so a name that an attacker points
   * at this server (DNS rebinding) does not make its pages same-host.
   */
  hosts?: string[];
  /** Presence polling (the fallback to webhooks) and SSE heartbeats. */
  presence?: { pollMs?: number; heartbeatMs?: number };
  /** Where unexpected errors are reported; defaults to console.error. */
  log?: (message: string, error: unknown) => void;
  /** Where the HS256 member-pass secrets that `memberPasses.hmac` names are read from, once (default `process.env`). */
  env?: Record<string, string | undefined>;
  /** What a config error names as the config (the file it came from); default "config". */
  configSource?: string;
  /**
   * Where state shared by every server copy lives (door control, rate limits): a `RedisStore`
   * (see `createStore`) when several copies serve the same spaces. Default: a `MemoryStore` the
   * router makes, and closes in `shutdown()`; a store passed here is the caller's to close.
   */
  store?: Store;
  /** Seconds a knock waits for a moderator's answer before it ends as `unanswered`; default 120. */
  knockTimeoutSeconds?: number;
  /** Seconds a knock outlives its knocker's stream (they left the page); default 30. Shorter in tests. */
  knockTtlSeconds?: number;
}

/** The Convene API as an Express router, plus `shutdown()`, which ends presence streams. */
export interface ConveneRouter extends Router {
  /** Ends every presence stream and stops polling LiveKit; call before closing the HTTP server. */
  shutdown(): void;
  /**
   * Resolves once every member-pass public key is imported; rejects with a ConfigError naming a key
   * that cannot be. Await it before listening. (A missing HS256 secret already threw when the router was built.)
   */
  ready(): Promise<void>;
}

const DEFAULT_LIMITS = {
  tokens: { limit: 120, windowSeconds: 60 },
  codeGuesses: { limit: 10, windowSeconds: 600 },
  roomCodeGuesses: { limit: 50, windowSeconds: 600 },
  streamsPerClient: 100,
  streams: 5000,
  tableTokens: { limit: 60, windowSeconds: 60 },
  moderation: { limit: 60, windowSeconds: 60 },
  health: { limit: 60, windowSeconds: 60 },
  knocks: { limit: 20, windowSeconds: 600 },
  invites: { limit: 30, windowSeconds: 600 },
};

/**
 * The Convene HTTP API as an Express router, to mount anywhere: `app.use('/convene', conveneRouter(...))`.
 * Builds the context the routes share once, then mounts the route modules of `./routes/`.
 */
export function conveneRouter(options: ConveneRouterOptions): ConveneRouter {
  const ownStore = options.store ? null : new MemoryStore();
  const ctx = routeContext(options, options.store ?? (ownStore as Store));
  const router = Router() as ConveneRouter;
  router.shutdown = () => {
    stopDoors();
    ctx.stopNudges();
    for (const space of ctx.presence.values()) space.close();
    void ownStore?.close();
  };
  router.ready = () => ctx.passes.ready();

  router.use(apiSecurityHeaders);
  livekitRoutes(router, ctx);
  router.use('/api/spaces/:space', spaceCors(ctx.spaces, options.hosts ?? []));
  directoryRoutes(router, ctx);
  tokenRoutes(router, ctx);
  const stopDoors = doorRoutes(router, ctx, doorOptions(options, ctx));
  moderationRoutes(router, ctx);
  roleRoutes(router, ctx);
  stageRoutes(router, ctx);
  tableRoutes(router, ctx);
  attributeRoutes(router, ctx);
  notesRoutes(router, ctx);
  pollRoutes(router, ctx);
  router.use('/api', () => {
    throw new ConveneError(404, 'not_found', 'There is no such Convene API endpoint.');
  });
  router.use(errorHandler(ctx.log));
  return router;
}

function doorOptions(options: ConveneRouterOptions, ctx: RouteContext) {
  const limit = (name: 'knocks' | 'invites') => {
    const value = options.rateLimits?.[name] ?? DEFAULT_LIMITS[name];
    return value ? ctx.store.limiter(name, value) : null;
  };
  return {
    timeoutSeconds: options.knockTimeoutSeconds ?? 120,
    ttlSeconds: options.knockTtlSeconds ?? 30,
    knockLimiter: limit('knocks'),
    inviteLimiter: limit('invites'),
    heartbeatMs: options.presence?.heartbeatMs ?? 15_000,
  };
}

function routeContext(options: ConveneRouterOptions, store: Store): RouteContext & { stopNudges(): void } {
  const { config, livekit } = options;
  const ttl = Math.max(60, Math.min(options.tokenTtlSeconds ?? MAX_TOKEN_TTL_SECONDS, MAX_TOKEN_TTL_SECONDS));
  const log = options.log ?? ((message, error) => console.error(`[convene] ${message}`, error));
  // Reads HS256 secrets now and starts importing keys: a ConfigError here stops start-up.
  const passes = createPassVerifiers(config, {
    log,
    ...(options.env ? { env: options.env } : {}),
    ...(options.configSource ? { source: options.configSource } : {}),
  });
  const rooms = new RoomServiceClient(livekitHttpUrl(livekit.url), livekit.apiKey, livekit.apiSecret, {
    requestTimeout: 5,
  });
  const pollMs = options.presence?.pollMs ?? 5000;
  const heartbeatMs = options.presence?.heartbeatMs ?? 15_000;
  const presence = new Map(
    config.spaces.map((space) => [
      space.slug,
      new SpacePresence(space, rooms, {
        pollMs,
        heartbeatMs,
        log,
        lockedRooms: () => lockedRooms({ store, rooms }, space),
      }),
    ]),
  );
  // A webhook reaches one server copy; the others hear of it through the store.
  const nudges = presenceNudges(store, presence);
  const limits = { ...DEFAULT_LIMITS, ...config.rateLimits, ...options.rateLimits };
  const hostPerson = async (req: Request): Promise<AuthenticatedPerson | null> => {
    const person = options.authenticate ? ((await options.authenticate(req)) ?? null) : null;
    if (!person) return null;
    const identity = typeof person.identity === 'string' ? sanitiseName(person.identity) : '';
    if (!identity || identity !== person.identity || identity.length > 128) {
      throw new Error('authenticate() returned a person without a usable identity (1–128 characters, no controls)');
    }
    const name = sanitiseName(String(person.name ?? '')).slice(0, MAX_NAME_LENGTH);
    return { identity, name, member: person.member === true, moderator: person.moderator === true };
  };

  return {
    livekit,
    spaces: new Map(config.spaces.map((space) => [space.slug, space])),
    store,
    rooms,
    webhooks: new WebhookReceiver(livekit.apiKey, livekit.apiSecret),
    presence,
    nudgePresence: nudges.nudge,
    stopNudges: nudges.stop,
    pollMs,
    tokenLimiter: limits.tokens ? store.limiter('tokens', limits.tokens) : null,
    streamsPerClient: limits.streamsPerClient,
    maxStreams: limits.streams,
    tableLimiter: limits.tableTokens ? store.limiter('table-tokens', limits.tableTokens) : null,
    moderationLimiter: limits.moderation ? store.limiter('moderation', limits.moderation) : null,
    healthLimiter: limits.health ? store.limiter('health', limits.health) : null,
    ttl,
    log,
    passes,

    async whoIs(req, space) {
      // The pass first: a bad one is refused whoever else vouches for the visitor, so the page
      // learns that its sign-in needs renewing instead of silently getting less.
      const pass = passOf(req);
      const fromPass = pass === undefined ? null : await passes.verifyPass(space.slug, pass);
      return choosePerson(await hostPerson(req), fromPass);
    },

    /** LiveKit calls: an unreachable LiveKit is a 503 the visitor can wait out, not a 500. */
    async askLivekit(what, call) {
      try {
        return await call();
      } catch (error) {
        if ((error as { status?: number }).status === 404) throw error;
        log(`LiveKit did not answer (${what})`, error);
        throw new ConveneError(
          503,
          'livekit_unavailable',
          'The video service is not reachable right now. Try again soon.',
        );
      }
    },

    checkCode: codeChecker({ perClient: limits.codeGuesses, perRoom: limits.roomCodeGuesses }, store),
  };
}
