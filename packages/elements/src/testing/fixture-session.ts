/**
 * A scripted room for stories and view tests: `FixtureSession` plays any state a visitor can meet
 * through the same `ConveneSession` interface `<convene-room>` uses with a real server, so the
 * stories and the view tests render the element's own code, not a copy of it. It never touches
 * the network; people with a camera on get a video track drawn on a canvas (a colour and their
 * name), so tiles look like video.
 */
import type { Room } from 'livekit-client';
import { CONSENT_ANSWERS, HAND_ATTRIBUTE, STAGE_ATTRIBUTE, TABLE_ATTRIBUTE } from '@convene/server/contract';
import type {
  FurnitureEntry,
  ModerationAction,
  PollList,
  PollRequest,
  PollView,
  TokenResponse,
  VoteRequest,
} from '@convene/server/contract';
import type {
  ConnectionQualityName,
  ConveneSession,
  JoinOptions,
  LeftReason,
  Liveness,
  MediaState,
  MediaTrack,
  ParticipantChange,
  ParticipantView,
  Reaction,
  SessionOptions,
  SessionState,
  StageMedia,
  StagePlace,
} from '../components/room/session.js';
import { ConveneApiError } from '../core/api.js';
import type { PollsApi } from '../furniture/kinds/poll-model.js';
import { Emitter, Store } from '../core/observable.js';
import type { ErrorKey } from '../i18n/strings.js';
import { CanvasTrack } from './canvas-track.js';
import { FixtureRoom } from './fixture-room.js';

export { CanvasTrack } from './canvas-track.js';

/** Someone in the scripted room. */
export interface FixturePerson {
  name: string;
  /** Camera on (a canvas track). Default true. */
  camera?: boolean;
  /** Microphone on. Default true. */
  microphone?: boolean;
  speaking?: boolean;
  quality?: ConnectionQualityName;
  /** What reaches the visitor of them (see `Liveness`). Default `live`. */
  liveness?: Liveness;
  /** Sharing a screen (a canvas track showing a slide). */
  screen?: boolean;
  /** The breakout table (its slug) they sit at. */
  table?: string;
}

/** A line of the room's chat, said before the visitor looks: by one of `people` (an index) or the visitor. */
export interface FixtureChatLine {
  from: number | 'me';
  text: string;
  /** How long ago it was said (default: one minute per line before the last). */
  minutesAgo?: number;
}

/** Where `join()` ends. */
export type FixtureOutcome =
  | { phase: 'connected' }
  | { phase: 'connecting' }
  | { phase: 'reconnecting' }
  | { phase: 'left'; reason: LeftReason }
  | { phase: 'error'; code: ErrorKey; retryAfterSeconds?: number };

export interface FixtureScript {
  /** Where `join()` ends (default: in the room). */
  outcome?: FixtureOutcome;
  /** Everyone else in the room. */
  people?: FixturePerson[];
  /** Whether the server made the visitor a moderator. */
  moderator?: boolean;
  /** The room's access code: `join()` asks for it, and refuses any other. */
  accessCode?: string;
  /** The visitor shares their screen. */
  sharing?: boolean;
  /** Which of `people` (an index) shares a screen. */
  presenter?: number;
  /** The browser blocked sound until the visitor clicks. */
  audioBlocked?: boolean;
  /** The camera could not start. */
  cameraProblem?: MediaState['cameraProblem'];
  /** Which of `people` (an index) the room's spotlight pins to the stage. */
  spotlight?: number;
  /** The devices the visitor can choose from in the room. */
  devices?: Partial<MediaState['devices']>;
  /** The room's furniture (the token response's list). */
  furniture?: FurnitureEntry[];
  /** Whose hands are up (indices of `people`), in the order they went up. */
  hands?: number[];
  /** The room's chat so far, oldest first. */
  chat?: FixtureChatLine[];
  /** Someone already writing in the notes (one of `people`, by index): their text and caret (an index into it). */
  notes?: { from: number; text: string; caret?: number };
  /**
   * The room's polls as the server would list them for the visitor (newest first), and whether
   * they may ask; votes, questions and closing change them as the server would.
   */
  polls?: PollList;
  /**
   * A stage room (issue 17): which of `people` (indices) are on the stage (the rest watch), how
   * many more watch (no camera, no microphone, no name anyone sees), and where the visitor starts
   * (default: on the stage for a moderator, in the audience for anyone else).
   */
  stage?: { speakers?: number[]; watching?: number; me?: StagePlace };
  /** How long "Connecting…" shows, in ms (default 150). */
  delay?: number;
}

