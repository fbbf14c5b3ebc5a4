import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { RoomSession } from './room-session.js';
import type {
  ConveneSession,
  MediaState,
  ParticipantChange,
  ParticipantView,
  Reaction,
  SessionOptions,
  SessionState,
} from './session.js';

const NO_MEDIA: MediaState = {
  canPlaybackAudio: true,
  devices: { videoinput: [], audioinput: [], audiooutput: [] },
  active: {},
};

/**
 * Binds a session (a `RoomSession`, or any `ConveneSession`) to a Lit element: the element
 * re-renders on every change and hears people arrive and leave, the spotlight move and reactions
 * through callbacks. Removing the element from the page leaves the room (the host still hears the
 * state become `left`) and releases camera and microphone; moving it within the page does not.
 */
export class RoomController implements ReactiveController {
  session: ConveneSession | undefined;
  /** Called for every participant arriving or leaving. */
  onChange: ((change: ParticipantChange) => void) | undefined;
  /** Called on every state change (after the host is asked to update). */
  onState: ((state: SessionState) => void) | undefined;
  /** Called when the session's spotlight names someone else (`''` for nobody). */
  onSpotlight: ((identity: string) => void) | undefined;
  /** Called for every reaction to float. */
  onReaction: ((reaction: Reaction) => void) | undefined;
  #unsubscribe: (() => void)[] = [];
  /** A session made in pre-join to ready the join (`prepared`), not yet the element's: `open()` takes it over. */
  #ahead: { session: ConveneSession; create: ((options: SessionOptions) => ConveneSession) | undefined } | undefined;

  constructor(private readonly host: ReactiveControllerHost & HTMLElement) {
    host.addController(this);
  }

  get state(): SessionState {
    return this.session?.state.value ?? { phase: 'idle' };
  }

  get participants(): ParticipantView[] {
    return this.session?.participants.value ?? [];
  }

  get media(): MediaState {
    return this.session?.media.value ?? NO_MEDIA;
  }

  /** Who is pinned to the stage; `''` for nobody. */
  get spotlight(): string {
    return this.session?.spotlight.value ?? '';
  }

  /**
   * The session pre-join readies the join with (`session.prepare`), made by `create` but not yet
   * the element's: `session` stays `undefined` until `open()` takes it over for the same options.
   */
  prepared(options: SessionOptions, create?: (options: SessionOptions) => ConveneSession): ConveneSession {
    const ahead = this.#ahead;
    if (ahead && ahead.create === create && sameOptions(ahead.session.options, options)) return ahead.session;
    this.#dropAhead();
    const session = (create ?? defaultSession)(options);
    this.#ahead = { session, create };
    return session;
  }

  /** A new session for these options, made by `create` (a `RoomSession` by default; the one `prepared` made for them, if any); the previous one is left. */
  open(options: SessionOptions, create?: (options: SessionOptions) => ConveneSession): ConveneSession {
    const ahead = this.#ahead;
    this.#ahead = undefined;
    this.close();
    const session =
      ahead && ahead.create === create && sameOptions(ahead.session.options, options)
        ? ahead.session
        : (create ?? defaultSession)(options);
    if (ahead && ahead.session !== session) void ahead.session.leave().catch(() => {});
    this.session = session;
    const update = () => this.host.requestUpdate();
    this.#unsubscribe = [
      session.state.subscribe((state) => {
        update();
        this.onState?.(state);
      }),
      session.participants.subscribe(update),
      session.media.subscribe(update),
      session.changes.subscribe((change) => this.onChange?.(change)),
      session.spotlight.subscribe((identity) => {
        update();
        this.onSpotlight?.(identity);
      }),
      session.reactions.subscribe((reaction) => this.onReaction?.(reaction)),
    ];
    update();
    return session;
  }

  /** Leaves the room (if in it) and forgets the session, without telling the host. */
  close(): void {
    this.#dropAhead();
    for (const stop of this.#unsubscribe) stop();
    this.#unsubscribe = [];
    void this.session?.leave();
    this.session = undefined;
  }

  #dropAhead() {
    const ahead = this.#ahead;
    this.#ahead = undefined;
    void ahead?.session.leave().catch(() => {});
  }

  hostDisconnected(): void {
    // A page that moves the element (remove, then insert in the same task) keeps the visitor in the room.
    queueMicrotask(() => {
      if (this.host.isConnected) return;
      const session = this.session;
      const phase = this.state.phase;
      if (!session || (phase !== 'connected' && phase !== 'reconnecting')) {
        this.close();
        return;
      }
      // Still subscribed while leaving: the host hears `left` (and tells the page), then forgets the session.
      const stop = session.state.subscribe((state) => {
        if (state.phase !== 'left' && state.phase !== 'error') return;
        stop();
        if (this.session === session && !this.host.isConnected) this.close();
      });
      void session.leave().catch(() => {});
    });
  }
}

const defaultSession = (options: SessionOptions): ConveneSession => new RoomSession(options);

const sameOptions = (a: SessionOptions, b: SessionOptions) =>
  a.server === b.server && a.space === b.space && a.room === b.room && a.passes === b.passes;
