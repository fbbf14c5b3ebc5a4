/**
 * The room's polls as one visitor sees them: read from the Convene server (`GET .../polls`, on
 * joining and after reconnecting), changed through it (ask, vote, close, with the visitor's room
 * token), and kept current by what the server tells the room on `POLL_TOPIC`. Only the server's
 * word counts: LiveKit marks data the server sends as having no participant sender, so a packet
 * from any peer (who could claim any tallies) is dropped unread. The element only renders.
 */
import { RoomEvent, type DataPacket_Kind, type RemoteParticipant, type Room } from 'livekit-client';
import {
  POLL_LIMITS,
  POLL_TOPIC,
  type Poll,
  type PollList,
  type PollRequest,
  type PollView,
  type VoteRequest,
} from '@convene/server/contract';
import { apiUrl, request } from '../../core/api.js';
import { Emitter, Store } from '../../core/observable.js';

export interface PollModelOptions {
  server: string;
  space: string;
  room: string;
  /** The visitor's LiveKit token for the room now (the session's, which LiveKit refreshes). */
  token: () => string;
  /** The polls' requests from fixtures (a story, a view test); the server's (`httpPolls`) by default. */
  api?: PollsApi | undefined;
}

/** Where the room's polls are, and whose token asks. */
export type PollPlace = Omit<PollModelOptions, 'api'>;

/** The polls' requests to the Convene server, with the visitor's room token. */
export interface PollsApi {
  /** `GET .../polls`: what this visitor may see of the room's polls. */
  list(place: PollPlace): Promise<PollList>;
  ask(place: PollPlace, question: PollRequest): Promise<PollView>;
  vote(place: PollPlace, id: string, vote: VoteRequest): Promise<PollView>;
  /** Closes poll `id` (its asker or a moderator). */
  close(place: PollPlace, id: string): Promise<PollView>;
}

const pollsUrl = ({ server, space, room }: PollPlace, path = '') =>
  apiUrl(server, `api/spaces/${encodeURIComponent(space)}/rooms/${encodeURIComponent(room)}/polls${path}`);