/** Thirty names, varied in script and length, for rooms of any size. */
export const NAMES = [
  'Grace Hopper',
  'Tomás Ortega',
  'Amara Okafor',
  'Li Wei',
  'Priya Natarajan',
  'Jonas Berg',
  'Fatima Zahra',
  'Kenji Sato',
  'Mele Tupou',
  'Olga Ivanova',
  'Sipho Dlamini',
  'Ana Souza',
  'Rui Costa',
  'Hana Kim',
  'Yusuf Demir',
  'Nia Roberts',
  'Mateo Rossi',
  'Leila Haddad',
  'Oskar Nilsson',
  'Zanele Mokoena',
  'Diego Hernández',
  'Mei Chen',
  'Arjun Mehta',
  'Sofia Andersson',
  'Kofi Mensah',
  'Isla MacLeod',
  'Tariq Aziz',
  'Eva Novák',
  'Ravi Kumar',
  'Chiara Bianchi',
];

/**
 * `count` people besides the visitor, varied as a real room is: most with the camera on, some
 * muted, the second one speaking, one on a poor connection.
 */
export function people(count: number): FixturePerson[] {
  return NAMES.slice(0, count).map((name, i) => ({
    name,
    camera: i % 3 !== 2,
    microphone: i % 4 !== 3,
    speaking: i === 1,
    quality: i === 4 ? 'poor' : i % 2 ? 'good' : 'excellent',
  }));
}

const slug = (name: string) =>
  name
    .normalize('NFD')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .toLowerCase();

interface Person extends FixturePerson {
  identity: string;
  isLocal: boolean;
  joinedAt: number;
  video?: MediaTrack | undefined;
  screenTrack?: CanvasTrack | undefined;
  stage?: StagePlace | undefined;
  handAt?: number | undefined;
}

const NO_DEVICES: MediaState['devices'] = { videoinput: [], audioinput: [], audiooutput: [] };

/** A `ConveneSession` that plays `script` instead of talking to a server and LiveKit. */
export class FixtureSession implements ConveneSession {
  readonly state = new Store<SessionState>({ phase: 'idle' });
  readonly participants = new Store<ParticipantView[]>([]);
  readonly media = new Store<MediaState>({ canPlaybackAudio: true, devices: NO_DEVICES, active: {} });
  readonly changes = new Emitter<ParticipantChange>();
  readonly spotlight = new Store<string>('');
  readonly reactions = new Emitter<Reaction>();
  readonly stage = new Store<StagePlace | undefined>(undefined);
  #room: FixtureRoom | undefined;
  #token: TokenResponse | undefined;
  #people: Person[] = [];
  #given: { stop(): void }[] = [];
  #cancel: (() => void) | undefined;
  /** The `poll` kind's requests, answered from the script's polls. */
  readonly pollsApi: PollsApi;

