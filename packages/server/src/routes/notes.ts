/**
 * Kept notes: the `notes` furniture with `settings: { keep: true }` asks the server to keep its
 * latest snapshot for the room's next meeting.
 *
 * - `GET /api/spaces/:space/rooms/:room/notes` → `{ "snapshot": "<base64>" | null }`
 * - `PUT /api/spaces/:space/rooms/:room/notes` with `{ "snapshot": "<base64>" }` → `{ "bytes": n }`
 *
 * Both with the caller's LiveKit token for the room as Bearer (401 without one): whoever is in the
 * room (or was let in within the token's lifetime) may read and write its notes. 404 when the room
 * has no notes furniture, 403 when its notes are not kept; 413 above 1 MB (decoded), 400 for a
 * snapshot that is not base64; writes limited per person and room (429). The snapshot is bytes the
 * server never reads (a Yjs update the pages check before they apply it), stored in the store
 * (memory, or Redis shared by every copy) for 90 days after the last write.
 */
import type { Request, Router } from 'express';
import { z } from 'zod';
import { livekitRoomName } from '../contract/index.js';
import { ConveneError } from '../errors.js';
import { sendJson } from '../http.js';
import type { RoomConfig } from '../schema.js';
import { checkBearer } from '../tokens.js';
import { bearerRequired, findRoom, findSpace, parseWith, rateLimited, type RouteContext } from './context.js';

/** The largest snapshot kept, in bytes (decoded): the pages' document limit. */
export const MAX_NOTES_BYTES = 1_000_000;
/** How long kept notes outlive their last write. */
export const NOTES_TTL_SECONDS = 90 * 24 * 60 * 60;
/** Saves per person and room: the pages save at most every 5 seconds, and as they leave. */
export const NOTES_SAVE_LIMIT = { limit: 30, windowSeconds: 60 };
/** Reads per person and room: one a meeting, a few more for reloads. */
export const NOTES_READ_LIMIT = { limit: 30, windowSeconds: 60 };

/** The body's largest size: the base64 of MAX_NOTES_BYTES and the JSON around it. */
const BODY_LIMIT = Math.ceil(MAX_NOTES_BYTES / 3) * 4 + 256;
const JSON_TYPE = /^application\/json\s*(?:;\s*charset\s*=\s*"?utf-8"?\s*)?$/i;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

const notesRequestSchema = z
  .object({
    snapshot: z.string().min(4).regex(BASE64, 'expected base64 (A–Z, a–z, 0–9, +, /, padded with =)'),
  })
  .strict();

const tooLarge = () =>
  new ConveneError(413, 'payload_too_large', `Kept notes can be up to ${MAX_NOTES_BYTES / 1_000_000} MB.`);

/** The PUT's JSON body, read up to BODY_LIMIT (413 beyond it; 415 for anything but JSON; 400 when it does not parse). */
async function readNotesBody(req: Request): Promise<unknown> {
  if (!JSON_TYPE.test(req.headers['content-type'] ?? '')) {
    throw new ConveneError(415, 'unsupported_media_type', 'Send the notes as JSON (Content-Type: application/json).');
  }
  if (Number(req.headers['content-length'] ?? 0) > BODY_LIMIT) throw tooLarge();
  if (req.body !== undefined) return req.body;
  if (req.headers['content-encoding'] && req.headers['content-encoding'] !== 'identity') {
    throw new ConveneError(415, 'unsupported_media_type', 'Send the request body uncompressed.');
  }
  const text = await new Promise<string>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= BODY_LIMIT) chunks.push(chunk);
      else chunks.length = 0;
    });
    req.once('end', () => (size > BODY_LIMIT ? reject(tooLarge()) : resolve(Buffer.concat(chunks).toString('utf8'))));
    req.once('error', () => reject(new ConveneError(400, 'invalid_request', 'The request body could not be read.')));
  });
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new ConveneError(400, 'invalid_request', 'The request body is not valid JSON.');
  }
}

export function notesRoutes(router: Router, ctx: RouteContext): void {
  const saves = ctx.store.limiter('notes-saves', NOTES_SAVE_LIMIT);
  const reads = ctx.store.limiter('notes-reads', NOTES_READ_LIMIT);

  /** The room the URL names and the caller by their token, once the room keeps its notes. */
  async function keptRoom(req: Request) {
    const space = findSpace(ctx, req.params.space);
    const room: RoomConfig = findRoom(space, req.params.room);
    const livekitRoom = livekitRoomName(space.slug, room.slug);
    const bearer = await checkBearer(ctx.livekit, req.get('authorization'), livekitRoom);
    if (!bearer.ok) throw bearerRequired(room.name);
    const notes = room.furniture.find((entry) => entry.kind === 'notes');
    if (!notes) throw new ConveneError(404, 'not_found', `${room.name} has no notes.`);
    if ((notes.settings as { keep?: unknown } | undefined)?.keep !== true) {
      throw new ConveneError(403, 'forbidden', `The notes of ${room.name} are not kept after the meeting.`);
    }
    return { key: `notes:${livekitRoom}`, who: `${livekitRoom}\0${bearer.identity}` };
  }

  router.get('/api/spaces/:space/rooms/:room/notes', async (req, res) => {
    const { key, who } = await keptRoom(req);
    const wait = await reads.hit(who);
    if (wait > 0) throw rateLimited(wait, `Too many reads of the notes. Try again in ${wait} seconds.`);
    sendJson(res, 200, { snapshot: await ctx.store.get(key) });
  });

  router.put('/api/spaces/:space/rooms/:room/notes', async (req, res) => {
    const { key, who } = await keptRoom(req);
    const wait = await saves.hit(who);
    if (wait > 0) throw rateLimited(wait, `Too many saves of the notes. Try again in ${wait} seconds.`);
    const { snapshot } = parseWith(notesRequestSchema, await readNotesBody(req));
    const bytes = Buffer.byteLength(snapshot, 'base64');
    if (bytes > MAX_NOTES_BYTES) throw tooLarge();
    await ctx.store.set(key, snapshot, NOTES_TTL_SECONDS);
    sendJson(res, 200, { bytes });
  });
}
