/**
 * `POST /api/spaces/:space/rooms/:room/role`: a participant's role decided afresh and written on
 * them. The caller sends its LiveKit token for the room as Bearer (401 without one), and what makes
 * it a moderator now: the host site's word (its sign-in, or the `Convene-Pass` header) or
 * `{ "moderator_code": "..." }`. The server writes the role attribute (and, for a moderator, a new
 * proof that expires with a token's lifetime) through RoomService, so the rest of the room sees the
 * server's decision and moderation calls count from it. Nothing the caller claims is kept: without
 * a word or a right code the caller is a member or a guest, as the host site says.
 *
 * The elements call it before a moderator's proof lapses (every few minutes); a host site that
 * demotes someone, or a moderator code that changes, ends their moderator rights at the next call.
 */
import type { Router } from 'express';
import { z } from 'zod';
import { livekitRoomName, type ParticipantRole, type RoleResponse } from '../contract/index.js';
import { ConveneError } from '../errors.js';
import { readJson, sendJson } from '../http.js';
import { checkBearer, roleAttributes, type ModeratorBasis } from '../tokens.js';
import {
  bearerRequired,
  findRoom,
  findSpace,
  hostWordFor,
  limitClient,
  parseWith,
  type RouteContext,
} from './context.js';

const roleRequestSchema = z.object({ moderator_code: z.string().min(1).max(128).optional() }).strict();

export function roleRoutes(router: Router, ctx: RouteContext): void {
  router.post('/api/spaces/:space/rooms/:room/role', async (req, res) => {
    await limitClient(ctx.moderationLimiter, req, 'role requests');
    const input = await readJson(req);
    const space = findSpace(ctx, req.params.space);
    const room = findRoom(space, req.params.room);
    const livekitRoom = livekitRoomName(space.slug, room.slug);
    const bearer = await checkBearer(ctx.livekit, req.get('authorization'), livekitRoom);
    if (!bearer.ok) throw bearerRequired(room.name);
    const { moderator_code: code } = parseWith(roleRequestSchema, input);

    const person = await ctx.whoIs(req, space);
    const word = hostWordFor(person, bearer.identity);
    let basis: ModeratorBasis | undefined = word?.moderator ? 'host' : undefined;
    if (!basis && code !== undefined) {
      if (!(await ctx.checkCode(req, livekitRoom, code, room.moderatorCode))) {
        throw new ConveneError(403, 'access_code_invalid', 'That moderator code is not right. Check it and try again.');
      }
      basis = 'code';
    }
    // Without the host's word the role underneath stays what the minted token said (member or guest).
    const role: ParticipantRole = basis
      ? 'moderator'
      : word
        ? word.member
          ? 'member'
          : 'guest'
        : memberOrGuest(bearer.role);
    const expires = Math.floor(Date.now() / 1000) + ctx.ttl;
    const attributes = roleAttributes(ctx.livekit, livekitRoom, bearer.identity, role, {
      basis: basis ?? 'host',
      expires,
    });
    await ctx
      .askLivekit('updateParticipant', () => ctx.rooms.updateParticipant(livekitRoom, bearer.identity, { attributes }))
      .catch((error: unknown) => {
        if ((error as { status?: number }).status !== 404) throw error;
        throw new ConveneError(403, 'forbidden', `Join ${room.name} before asking for a role in it.`);
      });
    const answer: RoleResponse = {
      role,
      moderator: role === 'moderator',
      ...(role === 'moderator' ? { expires_at: new Date(expires * 1000).toISOString() } : {}),
    };
    sendJson(res, 200, answer);
  });
}

function memberOrGuest(role: ParticipantRole): ParticipantRole {
  return role === 'member' ? 'member' : 'guest';
}
