/**
 * A door from fixtures, for view tests and stories: `FixtureDoors` answers every `DoorsApi` call
 * from what the test gives it and records what was asked, so a test plays a knock's answer, a
 * queue that grows, a lock, invites and the kept-out list without a server.
 */
import type { DirectoryRoom, LockResponse } from '@convene/server/contract';
import { ConveneApiError } from '../../core/api-error.js';
import type {
  DoorRoom,
  DoorsApi,
  Invite,
  InviteSummary,
  KeptOut,
  Knock,
  KnockList,
  KnockResponse,
  KnockStatus,
} from '../../core/doors.js';

interface Stream<T> {
  push(value: T): void;
  end(): void;
}

function stream<T>(onData: (value: T) => void, signal: AbortSignal, streams: Set<Stream<T>>): Promise<void> {
  return new Promise((resolve) => {
    const s: Stream<T> = {
      push: onData,
      end: () => {
        streams.delete(s);
        resolve();
      },
    };
    streams.add(s);
    signal.addEventListener('abort', () => s.end(), { once: true });
  });
}

export interface FixtureDoorsOptions {
  /** The room as the directory lists it (`undefined`: not listed). */
  info?: DirectoryRoom;
  /** The moderators in the room, as a knocker first hears. */
  hosts?: string[];
  /** A refusal for the knock itself (e.g. `kept_out`). */
  knockRefusal?: ConveneApiError['code'];
  knocks?: Knock[];
  keptOut?: KeptOut[];
  invites?: InviteSummary[];
}

export class FixtureDoors implements DoorsApi {
  /** What was asked, in order: `knock Ada`, `answer k1 admit`, `lock true`, ... */
  readonly calls: string[] = [];
  knocks: Knock[];
  keptOutList: KeptOut[];
  inviteList: InviteSummary[];
  locked = false;
  #knockers = new Set<Stream<KnockStatus>>();
  #moderators = new Set<Stream<KnockList>>();
  #space = new Set<Stream<KnockList>>();
  #room = '';
  #count = 0;

  constructor(readonly options: FixtureDoorsOptions = {}) {
    this.knocks = [...(options.knocks ?? [])];
    this.keptOutList = [...(options.keptOut ?? [])];
    this.inviteList = [...(options.invites ?? [])];
    this.locked = !!options.info?.locked_by_moderator;
  }

  /** Tells the knocker where their knock stands (`admitted`, `denied`, ...); a final state ends their stream. */
  answerKnocker(state: KnockStatus['state'], hosts = this.options.hosts ?? []): void {
    for (const s of [...this.#knockers]) {
      s.push({ state, hosts });
      if (state !== 'waiting') s.end();
    }
  }

  /** Drops the knocker's stream without an answer (the connection went). */
  dropKnocker(): void {
    for (const s of [...this.#knockers]) s.end();
  }

  /** Whether a knocker's stream is open. */
  get knocking(): boolean {
    return this.#knockers.size > 0;
  }

  /** Someone new knocks (moderators' streams, the room's and the space's, hear the queue). */
  addKnock(name: string, room = this.#room || 'lobby'): Knock {
    const knock = { id: `k${++this.#count}`, name, since: new Date(Date.now() + this.#count).toISOString() };
    this.knocks.push(knock);
    this.#publish(room);
    return knock;
  }

  /** Another moderator locks or unlocks the room: the room's stream says so, as the server's does. */
  lockElsewhere(locked: boolean): void {
    this.locked = locked;
    this.#publish(this.#room || 'lobby');
  }

  #publish(room: string) {
    const list = { room, knocks: [...this.knocks] };
    for (const s of this.#moderators) s.push({ ...list, locked_by_moderator: this.locked });
    for (const s of this.#space) s.push(list);
  }

  async roomInfo(r: DoorRoom): Promise<DirectoryRoom | undefined> {
    this.#room = r.room;
    return this.options.info;
  }

  async knock(_r: DoorRoom, name: string): Promise<KnockResponse> {
    this.calls.push(`knock ${name}`);
    if (this.options.knockRefusal) throw new ConveneApiError(this.options.knockRefusal, 'refused', 403);
    return { knock_id: 'mine', knock_secret: 'secret', name, hosts: this.options.hosts ?? [], timeout_seconds: 120 };
  }

  followKnock(_r: DoorRoom, _k: KnockResponse, onStatus: (s: KnockStatus) => void, signal: AbortSignal) {
    const done = stream(onStatus, signal, this.#knockers);
    onStatus({ state: 'waiting', hosts: this.options.hosts ?? [] });
    return done;
  }

  async cancelKnock(): Promise<void> {
    this.calls.push('cancel');
  }

  followKnocks(r: DoorRoom, _c: unknown, onList: (l: KnockList) => void, signal: AbortSignal) {
    this.#room = r.room;
    const done = stream(onList, signal, this.#moderators);
    onList({ room: r.room, knocks: [...this.knocks], locked_by_moderator: this.locked });
    return done;
  }

  followSpaceKnocks(_s: unknown, onList: (l: KnockList) => void, signal: AbortSignal) {
    const done = stream(onList, signal, this.#space);
    onList({ room: this.#room || 'lobby', knocks: [...this.knocks] });
    return done;
  }

  async answerKnock(r: DoorRoom, _c: unknown, id: string, decision: 'admit' | 'deny'): Promise<void> {
    this.calls.push(`answer ${id} ${decision}`);
    this.knocks = this.knocks.filter((k) => k.id !== id);
    this.#publish(r.room);
  }

  async lock(r: DoorRoom, _c: unknown, locked: boolean): Promise<LockResponse> {
    this.calls.push(`lock ${locked}`);
    this.locked = locked;
    this.#publish(r.room);
    return { locked, ...(locked ? { by: 'Sam Rivera' } : {}) };
  }

  async createInvite(r: DoorRoom, _c: unknown, expires: number, uses: 'single' | 'multi'): Promise<Invite> {
    this.calls.push(`invite ${expires} ${uses}`);
    const invite = {
      id: `i${++this.#count}`,
      room: r.room,
      uses,
      expires_at: new Date(Date.UTC(2030, 0, 1, 12)).toISOString(),
      by: 'Sam Rivera',
      secret: `secret-${this.#count}`,
    };
    const { secret: _secret, ...summary } = invite;
    this.inviteList.push(summary);
    return invite;
  }

  async invites(): Promise<InviteSummary[]> {
    return [...this.inviteList];
  }

  async revokeInvite(_r: DoorRoom, _c: unknown, id: string): Promise<void> {
    this.calls.push(`revoke ${id}`);
    this.inviteList = this.inviteList.filter((i) => i.id !== id);
  }

  async keepOut(_r: DoorRoom, _c: unknown, identity: string): Promise<void> {
    this.calls.push(`keep-out ${identity}`);
    this.keptOutList.push({ key: identity, name: identity, since: new Date().toISOString() });
  }

  async keptOut(): Promise<KeptOut[]> {
    return [...this.keptOutList];
  }

  async letBackIn(_r: DoorRoom, _c: unknown, key: string): Promise<void> {
    this.calls.push(`let-back-in ${key}`);
    this.keptOutList = this.keptOutList.filter((k) => k.key !== key);
  }
}
