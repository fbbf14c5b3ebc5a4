/**
 * What furniture shows as fact about a person, written by the server (participants' tokens lack
 * `canUpdateOwnMetadata`, so nobody writes their own name or attributes):
 *
 * - `POST /api/spaces/:space/rooms/:room/hand` with `{ "up": true | false }`: hand-raise furniture.
 *   A raised hand holds the server's clock (ms) when it went up, so the queue is in the server's order.
 * - `POST /api/spaces/:space/rooms/:room/seat` with `{ "table": "<slug>" | "" }`: breakout-tables
 *   furniture. The table must be one the room lists; `""` is no table.
 *
 * As moderation: the caller's own LiveKit token for the room as Bearer (401 without one), the body
 * parsed (400 naming every issue), then the room's furniture weighed (403) and the caller limited,
 * and only then RoomService writes the attribute. A refused request changes nothing.
 */
import type { Router, Request } from 'express';
import { z } from 'zod';
import {
  HAND_ATTRIBUTE,
  livekitRoomName,
  TABLE_ATTRIBUTE,
  type HandResponse,
  type SeatResponse,
} from '../contract/index.js';
import { ConveneError } from '../errors.js';
import { readJson, sendJson } from '../http.js';
import { slugSchema, type RoomConfig, type SpaceConfig } from '../schema.js';
import { checkBearer } from '../tokens.js';
import { bearerRequired, findRoom, findSpace, parseWith, rateLimited, type RouteContext } from './context.js';
import { findTable } from './tables.js';

const handRequestSchema = z.object({ up: z.boolean() }).strict();
const seatRequestSchema = z.object({ table: z.union([z.literal(''), slugSchema]) }).strict();

/** Hand and seat changes per person and room: plenty for a person, a wall for a loop. */
export const OWN_STATE_LIMIT = { limit: 30, windowSeconds: 60 };

/** A hand's attribute as the server writes it: digits only (ms since the epoch). */
const RAISED = /^\d{1,15}$/;

export function attributeRoutes(router: Router, ctx: RouteContext): void {
  const limiter = ctx.store.limiter('own-state', OWN_STATE_LIMIT);

  /** The caller (by its token) in the room the URL names, once the room has `kind` and the caller is under its limit. */
  async function caller(req: Request, kind: 'hand-raise' | 'breakout-tables') {
    const input = await readJson(req);
    const space: SpaceConfig = findSpace(ctx, req.params.space);
    const room: RoomConfig = findRoom(space, req.params.room);
    const livekitRoom = livekitRoomName(space.slug, room.slug);
    const check = await checkBearer(ctx.livekit, req.get('authorization'), livekitRoom);
    if (!check.ok) throw bearerRequired(room.name);
    return { input, room, livekitRoom, identity: check.identity, kind };
  }

  async function allow({ room, livekitRoom, identity, kind }: Awaited<ReturnType<typeof caller>>): Promise<void> {
    // In a stage room a raised hand asks to speak, with or without hand-raise furniture.
    const asksToSpeak = kind === 'hand-raise' && room.stage;
    if (!asksToSpeak && !room.furniture.some((entry) => entry.kind === kind)) {
      throw new ConveneError(403, 'forbidden', `${room.name} has no ${kind} furniture.`);
    }
    const wait = await limiter.hit(`${livekitRoom}\0${identity}`);
    if (wait > 0) throw rateLimited(wait, `Too many changes. Try again in ${wait} seconds.`);
  }

  /** The caller as LiveKit sees it now; 403 when it is not in the room. */
  async function present({ room, livekitRoom, identity }: Awaited<ReturnType<typeof caller>>, what: string) {
    return ctx
      .askLivekit('getParticipant', () => ctx.rooms.getParticipant(livekitRoom, identity))
      .catch((error: unknown) => {
        if ((error as { status?: number }).status !== 404) throw error;
        throw new ConveneError(403, 'forbidden', `Join ${room.name} before ${what}.`);
      });
  }

  async function write({ livekitRoom, identity }: Awaited<ReturnType<typeof caller>>, key: string, value: string) {
    await ctx.askLivekit('updateParticipant', () =>
      ctx.rooms.updateParticipant(livekitRoom, identity, { attributes: { [key]: value } }),
    );
  }

  router.post('/api/spaces/:space/rooms/:room/hand', async (req, res) => {
    const who = await caller(req, 'hand-raise');
    const { up } = parseWith(handRequestSchema, who.input);
    await allow(who);
    const participant = await present(who, up ? 'raising your hand' : 'lowering your hand');
    const current = participant.attributes[HAND_ATTRIBUTE] ?? '';
    // A hand already up keeps its place in the queue.
    const raisedAt = up ? (RAISED.test(current) ? Number(current) : Date.now()) : undefined;
    const value = raisedAt === undefined ? '' : String(raisedAt);
    if (value !== current) await write(who, HAND_ATTRIBUTE, value);
    const result: HandResponse = raisedAt === undefined ? { up: false } : { up: true, raised_at: raisedAt };
    sendJson(res, 200, result);
  });

  router.post('/api/spaces/:space/rooms/:room/seat', async (req, res) => {
    const who = await caller(req, 'breakout-tables');
    const { table } = parseWith(seatRequestSchema, who.input);
    await allow(who);
    const slug = table === '' ? '' : findTable(who.room, table).slug;
    const participant = await present(who, 'sitting at one of its tables');
    if ((participant.attributes[TABLE_ATTRIBUTE] ?? '') !== slug) await write(who, TABLE_ATTRIBUTE, slug);
    const result: SeatResponse = { table: slug };
    sendJson(res, 200, result);
  });
}
