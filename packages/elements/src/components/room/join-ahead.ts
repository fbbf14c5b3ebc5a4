/**
 * Pre-join's head start (issue 19): while the visitor is still in pre-join, `RoomSession.prepare()`
 * loads livekit-client, asks the Convene server for the token and warms the connection to LiveKit
 * (`Room.prepareConnection`), so that Join has only the connection itself left to make. Nothing
 * joins or publishes before Join, and nothing is asked of any host but the Convene server and its
 * LiveKit.
 *
 * The token is asked for early only when the element says asking uses nothing up (see
 * `asksFreely` in prejoin.ts), and is used only by a join that sends the very same request: the
 * same name, and no code, invite or knock. A changed name asks again once the typing pauses; a
 * token is used once, and only while young (a moderator's lock or a ban decided since counts).
 *
 * Once the early answer says the room is not encrypted, the LiveKit `Room` the join will use is made
 * too, with its peer connection and the media sections and data channels of its first offer
 * (livekit-client does the very same at the start of `connect()`): a local object, that sends
 * nothing and gathers no address until Join. An encrypted room's is made at Join: its connection
 * needs the key's transforms from the start.
 */
import type { Room } from 'livekit-client';
import type { TokenResponse } from '../../core/api.js';
import { fetchToken } from '../../core/api.js';
import { loadLivekit } from '../../core/livekit.js';
import type { JoinOptions, PrepareOptions, SessionOptions } from './session.js';

/** A changed name is asked for once the typing pauses this long. */
export const PREPARE_PAUSE_MS = 600;
/** At most this many early token requests per session, however often the name changes. */
export const PREPARE_LIMIT = 4;
/** An early token older than this is not used: the join asks afresh (a lock or ban since then counts). */
export const PREPARED_MAX_AGE_MS = 60_000;
/** Nor one with less than this left to live: LiveKit must still accept it when the connection is made. */
const MIN_LIFETIME_MS = 30_000;

/** The fields of a token request that decide its answer, as one comparable string. */
function requestKey(request: Pick<JoinOptions, 'name' | 'accessCode' | 'knock' | 'invite' | 'guestId'>): string {
  const { name, accessCode, knock, invite, guestId } = request;
  return JSON.stringify([name, accessCode ?? '', knock?.id ?? '', knock?.secret ?? '', invite ?? '', guestId ?? '']);
}

interface Prepared {
  key: string;
  /** When it was asked for (ms since the epoch). */
  at: number;
  /** The answer; `undefined` when the request failed (the join then asks itself, and hears the refusal). */
  answer: Promise<TokenResponse | undefined>;
}

export class JoinAhead {
  #prepared: Prepared | undefined;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #asked = 0;
  /** The guest id an early answer gave this browser: later requests carry it, so that the visitor stays one guest. */
  #guestId: string | undefined;

  /**
   * The room the join will use, made ahead (see above), once ready; `undefined` until then, `null`
   * once pre-join is over (a join took it, or the session ended): none is made until pre-join is back.
   */
  #room: Promise<Room | undefined> | undefined | null;

  constructor(
    private readonly options: () => SessionOptions,
    /** Makes the LiveKit room as the join would (room-session.ts). */
    private readonly makeRoom: (livekit: Awaited<ReturnType<typeof loadLivekit>>) => Room,
  ) {}

  /**
   * The room made ahead, for the join (the caller owns it from now on); none for an encrypted
   * join (the one made ahead is closed), or when none was made.
   */
  async room(encrypted = false): Promise<Room | undefined> {
    const room = this.#room;
    this.#room = null;
    const made = (await room) ?? undefined;
    if (!encrypted) return made;
    closeUnused(made);
    return undefined;
  }

  /** Readies the join (see `ConveneSession.prepare`); called again as pre-join changes. */
  prepare(prepare: PrepareOptions): void {
    if (this.#room === null) this.#room = undefined;
    const livekit = loadLivekit();
    livekit.catch(() => {});
    const name = prepare.name?.trim();
    if (!name) return;
    const key = requestKey({ name, guestId: prepare.guestId });
    const prepared = this.#prepared;
    if (prepared?.key === key && Date.now() - prepared.at < PREPARED_MAX_AGE_MS) {
      clearTimeout(this.#timer);
      return;
    }
    const ask = () => this.#ask(key, name, prepare.guestId);
    clearTimeout(this.#timer);
    // The first request at once (a remembered name is there from the start); a changed one after a pause.
    if (prepared) this.#timer = setTimeout(ask, PREPARE_PAUSE_MS);
    else ask();
  }

  /**
   * The token for `join`: the early one when it was asked for with this very request and is still
   * young, else a request of its own. Rejects with the server's refusal.
   */
  async token(join: JoinOptions): Promise<TokenResponse> {
    const prepared = this.#take();
    if (prepared && prepared.key === requestKey(join) && Date.now() - prepared.at < PREPARED_MAX_AGE_MS) {
      const answer = await prepared.answer;
      if (answer && Date.parse(answer.expires_at) - Date.now() > MIN_LIFETIME_MS) return answer;
    }
    const guestId = join.guestId ?? this.#guestId;
    // (fetchToken leaves out what is not given)
    const { name, accessCode, knock, invite } = join;
    return fetchToken({ ...this.options(), name, accessCode, knock, invite, guestId });
  }

  /** Forgets what was readied (the visitor left, or the element went away). */
  dispose(): void {
    this.#take();
    void this.room(true);
  }

  #take(): Prepared | undefined {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    const prepared = this.#prepared;
    this.#prepared = undefined;
    return prepared;
  }

  #ask(key: string, name: string, shownGuestId: string | undefined) {
    if (this.#asked >= PREPARE_LIMIT) return;
    this.#asked++;
    const guestId = shownGuestId ?? this.#guestId;
    const answer = fetchToken({ ...this.options(), name, guestId }).then(
      (token) => {
        if (!guestId && token.guest_id) this.#guestId = token.guest_id;
        return token;
      },
      () => undefined,
    );
    const prepared: Prepared = { key, at: Date.now(), answer };
    this.#prepared = prepared;
    void Promise.all([loadLivekit(), answer])
      .then(([livekit, token]) => {
        if (!token || this.#prepared !== prepared) return undefined;
        if (!token.e2ee && this.#room === undefined) this.#room = readied(this.makeRoom(livekit));
        // DNS, TCP and TLS to LiveKit now, not when Join is pressed (no request of the room's own).
        return new livekit.Room().prepareConnection(token.server_url, token.participant_token);
      })
      .catch(() => {});
  }
}

/**
 * What livekit-client's `connect()` does first, done now (see above); a livekit-client without
 * these steps gets the room as it is (its `connect()` makes them), one where they fail gets none.
 */
async function readied(room: Room): Promise<Room | undefined> {
  const engine = room.engine as unknown as { configure?(): Promise<void>; applyInitialPublisherLayout(): void };
  try {
    if (engine.configure) await engine.configure().then(() => engine.applyInitialPublisherLayout());
    return room;
  } catch {
    closeUnused(room);
    return undefined;
  }
}

/** A room made ahead and never joined: its peer connection closed. */
function closeUnused(room: Room | undefined): void {
  room?.engine.close().catch(() => {});
}
