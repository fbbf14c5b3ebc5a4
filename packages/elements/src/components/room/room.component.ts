import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import type { Track } from 'livekit-client';
import { RoomController } from '../../core/room-controller.js';
import type { ParticipantView } from '../../core/session.js';
import { ConveneErrorEvent, ConveneJoinedEvent, ConveneLeftEvent } from '../../events.js';
import { LocalizeController } from '../../i18n/localize-controller.js';
import type { ConveneStrings } from '../../i18n/strings.js';
import { roomStyles } from './room.styles.js';

const NAME_KEY = 'convene:name:';

/**
 * A video room on any web page: pre-join, the stage of participants, and controls.
 *
 * @summary Takes a visitor through pre-join into a Convene video room.
 *
 * @fires convene-joined - The visitor is in the room (`ConveneJoinedEvent`).
 * @fires convene-left - The visitor left or was disconnected; `reason` says why (`ConveneLeftEvent`).
 * @fires convene-error - The server refused or could not be reached; `code` says why (`ConveneErrorEvent`).
 *
 * @csspart prejoin - The pre-join form.
 * @csspart stage - The list of participant tiles.
 * @csspart tile - One participant's tile.
 * @csspart controls - The row of room controls.
 * @csspart banner - A status banner (connecting, reconnecting, left).
 *
 * @cssprop --convene-color-background - Background of the room.
 * @cssprop --convene-color-text - Text colour.
 * @cssprop --convene-color-surface - Tiles and secondary buttons.
 * @cssprop --convene-color-accent - Primary buttons, focus rings, the speaking highlight.
 * @cssprop --convene-radius - Corner radius.
 * @cssprop --convene-spacing - Gap between parts.
 * @cssprop --convene-font - Font shorthand.
 * @cssprop --convene-tile-aspect - Aspect ratio of a tile (default 16 / 9).
 */
export class ConveneRoom extends LitElement {
  static override styles = roomStyles;

  #room = new RoomController(this);
  #localize = new LocalizeController(this);
  #media = new WeakMap<Track, HTMLMediaElement>();
  #announced = new Map<string, string>();

  @query('input[name="name"]') private nameInput?: HTMLInputElement;

  @state() private announcement = '';
  @state() private formError = '';

