/**
 * Who is in which room, from LiveKit itself, and the Server-Sent Events stream that carries it.
 *
 * One `SpacePresence` per space: a single poller (RoomServiceClient) while anyone listens,
 * refreshed at once when a LiveKit webhook says someone joined or left; each change is serialised
 * once per view (members, others) and written to every subscriber. Nothing here is state that
 * matters: another server copy asking LiveKit arrives at the same answer.
 */
import { randomUUID } from 'node:crypto';
import type { Request, Response } from 'express';
import type { RoomServiceClient } from 'livekit-server-sdk';
import {
  livekitRoomName,
  STAGE_ATTRIBUTE,
  type DirectoryPerson,
  type PresenceEvent,
  type RoomPresence,
} from './contract/index.js';
import type { SpaceConfig } from './schema.js';
import type { Store } from './store/store.js';

export interface PresenceOptions {
  /** How often the poller asks LiveKit while anyone listens, in ms (the fallback to webhooks). */
  pollMs: number;
  /** How often a comment line keeps idle streams open through proxies, in ms. */
  heartbeatMs: number;
  log: (message: string, error: unknown) => void;
  /** The slugs of the rooms a moderator has locked now (door control, from the store). */
  lockedRooms?: () => Promise<Set<string>>;
}

/** Someone in a room; `speaker` when a stage room has them on its stage. */
export interface PresentPerson extends DirectoryPerson {
  speaker?: true;
}

/** Who is in each room of a space; `null` when LiveKit could not be asked. */
export type Snapshot = Map<string, PresentPerson[]>;

interface Subscriber {
  res: Response;
  member: boolean;
}

export class SpacePresence {
  readonly #space: SpaceConfig;
  readonly #rooms: RoomServiceClient;
  readonly #options: PresenceOptions;
  readonly #subscribers = new Set<Subscriber>();
  #snapshot: Snapshot | null = null;
  #locked = new Set<string>();
  #locksFailed = false;
  #fetchedAt = 0;
  #lastKey = '';
  #running: Promise<void> | null = null;
  #again = false;
  /** What the next fetch asks about: the rooms webhooks named since the last, or all of them. */
  #pending: Set<string> | 'all' = 'all';
  #poller: NodeJS.Timeout | undefined;
  #heartbeat: NodeJS.Timeout | undefined;
  #closed = false;

  constructor(space: SpaceConfig, rooms: RoomServiceClient, options: PresenceOptions) {
    this.#space = space;
    this.#rooms = rooms;
    this.#options = options;
  }

  /** The rooms locked by a moderator as of the latest snapshot. */
  get locked(): ReadonlySet<string> {
    return this.#locked;
  }

  get subscriberCount(): number {
    return this.#subscribers.size;
  }