  constructor(
    readonly options: SessionOptions,
    readonly script: FixtureScript = {},
  ) {
    this.pollsApi = new FixturePolls(script.polls ?? { polls: [], may_ask: !!script.moderator }, () => this.#people[0]);
  }

  /** What furniture reads of LiveKit's room, played from the script (see `FixtureRoom`); none until joined. */
  get room(): Room | undefined {
    return this.#room as unknown as Room | undefined;
  }

  get token(): TokenResponse | undefined {
    return this.#token;
  }

  get isModerator(): boolean {
    return Boolean(this.#token?.moderator);
  }

  async join(join: JoinOptions): Promise<void> {
    const phase = this.state.value.phase;
    if (phase === 'connected' || phase === 'reconnecting' || phase === 'connecting') return;
    const script = this.script;
    const outcome = script.outcome ?? { phase: 'connected' };
    this.state.set({ phase: 'connecting' });
    // Pre-join's tracks are the session's now; the visitor's own camera shows on their tile.
    this.#given = Object.values(join.tracks ?? {}).filter((t) => t !== undefined);
    const stillHere = await new Promise<boolean>((resolve) => {
      this.#cancel = () => resolve(false);
      if (outcome.phase !== 'connecting') setTimeout(() => resolve(true), script.delay ?? 150);
    });
    this.#cancel = undefined;
    if (!stillHere) return;

    const refuse = (code: ErrorKey, retryAfterSeconds?: number) => {
      // As `RoomSession`: the state says what went wrong, and `join()` rejects.
      const message = `Fixture: ${code}`;
      this.state.set({ phase: 'error', code, message, ...(retryAfterSeconds ? { retryAfterSeconds } : {}) });
      throw new Error(message);
    };
    if (script.accessCode !== undefined && join.accessCode !== script.accessCode) {
      refuse(join.accessCode ? 'access_code_invalid' : 'access_code_required');
    }
    if (outcome.phase === 'error') refuse(outcome.code, outcome.retryAfterSeconds);

    const identity = `me-${slug(join.name)}`;
    const now = Date.now();
    const staged = script.stage;
    const place: StagePlace | undefined = staged && (staged.me ?? (script.moderator ? 'speaker' : 'audience'));
    // As `RoomSession`: a stage room publishes nothing on joining (the audience may not; a speaker goes on from the device check).
    const quiet = !!place;
    const camera = quiet
      ? undefined
      : (join.tracks?.camera ?? (join.camera !== false ? new CanvasTrack(join.name, 'camera', true) : undefined));
    this.#people = [
      {
        identity,
        name: join.name,
        isLocal: true,
        joinedAt: now,
        camera: !!camera,
        microphone: !quiet && join.microphone !== false,
        quality: 'excellent',
        video: camera,
        screen: !!script.sharing,
        stage: place,
      },
      ...(script.people ?? []).map((p, i) => {
        const onStage = !staged || !!staged.speakers?.includes(i);
        const hand = script.hands?.indexOf(i) ?? -1;
        return {
          ...p,
          identity: `guest-${i}-${slug(p.name)}`,
          isLocal: false,
          joinedAt: now - (60 - i) * 60_000,
          // The server's clock when each hand went up, a minute apart, in the script's order.
          handAt: hand >= 0 ? now - ((script.hands?.length ?? 0) - hand) * 60_000 : undefined,
          ...(onStage ? {} : { camera: false, microphone: false, screen: false }),
          video: onStage && p.camera !== false ? new CanvasTrack(p.name, 'camera') : undefined,
          stage: staged ? (onStage ? 'speaker' : 'audience') : undefined,
        } satisfies Person;
      }),
      ...Array.from({ length: staged?.watching ?? 0 }, (_, i) => ({
        name: `${NAMES[i % NAMES.length]} ${Math.floor(i / NAMES.length) + 2}`,
        identity: `watcher-${i}`,
        isLocal: false,
        joinedAt: now - 30 * 60_000,
        camera: false,
        microphone: false,
        stage: 'audience' as const,
      })),
    ];
    // The visitor is first: the presenter among the others is one further.
    const presenter = script.presenter === undefined ? undefined : this.#people[script.presenter + 1];
    if (presenter) presenter.screen = true;
    for (const p of this.#people) if (p.screen) p.screenTrack = new CanvasTrack(p.name, 'screen');
    this.#token = {
      server_url: 'wss://livekit.invalid',
      participant_token: 'fixture',
      identity,
      name: join.name,
      space: this.options.space,
      room: this.options.room,
      livekit_room: `${this.options.space}/${this.options.room}`,
      expires_at: new Date(now + 10 * 60_000).toISOString(),
      moderator: !!script.moderator,
      furniture: script.furniture ?? [],
      embed_hosts: [],
      ...(place ? { stage: place } : {}),
    };
    this.media.set({
      ...this.media.value,
      devices: { ...NO_DEVICES, ...script.devices },
      canPlaybackAudio: !script.audioBlocked,
      ...(script.cameraProblem ? { cameraProblem: script.cameraProblem } : {}),
    });
    this.#room = this.#roomFor(identity, now);
    if (place === 'speaker') this.#room.localParticipant.attributes = { [STAGE_ATTRIBUTE]: 'speaker' };
    this.stage.set(place);
    this.state.set({ phase: 'connected', identity });
    for (const p of this.#people.slice(1)) {
      this.changes.emit({ type: 'joined', identity: p.identity, name: p.name, initial: true });
    }
    this.#refresh();
    const spotlit = script.spotlight === undefined ? undefined : this.#people[script.spotlight + 1];
    if (spotlit) this.spotlight.set(spotlit.identity);
    if (outcome.phase === 'reconnecting') this.state.set({ phase: 'reconnecting', identity });
    if (outcome.phase === 'left') this.#end(outcome.reason);
  }

  async leave(): Promise<void> {
    this.#cancel?.();
    if (this.state.value.phase === 'left' || this.state.value.phase === 'idle') return;
    this.#end('left');
  }

  async setMicrophone(on: boolean): Promise<void> {
    this.#patchMe({ microphone: on });
  }

  async setCamera(on: boolean): Promise<void> {
    const me = this.#people[0];
    if (!me) return;
    this.#patchMe({ camera: on, video: on ? (me.video ?? new CanvasTrack(me.name, 'camera', true)) : undefined });
  }

  async setScreenShare(on: boolean): Promise<void> {
    const me = this.#people[0];
    if (!me) return;
    if (!on) me.screenTrack?.stop();
    this.#patchMe({ screen: on, screenTrack: on ? new CanvasTrack(me.name, 'screen') : undefined });
  }

  async switchDevice(kind: 'videoinput' | 'audioinput' | 'audiooutput', deviceId: string): Promise<void> {
    this.media.set({ ...this.media.value, active: { ...this.media.value.active, [kind]: deviceId } });
  }

  /** Mutes, removes, lowers a hand or spotlights someone at once, as the server would. */
  async moderate(action: ModerationAction, identity: string): Promise<void> {
    if (!this.isModerator) throw new ConveneApiError('forbidden', 'Fixture: not a moderator.', 403);
    const person = this.#people.find((p) => p.identity === identity);
    if (!person) throw new ConveneApiError('participant_not_found', 'Fixture: nobody by that identity.', 404);
    if (action === 'mute') person.microphone = false;
    if (action === 'remove') {
      this.#people = this.#people.filter((p) => p !== person);
      this.#stopTracks([person]);
      this.#room?.remove(identity);
      this.changes.emit({ type: 'left', identity, name: person.name });
    }
    if (action === 'lower-hand' || action === 'bring-up') this.#setHand(person, false);
    if (action === 'bring-up' || action === 'send-back') {
      if (!this.#token?.stage) throw new ConveneApiError('forbidden', 'Fixture: not a stage room.', 403);
      this.#place(person, action === 'bring-up' ? 'speaker' : 'audience');
    }
    if (action === 'spotlight' || action === 'unspotlight') this.setSpotlight(action === 'spotlight' ? identity : '');
    this.#refresh();
    // As `RoomSession`: someone who left is pinned no more.
    if (action === 'remove' && this.spotlight.value === identity) this.spotlight.set('');
  }

  /** On the stage: the device check's choices go live, as publishing them would. */
  async goOnStage(choice: StageMedia): Promise<void> {
    const me = this.#people[0];
    if (!me || me.stage !== 'speaker') {
      for (const track of Object.values(choice.tracks ?? {})) track?.stop();
      return;
    }
    const video = choice.camera ? (choice.tracks?.camera ?? new CanvasTrack(me.name, 'camera', true)) : undefined;
    if (choice.tracks?.camera) this.#given.push(choice.tracks.camera);
    if (choice.tracks?.microphone) this.#given.push(choice.tracks.microphone);
    this.#patchMe({ camera: !!video, video, microphone: choice.microphone });
  }

  async stepDown(): Promise<void> {
    const me = this.#people[0];
    if (me?.stage === 'speaker') this.#place(me, 'audience');
  }

  async stepUp(): Promise<void> {
    const me = this.#people[0];
    if (!this.isModerator) throw new ConveneApiError('forbidden', 'Fixture: raise your hand.', 403);
    if (me?.stage === 'audience') this.#place(me, 'speaker');
  }

  async askToSpeak(up: boolean): Promise<void> {
    const me = this.#people[0];
    if (me) this.#setHand(me, up);
  }

  /** A moderator elsewhere brings the visitor up (`speaker`) or sends them back, as the server's permission change would arrive. */
  setStage(place: StagePlace): void {
    const me = this.#people[0];
    if (me && this.#token?.stage) this.#place(me, place);
  }

  /** Someone else asks to speak (`up`) or no longer, as the server would write their hand. */
  raiseHand(name: string, up = true): void {
    const person = this.#people.find((p) => p.name === name);
    if (person) this.#setHand(person, up);
  }

  #place(person: Person, place: StagePlace) {
    if (person.stage === place) return;
    person.stage = place;
    if (place === 'audience') {
      // Leaving the stage stops what they published (LiveKit unpublishes it when the grant goes).
      this.#stopTracks([person]);
      Object.assign(person, {
        camera: false,
        microphone: false,
        screen: false,
        video: undefined,
        screenTrack: undefined,
      });
    }
    const attributes = { ...this.#room?.getParticipantByIdentity(person.identity)?.attributes };
    if (place === 'speaker') attributes[STAGE_ATTRIBUTE] = 'speaker';
    else delete attributes[STAGE_ATTRIBUTE];
    this.#room?.setAttributes(person.identity, attributes);
    if (person.isLocal) this.stage.set(place);
    this.#refresh();
  }

  #setHand(person: Person, up: boolean) {
    person.handAt = up ? (person.handAt ?? Date.now()) : undefined;
    const { [HAND_ATTRIBUTE]: _was, ...rest } = this.#room?.getParticipantByIdentity(person.identity)?.attributes ?? {};
    this.#room?.setAttributes(person.identity, up ? { ...rest, [HAND_ATTRIBUTE]: String(person.handAt) } : rest);
    this.#refresh();
  }

  async startAudio(): Promise<void> {
    this.media.set({ ...this.media.value, canPlaybackAudio: true });
  }

  showReaction(reaction: Reaction): void {
    this.reactions.emit(reaction);
  }

  /** Plays what reaches the visitor of someone now (liveness.ts decides it in a real room): their tile's line and badge. */
  setConnection(identity: string, liveness: Liveness, quality?: ConnectionQualityName): void {
    const person = this.#people.find((p) => p.identity === identity);
    if (!person || person.isLocal) return;
    person.liveness = liveness;
    if (quality) person.quality = quality;
    this.#refresh();
  }

  /** Pins someone present to everyone's stage (`''`: nobody), as the spotlight in the room's metadata does. */
  setSpotlight(identity: string): void {
    this.spotlight.set(this.#people.some((p) => p.identity === identity) ? identity : '');
  }

  #patchMe(patch: Partial<Person>) {
    const me = this.#people[0];
    if (!me || this.state.value.phase !== 'connected') return;
    Object.assign(me, patch);
    this.#refresh();
  }

  /** The room furniture sees: everyone, the raised hands and seats as attributes, the chat so far. */
  #roomFor(identity: string, now: number): FixtureRoom {
    const [me, ...others] = this.#people;
    const identityOf = (from: number | 'me') => (from === 'me' ? identity : others[from]?.identity);
    const lines = this.script.chat ?? [];
    const notes = this.script.notes;
    return new FixtureRoom({
      name: `${this.options.space}/${this.options.room}`,
      local: { identity, name: me?.name ?? '', camera: !!me?.camera, microphone: me?.microphone !== false },
      people: others.map((p) => ({
        identity: p.identity,
        name: p.name,
        joinedAt: new Date(p.joinedAt),
        attributes: {
          ...(p.handAt !== undefined ? { [HAND_ATTRIBUTE]: String(p.handAt) } : {}),
          ...(p.table ? { [TABLE_ATTRIBUTE]: p.table } : {}),
          ...(p.stage === 'speaker' ? { [STAGE_ATTRIBUTE]: 'speaker' } : {}),
        },
      })),
      chat: lines.flatMap((line, i) => {
        const from = identityOf(line.from);
        const minutes = line.minutesAgo ?? lines.length - 1 - i;
        return from ? [{ identity: from, text: line.text, timestamp: now - minutes * 60_000 }] : [];
      }),
      ...(notes && identityOf(notes.from) ? { notes: { ...notes, identity: identityOf(notes.from)! } } : {}),
    });
  }

  #end(reason: LeftReason) {
    this.#room?.disconnect();
    this.#room = undefined;
    this.#stopTracks(this.#people);
    for (const track of this.#given) track.stop();
    this.#given = [];
    this.#people = [];
    this.participants.set([]);
    this.spotlight.set('');
    this.stage.set(undefined);
    this.state.set({ phase: 'left', reason });
  }

  #stopTracks(people: Person[]) {
    for (const p of people) {
      if (p.video instanceof CanvasTrack) p.video.stop();
      p.screenTrack?.stop();
    }
  }

