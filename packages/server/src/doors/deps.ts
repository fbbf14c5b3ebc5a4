/**
 * What the door modules need, and the names they keep things under. Every key lives in the
 * store with a lifetime; every change is published on the space's channel, so that every server
 * copy's streams (knock queues, presence) hear it.
 */
import type { RoomServiceClient } from 'livekit-server-sdk';
import type { Store } from '../store/store.js';

export interface DoorDeps {
  store: Store;
  rooms: RoomServiceClient;
  /** Runs a LiveKit call; an unreachable LiveKit becomes a 503 (its 404s pass through). */
  askLivekit<T>(what: string, call: () => Promise<T>): Promise<T>;
}

/** How long anything kept "until the meeting ends" lives at most, whatever LiveKit says: a day. */
export const MEETING_TTL_SECONDS = 24 * 60 * 60;

/** Store keys, all per LiveKit room except a knock's and an invite's own. */
export const keys = {
  lock: (livekitRoom: string) => `lock:${livekitRoom}`,
  bans: (livekitRoom: string) => `bans:${livekitRoom}`,
  knocks: (livekitRoom: string) => `knocks:${livekitRoom}`,
  knock: (id: string) => `knock:${id}`,
  /** The first answer to a knock (admit, deny, cancel, unanswered): set once, whichever copy answers. */
  answer: (id: string) => `knock-answer:${id}`,
  /** An admission not yet used: the token request takes it. */
  admission: (id: string) => `knock-admission:${id}`,
  invites: (livekitRoom: string) => `invites:${livekitRoom}`,
  invite: (secretHash: string) => `invite:${secretHash}`,
};

/** What changed at one room's door, as published on the space's channel. */
export interface DoorChange {
  room: string;
  what: 'knocks' | 'lock';
}

/** The space's channel: knock queues and locks of its rooms. */
export function doorsChannel(space: string): string {
  return `doors:${space}`;
}

/** One knock's channel: its knocker's stream listens. */
export function knockChannel(id: string): string {
  return `knock:${id}`;
}

export function publishChange(store: Store, space: string, change: DoorChange): Promise<void> {
  return store.publish(doorsChannel(space), JSON.stringify(change));
}

/** A published change, or `undefined` for a message that is not one. */
export function readChange(message: string): DoorChange | undefined {
  try {
    const value = JSON.parse(message) as Partial<DoorChange>;
    if (typeof value.room === 'string' && (value.what === 'knocks' || value.what === 'lock')) {
      return { room: value.room, what: value.what };
    }
  } catch {
    // not ours
  }
  return undefined;
}

/**
 * The LiveKit room's `sid` now: what "this meeting" is. `null` when the room is not open (nobody
 * has come, or LiveKit closed it after everyone left): a lock or ban of an earlier sid is over.
 */
export async function meetingOf(deps: DoorDeps, livekitRoom: string): Promise<string | null> {
  const [room] = await deps.askLivekit('listRooms', () => deps.rooms.listRooms([livekitRoom]));
  return room?.sid || null;
}

/** A JSON value read back from the store, or `undefined` when it is not what was stored. */
export function parseStored<T extends object>(text: string | null): T | undefined {
  if (text === null) return undefined;
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === 'object' ? (value as T) : undefined;
  } catch {
    return undefined;
  }
}