  /** The latest snapshot, fetched anew when older than `maxAgeMs`; `null` when LiveKit is unreachable. */
  async current(maxAgeMs: number): Promise<Snapshot | null> {
    if (!this.#snapshot || Date.now() - this.#fetchedAt > maxAgeMs || this.#running) await this.refresh();
    return this.#snapshot;
  }

  /**
   * Asks LiveKit again: about `room` only (a webhook names the room someone joined or left), or
   * about every room of the space. Calls during a fetch share one follow-up fetch of what they
   * named, so a burst of webhooks costs two rounds of requests, not one per event, and a join in
   * one room of forty waits for one request, not forty.
   */
  refresh(room?: string): Promise<void> {
    if (room === undefined || !this.#space.rooms.some((r) => r.slug === room)) this.#pending = 'all';
    else if (this.#pending !== 'all') this.#pending.add(room);
    if (this.#running) {
      this.#again = true;
      return this.#running;
    }
    this.#running = (async () => {
      do {
        this.#again = false;
        const pending = this.#pending;
        this.#pending = new Set();
        await this.#load(pending === 'all' ? undefined : pending);
      } while (this.#again && !this.#closed);
    })().finally(() => {
      this.#running = null;
    });
    return this.#running;
  }

  /** Adds an SSE subscriber: sends the current presence at once, then every change. */
  async subscribe(req: Request, res: Response, member: boolean): Promise<void> {
    res.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no',
    });
    res.write('retry: 3000\n\n');
    const snapshot = await this.current(this.#options.pollMs);
    if (this.#closed || req.destroyed || res.writableEnded) {
      res.end();
      return;
    }
    const subscriber: Subscriber = { res, member };
    write(res, this.#frame(snapshot, member));
    this.#subscribers.add(subscriber);
    this.#start();
    const remove = () => {
      this.#subscribers.delete(subscriber);
      if (this.#subscribers.size === 0) this.#stop();
    };
    req.once('close', remove);
    res.once('close', remove);
  }

  /** Ends every stream (server shutdown) and stops the timers. */
  close(): void {
    this.#closed = true;
    this.#stop();
    for (const { res } of this.#subscribers) res.end();
    this.#subscribers.clear();
  }

  /** Reads `only` these rooms (the rest as last read), or every room when there is no snapshot to keep. */
  async #load(only?: ReadonlySet<string>): Promise<void> {
    const kept = only && this.#snapshot;
    const snapshot: Snapshot = new Map(kept ? this.#snapshot : []);
    try {
      await Promise.all(
        this.#space.rooms
          .filter((room) => !kept || only.has(room.slug))
          .map(async (room) => {
            const participants = await this.#rooms
              .listParticipants(livekitRoomName(this.#space.slug, room.slug))
              .catch((error: unknown) => {
                // LiveKit answers "not found" for a room nobody has opened yet.
                if ((error as { status?: number }).status === 404) return [];
                throw error;
              });
            snapshot.set(
              room.slug,
              participants
                .map((p): PresentPerson => {
                  const person = { identity: p.identity, name: p.name || 'Guest' };
                  return room.stage && p.attributes[STAGE_ATTRIBUTE] === 'speaker'
                    ? { ...person, speaker: true }
                    : person;
                })
                .sort((a, b) => a.name.localeCompare(b.name) || a.identity.localeCompare(b.identity)),
            );
          }),
      );
      this.#snapshot = snapshot;
    } catch (error) {
      if (this.#snapshot !== null) this.#options.log('could not read presence from LiveKit', error);
      this.#snapshot = null;
    }
    try {
      this.#locked = (await this.#options.lockedRooms?.()) ?? new Set();
      this.#locksFailed = false;
    } catch (error) {
      // The store or LiveKit did not answer: the last known locks stand until they do (said once).
      if (!this.#locksFailed) this.#options.log('could not read room locks', error);
      this.#locksFailed = true;
    }
    // Only a read of every room makes the snapshot fresh (a webhook lost for another room is read again).
    if (!kept) this.#fetchedAt = Date.now();
    this.#broadcastIfChanged();
  }

  #broadcastIfChanged() {
    const key = this.#snapshot ? JSON.stringify([[...this.#snapshot], [...this.#locked].sort()]) : 'unavailable';
    if (key === this.#lastKey) return;
    const first = this.#lastKey === '';
    this.#lastKey = key;
    if (first || this.#subscribers.size === 0) return;
    const frames = new Map<boolean, string>();
    for (const { res, member } of this.#subscribers) {
      let frame = frames.get(member);
      if (frame === undefined) {
        frame = this.#frame(this.#snapshot, member);
        frames.set(member, frame);
      }
      write(res, frame);
    }
  }

  #frame(snapshot: Snapshot | null, member: boolean): string {
    const event: PresenceEvent = {
      space: this.#space.slug,
      presence: snapshot ? 'live' : 'unavailable',
      rooms: presenceFor(this.#space, snapshot, member, this.#locked),
    };
    return `event: presence\ndata: ${JSON.stringify(event)}\n\n`;
  }

  #start() {
    if (this.#poller || this.#closed) return;
    this.#poller = setInterval(() => void this.refresh(), this.#options.pollMs).unref();
    this.#heartbeat = setInterval(() => {
      for (const { res } of this.#subscribers) write(res, ': heartbeat\n\n');
    }, this.#options.heartbeatMs).unref();
  }

  #stop() {
    clearInterval(this.#poller);
    clearInterval(this.#heartbeat);
    this.#poller = this.#heartbeat = undefined;
  }
}

/** Writes and flushes, so that a host app's compression middleware does not hold events back. */
function write(res: Response, text: string) {
  res.write(text);
  (res as Response & { flush?: () => void }).flush?.();
}

/** The rooms a visitor may see in the directory, entrance first: listed, and members-only ones for members (or when they take knocks). */
export function visibleRooms(space: SpaceConfig, member: boolean) {
  return (
    space.rooms
      // A members' room that takes knocks is shown to everyone (with a count, no names): a guest may ask to come in.
      .filter((room) => room.listed && (room.access !== 'members' || member || room.knock))
      .sort((a, b) => Number(b.slug === space.entrance) - Number(a.slug === space.entrance))
  );
}

/**
 * Presence as a visitor may see it: names in public rooms, only counts elsewhere; which rooms a
 * moderator locked. A stage room names only its speakers and says how many of `count` speak.
 */
export function presenceFor(
  space: SpaceConfig,
  snapshot: Snapshot | null,
  member: boolean,
  locked: ReadonlySet<string> = new Set(),
): RoomPresence[] {
  return visibleRooms(space, member).map((room) => {
    const present = snapshot?.get(room.slug) ?? [];
    const shown = room.stage ? present.filter((person) => person.speaker) : present;
    const people = shown.map(({ identity, name }) => ({ identity, name }));
    return {
      slug: room.slug,
      count: present.length,
      ...(room.access === 'public' ? { people } : {}),
      ...(room.stage ? { speaking: shown.length } : {}),
      ...(locked.has(room.slug) ? { locked_by_moderator: true } : {}),
    };
  });
}

/** The store channel on which server copies tell each other that a space's presence changed. */
const PRESENCE_CHANNEL = 'presence-changed';

/**
 * Presence changes told to every server copy. LiveKit's webhook reaches one copy (through the
 * load balancer); `nudge(space, room)` asks LiveKit again about that room there at once and tells the other copies
 * through the store (Redis pub/sub), so that their streams follow without waiting for their next
 * poll. Each copy asks again a second later too: in a cluster LiveKit may send the webhook before
 * its Redis says who left. With the memory store there are no other copies; the poll still covers
 * a nudge lost while Redis is away.
 */
export function presenceNudges(
  store: Store,
  presence: ReadonlyMap<string, SpacePresence>,
): { nudge(space: string, room?: string): void; stop(): void } {
  const self = randomUUID();
  const later = new Map<string, NodeJS.Timeout>();
  const refresh = (space: string, room: string | undefined) => {
    const hub = presence.get(space);
    if (!hub) return;
    void hub.refresh(room);
    const key = `${space}/${room ?? ''}`;
    if (later.has(key)) return;
    later.set(
      key,
      setTimeout(() => {
        later.delete(key);
        void hub.refresh(room);
      }, 1000).unref(),
    );
  };
  const unsubscribe = store.subscribe(PRESENCE_CHANNEL, (message) => {
    let told: { from?: unknown; space?: unknown; room?: unknown };
    try {
      told = JSON.parse(message) as typeof told;
    } catch {
      return;
    }
    if (told.from !== self && typeof told.space === 'string') {
      refresh(told.space, typeof told.room === 'string' ? told.room : undefined);
    }
  });
  return {
    nudge(space, room) {
      if (!presence.has(space)) return;
      refresh(space, room);
      store.publish(PRESENCE_CHANNEL, JSON.stringify({ from: self, space, room })).catch(() => {});
    },
    stop() {
      unsubscribe();
      for (const timer of later.values()) clearTimeout(timer);
      later.clear();
    },
  };
}