  #refresh() {
    const now = Date.now();
    this.participants.set(
      this.#people.map((p) => ({
        identity: p.identity,
        name: p.name,
        isLocal: p.isLocal,
        isSpeaking: !!p.speaking,
        lastSpokeAt: p.speaking ? now : 0,
        joinedAt: p.joinedAt,
        microphoneOn: p.microphone !== false,
        cameraOn: !!(p.camera !== false && p.video),
        connectionQuality: p.quality ?? (p.isLocal ? 'unknown' : 'good'),
        ...(p.liveness && p.liveness !== 'live' ? { liveness: p.liveness } : {}),
        ...(p.camera !== false && p.video ? { video: p.video } : {}),
        ...(p.screen && p.screenTrack ? { screen: p.screenTrack } : {}),
        ...(p.stage ? { stage: p.stage } : {}),
        ...(p.handAt !== undefined ? { handRaisedAt: p.handAt } : {}),
      })),
    );
  }
}

/**
 * The room's polls for one visitor, kept as the Convene server keeps them: a vote counts once,
 * the tallies (and a named ballot's names, a secret consent round's reasons) show live or once
 * closed as the poll says, and a closed poll takes no more votes. A poll the script gives without
 * tallies counts from nothing.
 */
class FixturePolls implements PollsApi {
  /** Every poll as the server holds it: its names and reasons whether they show yet or not. */
  #polls: PollView[];
  /** Every poll's full count, shown or not. */
  #counts = new Map<string, number[]>();
  #mayAsk: boolean;
  #asked = 0;

