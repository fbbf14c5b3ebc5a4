import { randomUUID } from 'node:crypto';
import express, { Router, type Request } from 'express';
import { RoomServiceClient, TrackSource, TrackType, WebhookReceiver } from 'livekit-server-sdk';
import { verifyCode } from './codes.js';
import { ConveneError, errorHandler, invalidRequest } from './errors.js';
import { apiSecurityHeaders, clientKey, readJson, sendJson, spaceCors } from './http.js';
import { livekitRoomName } from './contract.js';
import { livekitHttpUrl, type LivekitSettings } from './livekit.js';
import { presenceFor, SpacePresence, visibleRooms } from './presence.js';
import { RateLimiter, type RateLimit } from './ratelimit.js';
import {
  HAND_ATTRIBUTE,
  ROLE_ATTRIBUTE,
  moderationRequestSchema,
  SPOTLIGHT_METADATA_KEY,
  sanitiseName,
  tokenRequestSchema,
  type AuthenticatedPerson,
  type ConveneConfig,
  type Directory,
  type Health,
  type ModerationResponse,
  type ParticipantRole,
  type RoomConfig,
  type SpaceConfig,
  type TokenResponse,
} from './schema.js';
import { checkBearer, MAX_TOKEN_TTL_SECONDS, mintToken } from './tokens.js';

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
    /** Wrong access or moderator codes per client and room; default 10 in 10 minutes. */
    codeGuesses?: RateLimit | false;
    /** Open presence streams per client; default 100. */
    streamsPerClient?: number;
  };
  /** Presence polling (the fallback to webhooks) and SSE heartbeats. */
  presence?: { pollMs?: number; heartbeatMs?: number };
  /** Where unexpected errors are reported; defaults to console.error. */
  log?: (message: string, error: unknown) => void;
}

/** The Convene API as an Express router, plus `shutdown()`, which ends presence streams. */
export interface ConveneRouter extends Router {
  /** Ends every presence stream and stops polling LiveKit; call before closing the HTTP server. */
  shutdown(): void;
}

const DEFAULT_LIMITS = {
  tokens: { limit: 120, windowSeconds: 60 },
  codeGuesses: { limit: 10, windowSeconds: 600 },
  streamsPerClient: 100,
};

