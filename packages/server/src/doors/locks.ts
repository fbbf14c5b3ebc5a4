/**
 * A moderator's lock on a room, for the rest of its meeting: kept with the LiveKit room's `sid`,
 * so that it ends when the meeting does (LiveKit closes the room once everyone has left); a lock
 * of another sid, or of a room that is gone, is over and is deleted when seen.
 */
import { livekitRoomName } from '../contract/index.js';
import type { SpaceConfig } from '../schema.js';
import { keys, MEETING_TTL_SECONDS, meetingOf, parseStored, publishChange, type DoorDeps } from './deps.js';

export interface Lock {
  sid: string;
  /** The moderator who locked it, by name. */
  by: string;
  since: number;
}

/** The room's lock now, or `undefined`. A stale lock is deleted. */
export async function currentLock(deps: DoorDeps, livekitRoom: string): Promise<Lock | undefined> {
  const lock = parseStored<Lock>(await deps.store.get(keys.lock(livekitRoom)));
  if (!lock) return undefined;
  if ((await meetingOf(deps, livekitRoom)) === lock.sid) return lock;
  await deps.store.delete(keys.lock(livekitRoom));
  return undefined;
}

/**
 * Locks the room for its current meeting. A room that is not open yet is opened (LiveKit closes
 * it after its empty timeout if nobody comes), so a moderator can lock it before anyone arrives.
 */
export async function lockRoom(
  deps: DoorDeps,
  space: string,
  room: { slug: string; capacity?: number | undefined },
  by: string,
): Promise<Lock> {
  const livekitRoom = livekitRoomName(space, room.slug);
  let sid = await meetingOf(deps, livekitRoom);
  if (!sid) {
    const created = await deps.askLivekit('createRoom', () =>
      deps.rooms.createRoom({ name: livekitRoom, ...(room.capacity ? { maxParticipants: room.capacity } : {}) }),
    );
    sid = created.sid;
  }
  const lock: Lock = { sid, by, since: Date.now() };
  await deps.store.set(keys.lock(livekitRoom), JSON.stringify(lock), MEETING_TTL_SECONDS);
  await publishChange(deps.store, space, { room: room.slug, what: 'lock' });
  return lock;
}

export async function unlockRoom(deps: DoorDeps, space: string, roomSlug: string): Promise<void> {
  await deps.store.delete(keys.lock(livekitRoomName(space, roomSlug)));
  await publishChange(deps.store, space, { room: roomSlug, what: 'lock' });
}

/**
 * The slugs of the space's rooms a moderator has locked now, for the directory and presence:
 * one store read per room and, only when some are locked, one LiveKit call for their sids.
 */
export async function lockedRooms(deps: Omit<DoorDeps, 'askLivekit'>, space: SpaceConfig): Promise<Set<string>> {
  const found = await Promise.all(
    space.rooms.map(async (room) => {
      const livekitRoom = livekitRoomName(space.slug, room.slug);
      return { room, livekitRoom, lock: parseStored<Lock>(await deps.store.get(keys.lock(livekitRoom))) };
    }),
  );
  const candidates = found.filter((f) => f.lock);
  if (candidates.length === 0) return new Set();
  const open = await deps.rooms.listRooms(candidates.map((c) => c.livekitRoom));
  const sids = new Map(open.map((r) => [r.name, r.sid]));
  const locked = new Set<string>();
  for (const { room, livekitRoom, lock } of candidates) {
    if (sids.get(livekitRoom) === lock?.sid) locked.add(room.slug);
    else await deps.store.delete(keys.lock(livekitRoom));
  }
  return locked;
}
