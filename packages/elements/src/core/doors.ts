/**
 * Door control on the Convene server (issue 13): knocking to come in, a moderator's answers, the
 * room's lock, invite links and who is kept out. Plain functions over `request()` (api.ts) and a
 * `fetch`-read event stream (event-stream.ts: the streams need an `Authorization` header, which
 * `EventSource` cannot send). `DoorsApi` is their shape, so a view test can hand a room fixtures
 * instead (components/room/fixture-doors.ts). Only the lazy door chunks import this module.
 */
import type {
  DirectoryRoom,
  Invite,
  InviteSummary,
  InviteUses,
  KeptOut,
  KnockList,
  KnockResponse,
  KnockStatus,
  LockResponse,
} from '@convene/server/contract';
import { ConveneApiError, apiUrl, fetchDirectory, request, withPass } from './api.js';
import { readEventStream } from './event-stream.js';
import type { PassSource } from './pass.js';

export { GUEST_KEY, storeGuestId, storedGuestId } from './guest-id.js';

export type {
  Invite,
  InviteSummary,
  InviteUses,
  KeptOut,
  Knock,
  KnockList,
  KnockResponse,
  KnockStatus,
} from '@convene/server/contract';

/** Which room, on which server, and the visitor's member pass when the page gives one. */
export interface DoorRoom {
  server: string;
  space: string;
  room: string;
  passes?: PassSource | undefined;
}

/** Who asks for a moderator's (or member's) door action: their LiveKit token for the room, and/or their pass. */
export interface DoorCaller {
  bearer?: string | undefined;
}

/** What a moderator answers a knock. */
export type KnockDecision = 'admit' | 'deny';

/** Everything the door views ask of the server; `httpDoors` is the real one. */
export interface DoorsApi {
  /** The room as the directory lists it (access, knock, locked by a moderator); `undefined` when it is not listed. */
  roomInfo(room: DoorRoom, signal?: AbortSignal): Promise<DirectoryRoom | undefined>;
  /** Knocks with the typed name and this browser's stored guest id (a guest kept out is told so at the knock). */
  knock(room: DoorRoom, name: string, guestId?: string): Promise<KnockResponse>;
  /** Follows the visitor's own knock until it ends (or `signal` aborts); each status as it comes. */
  followKnock(
    room: DoorRoom,
    knock: KnockResponse,
    onStatus: (status: KnockStatus) => void,
    signal: AbortSignal,
  ): Promise<void>;
  cancelKnock(room: DoorRoom, knock: KnockResponse): Promise<void>;
  /** Follows the room's knock queue (moderators), the list at once and on every change. */
  followKnocks(
    room: DoorRoom,
    caller: DoorCaller,
    onList: (list: KnockList) => void,
    signal: AbortSignal,
  ): Promise<void>;
  /** Follows every room's knock queue in a space (moderators by the host site's word, in the directory). */
  followSpaceKnocks(
    room: Omit<DoorRoom, 'room'>,
    onList: (list: KnockList) => void,
    signal: AbortSignal,
  ): Promise<void>;
  answerKnock(room: DoorRoom, caller: DoorCaller, id: string, decision: KnockDecision): Promise<void>;
  lock(room: DoorRoom, caller: DoorCaller, locked: boolean): Promise<LockResponse>;
  createInvite(room: DoorRoom, caller: DoorCaller, expiresInSeconds: number, uses: InviteUses): Promise<Invite>;
  invites(room: DoorRoom, caller: DoorCaller): Promise<InviteSummary[]>;
  revokeInvite(room: DoorRoom, caller: DoorCaller, id: string): Promise<void>;
  /** Removes someone and keeps them out until the meeting ends (moderation `remove` with `keep_out`). */
  keepOut(room: DoorRoom, caller: DoorCaller, identity: string): Promise<void>;
  keptOut(room: DoorRoom, caller: DoorCaller): Promise<KeptOut[]>;
  letBackIn(room: DoorRoom, caller: DoorCaller, key: string): Promise<void>;
}

const roomPath = (r: DoorRoom, rest: string) =>
  apiUrl(r.server, `api/spaces/${encodeURIComponent(r.space)}/rooms/${encodeURIComponent(r.room)}/${rest}`);

function call<T>(r: DoorRoom, caller: DoorCaller, method: string, rest: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = body === undefined ? {} : { 'Content-Type': 'application/json' };
  if (caller.bearer) headers.Authorization = `Bearer ${caller.bearer}`;
  return request<T>(
    roomPath(r, rest),
    { method, headers, ...(body === undefined ? {} : { body: JSON.stringify(body) }) },
    r.passes,
  );
}

