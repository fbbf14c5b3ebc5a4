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
 */
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

  constructor(private readonly options: () => SessionOptions) {}

  /** Readies the join (see `ConveneSession.prepare`); called again as pre-join changes. */
  prepare(prepare: PrepareOptions): void {
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
    return fetchToken({
      ...this.options(),
      name: join.name,
      ...(join.accessCode ? { accessCode: join.accessCode } : {}),
      ...(join.knock ? { knock: join.knock } : {}),
      ...(join.invite ? { invite: join.invite } : {}),
      ...(guestId ? { guestId } : {}),
    });
  }

  /** Forgets what was readied (the visitor left, or the element went away). */
  dispose(): void {
    this.#take();
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
    const answer = fetchToken({ ...this.options(), name, ...(guestId ? { guestId } : {}) }).then(
      (token) => {
        if (!guestId && token.guest_id) this.#guestId = token.guest_id;
        return token;
      },
      () => undefined,
    );
    const prepared: Prepared = { key, at: Date.now(), answer };
    this.#prepared = prepared;
    void Promise.all([loadLivekit(), answer])
      .then(([{ Room }, token]) => {
        // DNS, TCP and TLS to LiveKit now, not when Join is pressed (no request of the room's own).
        if (token && this.#prepared === prepared) {
          return new Room().prepareConnection(token.server_url, token.participant_token);
        }
        return undefined;
      })
      .catch(() => {});
  }
}
