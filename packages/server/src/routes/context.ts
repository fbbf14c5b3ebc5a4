/**
 * What every route module shares: the context `conveneRouter` builds once (config, LiveKit's
 * clients, presence hubs, limits, the caller's identity) and the helpers that find what a URL
 * names, parse what a request says, and build the one token response.
 */
import type { Request } from 'express';
import type { RoomServiceClient, WebhookReceiver } from 'livekit-server-sdk';
import type { ZodType } from 'zod';
import { livekitRoomName, type FurnitureEntry, type ParticipantRole, type TokenResponse } from '../contract/index.js';
import { ConveneError, invalidRequest } from '../errors.js';
import type { LivekitSettings } from '../livekit.js';
import type { PassVerifiers } from '../passes.js';
import type { SpacePresence } from '../presence.js';
import { verifyCode } from '../codes.js';
import { clientKey } from '../http.js';
import { slugSchema, type AuthenticatedPerson, type RoomConfig, type SpaceConfig } from '../schema.js';
import type { Limiter, RateLimit, Store } from '../store/store.js';
import { checkBearer, mintToken, type ModeratorBasis } from '../tokens.js';

/** Built once per router; every route module reads it, none replaces it. */
export interface RouteContext {
  livekit: LivekitSettings;
  /** The config's spaces by slug. */
  spaces: Map<string, SpaceConfig>;
  /** Where state shared by every server copy lives (door control, rate limits). */
  store: Store;
  /** LiveKit's RoomService, with a short timeout. */
  rooms: RoomServiceClient;
  webhooks: WebhookReceiver;
  /** One presence hub per space, by slug. */
  presence: Map<string, SpacePresence>;
  /** A space's presence changed (a webhook): ask LiveKit again here and on every other server copy. */
  nudgePresence(space: string, room?: string): void;
  /** How often presence is polled while anyone listens, in ms. */
  pollMs: number;
  /** Token requests per client (`null`: unlimited). */
  tokenLimiter: Limiter | null;
  /** Open presence streams allowed per client. */
  streamsPerClient: number;
  /** Open presence streams allowed on this server, from all clients together. */
  maxStreams: number;
  /** Table token requests per client (`null`: unlimited). */
  tableLimiter: Limiter | null;
  /** Moderation requests per client (`null`: unlimited). */
  moderationLimiter: Limiter | null;
  /** `/healthz` requests per client (`null`: unlimited). */
  healthLimiter: Limiter | null;
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

/**
 * Counts one request of this client against `limiter`; 429 with `Retry-After` when it is over.
 * Rejects with `StoreUnavailableError` (a 503) when the store cannot count it.
 */
export async function limitClient(limiter: Limiter | null, req: Request, what: string): Promise<void> {
  const wait = (await limiter?.hit(clientKey(req))) ?? 0;
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
export function codeChecker(limits: CodeGuessLimits, store: Store): RouteContext['checkCode'] {
  const perClient = limits.perClient ? store.limiter('code-guesses', limits.perClient) : null;
  const perRoom = limits.perRoom ? store.limiter('room-code-guesses', limits.perRoom) : null;
  return async (req, livekitRoom, code, hash) => {
    const clientRoom = `${clientKey(req)}\0${livekitRoom}`;
    const clientWait = (await perClient?.hit(clientRoom)) ?? 0;
    if (clientWait > 0) throw rateLimited(clientWait, `Too many wrong codes. Try again in ${clientWait} seconds.`);
    const roomWait = (await perRoom?.hit(livekitRoom)) ?? 0;
    if (roomWait > 0) {
      await perClient?.undo(clientRoom);
      throw rateLimited(roomWait, `Too many wrong codes for this room. Try again in ${roomWait} seconds.`);
    }
    const right = Boolean(hash) && (await verifyCode(code, hash as string));
    if (right) await Promise.all([perClient?.undo(clientRoom), perRoom?.undo(livekitRoom)]);
    return right;
  };
}

/** Who asks something of a room, decided now (see `roomCaller`). */
export interface RoomCaller {
  identity: string;
  /** The server's name for them: the minted token's, or the host site's. */
  name: string;
  role: ParticipantRole;
  moderator: boolean;
  /** For a moderator: what makes them one now (the host site's word, or a code they typed). */
  moderatorBasis?: ModeratorBasis;
  /** Whether they showed their LiveKit token for this room (they are in it, or were let in). */
  inRoom: boolean;
}

/**
 * The caller's role in `room`, decided afresh on every request: the host site's current word
 * (`authenticate(req)` or the pass the request carries) for the same identity outranks the
 * moderator proof in their LiveKit token, so a host that demotes someone is obeyed at their next
 * request; without that word the proof counts only until it expires (with the token it came in,
 * at most `ttl`), and a moderator by code holds while their proof does (the page renews it with
 * the code, `POST .../role`). A caller without a token for this room is who the host site says
 * (a moderator looking at the directory); `null` when nobody vouches for them. An unreadable or
 * expired token is a 401.
 */
export async function roomCaller(
  ctx: RouteContext,
  req: Request,
  space: SpaceConfig,
  room: RoomConfig,
): Promise<RoomCaller | null> {
  const livekitRoom = livekitRoomName(space.slug, room.slug);
  const bearer = await checkBearer(ctx.livekit, req.get('authorization'), livekitRoom);
  if (!bearer.ok && bearer.reason === 'invalid') throw bearerRequired(room.name);
  const person = await ctx.whoIs(req, space);
  if (bearer.ok) {
    const word = hostWordFor(person, bearer.identity);
    const moderator = word ? Boolean(word.moderator) || bearer.proof?.basis === 'code' : bearer.moderator;
    const role: ParticipantRole = moderator ? 'moderator' : word ? (word.member ? 'member' : 'guest') : bearer.role;
    const basis: ModeratorBasis | undefined = moderator ? (word?.moderator ? 'host' : bearer.proof?.basis) : undefined;
    return {
      identity: bearer.identity,
      name: bearer.name,
      role,
      moderator,
      ...(basis ? { moderatorBasis: basis } : {}),
      inRoom: true,
    };
  }
  if (!person) return null;
  const role: ParticipantRole = person.moderator ? 'moderator' : person.member ? 'member' : 'guest';
  return { identity: person.identity, name: person.name, role, moderator: role === 'moderator', inRoom: false };
}

/** The host site's word about `identity` in this request (its sign-in or pass), when it speaks of that person. */
export function hostWordFor(person: AuthenticatedPerson | null, identity: string): AuthenticatedPerson | null {
  return person && person.identity === identity ? person : null;
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
  /** For a moderator: what made them one (default `host`); a moderator by code must renew with the code. */
  moderatorBasis?: ModeratorBasis;
  /** The furniture the client lays out there: the room's, or none at a table. */
  furniture: FurnitureEntry[];
  /** Makes LiveKit create the room with this limit (a room with a capacity). */
  maxParticipants?: number;
}

/**
 * The token endpoint's answer, for a room or one of its tables alike: one lifetime (`ctx.ttl`),
 * one publishing rule (everyone, or moderators only, as the room says; in a stage room's own
 * LiveKit room, moderators on the stage and everyone else in the audience, who publish nothing
 * until a moderator brings them up), and `expires_at` the second the token's `exp` names.
 */
export function tokenResponse(ctx: RouteContext, grant: TokenGrant, now = Date.now()): TokenResponse {
  const moderator = grant.role === 'moderator';
  // A stage room's tables are ordinary rooms: everyone at a table talks.
  const stage = grant.room.stage && grant.livekitRoom === livekitRoomName(grant.space.slug, grant.room.slug);
  const startsOn = stage ? (moderator ? ('speaker' as const) : ('audience' as const)) : undefined;
  return {
    server_url: ctx.livekit.publicUrl ?? ctx.livekit.url,
    participant_token: mintToken(
      ctx.livekit,
      {
        identity: grant.identity,
        name: grant.name,
        room: grant.livekitRoom,
        role: grant.role,
        ...(grant.moderatorBasis ? { moderatorBasis: grant.moderatorBasis } : {}),
        canPublish: stage ? moderator : grant.room.publish === 'everyone' || moderator,
        ...(startsOn ? { stage: startsOn } : {}),
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
    ...(startsOn ? { stage: startsOn } : {}),
    // Tables are rooms of their own: their media is not encrypted (the key is for the room itself).
    ...(grant.room.e2ee && grant.livekitRoom === livekitRoomName(grant.space.slug, grant.room.slug)
      ? { e2ee: grant.room.e2ee }
      : {}),
  };
}
