/**
 * `POST /api/spaces/:space/rooms/:room/tables/:table/token`: a breakout table's own LiveKit room
 * (`tableRoomName`), for the same person as the main-room token presented as Bearer, at a table
 * the room's `breakout-tables` furniture lists. Identity and name come from that verified token
 * (the server minted them), never from what the participant looks like in LiveKit now; the role is
 * decided afresh as for moderation (`roomCaller`: the host site's current word outranks the proof).
 */
import type { Router } from 'express';
import {
  livekitRoomName,
  MAX_NAME_LENGTH,
  sanitiseName,
  tableRoomName,
  type BreakoutTable,
  type BuiltinSettings,
} from '../contract/index.js';
import { ConveneError } from '../errors.js';
import { sendJson } from '../http.js';
import type { RoomConfig } from '../schema.js';
import {
  bearerRequired,
  findRoom,
  findSpace,
  limitClient,
  roomCaller,
  slugParam,
  tokenResponse,
  type RouteContext,
} from './context.js';

export function tableRoutes(router: Router, ctx: RouteContext): void {
  router.post('/api/spaces/:space/rooms/:room/tables/:table/token', async (req, res) => {
    await limitClient(ctx.tableLimiter, req, 'table token requests');
    const space = findSpace(ctx, req.params.space);
    const room = findRoom(space, req.params.room);
    const livekitRoom = livekitRoomName(space.slug, room.slug);
    const caller = await roomCaller(ctx, req, space, room);
    if (!caller?.inRoom) throw bearerRequired(room.name);
    const table = findTable(room, req.params.table);
    // Only someone in the room now sits at its tables.
    await ctx
      .askLivekit('getParticipant', () => ctx.rooms.getParticipant(livekitRoom, caller.identity))
      .catch(() => {
        throw new ConveneError(403, 'forbidden', `Join ${room.name} before sitting at one of its tables.`);
      });
    const response = tokenResponse(ctx, {
      space,
      room,
      livekitRoom: tableRoomName(space.slug, room.slug, table.slug),
      identity: caller.identity,
      name: sanitiseName(caller.name).slice(0, MAX_NAME_LENGTH) || 'Guest',
      role: caller.role,
      ...(caller.moderatorBasis ? { moderatorBasis: caller.moderatorBasis } : {}),
      furniture: [],
    });
    sendJson(res, 201, response);
  });
}

/** The table `:table` (or a seat request's `table`) names among the room's `breakout-tables`; 404 when there is none. */
export function findTable(room: RoomConfig, raw: unknown): BreakoutTable {
  const slug = slugParam(raw);
  const table = room.furniture
    .filter((entry) => entry.kind === 'breakout-tables')
    .flatMap((entry) => (entry.settings as BuiltinSettings['breakout-tables']).tables)
    .find((t) => t.slug === slug);
  if (!table) {
    throw new ConveneError(404, 'not_found', `${room.name} has no table "${String(raw).slice(0, 64)}".`);
  }
  return table;
}
