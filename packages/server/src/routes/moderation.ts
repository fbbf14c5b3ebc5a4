/**
 * `POST /api/spaces/:space/rooms/:room/moderation`: mute, remove, lower a hand, spotlight, and
 * in a stage room bring someone up or send them back (see stage.ts). The
 * caller proves who it is with its own LiveKit token for the room (401 without one), the body is
 * parsed (400 naming every issue), and only then is the parsed action weighed against who asks
 * (403): a bad request is refused the same way whoever sends it, and changes nothing.
 */
import type { Router } from 'express';
import { TrackSource, TrackType } from 'livekit-server-sdk';
import {
  HAND_ATTRIBUTE,
  ROLE_ATTRIBUTE,
  livekitRoomName,
  SPOTLIGHT_METADATA_KEY,
  type ModerationAction,
  type ModerationResponse,
} from '../contract/index.js';
import { keepOut, subjectOf } from '../doors/bans.js';
import { ConveneError } from '../errors.js';
import { readJson, sendJson } from '../http.js';
import { moderationRequestSchema, type RoomConfig } from '../schema.js';
import { requireStage, setOnStage } from './stage.js';
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

export function moderationRoutes(router: Router, ctx: RouteContext): void {
  router.post('/api/spaces/:space/rooms/:room/moderation', async (req, res) => {
    await limitClient(ctx.moderationLimiter, req, 'moderation requests');
    const input = await readJson(req);
    const space = findSpace(ctx, req.params.space);
    const room = findRoom(space, req.params.room);
    const livekitRoom = livekitRoomName(space.slug, room.slug);
    // Decided afresh: the host site's current word for this identity outranks an older proof.
    const caller = await roomCaller(ctx, req, space, room);
    if (!caller && !req.get('authorization')) throw bearerRequired('this room');
    const { action, identity, keep_out: keepingOut } = parseWith(moderationRequestSchema, input);
    if (keepingOut && action !== 'remove') {
      throw new ConveneError(400, 'invalid_request', 'The request is not valid: keep_out: only with "remove"', [
        { path: 'keep_out', message: 'only with "remove"' },
      ]);
    }
    mayModerate(room, caller, action);

    const target = { ctx, livekitRoom, identity, roomName: room.name };
    const result: ModerationResponse = { action, identity };
    if (action === 'remove' && keepingOut) {
      await removeAndKeepOut(target);
      result.kept_out = true;
    } else if (action === 'remove') await remove(target);
    else if (action === 'lower-hand') await lowerHand(target);
    else if (action === 'spotlight' || action === 'unspotlight') await spotlight(target, action === 'spotlight');
    else if (action === 'bring-up' || action === 'send-back') {
      result.on_stage = action === 'bring-up';
      await setOnStage(ctx, space.slug, livekitRoom, identity, result.on_stage).catch(notHere(target));
    } else result.muted = await mute(target);
    sendJson(res, 200, result);
  });
}

/**
 * Refuses (403) an action the caller may not take here: a room's moderator may take any; anyone
 * may spotlight where the room's spotlight says `anyone: true`; nobody spotlights in a room
 * without spotlight furniture.
 */
function mayModerate(room: RoomConfig, caller: RoomCaller | null, action: ModerationAction): void {
  const spotlightAction = action === 'spotlight' || action === 'unspotlight';
  const furniture = room.furniture.find((entry) => entry.kind === 'spotlight');
  const anyoneMaySpotlight = spotlightAction && furniture?.settings.anyone === true;
  // Spotlight for anyone still means anyone in the room: a caller with its token for it.
  if (!caller || !(caller.moderator || (anyoneMaySpotlight && caller.inRoom))) {
    throw new ConveneError(
      403,
      'forbidden',
      spotlightAction
        ? 'Only a moderator of this room may choose who is in the spotlight.'
        : action === 'bring-up' || action === 'send-back'
          ? 'Only a moderator of this room may bring people onto the stage or send them back.'
          : 'Only a moderator of this room may mute or remove people.',
    );
  }
  if (spotlightAction && !furniture) {
    throw new ConveneError(403, 'forbidden', `${room.name} has no spotlight furniture.`);
  }
  if (action === 'bring-up' || action === 'send-back') requireStage(room);
}

