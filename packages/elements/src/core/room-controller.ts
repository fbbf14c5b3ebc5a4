import type { ReactiveController, ReactiveControllerHost } from 'lit';
import {
  RoomSession,
  type ConveneSession,
  type MediaState,
  type ParticipantChange,
  type ParticipantView,
  type SessionOptions,
  type SessionState,
} from './session.js';

const NO_MEDIA: MediaState = {
  canPlaybackAudio: true,
  devices: { videoinput: [], audioinput: [], audiooutput: [] },
  active: {},
};

/**
 * Binds a session (a `RoomSession`, or any `ConveneSession`) to a Lit element: the element
 * re-renders on every change, hears people arrive and leave through `onChange`, and leaving the
 * page (removing the element) leaves the room and releases camera and microphone. Moving the
 * element within the page does not.
 */
export class RoomController implements ReactiveController {
  session: ConveneSession | undefined;
  /** Called for every participant arriving or leaving. */
  onChange: ((change: ParticipantChange) => void) | undefined;
  /** Called on every state change (after the host is asked to update). */
  onState: ((state: SessionState) => void) | undefined;
  #unsubscribe: (() => void)[] = [];

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

  /** A new session for these options, made by `create` (a `RoomSession` by default); the previous one is left. */
  open(
    options: SessionOptions,
    create: (options: SessionOptions) => ConveneSession = (o) => new RoomSession(o),
  ): ConveneSession {
    this.close();
    const session = create(options);
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
    ];
    update();
    return session;
  }

  /** Leaves the room (if in it) and forgets the session. */
  close(): void {
    for (const stop of this.#unsubscribe) stop();
    this.#unsubscribe = [];
    void this.session?.leave();
    this.session = undefined;
  }

  hostDisconnected(): void {
    // A page that moves the element (remove, then insert) keeps the visitor in the room.
    queueMicrotask(() => {
      if (!this.host.isConnected) this.close();
    });
  }
}