  /** URL of the Convene server (absolute, or relative to the page). */
  @property({ reflect: true }) server = '';
  /** Slug of the space the room belongs to. */
  @property({ reflect: true }) space = '';
  /** Slug of the room. */
  @property({ reflect: true }) room = '';
  /** The visitor's display name; prefilled in pre-join (or used at once with `no-prejoin`). */
  @property() name = '';
  /** Joins at once with `name`, without the pre-join step. */
  @property({ type: Boolean, attribute: 'no-prejoin', reflect: true }) noPrejoin = false;
  /** Overrides for any text the element shows. */
  @property({ attribute: false }) strings: Partial<ConveneStrings> = {};

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.noPrejoin && this.name) queueMicrotask(() => void this.join().catch(() => {}));
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('server') || changed.has('space') || changed.has('room')) {
      const previous = this.#room.session;
      if (previous && (previous.options.room !== this.room || previous.options.space !== this.space)) {
        this.#room.close();
      }
    }
    this.#announceChanges();
  }

  /** Joins the room with the name in pre-join (or the `name` attribute). */
  async join(): Promise<void> {
    const missing = (['server', 'space', 'room'] as const).filter((key) => !this[key]);
    if (missing.length) throw new Error(this.#localize.t.missingAttributes(missing.join(', ')));
    const name = (this.nameInput?.value ?? this.name ?? '').trim() || this.#rememberedName();
    if (!name) {
      this.formError = this.#localize.t.nameRequired;
      this.nameInput?.focus();
      return;
    }
    this.formError = '';
    this.#remember(name);
    let session = this.#room.session;
    if (!session) {
      session = this.#room.open({ server: this.server, space: this.space, room: this.room });
      session.state.subscribe((state) => {
        if (state.phase === 'left') this.dispatchEvent(new ConveneLeftEvent(this.room, state.reason));
        if (state.phase === 'error') this.dispatchEvent(new ConveneErrorEvent(state.code, state.message));
      });
    }
    await session.join({ name });
    this.dispatchEvent(new ConveneJoinedEvent(this.room, session.room?.localParticipant.identity ?? ''));
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLButtonElement>('[data-control="microphone"]')?.focus();
  }

  /** Leaves the room. */
  async leave(): Promise<void> {
    await this.#room.session?.leave();
  }

  /** Turns the microphone on or off (toggles without an argument). */
  async toggleMicrophone(on?: boolean): Promise<void> {
    const me = this.#room.participants.find((p) => p.isLocal);
    await this.#room.session?.setMicrophone(on ?? !me?.microphoneOn);
  }

  /** Turns the camera on or off (toggles without an argument). */
  async toggleCamera(on?: boolean): Promise<void> {
    const me = this.#room.participants.find((p) => p.isLocal);
    await this.#room.session?.setCamera(on ?? !me?.cameraOn);
  }

  #rememberedName(): string {
    try {
      return localStorage.getItem(NAME_KEY + this.server) ?? '';
    } catch {
      return '';
    }
  }

  #remember(name: string) {
    try {
      localStorage.setItem(NAME_KEY + this.server, name);
    } catch {
      // storage may be unavailable (private mode, sandboxed frames)
    }
  }

  #announceChanges() {
    const t = this.#localize.t;
    const now = new Map(this.#room.participants.filter((p) => !p.isLocal).map((p) => [p.identity, p.name]));
    const messages: string[] = [];
    for (const [identity, name] of now) if (!this.#announced.has(identity)) messages.push(t.joined(name));
    for (const [identity, name] of this.#announced) if (!now.has(identity)) messages.push(t.departed(name));
    this.#announced = now;
    if (messages.length) this.announcement = messages.join('. ');
  }

  #mediaFor(track: Track): HTMLMediaElement {
    let element = this.#media.get(track);
    if (!element) {
      element = track.attach();
      this.#media.set(track, element);
    }
    return element;
  }

  #onSubmit(event: SubmitEvent) {
    event.preventDefault();
    void this.join().catch(() => {});
  }

  #renderPrejoin(t: ConveneStrings, busy: boolean, error?: string) {
    return html`<form part="prejoin" @submit=${this.#onSubmit} aria-busy=${busy ? 'true' : 'false'}>
      <label
        >${t.yourName}
        <input
          name="name"
          autocomplete="name"
          maxlength="64"
          required
          .value=${this.name || this.#rememberedName()}
          ?disabled=${busy}
          aria-invalid=${this.formError ? 'true' : 'false'}
      /></label>
      ${this.formError || error ? html`<p role="alert">${this.formError || error}</p>` : nothing}
      <button class="primary" type="submit" ?disabled=${busy}>${busy ? t.joining : t.join}</button>
    </form>`;
  }

  #renderTile(t: ConveneStrings, p: ParticipantView) {
    const initials = p.name
      .split(/\s+/)
      .map((part) => part[0] ?? '')
      .join('')
      .slice(0, 2)
      .toUpperCase();
    return html`<li
      part="tile"
      class="tile ${p.isSpeaking ? 'speaking' : ''}"
      data-identity=${p.identity}
      data-local=${p.isLocal ? 'true' : 'false'}
    >
      ${p.video ? this.#mediaFor(p.video) : html`<span class="initials" aria-hidden="true">${initials}</span>`}
      ${p.audio ? html`<div hidden>${this.#mediaFor(p.audio)}</div>` : nothing}
      <span class="name">${p.isLocal ? t.you(p.name) : p.name}</span>
    </li>`;
  }

  #renderRoom(t: ConveneStrings, reconnecting: boolean) {
    const participants = this.#room.participants;
    const me = participants.find((p) => p.isLocal);
    return html`
      ${reconnecting ? html`<p part="banner" class="banner" role="status">${t.reconnecting}</p>` : nothing}
      <ul part="stage" class="stage" aria-label=${`${t.stage}: ${t.participants(participants.length)}`}>
        ${repeat(
          participants,
          (p) => p.identity,
          (p) => this.#renderTile(t, p),
        )}
      </ul>
      <div part="controls" class="controls" role="toolbar" aria-label=${t.controls}>
        <button
          data-control="microphone"
          aria-pressed=${me?.microphoneOn ? 'true' : 'false'}
          @click=${() => void this.toggleMicrophone()}
        >
          ${me?.microphoneOn ? t.microphoneOn : t.microphoneOff}
        </button>
        <button
          data-control="camera"
          aria-pressed=${me?.cameraOn ? 'true' : 'false'}
          @click=${() => void this.toggleCamera()}
        >
          ${me?.cameraOn ? t.cameraOn : t.cameraOff}
        </button>
        <button data-control="leave" class="danger" @click=${() => void this.leave()}>${t.leave}</button>
      </div>
    `;
  }

  override render() {
    const t = this.#localize.t;
    const state = this.#room.state;
    let body;
    switch (state.phase) {
      case 'idle':
        body = this.#renderPrejoin(t, false);
        break;
      case 'connecting':
        body = html`<p part="banner" class="banner" role="status">${t.connecting}</p>`;
        break;
      case 'connected':
      case 'reconnecting':
        body = this.#renderRoom(t, state.phase === 'reconnecting');
        break;
      case 'left':
        body = html`<p part="banner" class="banner" role="status">${t.leftBecause[state.reason]}</p>
          <button class="primary" @click=${() => void this.join().catch(() => {})}>${t.rejoin}</button>`;
        break;
      case 'error':
        body = this.#renderPrejoin(t, false, state.message);
        break;
    }
    return html`${body}
      <div class="visually-hidden" role="status" aria-live="polite">${this.announcement}</div>`;
  }
}
