/**
 * What every route module shares: the context `conveneRouter` builds once (config, LiveKit's
 * clients, presence hubs, limits, the caller's identity) and the helpers that find what a URL
 * names, parse what a request says, and build the one token response.
 */
import type { Request } from 'express';
import type { RoomServiceClient, WebhookReceiver } from 'livekit-server-sdk';
import type { ZodType } from 'zod';
import type { FurnitureEntry, ParticipantRole, TokenResponse } from '../contract/index.js';
import { ConveneError, invalidRequest } from '../errors.js';
import type { LivekitSettings } from '../livekit.js';
import type { PassVerifiers } from '../passes.js';
import type { SpacePresence } from '../presence.js';
import { verifyCode } from '../codes.js';
import { clientKey } from '../http.js';
import { RateLimiter, type RateLimit } from '../ratelimit.js';
import { slugSchema, type AuthenticatedPerson, type RoomConfig, type SpaceConfig } from '../schema.js';
import { mintToken } from '../tokens.js';

/** Built once per router; every route module reads it, none replaces it. */
export interface RouteContext {
  livekit: LivekitSettings;
  /** The config's spaces by slug. */
  spaces: Map<string, SpaceConfig>;
  /** LiveKit's RoomService, with a short timeout. */
  rooms: RoomServiceClient;
  webhooks: WebhookReceiver;
  /** One presence hub per space, by slug. */
  presence: Map<string, SpacePresence>;
  /** How often presence is polled while anyone listens, in ms. */
  pollMs: number;
  /** Token requests per client (`null`: unlimited). */
  tokenLimiter: RateLimiter | null;
  /** Open presence streams allowed per client. */
  streamsPerClient: number;
  /** Open presence streams allowed on this server, from all clients together. */
  maxStreams: number;
  /** Table token requests per client (`null`: unlimited). */
  tableLimiter: RateLimiter | null;
  /** Moderation requests per client (`null`: unlimited). */
  moderationLimiter: RateLimiter | null;
  /** `/healthz` requests per client (`null`: unlimited). */
  healthLimiter: RateLimiter | null;
  /** Token lifetime in seconds (60–600). */
  ttl: number;
  log: (message: string, error: unknown) => void;
  /** Each space's member-pass verifier (`memberPasses`), built once. */
  passes: PassVerifiers;
  /**
   * Who is asking in `space`: the host's `authenticate(req)` (checked) and the member pass in the
   * `Convene-Pass` header. A pass that is sent must be good (its refusal stands even when
   * `authenticate` finds someone); when both give a person, `authenticate`'s is taken whole.
   * `null` for a guest.
   */
  whoIs(req: Request, space: SpaceConfig): Promise<AuthenticatedPerson | null>;
  /** Runs a LiveKit call; an unreachable LiveKit becomes a 503 (its 404s pass through). */
  askLivekit<T>(what: string, call: () => Promise<T>): Promise<T>;
  /** Checks a typed code against a stored hash, limiting wrong guesses per client and room, and per room (see `codeChecker`). */
  checkCode(req: Request, livekitRoom: string, code: string, hash: string | undefined): Promise<boolean>;
}

/** The parsed value, or a 400 naming every issue. */
export function parseWith<T>(schema: ZodType<T>, input: unknown): T {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw invalidRequest(parsed.error);
  return parsed.data;
}

/** A route param as a slug, or `undefined` when it cannot be one (then nothing has that name). */
export function slugParam(raw: unknown): string | undefined {
  const parsed = slugSchema.safeParse(raw);
  return parsed.success ? parsed.data : undefined;
}

/** The space `:space` names; 404 when there is none (a malformed slug names none). */
export function findSpace(ctx: RouteContext, raw: unknown): SpaceConfig {
  const slug = slugParam(raw);
  const space = slug === undefined ? undefined : ctx.spaces.get(slug);
  if (!space) {
    throw new ConveneError(404, 'space_not_found', `There is no space "${String(raw).slice(0, 64)}" on this server.`);
  }
  return space;
}

/** The room of `space` that `raw` (`:room`, or a request's `room_name`) names; 404 when there is none. */
export function findRoom(space: SpaceConfig, raw: unknown): RoomConfig {
  const slug = slugParam(raw);
  const room = slug === undefined ? undefined : space.rooms.find((r) => r.slug === slug);
  if (!room) throw roomNotFound(space, raw);
  return room;
}

/** The 404 for a room that does not exist, or that the visitor may not know of (a members-only one). */
export function roomNotFound(space: SpaceConfig, raw: unknown): ConveneError {
  return new ConveneError(404, 'room_not_found', `There is no room "${String(raw).slice(0, 64)}" in ${space.name}.`);
}