const post = <T>(place: PollPlace, path: string, body: unknown): Promise<T> =>
  request<T>(pollsUrl(place, path), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${place.token()}` },
    body: JSON.stringify(body),
  });

/** The Convene server's polls. */
export const httpPolls: PollsApi = {
  list: (place) => request<PollList>(pollsUrl(place), { headers: { Authorization: `Bearer ${place.token()}` } }),
  ask: (place, question) => post<PollView>(place, '', question),
  vote: (place, id, vote) => post<PollView>(place, `/${encodeURIComponent(id)}/votes`, vote),
  close: (place, id) => post<PollView>(place, `/${encodeURIComponent(id)}/close`, {}),
};

export interface PollState {
  /** Newest first. */
  polls: PollView[];
  /** Whether this visitor may ask (the server's answer). */
  mayAsk: boolean;
  /** The first read has come back. */
  loaded: boolean;
  /** The last read failed (the server unreachable, or it refused). */
  failed: boolean;
}

/** What the view announces: a question asked, or a poll closed, by anyone. */
export interface PollChange {
  what: 'asked' | 'closed';
  poll: Poll;
}

/** The largest poll packet read: every field at its longest, and then some. */
const MAX_PACKET_BYTES = 64 * 1024;

const isString = (value: unknown, max: number): value is string => typeof value === 'string' && value.length <= max;
const isCount = (value: unknown): value is number => Number.isInteger(value) && (value as number) >= 0;

/** A poll the server told the room about, checked for the shape the view relies on; `undefined` otherwise. */
export function parsePollPacket(payload: Uint8Array): Poll | undefined {
  if (payload.byteLength > MAX_PACKET_BYTES) return undefined;
  let value: unknown;
  try {
    value = (JSON.parse(new TextDecoder().decode(payload)) as { poll?: unknown })?.poll;
  } catch {
    return undefined;
  }
  const poll = value as Poll;
  if (typeof value !== 'object' || value === null) return undefined;
  const ok =
    isString(poll.id, 64) &&
    isString(poll.question, POLL_LIMITS.question * 4) &&
    Array.isArray(poll.options) &&
    poll.options.length <= POLL_LIMITS.choices &&
    poll.options.every((o) => isString(o, POLL_LIMITS.choice * 4)) &&
    ['choice', 'consent', 'fist'].includes(poll.type) &&
    ['named', 'secret'].includes(poll.ballot) &&
    ['live', 'closed'].includes(poll.results) &&
    isCount(poll.voters) &&
    typeof poll.asker === 'object' &&
    isString(poll.asker?.name, 256) &&
    (poll.tallies === undefined ||
      (Array.isArray(poll.tallies) && poll.tallies.length === poll.options.length && poll.tallies.every(isCount))) &&
    (poll.votes === undefined || Array.isArray(poll.votes)) &&
    (poll.reasons === undefined || Array.isArray(poll.reasons));
  return ok ? poll : undefined;
}

/** Whether `next` is no older than `current`: a poll only gains voters and closes, never reopens. */
function newer(current: Poll, next: Poll): boolean {
  if (current.closed_at && !next.closed_at) return false;
  return Boolean(next.closed_at) !== Boolean(current.closed_at) || next.voters >= current.voters;
}

/** How often an open poll is read again from the server, in case a packet was missed. */
const CATCH_UP_MS = 10_000;

export class PollModel {
  readonly state = new Store<PollState>({ polls: [], mayAsk: false, loaded: false, failed: false });
  readonly changes = new Emitter<PollChange>();
  #undo: (() => void)[] = [];
  #reads = 0;

  constructor(
    private readonly room: Room,
    private readonly options: PollModelOptions,
  ) {
    const onData = (
      payload: Uint8Array,
      participant?: RemoteParticipant,
      _kind?: DataPacket_Kind,
      topic?: string,
      _encryption?: unknown,
      fromIdentity?: string,
    ) => {
      // The server's word only: a peer's packet names its sender (LiveKit sets it, not the peer).
      if (topic !== POLL_TOPIC || participant || fromIdentity) return;
      const poll = parsePollPacket(payload);
      if (poll) this.#apply(poll);
    };
    const onReconnected = () => void this.refresh();
    room.on(RoomEvent.DataReceived, onData);
    room.on(RoomEvent.Reconnected, onReconnected);
    // A packet the server sent while this page's data channel was still opening (or briefly down)
    // does not come again: while a poll is open, read the room's polls again now and then, so a
    // missed vote or close shows within the interval rather than never.
    const catchUp = setInterval(() => {
      if (this.state.value.polls.some((poll) => !poll.closed_at)) void this.refresh();
    }, CATCH_UP_MS);
    this.#undo.push(
      () => room.off(RoomEvent.DataReceived, onData),
      () => room.off(RoomEvent.Reconnected, onReconnected),
      () => clearInterval(catchUp),
    );
    void this.refresh();
  }

  get #api(): PollsApi {
    return this.options.api ?? httpPolls;
  }

  /** Reads the room's polls again (what this visitor may see of them). */
  async refresh(): Promise<void> {
    const read = ++this.#reads;
    try {
      const list = await this.#api.list(this.options);
      if (read !== this.#reads) return; // a later read answers instead
      this.state.set({ polls: list.polls, mayAsk: list.may_ask, loaded: true, failed: false });
    } catch {
      if (read === this.#reads) this.state.set({ ...this.state.value, loaded: true, failed: true });
    }
  }

  /** Asks the room a question. */
  async ask(question: PollRequest): Promise<void> {
    this.#applyView(await this.#api.ask(this.options, question));
  }

  /** Votes in poll `id`. */
  async vote(id: string, vote: VoteRequest): Promise<void> {
    this.#applyView(await this.#api.vote(this.options, id, vote));
  }

  /** Closes poll `id` (its asker or a moderator). */
  async close(id: string): Promise<void> {
    this.#applyView(await this.#api.close(this.options, id));
  }

  /** A public state from the server's packet: this visitor's own part (`you_voted`) kept. */
  #apply(poll: Poll) {
    const current = this.state.value.polls.find((p) => p.id === poll.id);
    if (current && !newer(current, poll)) return;
    const local = this.room.localParticipant.identity;
    const mine = poll.votes?.find((v) => v.identity === local);
    const view: PollView = {
      ...poll,
      you_voted: Boolean(current?.you_voted || mine),
      ...(mine ? { your_choices: mine.choices } : current?.your_choices ? { your_choices: current.your_choices } : {}),
    };
    this.#put(view, current);
  }

  /** The server's answer to this visitor's own request. */
  #applyView(view: PollView) {
    const current = this.state.value.polls.find((p) => p.id === view.id);
    if (current && !newer(current, view)) {
      // Older than a packet already here, but it is the word on this visitor's own vote.
      this.#put({ ...current, you_voted: current.you_voted || view.you_voted }, current);
      return;
    }
    this.#put(view, current);
  }

  #put(view: PollView, current: PollView | undefined) {
    const polls = current
      ? this.state.value.polls.map((p) => (p.id === view.id ? view : p))
      : [view, ...this.state.value.polls].sort((a, b) => b.asked_at.localeCompare(a.asked_at));
    this.state.set({ ...this.state.value, polls });
    if (!current) this.changes.emit({ what: 'asked', poll: view });
    else if (view.closed_at && !current.closed_at) this.changes.emit({ what: 'closed', poll: view });
  }

  dispose(): void {
    for (const undo of this.#undo.splice(0)) undo();
    this.#reads++;
  }
}
