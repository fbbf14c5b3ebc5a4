import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { RoomSession, type ParticipantView, type SessionOptions, type SessionState } from './session.js';

/**
 * Binds a RoomSession to a Lit element: the element re-renders on every change, and leaving the
 * page (disconnecting the element) leaves the room and releases camera and microphone.
 */
export class RoomController implements ReactiveController {
  session: RoomSession | undefined;
  #unsubscribe: (() => void)[] = [];

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  get state(): SessionState {
    return this.session?.state.value ?? { phase: 'idle' };
  }

  get participants(): ParticipantView[] {
    return this.session?.participants.value ?? [];
  }

  /** A new session for these options (the previous one is left). */
  open(options: SessionOptions): RoomSession {
    this.close();
    const session = new RoomSession(options);
    this.session = session;
    this.#unsubscribe = [
      session.state.subscribe(() => this.host.requestUpdate()),
      session.participants.subscribe(() => this.host.requestUpdate()),
    ];
    this.host.requestUpdate();
    return session;
  }

  close(): void {
    for (const stop of this.#unsubscribe) stop();
    this.#unsubscribe = [];
    void this.session?.leave();
    this.session = undefined;
  }

  hostDisconnected(): void {
    this.close();
  }
}