interface Target {
  ctx: RouteContext;
  livekitRoom: string;
  identity: string;
  roomName: string;
}

/** LiveKit's "not found" as the visitor's 404: nobody with that identity is in the room. */
function notHere({ identity, roomName }: Target) {
  return (error: unknown): never => {
    if ((error as { status?: number }).status === 404) {
      throw new ConveneError(404, 'participant_not_found', `Nobody with identity "${identity}" is in ${roomName}.`);
    }
    throw error;
  };
}

async function remove(target: Target): Promise<void> {
  const { ctx, livekitRoom, identity } = target;
  await ctx
    .askLivekit('removeParticipant', () => ctx.rooms.removeParticipant(livekitRoom, identity))
    .catch(notHere(target));
}

/** Keeps them out of this meeting (a guest by their browser's gid), then removes them: a ban that cannot be stored removes nobody. */
async function removeAndKeepOut(target: Target): Promise<void> {
  const { ctx, livekitRoom, identity } = target;
  const participant = await ctx
    .askLivekit('getParticipant', () => ctx.rooms.getParticipant(livekitRoom, identity))
    .catch(notHere(target));
  const subject = subjectOf(identity, participant.attributes[ROLE_ATTRIBUTE]);
  await keepOut(ctx, livekitRoom, subject, participant.name || identity);
  await remove(target);
}

async function lowerHand(target: Target): Promise<void> {
  const { ctx, livekitRoom, identity } = target;
  await ctx
    .askLivekit('updateParticipant', () =>
      ctx.rooms.updateParticipant(livekitRoom, identity, { attributes: { [HAND_ATTRIBUTE]: '' } }),
    )
    .catch(notHere(target));
}

/** Pins (`on`) or unpins `identity` through the room's metadata, keeping its other keys. */
async function spotlight(target: Target, on: boolean): Promise<void> {
  const { ctx, livekitRoom, identity } = target;
  if (on) {
    await ctx
      .askLivekit('getParticipant', () => ctx.rooms.getParticipant(livekitRoom, identity))
      .catch(notHere(target));
  }
  const [current] = await ctx.askLivekit('listRooms', () => ctx.rooms.listRooms([livekitRoom]));
  let metadata: Record<string, unknown> = {};
  try {
    const parsed: unknown = JSON.parse(current?.metadata || '{}');
    if (parsed && typeof parsed === 'object') metadata = parsed as Record<string, unknown>;
  } catch {
    // Not ours: replaced.
  }
  if (on) metadata[SPOTLIGHT_METADATA_KEY] = identity;
  else if (metadata[SPOTLIGHT_METADATA_KEY] === identity) delete metadata[SPOTLIGHT_METADATA_KEY];
  await ctx.askLivekit('updateRoomMetadata', () => ctx.rooms.updateRoomMetadata(livekitRoom, JSON.stringify(metadata)));
}

/** Mutes every unmuted microphone track of `identity`; answers with their track ids. */
async function mute(target: Target): Promise<string[]> {
  const { ctx, livekitRoom, identity } = target;
  const participant = await ctx
    .askLivekit('getParticipant', () => ctx.rooms.getParticipant(livekitRoom, identity))
    .catch(notHere(target));
  const microphones = participant.tracks.filter(
    (track) => track.type === TrackType.AUDIO && track.source !== TrackSource.SCREEN_SHARE_AUDIO && !track.muted,
  );
  await Promise.all(
    microphones.map((track) =>
      ctx.askLivekit('mutePublishedTrack', () => ctx.rooms.mutePublishedTrack(livekitRoom, identity, track.sid, true)),
    ),
  );
  return microphones.map((track) => track.sid);
}
