/**
 * Door control under `/api/spaces/:space/rooms/:room/`: knocks (a visitor asks, moderators answer,
 * both follow it live), the moderator's lock, invite links, and who is kept out. The logic is in
 * `../doors/`, over the store, so that every server copy agrees; here are the requests, who may
 * make them (`roomCaller`, decided afresh) and the streams.
 */
import type { Request, Response, Router } from 'express';
import { z } from 'zod';
import {
  INVITE_USES,
  livekitRoomName,
  type KnockList,
  type KnockResponse,
  type KnockStatus,
  type LockResponse,
} from '../contract/index.js';
import { bannedSubjects } from '../doors/access.js';
import { letBack, listBans, refuseKeptOut } from '../doors/bans.js';
import { doorsChannel, keys, knockChannel, readChange } from '../doors/deps.js';
import { readGuestId } from '../doors/guest-id.js';
import { createInvite, listInvites, MAX_INVITE_SECONDS, revokeInvite } from '../doors/invites.js';
import {
  answerKnock,
  createKnock,
  hostsOf,
  isKnocker,
  keepKnocking,
  knockNotFound,
  listKnocks,
  readKnock,
  stateOf,
  type KnockRecord,
  type KnockTimes,
} from '../doors/knocks.js';
import { currentLock, lockRoom, unlockRoom } from '../doors/locks.js';
import { openEventStream } from '../doors/sse.js';
import { ConveneError } from '../errors.js';
import { readJson, sendJson } from '../http.js';
import { displayNameSchema, type AuthenticatedPerson, type RoomConfig, type SpaceConfig } from '../schema.js';
import type { Limiter } from '../store/store.js';
import {
  bearerRequired,
  findRoom,
  findSpace,
  limitClient,
  parseWith,
  roomCaller,
  type RoomCaller,
  type RouteContext,
} from './context.js';

export interface DoorOptions extends KnockTimes {
  /** Knocks made per client (`null`: unlimited). */
  knockLimiter: Limiter | null;
  /** Invites made per client (`null`: unlimited). */
  inviteLimiter: Limiter | null;
  /** SSE heartbeat, in ms. */
  heartbeatMs: number;
}

/** `POST .../knocks`: the name the visitor typed (the host site's, when it knows them), and this browser's guest id. */
const knockRequestSchema = z
  .object({ participant_name: displayNameSchema.optional(), guest_id: z.string().min(1).max(128).optional() })
  .strict();
const answerSchema = z.object({ decision: z.enum(['admit', 'deny']) }).strict();
const lockSchema = z.object({ locked: z.boolean() }).strict();
const inviteSchema = z
  .object({
    expires_in_seconds: z.number().int().min(300).max(MAX_INVITE_SECONDS).default(86_400),
    uses: z.enum(INVITE_USES).default('multi'),
  })
  .strict();

const ROOM = '/api/spaces/:space/rooms/:room';

