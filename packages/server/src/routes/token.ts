/** `POST /api/spaces/:space/token`: who may enter a room, and the LiveKit token that lets them in. */
import type { Router } from 'express';
import { livekitRoomName, type ParticipantRole } from '../contract/index.js';
import { openDoors, refuseLocked, useDoors } from '../doors/access.js';
import { guestIdentity, signGuestId } from '../doors/guest-id.js';
import { ConveneError } from '../errors.js';
import { clientKey, readJson, sendJson } from '../http.js';
import { tokenRequestSchema, type RoomConfig } from '../schema.js';
import { findRoom, findSpace, parseWith, rateLimited, tokenResponse, type RouteContext } from './context.js';

export function tokenRoutes(router: Router, ctx: RouteContext): void {
  router.post('/api/spaces/:space/token', async (req, res) => {
    const space = findSpace(ctx, req.params.space);
    const wait = (await ctx.tokenLimiter?.hit(clientKey(req))) ?? 0;
    if (wait > 0) throw rateLimited(wait, `Too many token requests. Try again in ${wait} seconds.`);
    const body = parseWith(tokenRequestSchema, await readJson(req));
    const person = await ctx.whoIs(req, space);
    const room = findRoom(space, body.room_name);
    const livekitRoom = livekitRoomName(space.slug, room.slug);
    // Ban, then invite, then an admitted knock (see `openDoors`); the lock and the room's own rules after.
    const doors = await openDoors(ctx, ctx.livekit.apiSecret, { room, livekitRoom }, person, body);

    // Deliberately not disguised as an unknown room: a signed-out member who follows a link to the
    // members' room is told to sign in (the README's security section says what this reveals).
    if (room.access === 'members' && !person?.member && !person?.moderator && !doors.passed) {
      throw new ConveneError(404, 'members_only', 'This room is for members only. Sign in as a member to enter.');
    }
    let moderator = Boolean(person?.moderator);
    const byCode = !moderator && body.moderator_code !== undefined;
    if (byCode && body.moderator_code !== undefined) {
      moderator = await ctx.checkCode(req, livekitRoom, body.moderator_code, room.moderatorCode);
      if (!moderator) {
        throw new ConveneError(403, 'access_code_invalid', 'That moderator code is not right. Check it and try again.');
      }
    }
    await refuseLocked(ctx, { room, livekitRoom }, { moderator, member: Boolean(person?.member) }, doors);
    if (room.access === 'locked' && !moderator && !doors.passed) {
      if (!body.access_code) {
        throw new ConveneError(401, 'access_code_required', `${room.name} is locked: enter its access code.`);
      }
      if (!(await ctx.checkCode(req, livekitRoom, body.access_code, room.accessCode))) {
        throw new ConveneError(403, 'access_code_invalid', 'That access code is not right. Check it and try again.');
      }
    }

    const identity = person ? person.identity : guestIdentity(doors.gid as string);
    if (room.capacity) await checkCapacity(ctx, room, livekitRoom, identity);
    await useDoors(ctx, livekitRoom, doors);

    const role: ParticipantRole = moderator ? 'moderator' : person?.member ? 'member' : 'guest';
    const response = tokenResponse(ctx, {
      space,
      room,
      livekitRoom,
      identity,
      name: doors.knock?.name || person?.name || body.participant_name || 'Guest',
      role,
      ...(byCode ? { moderatorBasis: 'code' as const } : {}),
      furniture: room.furniture,
      ...(room.capacity ? { maxParticipants: room.capacity } : {}),
    });
    sendJson(res, 201, doors.gid ? { ...response, guest_id: signGuestId(ctx.livekit.apiSecret, doors.gid) } : response);
  });
}

/** Refuses a full room; creates the LiveKit room with the same limit, so LiveKit enforces it too. */
async function checkCapacity(ctx: RouteContext, room: RoomConfig, livekitRoom: string, identity: string) {
  const capacity = room.capacity as number;
  await ctx.askLivekit('createRoom', () => ctx.rooms.createRoom({ name: livekitRoom, maxParticipants: capacity }));
  const inside = await ctx
    .askLivekit('listParticipants', () => ctx.rooms.listParticipants(livekitRoom))
    .catch((error: unknown) => {
      if ((error as { status?: number }).status === 404) return [];
      throw error;
    });
  const others = inside.filter((p) => p.identity !== identity);
  if (others.length >= capacity) {
    throw new ConveneError(409, 'room_full', `${room.name} is full (${capacity} people). Try again later.`);
  }
}