/** 429 with `Retry-After`. */
export function rateLimited(seconds: number, message: string): ConveneError {
  return new ConveneError(429, 'rate_limited', message, undefined, { 'Retry-After': String(seconds) });
}

/** Counts one request of this client against `limiter`; 429 with `Retry-After` when it is over. */
export function limitClient(limiter: RateLimiter | null, req: Request, what: string): void {
  const wait = limiter?.hit(clientKey(req)) ?? 0;
  if (wait > 0) throw rateLimited(wait, `Too many ${what}. Try again in ${wait} seconds.`);
}

/** The limits on wrong access and moderator codes; `false` turns one off. */
export interface CodeGuessLimits {
  /** Per client (its address group, see `clientGroup`) and LiveKit room. */
  perClient: RateLimit | false;
  /** Per LiveKit room, from everyone together: rotating addresses does not buy more guesses. */
  perRoom: RateLimit | false;
}

/**
 * `checkCode` with its limits. A guess is counted before the (slow) check and given back when
 * right, so that guesses sent in parallel cannot all be checked before any of them is counted.
 * A client over its own limit is refused without using up the room's; once the room's limit is
 * reached, every code for that room waits, the right one too (otherwise guessing could go on),
 * while people who need no code, or whom the host site's sign-in makes moderators, still enter.
 */
export function codeChecker(limits: CodeGuessLimits): RouteContext['checkCode'] {
  const perClient = limits.perClient ? new RateLimiter(limits.perClient) : null;
  const perRoom = limits.perRoom ? new RateLimiter(limits.perRoom) : null;
  return async (req, livekitRoom, code, hash) => {
    const clientRoom = `${clientKey(req)}\0${livekitRoom}`;
    const clientWait = perClient?.hit(clientRoom) ?? 0;
    if (clientWait > 0) throw rateLimited(clientWait, `Too many wrong codes. Try again in ${clientWait} seconds.`);
    const roomWait = perRoom?.hit(livekitRoom) ?? 0;
    if (roomWait > 0) {
      perClient?.undo(clientRoom);
      throw rateLimited(roomWait, `Too many wrong codes for this room. Try again in ${roomWait} seconds.`);
    }
    const right = Boolean(hash) && (await verifyCode(code, hash as string));
    if (right) {
      perClient?.undo(clientRoom);
      perRoom?.undo(livekitRoom);
    }
    return right;
  };
}

/** 401 for a missing or unreadable LiveKit token, saying which room's token to send. */
export function bearerRequired(forWhat: string): ConveneError {
  return new ConveneError(
    401,
    'unauthorized',
    `Send your LiveKit token for ${forWhat} as "Authorization: Bearer <token>".`,
    undefined,
    { 'WWW-Authenticate': 'Bearer' },
  );
}

/** Who a token admits, to which LiveKit room, on behalf of which Convene room. */
export interface TokenGrant {
  space: SpaceConfig;
  /** The Convene room; its `publish` policy decides who may publish. */
  room: RoomConfig;
  /** The LiveKit room the token joins: the room's own, or one of its tables'. */
  livekitRoom: string;
  identity: string;
  name: string;
  role: ParticipantRole;
  /** The furniture the client lays out there: the room's, or none at a table. */
  furniture: FurnitureEntry[];
  /** Makes LiveKit create the room with this limit (a room with a capacity). */
  maxParticipants?: number;
}

/**
 * The token endpoint's answer, for a room or one of its tables alike: one lifetime (`ctx.ttl`),
 * one publishing rule (everyone, or moderators only, as the room says), and `expires_at` the
 * second the token's `exp` names.
 */
export function tokenResponse(ctx: RouteContext, grant: TokenGrant, now = Date.now()): TokenResponse {
  const moderator = grant.role === 'moderator';
  return {
    server_url: ctx.livekit.publicUrl ?? ctx.livekit.url,
    participant_token: mintToken(
      ctx.livekit,
      {
        identity: grant.identity,
        name: grant.name,
        room: grant.livekitRoom,
        role: grant.role,
        canPublish: grant.room.publish === 'everyone' || moderator,
        ttlSeconds: ctx.ttl,
        ...(grant.maxParticipants ? { maxParticipants: grant.maxParticipants } : {}),
      },
      now,
    ),
    identity: grant.identity,
    name: grant.name,
    space: grant.space.slug,
    room: grant.room.slug,
    livekit_room: grant.livekitRoom,
    expires_at: new Date(Math.floor(now / 1000) * 1000 + ctx.ttl * 1000).toISOString(),
    moderator,
    furniture: grant.furniture,
    embed_hosts: grant.space.embedHosts,
  };
}