  constructor(
    list: PollList,
    private readonly me: () => { identity: string; name: string } | undefined,
  ) {
    this.#polls = structuredClone(list.polls);
    this.#mayAsk = list.may_ask;
    for (const poll of this.#polls) {
      this.#counts.set(poll.id, poll.tallies ? [...poll.tallies] : poll.options.map(() => 0));
    }
  }

  async list(): Promise<PollList> {
    return { polls: this.#polls.map((p) => this.#shown(p)), may_ask: this.#mayAsk };
  }

  async ask(_place: unknown, question: PollRequest): Promise<PollView> {
    const me = this.me();
    if (!this.#mayAsk || !me) throw new ConveneApiError('forbidden', 'Fixture: only moderators ask.', 403);
    const options =
      question.type === 'consent'
        ? [...CONSENT_ANSWERS]
        : question.type === 'fist'
          ? ['0', '1', '2', '3', '4', '5']
          : (question.choices ?? []);
    const poll: PollView = {
      id: `fixture-poll-${++this.#asked}`,
      type: question.type,
      question: question.question,
      options,
      multiple: question.type === 'choice' && !!question.multiple,
      ballot: question.ballot ?? 'secret',
      results: question.results ?? 'live',
      asker: { identity: me.identity, name: me.name },
      asked_at: new Date().toISOString(),
      voters: 0,
      you_voted: false,
    };
    this.#counts.set(
      poll.id,
      options.map(() => 0),
    );
    this.#polls.unshift(poll);
    return this.#shown(poll);
  }

  async vote(_place: unknown, id: string, vote: VoteRequest): Promise<PollView> {
    const poll = this.#find(id);
    const me = this.me();
    if (poll.closed_at || poll.you_voted || !me) throw new ConveneApiError('invalid_request', 'Fixture: no vote.', 409);
    const counts = this.#counts.get(id)!;
    for (const choice of vote.choices) counts[choice] = (counts[choice] ?? 0) + 1;
    const reason = vote.reason ? { reason: vote.reason } : {};
    const named = poll.ballot === 'named';
    return this.#put({
      ...poll,
      voters: poll.voters + 1,
      you_voted: true,
      ...(named
        ? {
            your_choices: vote.choices,
            votes: [...(poll.votes ?? []), { identity: me.identity, name: me.name, choices: vote.choices, ...reason }],
          }
        : {}),
      ...(!named && vote.reason
        ? { reasons: [...(poll.reasons ?? []), { choice: vote.choices[0]!, text: vote.reason }] }
        : {}),
    });
  }

  async close(_place: unknown, id: string): Promise<PollView> {
    return this.#put({ ...this.#find(id), closed_at: new Date().toISOString() });
  }

  #find(id: string): PollView {
    const poll = this.#polls.find((p) => p.id === id);
    if (!poll) throw new ConveneApiError('not_found', 'Fixture: no such poll.', 404);
    return poll;
  }

  /** The poll as the visitor may see it: tallies, names and reasons only when the results show. */
  #shown(poll: PollView): PollView {
    const { tallies: _tallies, votes, reasons, ...rest } = structuredClone(poll);
    if (poll.results !== 'live' && !poll.closed_at) return rest;
    return {
      ...rest,
      tallies: [...this.#counts.get(poll.id)!],
      ...(votes ? { votes } : {}),
      ...(reasons ? { reasons } : {}),
    };
  }

  #put(poll: PollView): PollView {
    this.#polls = this.#polls.map((p) => (p.id === poll.id ? poll : p));
    return this.#shown(poll);
  }
}

/** A `sessionFactory` for `<convene-room>` that plays `script`. */
export function fixture(script: FixtureScript = {}): (options: SessionOptions) => ConveneSession {
  return (options) => new FixtureSession(options, script);
}