/**
 * Reads one event stream to its end, giving the data of each event of `type` as parsed JSON.
 * A refusal rejects with the server's `ConveneApiError`; a dropped connection with `network`.
 */
async function follow<T>(
  url: string,
  headers: Record<string, string>,
  type: string,
  onData: (data: T) => void,
  signal: AbortSignal,
): Promise<void> {
  let response: Response;
  try {
    response = await fetch(url, {
      credentials: 'include',
      cache: 'no-store',
      headers: { Accept: 'text/event-stream', ...headers },
      signal,
    });
  } catch {
    throw new ConveneApiError('network', 'The connection to the Convene server dropped.');
  }
  if (!response.ok || !response.body) {
    const error = ((await response.json().catch(() => null)) as { error?: { code?: string; message?: string } } | null)
      ?.error;
    throw new ConveneApiError(
      (error?.code as ConveneApiError['code']) ?? 'bad_response',
      error?.message ?? `The Convene server answered ${response.status}.`,
      response.status,
    );
  }
  try {
    await readEventStream(response.body, (event) => {
      if (event.type !== type) return;
      try {
        onData(JSON.parse(event.data) as T);
      } catch {
        // not JSON: not an event this version understands
      }
    });
  } catch {
    if (!signal.aborted) throw new ConveneApiError('network', 'The connection to the Convene server dropped.');
  }
}

async function callerHeaders(r: Pick<DoorRoom, 'passes'>, caller: DoorCaller): Promise<Record<string, string>> {
  return withPass(caller.bearer ? { Authorization: `Bearer ${caller.bearer}` } : {}, r.passes);
}

/** The Convene server's door endpoints (see the contract in `@convene/server/contract`, section "Doors"). */
export const httpDoors: DoorsApi = {
  async roomInfo(r, signal) {
    const directory = await fetchDirectory(r.server, r.space, signal, r.passes);
    return directory.rooms.find((room) => room.slug === r.room);
  },
  knock: (r, name, guestId) =>
    call<KnockResponse>(r, {}, 'POST', 'knocks', { participant_name: name, ...(guestId ? { guest_id: guestId } : {}) }),
  followKnock: (r, knock, onStatus, signal) =>
    follow<KnockStatus>(
      roomPath(r, `knocks/${encodeURIComponent(knock.knock_id)}/events`),
      { Authorization: `Bearer ${knock.knock_secret}` },
      'knock',
      onStatus,
      signal,
    ),
  cancelKnock: (r, knock) =>
    request<void>(roomPath(r, `knocks/${encodeURIComponent(knock.knock_id)}`), {
      method: 'DELETE',
      headers: { Authorization: `Bearer ${knock.knock_secret}` },
    }),
  async followKnocks(r, caller, onList, signal) {
    await follow<KnockList>(roomPath(r, 'knocks/events'), await callerHeaders(r, caller), 'knocks', onList, signal);
  },
  async followSpaceKnocks(s, onList, signal) {
    const url = apiUrl(s.server, `api/spaces/${encodeURIComponent(s.space)}/knocks/events`);
    await follow<KnockList>(url, await callerHeaders(s, {}), 'knocks', onList, signal);
  },
  async answerKnock(r, caller, id, decision) {
    await call(r, caller, 'POST', `knocks/${encodeURIComponent(id)}`, { decision });
  },
  lock: (r, caller, locked) => call<LockResponse>(r, caller, 'POST', 'lock', { locked }),
  createInvite: (r, caller, expiresInSeconds, uses) =>
    call<Invite>(r, caller, 'POST', 'invites', { expires_in_seconds: expiresInSeconds, uses }),
  async invites(r, caller) {
    return (await call<{ invites: InviteSummary[] }>(r, caller, 'GET', 'invites')).invites;
  },
  revokeInvite: (r, caller, id) => call<void>(r, caller, 'DELETE', `invites/${encodeURIComponent(id)}`),
  async keepOut(r, caller, identity) {
    await call(r, caller, 'POST', 'moderation', { action: 'remove', identity, keep_out: true });
  },
  async keptOut(r, caller) {
    return (await call<{ kept_out: KeptOut[] }>(r, caller, 'GET', 'bans')).kept_out;
  },
  letBackIn: (r, caller, key) => call<void>(r, caller, 'DELETE', `bans/${encodeURIComponent(key)}`),
};