/** Mounts the door endpoints; returns the function that stops listening to the store (router shutdown). */
export function doorRoutes(router: Router, ctx: RouteContext, options: DoorOptions): () => void {
  const times: KnockTimes = { timeoutSeconds: options.timeoutSeconds, ttlSeconds: options.ttlSeconds };
  const refreshMs = Math.max(1000, Math.floor((options.ttlSeconds * 1000) / 3));

  // A lock changed (on any copy): each copy's presence hub asks again, so the directory follows.
  const stops = [...ctx.spaces.keys()].map((slug) =>
    ctx.store.subscribe(doorsChannel(slug), (message) => {
      if (readChange(message)?.what === 'lock') void ctx.presence.get(slug)?.refresh();
    }),
  );

  const place = (req: Request) => {
    const space = findSpace(ctx, req.params.space);
    const room = findRoom(space, req.params.room);
    return { space, room, livekitRoom: livekitRoomName(space.slug, room.slug) };
  };

  // ── Knock (visitor) ─────────────────────────────────────────────────────────────────────

  router.post(`${ROOM}/knocks`, async (req, res) => {
    await limitClient(options.knockLimiter, req, 'requests to come in');
    const input = await readJson(req);
    const { space, room, livekitRoom } = place(req);
    const body = parseWith(knockRequestSchema, input);
    const person = await ctx.whoIs(req, space);
    const gid = person ? undefined : readGuestId(ctx.livekit.apiSecret, body.guest_id);
    await refuseKeptOut(ctx, livekitRoom, room.name, bannedSubjects(person, gid ? [gid] : []));
    await mayKnock(ctx, room, livekitRoom, person);
    const name = person?.name || body.participant_name;
    if (!name) {
      throw new ConveneError(400, 'invalid_request', 'The request is not valid: participant_name: a name is needed', [
        { path: 'participant_name', message: 'a name is needed' },
      ]);
    }
    const hosts = await hostsOf(ctx, ctx.livekit.apiSecret, livekitRoom);
    const { record, secret } = await createKnock(
      ctx,
      times,
      { space: space.slug, room: room.slug, livekitRoom },
      {
        name,
        ...(person ? { person: { identity: person.identity, member: Boolean(person.member) } } : {}),
        ...(gid ? { gid } : {}),
      },
    );
    const response: KnockResponse = {
      knock_id: record.id,
      knock_secret: secret,
      name,
      hosts,
      timeout_seconds: options.timeoutSeconds,
    };
    sendJson(res, 201, response);
  });

  /** The knock `:id` names, when the request carries its secret; 401 without one, 404 otherwise. */
  async function ownKnock(req: Request): Promise<{ record: KnockRecord; space: SpaceConfig; room: RoomConfig }> {
    const { space, room, livekitRoom } = place(req);
    const secret = /^Bearer\s+(\S+)$/i.exec(req.get('authorization') ?? '')?.[1];
    if (!secret) {
      throw new ConveneError(
        401,
        'unauthorized',
        'Send your knock secret as "Authorization: Bearer <knock_secret>".',
        undefined,
        { 'WWW-Authenticate': 'Bearer' },
      );
    }
    const record = await readKnock(ctx, String(req.params.id));
    if (!record || record.livekitRoom !== livekitRoom || !isKnocker(record, secret)) throw knockNotFound();
    return { record, space, room };
  }

  router.get(`${ROOM}/knocks/:id/events`, async (req, res) => {
    if (headOnly(req, res)) return;
    const { record } = await ownKnock(req);
    let state = await stateOf(ctx, record);
    let hosts = await hostsOf(ctx, ctx.livekit.apiSecret, record.livekitRoom);
    const stream = openEventStream(req, res, options.heartbeatMs);
    const status = (): KnockStatus => ({ state, hosts });
    stream.send('knock', status());
    const fail = (error: unknown) => {
      ctx.log('a knock stream failed', error);
      stream.end();
    };
    let checking: Promise<void> = Promise.resolve();
    /** Reads the state again; a final one is sent, and ends the stream. */
    const check = () =>
      (checking = checking.then(async () => {
        if (stream.ended) return;
        state = await stateOf(ctx, record);
        if (state === 'waiting') return;
        if (state === 'unanswered') await answerKnock(ctx, times, record, 'unanswered');
        stream.send('knock', status());
        stream.end();
      })).catch(fail);
    if (state !== 'waiting') {
      await check();
      return;
    }
    stream.onEnd(ctx.store.subscribe(knockChannel(record.id), () => void check()));
    const deadline = setTimeout(() => void check(), Math.max(0, record.deadline - Date.now()) + 50);
    const renew = setInterval(() => {
      void (async () => {
        await check(); // an answer whose message was missed is read here
        if (stream.ended) return;
        if (!(await keepKnocking(ctx, times, record.id))) {
          stream.end(); // the knock lapsed (the store lost it): nothing more to say
          return;
        }
        const now = await hostsOf(ctx, ctx.livekit.apiSecret, record.livekitRoom);
        if (now.join('\n') !== hosts.join('\n') && !stream.ended) {
          hosts = now;
          stream.send('knock', status());
        }
      })().catch(fail);
    }, refreshMs);
    stream.onEnd(() => {
      clearTimeout(deadline);
      clearInterval(renew);
    });
  });

  router.delete(`${ROOM}/knocks/:id`, async (req, res) => {
    const { record } = await ownKnock(req);
    await answerKnock(ctx, times, record, 'cancelled');
    // An admission not yet used goes with the knock.
    await ctx.store.delete(keys.admission(record.id));
    res.status(204).end();
  });

  // ── Knock (moderators) ──────────────────────────────────────────────────────────────────

  router.get(`${ROOM}/knocks`, async (req, res) => {
    const { space, room, livekitRoom } = place(req);
    await moderatorOf(ctx, req, space, room);
    sendJson(res, 200, await listKnocks(ctx, livekitRoom, room.slug));
  });

  router.get(`${ROOM}/knocks/events`, async (req, res) => {
    if (headOnly(req, res)) return;
    const { space, room, livekitRoom } = place(req);
    await moderatorOf(ctx, req, space, room);
    const first = await roomDoor(room, livekitRoom);
    knockListStream(req, res, space, [{ room, livekitRoom }], [first], true);
  });

  router.get('/api/spaces/:space/knocks/events', async (req, res) => {
    if (headOnly(req, res)) return;
    const space = findSpace(ctx, req.params.space);
    const person = await ctx.whoIs(req, space);
    if (!person) {
      throw new ConveneError(401, 'unauthorized', 'Sign in as a moderator of this space to see who is knocking.');
    }
    if (!person.moderator) throw forbidden('Only a moderator may see who is asking to come in.');
    const rooms = space.rooms.map((room) => ({ room, livekitRoom: livekitRoomName(space.slug, room.slug) }));
    const first = await Promise.all(rooms.map((r) => listKnocks(ctx, r.livekitRoom, r.room.slug)));
    knockListStream(req, res, space, rooms, first);
  });

  /** The room's queue with its lock: what a moderator in the room follows. */
  async function roomDoor(room: RoomConfig, livekitRoom: string): Promise<KnockList> {
    const list = await listKnocks(ctx, livekitRoom, room.slug);
    return { ...list, locked_by_moderator: (await currentLock(ctx, livekitRoom)) !== undefined };
  }

  /**
   * A `knocks` event per room at once, then one for each room whose queue changes (on any copy);
   * `withLock` (the room's own stream): its lock too, and an event when it changes.
   */
  function knockListStream(
    req: Request,
    res: Response,
    space: SpaceConfig,
    rooms: { room: RoomConfig; livekitRoom: string }[],
    first: KnockList[],
    withLock = false,
  ) {
    const stream = openEventStream(req, res, options.heartbeatMs);
    const last = new Map<string, string>();
    const send = (list: KnockList) => {
      const text = JSON.stringify([list.knocks, list.locked_by_moderator]);
      if (last.get(list.room) === text) return;
      last.set(list.room, text);
      stream.send('knocks', list);
    };
    first.forEach(send);
    let pending: Promise<void> = Promise.resolve();
    const push = (which: typeof rooms) =>
      (pending = pending.then(async () => {
        for (const { room, livekitRoom } of which) {
          if (stream.ended) return;
          send(withLock ? await roomDoor(room, livekitRoom) : await listKnocks(ctx, livekitRoom, room.slug));
        }
      })).catch((error: unknown) => {
        ctx.log('a knock queue stream failed', error);
        stream.end();
      });
    stream.onEnd(
      ctx.store.subscribe(doorsChannel(space.slug), (message) => {
        const change = readChange(message);
        const relevant = change?.what === 'knocks' || (withLock && change?.what === 'lock');
        const changed = relevant ? rooms.filter((r) => r.room.slug === change?.room) : [];
        if (changed.length > 0) void push(changed);
      }),
    );
    // Knocks that lapse (their knocker left, or nobody answered) publish nothing: look again now and then.
    const again = setInterval(() => void push(rooms), refreshMs);
    stream.onEnd(() => clearInterval(again));
  }

  router.post(`${ROOM}/knocks/:id`, async (req, res) => {
    const input = await readJson(req);
    const { space, room, livekitRoom } = place(req);
    const caller = await callerOf(ctx, req, space, room);
    const { decision } = parseWith(answerSchema, input);
    if (!caller.moderator) throw forbidden('Only a moderator of this room may let people in.');
    const record = await readKnock(ctx, String(req.params.id));
    if (!record || record.livekitRoom !== livekitRoom || (await stateOf(ctx, record)) !== 'waiting') {
      throw knockNotFound();
    }
    const state = decision === 'admit' ? 'admitted' : 'denied';
    if (!(await answerKnock(ctx, times, record, state))) throw knockNotFound();
    sendJson(res, 200, { id: record.id, state });
  });

  // ── Lock ────────────────────────────────────────────────────────────────────────────────

  router.post(`${ROOM}/lock`, async (req, res) => {
    const input = await readJson(req);
    const { space, room } = place(req);
    const caller = await callerOf(ctx, req, space, room);
    const { locked } = parseWith(lockSchema, input);
    if (!caller.moderator) throw forbidden('Only a moderator of this room may lock or unlock it.');
    let response: LockResponse;
    if (locked) {
      const lock = await lockRoom(ctx, space.slug, room, caller.name);
      response = { locked: true, by: lock.by };
    } else {
      await unlockRoom(ctx, space.slug, room.slug);
      response = { locked: false };
    }
    sendJson(res, 200, response);
  });

  // ── Invites ─────────────────────────────────────────────────────────────────────────────

  router.post(`${ROOM}/invites`, async (req, res) => {
    await limitClient(options.inviteLimiter, req, 'invites');
    const input = await readJson(req);
    const { space, room, livekitRoom } = place(req);
    const caller = await callerOf(ctx, req, space, room);
    const body = parseWith(inviteSchema, input);
    if (caller.role === 'guest') throw forbidden('Only members and moderators may make invite links.');
    const invite = await createInvite(ctx, livekitRoom, room.slug, caller, {
      expiresInSeconds: body.expires_in_seconds,
      uses: body.uses,
    });
    sendJson(res, 201, invite);
  });

  router.get(`${ROOM}/invites`, async (req, res) => {
    const { space, room, livekitRoom } = place(req);
    const caller = await callerOf(ctx, req, space, room);
    if (caller.role === 'guest') throw forbidden('Only members and moderators have invite links.');
    sendJson(res, 200, { invites: await listInvites(ctx, livekitRoom, caller) });
  });

  router.delete(`${ROOM}/invites/:id`, async (req, res) => {
    const { space, room, livekitRoom } = place(req);
    const caller = await callerOf(ctx, req, space, room);
    const id = String(req.params.id);
    if (!/^[A-Za-z0-9_-]{12}$/.test(id)) {
      throw new ConveneError(404, 'not_found', 'There is no such invite (it may have expired).');
    }
    await revokeInvite(ctx, livekitRoom, id, caller);
    res.status(204).end();
  });

  // ── Kept out ────────────────────────────────────────────────────────────────────────────

  router.get(`${ROOM}/bans`, async (req, res) => {
    const { space, room, livekitRoom } = place(req);
    await moderatorOf(ctx, req, space, room);
    sendJson(res, 200, { kept_out: await listBans(ctx, livekitRoom) });
  });

  router.delete(`${ROOM}/bans/:key`, async (req, res) => {
    const { space, room, livekitRoom } = place(req);
    await moderatorOf(ctx, req, space, room);
    const key = String(req.params.key);
    if (key.length > 300) throw new ConveneError(404, 'not_found', 'Nobody is kept out under that key.');
    await letBack(ctx, livekitRoom, key);
    res.status(204).end();
  });

  return () => {
    for (const stop of stops) stop();
  };
}