/** The Convene HTTP API as an Express router, to mount anywhere: `app.use('/convene', conveneRouter(...))`. */
export function conveneRouter(options: ConveneRouterOptions): ConveneRouter {
  const { config, livekit } = options;
  const ttl = Math.max(60, Math.min(options.tokenTtlSeconds ?? MAX_TOKEN_TTL_SECONDS, MAX_TOKEN_TTL_SECONDS));
  const log = options.log ?? ((message, error) => console.error(`[convene] ${message}`, error));
  const rooms = new RoomServiceClient(livekitHttpUrl(livekit.url), livekit.apiKey, livekit.apiSecret, {
    requestTimeout: 5,
  });
  const webhooks = new WebhookReceiver(livekit.apiKey, livekit.apiSecret);
  const spaces = new Map(config.spaces.map((space) => [space.slug, space]));
  const pollMs = options.presence?.pollMs ?? 5000;
  const presence = new Map(
    config.spaces.map((space) => [
      space.slug,
      new SpacePresence(space, rooms, { pollMs, heartbeatMs: options.presence?.heartbeatMs ?? 15_000, log }),
    ]),
  );
  const limits = { ...DEFAULT_LIMITS, ...options.rateLimits };
  const tokenLimiter = limits.tokens ? new RateLimiter(limits.tokens) : null;
  const guessLimiter = limits.codeGuesses ? new RateLimiter(limits.codeGuesses) : null;
  const streams = new Map<string, number>();

  const whoIs = async (req: Request): Promise<AuthenticatedPerson | null> => {
    const person = options.authenticate ? ((await options.authenticate(req)) ?? null) : null;
    if (!person) return null;
    const identity = typeof person.identity === 'string' ? sanitiseName(person.identity) : '';
    if (!identity || identity !== person.identity || identity.length > 128) {
      throw new Error('authenticate() returned a person without a usable identity (1–128 characters, no controls)');
    }
    const name = sanitiseName(String(person.name ?? '')).slice(0, 64);
    return { identity, name, member: person.member === true, moderator: person.moderator === true };
  };

  /** LiveKit calls: an unreachable LiveKit is a 503 the visitor can wait out, not a 500. */
  const askLivekit = async <T>(what: string, call: () => Promise<T>): Promise<T> => {
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
  };

  const rateLimited = (seconds: number, message: string) =>
    new ConveneError(429, 'rate_limited', message, undefined, { 'Retry-After': String(seconds) });

  /**
   * Checks a typed code against a stored hash, limiting wrong guesses per client and room. The
   * guess is counted before the (slow) check and given back when right, so that guesses sent in
   * parallel cannot all be checked before any of them is counted.
   */
  const checkCode = async (req: Request, room: string, code: string, hash: string | undefined) => {
    const key = `${clientKey(req)}\0${room}`;
    const wait = guessLimiter?.hit(key) ?? 0;
    if (wait > 0) throw rateLimited(wait, `Too many wrong codes. Try again in ${wait} seconds.`);
    const right = Boolean(hash) && (await verifyCode(code, hash as string));
    if (right) guessLimiter?.undo(key);
    return right;
  };

  const router = Router() as ConveneRouter;
  router.shutdown = () => {
    for (const space of presence.values()) space.close();
  };

  router.use(apiSecurityHeaders);

  router.get('/healthz', async (_req, res) => {
    const reachable = await Promise.race([
      rooms.listRooms(['convene-healthz']).then(
        () => true,
        () => false,
      ),
      new Promise<boolean>((resolve) => setTimeout(resolve, 3000, false).unref()),
    ]);
    const health: Health = { ok: reachable, livekit: reachable ? 'reachable' : 'unreachable' };
    res.status(reachable ? 200 : 503).json(health);
  });

  router.post('/api/livekit/webhook', express.raw({ type: () => true, limit: '64kb' }), async (req, res) => {
    const body = Buffer.isBuffer(req.body) ? req.body.toString('utf8') : '';
    let event;
    try {
      event = await webhooks.receive(body, req.get('authorization'));
    } catch {
      throw new ConveneError(401, 'unauthorized', 'The webhook is not signed by this server’s LiveKit key.');
    }
    const name = event.room?.name ?? '';
    const space = presence.get(name.slice(0, Math.max(0, name.indexOf('/'))));
    if (space && /^(participant_|room_)/.test(event.event)) void space.refresh();
    res.json({ received: true });
  });

  router.use('/api/spaces/:space', spaceCors(spaces));

  router.get('/api/spaces/:space', async (req, res) => {
    const space = findSpace(spaces, req.params.space);
    const person = await whoIs(req);
    const member = Boolean(person?.member || person?.moderator);
    const hub = presence.get(space.slug) as SpacePresence;
    const snapshot = await hub.current(hub.subscriberCount > 0 ? pollMs : 1000);
    const live = presenceFor(space, snapshot, member);
    const directory: Directory = {
      space: space.slug,
      name: space.name,
      entrance: space.entrance,
      presence: snapshot ? 'live' : 'unavailable',
      rooms: visibleRooms(space, member).map((room, index) => ({
        slug: room.slug,
        name: room.name,
        ...(room.description ? { description: room.description } : {}),
        access: room.access,
        ...(room.capacity ? { capacity: room.capacity } : {}),
        furniture: room.furniture,
        ...live[index],
        count: live[index]?.count ?? 0,
      })),
    };
    res.json(directory);
  });

  router.get('/api/spaces/:space/events', async (req, res) => {
    const space = findSpace(spaces, req.params.space);
    const person = await whoIs(req);
    const client = clientKey(req);
    const open = streams.get(client) ?? 0;
    if (open >= limits.streamsPerClient) {
      throw rateLimited(30, 'Too many open presence streams from this client.');
    }
    streams.set(client, open + 1);
    res.once('close', () => {
      const left = (streams.get(client) ?? 1) - 1;
      if (left > 0) streams.set(client, left);
      else streams.delete(client);
    });
    await (presence.get(space.slug) as SpacePresence).subscribe(req, res, Boolean(person?.member || person?.moderator));
  });

  router.post('/api/spaces/:space/token', async (req, res) => {
    const space = findSpace(spaces, req.params.space);
    const wait = tokenLimiter?.hit(clientKey(req)) ?? 0;
    if (wait > 0) throw rateLimited(wait, `Too many token requests. Try again in ${wait} seconds.`);
    const parsed = tokenRequestSchema.safeParse(await readJson(req));
    if (!parsed.success) throw invalidRequest(parsed.error);
    const body = parsed.data;
    const person = await whoIs(req);
    const room = findRoom(space, body.room_name);
    const livekitRoom = livekitRoomName(space.slug, room.slug);

    if (room.access === 'members' && !person?.member && !person?.moderator) {
      throw new ConveneError(404, 'members_only', 'This room is for members only. Sign in as a member to enter.');
    }
    let moderator = Boolean(person?.moderator);
    if (!moderator && body.moderator_code !== undefined) {
      moderator = await checkCode(req, livekitRoom, body.moderator_code, room.moderatorCode);
      if (!moderator) {
        throw new ConveneError(403, 'access_code_invalid', 'That moderator code is not right. Check it and try again.');
      }
    }
    if (room.access === 'locked' && !moderator) {
      if (!body.access_code) {
        throw new ConveneError(401, 'access_code_required', `${room.name} is locked: enter its access code.`);
      }
      if (!(await checkCode(req, livekitRoom, body.access_code, room.accessCode))) {
        throw new ConveneError(403, 'access_code_invalid', 'That access code is not right. Check it and try again.');
      }
    }

    const identity = person ? person.identity : `guest-${randomUUID()}`;
    if (room.capacity) await checkCapacity(room, livekitRoom, identity);

    const name = person?.name || body.participant_name || 'Guest';
    const role: ParticipantRole = moderator ? 'moderator' : person?.member ? 'member' : 'guest';
    const now = Date.now();
    const response: TokenResponse = {
      server_url: livekit.publicUrl ?? livekit.url,
      participant_token: mintToken(
        livekit,
        {
          identity,
          name,
          room: livekitRoom,
          role,
          canPublish: room.publish === 'everyone' || moderator,
          ttlSeconds: ttl,
          ...(room.capacity ? { maxParticipants: room.capacity } : {}),
        },
        now,
      ),
      identity,
      name,
      space: space.slug,
      room: room.slug,
      livekit_room: livekitRoom,
      expires_at: new Date(Math.floor(now / 1000) * 1000 + ttl * 1000).toISOString(),
      moderator,
      furniture: room.furniture,
      embed_hosts: space.embedHosts,
    };
    sendJson(res, 201, response);
  });

  /** Refuses a full room; creates the LiveKit room with the same limit, so LiveKit enforces it too. */
  async function checkCapacity(room: RoomConfig, livekitRoom: string, identity: string) {
    await askLivekit('createRoom', () =>
      rooms.createRoom({ name: livekitRoom, maxParticipants: room.capacity as number }),
    );
    const inside = await askLivekit('listParticipants', () => rooms.listParticipants(livekitRoom)).catch(
      (error: unknown) => {
        if ((error as { status?: number }).status === 404) return [];
        throw error;
      },
    );
    const others = inside.filter((p) => p.identity !== identity);
    if (others.length >= (room.capacity as number)) {
      throw new ConveneError(409, 'room_full', `${room.name} is full (${room.capacity} people). Try again later.`);
    }
  }

  router.post('/api/spaces/:space/rooms/:room/moderation', async (req, res) => {
    const body = await readJson(req);
    const space = findSpace(spaces, req.params.space);
    const room = findRoom(space, String(req.params.room));
    const livekitRoom = livekitRoomName(space.slug, room.slug);
    const caller = await checkBearer(livekit, req.get('authorization'), livekitRoom);
    if (!caller.ok && caller.reason !== 'wrong_room') {
      throw new ConveneError(
        401,
        'unauthorized',
        'Send your LiveKit token for this room as "Authorization: Bearer <token>".',
        undefined,
        { 'WWW-Authenticate': 'Bearer' },
      );
    }
    const asked = (body as { action?: unknown } | null)?.action;
    const spotlightAction = asked === 'spotlight' || asked === 'unspotlight';
    const spotlight = room.furniture.find((entry) => entry.kind === 'spotlight');
    const anyoneMaySpotlight = spotlightAction && spotlight?.settings.anyone === true;
    if (!caller.ok || !(caller.moderator || anyoneMaySpotlight)) {
      throw new ConveneError(
        403,
        'forbidden',
        spotlightAction
          ? 'Only a moderator of this room may choose who is in the spotlight.'
          : 'Only a moderator of this room may mute or remove people.',
      );
    }
    const parsed = moderationRequestSchema.safeParse(body);
    if (!parsed.success) throw invalidRequest(parsed.error);
    const { action, identity } = parsed.data;
    if (spotlightAction && !spotlight) {
      throw new ConveneError(403, 'forbidden', `${room.name} has no spotlight furniture.`);
    }
    const notHere = (error: unknown): never => {
      if ((error as { status?: number }).status === 404) {
        throw new ConveneError(404, 'participant_not_found', `Nobody with identity "${identity}" is in ${room.name}.`);
      }
      throw error;
    };
    const result: ModerationResponse = { action, identity };
    if (action === 'remove') {
      await askLivekit('removeParticipant', () => rooms.removeParticipant(livekitRoom, identity)).catch(notHere);
    } else if (action === 'lower-hand') {
      await askLivekit('updateParticipant', () =>
        rooms.updateParticipant(livekitRoom, identity, { attributes: { [HAND_ATTRIBUTE]: '' } }),
      ).catch(notHere);
    } else if (action === 'spotlight' || action === 'unspotlight') {
      if (action === 'spotlight') {
        await askLivekit('getParticipant', () => rooms.getParticipant(livekitRoom, identity)).catch(notHere);
      }
      const [current] = await askLivekit('listRooms', () => rooms.listRooms([livekitRoom]));
      let metadata: Record<string, unknown> = {};
      try {
        const parsedMetadata: unknown = JSON.parse(current?.metadata || '{}');
        if (parsedMetadata && typeof parsedMetadata === 'object') metadata = parsedMetadata as Record<string, unknown>;
      } catch {
        // Not ours: replaced.
      }
      if (action === 'spotlight') metadata[SPOTLIGHT_METADATA_KEY] = identity;
      else if (metadata[SPOTLIGHT_METADATA_KEY] === identity) delete metadata[SPOTLIGHT_METADATA_KEY];
      await askLivekit('updateRoomMetadata', () => rooms.updateRoomMetadata(livekitRoom, JSON.stringify(metadata)));
    } else {
      const participant = await askLivekit('getParticipant', () => rooms.getParticipant(livekitRoom, identity)).catch(
        notHere,
      );
      const microphones = participant.tracks.filter(
        (track) => track.type === TrackType.AUDIO && track.source !== TrackSource.SCREEN_SHARE_AUDIO && !track.muted,
      );
      await Promise.all(
        microphones.map((track) =>
          askLivekit('mutePublishedTrack', () => rooms.mutePublishedTrack(livekitRoom, identity, track.sid, true)),
        ),
      );
      result.muted = microphones.map((track) => track.sid);
    }
    sendJson(res, 200, result);
  });

  /**
   * A breakout table's own LiveKit room (`${space}/${room}/${table}`): a token for the same person
   * (identity, name, role) as the main-room token presented as Bearer, for a table the room's
   * `breakout-tables` furniture lists.
   */
  router.post('/api/spaces/:space/rooms/:room/tables/:table/token', async (req, res) => {
    const space = findSpace(spaces, req.params.space);
    const room = findRoom(space, String(req.params.room));
    const livekitRoom = livekitRoomName(space.slug, room.slug);
    const caller = await checkBearer(livekit, req.get('authorization'), livekitRoom);
    if (!caller.ok) {
      throw new ConveneError(
        401,
        'unauthorized',
        `Send your LiveKit token for ${room.name} as "Authorization: Bearer <token>".`,
        undefined,
        { 'WWW-Authenticate': 'Bearer' },
      );
    }
    const slug = String(req.params.table);
    const table = room.furniture
      .filter((entry) => entry.kind === 'breakout-tables')
      .flatMap((entry) => (entry.settings as { tables: { slug: string; name: string }[] }).tables)
      .find((t) => t.slug === slug);
    if (!table) {
      throw new ConveneError(404, 'not_found', `${room.name} has no table "${slug.slice(0, 64)}".`);
    }
    const participant = await askLivekit('getParticipant', () =>
      rooms.getParticipant(livekitRoom, caller.identity),
    ).catch(() => {
      throw new ConveneError(403, 'forbidden', `Join ${room.name} before sitting at one of its tables.`);
    });
    const role: ParticipantRole = caller.moderator
      ? 'moderator'
      : participant.attributes[ROLE_ATTRIBUTE] === 'member'
        ? 'member'
        : 'guest';
    const tableRoom = `${livekitRoom}/${table.slug}`;
    const now = Date.now();
    const response: TokenResponse = {
      server_url: livekit.publicUrl ?? livekit.url,
      participant_token: mintToken(
        livekit,
        {
          identity: caller.identity,
          name: participant.name,
          room: tableRoom,
          role,
          canPublish: room.publish === 'everyone' || caller.moderator,
          ttlSeconds: ttl,
        },
        now,
      ),
      identity: caller.identity,
      name: participant.name,
      space: space.slug,
      room: room.slug,
      livekit_room: tableRoom,
      expires_at: new Date(Math.floor(now / 1000) * 1000 + ttl * 1000).toISOString(),
      moderator: caller.moderator,
      furniture: [],
      embed_hosts: space.embedHosts,
    };
    sendJson(res, 201, response);
  });

  router.use('/api', () => {
    throw new ConveneError(404, 'not_found', 'There is no such Convene API endpoint.');
  });
  router.use(errorHandler(log));
  return router;
}

function findSpace(spaces: Map<string, SpaceConfig>, slug: unknown): SpaceConfig {
  const space = typeof slug === 'string' ? spaces.get(slug) : undefined;
  if (!space) {
    throw new ConveneError(404, 'space_not_found', `There is no space "${String(slug).slice(0, 64)}" on this server.`);
  }
  return space;
}

function findRoom(space: SpaceConfig, slug: string): RoomConfig {
  const room = space.rooms.find((r) => r.slug === slug);
  if (!room) {
    throw new ConveneError(404, 'room_not_found', `There is no room "${slug.slice(0, 64)}" in ${space.name}.`);
  }
  return room;
}
