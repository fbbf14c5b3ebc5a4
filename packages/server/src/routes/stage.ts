/**
 * Stage rooms (`stage: true` in a room's config): moderators speak, everyone else watches. Who is
 * on the stage is LiveKit's word, changed live through RoomService (no new token): their
 * permission to publish, and `STAGE_ATTRIBUTE` for everyone to see. A moderator brings someone up
 * or sends them back (`bring-up`, `send-back` in moderation.ts); a speaker steps down here:
 *
 * - `POST /api/spaces/:space/rooms/:room/stage` with `{ "on_stage": false }` and the caller's own
 *   LiveKit token as Bearer: back to the audience. `{ "on_stage": true }` only for a moderator
 *   (back up after stepping down); anyone else asks with a raised hand.
 *
 * As moderation: 401 without the token, 400 naming every issue, 403 in a room that is no stage or
 * for someone who may not, 404 when the caller is not in the room; then RoomService writes.
 */
import type { Router } from 'express';
import { TrackSource } from 'livekit-server-sdk';
import { z } from 'zod';
import { HAND_ATTRIBUTE, livekitRoomName, STAGE_ATTRIBUTE, type StageResponse } from '../contract/index.js';
import { ConveneError } from '../errors.js';
import { readJson, sendJson } from '../http.js';
import type { RoomConfig } from '../schema.js';
import { OWN_STATE_LIMIT } from './attributes.js';
import {
  bearerRequired,
  findRoom,
  findSpace,
  parseWith,
  rateLimited,
  roomCaller,
  type RouteContext,
} from './context.js';

const stageRequestSchema = z.object({ on_stage: z.boolean() }).strict();

/** What a speaker may publish: what anyone may in an ordinary room. */
const SPEAKER_SOURCES = [
  TrackSource.CAMERA,
  TrackSource.MICROPHONE,
  TrackSource.SCREEN_SHARE,
  TrackSource.SCREEN_SHARE_AUDIO,
];

/**
 * LiveKit's permissions replace each other whole, so both keep what the audience has too:
 * subscribing, and data (chat and reactions). Never `canUpdateMetadata` (see DESIGN.md).
 */
const SPEAKER = { canSubscribe: true, canPublish: true, canPublishData: true, canPublishSources: SPEAKER_SOURCES };
const AUDIENCE = { canSubscribe: true, canPublish: false, canPublishData: true, canPublishSources: [] };

/** 403 for stage actions in a room that is not a stage. */
export function requireStage(room: RoomConfig): void {
  if (!room.stage) throw new ConveneError(403, 'forbidden', `${room.name} is not a stage room.`);
}

/**
 * Puts `identity` on the stage (`on`) or in the audience, live: their permissions, the stage
 * attribute (and on the way up their raised hand is lowered: they have been answered). On the way
 * down LiveKit unpublishes what the revoked permission no longer allows; anything it still lists
 * is muted as well, so an audience page never goes on sending. The room's presence is asked again
 * at once, on every server copy ("3 speaking"). Rejects with LiveKit's 404 when nobody with that identity is in the room.
 */
export async function setOnStage(
  ctx: RouteContext,
  spaceSlug: string,
  livekitRoom: string,
  identity: string,
  on: boolean,
): Promise<void> {
  const participant = await ctx.askLivekit('updateParticipant', () =>
    ctx.rooms.updateParticipant(livekitRoom, identity, {
      permission: on ? SPEAKER : AUDIENCE,
      attributes: on ? { [STAGE_ATTRIBUTE]: 'speaker', [HAND_ATTRIBUTE]: '' } : { [STAGE_ATTRIBUTE]: '' },
    }),
  );
  if (!on) {
    const live = participant.tracks.filter((track) => !track.muted);
    await Promise.all(
      live.map((track) =>
        ctx
          .askLivekit('mutePublishedTrack', () => ctx.rooms.mutePublishedTrack(livekitRoom, identity, track.sid, true))
          .catch((error: unknown) => {
            // Already gone: LiveKit removed it with the permission.
            if ((error as { status?: number }).status !== 404) throw error;
          }),
      ),
    );
  }
  ctx.nudgePresence(spaceSlug, livekitRoom.split('/')[1]);
}

export function stageRoutes(router: Router, ctx: RouteContext): void {
  const limiter = ctx.store.limiter('own-state', OWN_STATE_LIMIT);

  router.post('/api/spaces/:space/rooms/:room/stage', async (req, res) => {
    const input = await readJson(req);
    const space = findSpace(ctx, req.params.space);
    const room = findRoom(space, req.params.room);
    const livekitRoom = livekitRoomName(space.slug, room.slug);
    const caller = await roomCaller(ctx, req, space, room);
    if (!caller?.inRoom) throw bearerRequired(room.name);
    const { on_stage: on } = parseWith(stageRequestSchema, input);
    requireStage(room);
    if (on && !caller.moderator) {
      throw new ConveneError(
        403,
        'forbidden',
        'Only a moderator brings someone onto the stage: raise your hand to ask to speak.',
      );
    }
    const wait = await limiter.hit(`${livekitRoom}\0${caller.identity}`);
    if (wait > 0) throw rateLimited(wait, `Too many changes. Try again in ${wait} seconds.`);
    await setOnStage(ctx, space.slug, livekitRoom, caller.identity, on).catch((error: unknown) => {
      if ((error as { status?: number }).status !== 404) throw error;
      throw new ConveneError(403, 'forbidden', `Join ${room.name} before stepping ${on ? 'up' : 'down'}.`);
    });
    const answer: StageResponse = { identity: caller.identity, on_stage: on };
    sendJson(res, 200, answer);
  });
}