/**
 * Whether this visitor may knock: when they would otherwise be refused and the room takes knocks
 * (`knock: true`), or whenever a moderator has locked it. 409 `knock_not_needed` for someone who
 * may walk in; 403 for a room that takes no knocks.
 */
async function mayKnock(
  ctx: RouteContext,
  room: RoomConfig,
  livekitRoom: string,
  person: AuthenticatedPerson | null,
): Promise<void> {
  const member = Boolean(person?.member || person?.moderator);
  const notNeeded = () =>
    new ConveneError(409, 'knock_not_needed', `You can go straight into ${room.name}: there is no need to ask.`);
  if (person?.moderator) throw notNeeded();
  if (await currentLock(ctx, livekitRoom)) {
    if (member && room.lockAdmitsMembers) throw notNeeded();
    return;
  }
  if (room.access === 'public' || (room.access === 'members' && member)) throw notNeeded();
  if (!room.knock) {
    throw forbidden(
      room.access === 'locked'
        ? `${room.name} does not take requests to come in: enter its access code.`
        : `${room.name} does not take requests to come in: it is for members only.`,
    );
  }
}

/** Who asks (`roomCaller`); 401 when nobody vouches for them. */
async function callerOf(ctx: RouteContext, req: Request, space: SpaceConfig, room: RoomConfig): Promise<RoomCaller> {
  const caller = await roomCaller(ctx, req, space, room);
  if (!caller) throw bearerRequired('this room');
  return caller;
}

/** A moderator of the room, in it (Bearer) or by the host site's word; 401 without any proof, 403 for anyone else. */
async function moderatorOf(ctx: RouteContext, req: Request, space: SpaceConfig, room: RoomConfig) {
  const caller = await callerOf(ctx, req, space, room);
  if (!caller.moderator) throw forbidden('Only a moderator of this room may see this.');
  return caller;
}

function forbidden(message: string): ConveneError {
  return new ConveneError(403, 'forbidden', message);
}

/** A HEAD of a stream is answered with its headers at once: nothing is held open for it. */
function headOnly(req: Request, res: Response): boolean {
  if (req.method !== 'HEAD') return false;
  res.writeHead(200, { 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end();
  return true;
}
