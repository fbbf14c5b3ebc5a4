import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { PreviewController } from '../../core/preview-controller.js';
import { RoomController } from '../../core/room-controller.js';
import type {
  ConveneSession,
  MediaTrack,
  ParticipantChange,
  ParticipantView,
  SessionOptions,
  SessionState,
} from '../../core/session.js';
import {
  ConveneErrorEvent,
  ConveneJoinedEvent,
  ConveneLeftEvent,
  ConveneParticipantJoinedEvent,
  ConveneParticipantLeftEvent,
} from '../../events.js';
import { LocalizeController } from '../../i18n/localize-controller.js';
import type { ConveneStringOverrides, ConveneStrings, ErrorKey } from '../../i18n/strings.js';
import {
  cameraIcon,
  cameraOffIcon,
  devicesIcon,
  leaveIcon,
  micIcon,
  micOffIcon,
  nextIcon,
  previousIcon,
  qualityIcon,
  screenIcon,
  speakerIcon,
} from './icons.js';
import { initials, layoutStage } from './layout.js';
import type { ConveneReactionEvent, ConveneSpotlightEvent } from '../../furniture/events.js';
import { FurnitureWatch, loadFurniturePanel } from '../../furniture/load.js';
import { tokens } from '../../styles/tokens.js';
import { roomStyles } from './room.styles.js';

const NAME_KEY = 'convene:name:';

/** Themes a page may force; without `theme`, the element follows `prefers-color-scheme`. */
export const ROOM_THEMES = ['light', 'dark'] as const;
export type RoomTheme = (typeof ROOM_THEMES)[number];

/** Refusals a visitor can wait out or fix by trying again. */
const RETRYABLE: ReadonlySet<ErrorKey> = new Set<ErrorKey>([
  'room_full',
  'rate_limited',
  'livekit_unavailable',
  'livekit_unreachable',
  'internal_error',
  'network',
  'bad_response',
]);
const CODE_ERRORS: ReadonlySet<ErrorKey> = new Set<ErrorKey>(['access_code_required', 'access_code_invalid']);
const QUALITY_BARS = { excellent: 3, good: 2, poor: 1, lost: 0, unknown: 0 } as const;

let instances = 0;

/**
 * A video room on any web page: pre-join, the stage of participants, controls, and every state a
 * visitor can meet, each saying what happened and what to do next.
 *
 * @summary Takes a visitor through pre-join into a Convene video room.
 *
 * @attribute lang - The language of the element's text (`en`, `es`, or one added with `registerStrings`);
 *   without it, the nearest `lang` up the page.
 *
 * @fires convene-joined - The visitor is in the room (`ConveneJoinedEvent`: `room`, `identity`).
 * @fires convene-left - The visitor left or was disconnected (`ConveneLeftEvent`: `room`, `reason`:
 *   `left`, `removed`, `room-closed`, `connection-lost`, `duplicate`).
 * @fires convene-participant-joined - Someone else is in the room (`ConveneParticipantJoinedEvent`).
 * @fires convene-participant-left - Someone else left (`ConveneParticipantLeftEvent`).
 * @fires convene-error - The server refused or could not be reached (`ConveneErrorEvent`: `code`, `message`).
 *
 * @csspart prejoin - The pre-join step (preview and form).
 * @csspart preview - The camera preview in pre-join.
 * @csspart level - The microphone level meter in pre-join.
 * @csspart form - The pre-join form.
 * @csspart stage - The list of participant tiles.
 * @csspart tile - One participant's tile (also `tile local`, `tile speaking`, `tile pinned`).
 * @csspart tile-name - The name on a tile.
 * @csspart muted - The muted-microphone indicator on a tile.
 * @csspart quality - The connection-quality indicator on a tile.
 * @csspart moderation - A moderator's mute and remove buttons on someone else's tile.
 * @csspart spotlight - The "Spotlight" badge on the tile the room's `spotlight` furniture pins to the stage.
 * @csspart reactions - Emoji floating over a tile (reactions from the room's `hand-raise` furniture).
 * @csspart screen-share - The screen share that has the focus.
 * @csspart pager - Previous/next page of tiles.
 * @csspart controls - The row of room controls.
 * @csspart control - Each control button (also `control leave`).
 * @csspart devices - The device chooser.
 * @csspart banner - A status banner (connecting, reconnecting, audio blocked, media problems).
 * @csspart message - The panel of a state outside the room (left, refused, unreachable).
 * @csspart button - Every button outside the controls (also `button primary`; the sign-in link is `button primary sign-in`).
 * @csspart furniture - The furniture panel around the stage: tabs beside it on wide screens, below it on narrow ones.
 *
 * @cssprop --convene-color-background - Background of the room.
 * @cssprop --convene-color-text - Text colour.
 * @cssprop --convene-color-muted - Secondary text and borders.
 * @cssprop --convene-color-surface - Tiles and secondary buttons.
 * @cssprop --convene-color-accent - Primary buttons, focus rings, the speaking highlight.
 * @cssprop --convene-color-on-accent - Text on the accent colour.
 * @cssprop --convene-color-danger - Leave, errors.
 * @cssprop --convene-radius - Corner radius.
 * @cssprop --convene-spacing - Gap between parts.
 * @cssprop --convene-font - Font shorthand.
 * @cssprop --convene-tile-aspect - Aspect ratio of a tile (default 16 / 9).
 */
export class ConveneRoom extends LitElement {
  static override styles = [tokens, roomStyles];

  #room = new RoomController(this);
  #preview = new PreviewController(this);
  #localize = new LocalizeController(this);
  // Lays out furniture the page adds (or removes) after joining.
  #furniture = new FurnitureWatch(this);
  /** Media elements by track; those a render no longer shows are detached, so LiveKit stops sending them. */
  #media = new Map<MediaTrack, HTMLMediaElement>();
  #shown = new Set<MediaTrack>();
  #order: string[] = [];
  /** Identities with a tile on the page in view. */
  #onStage: string[] = [];
  #reactionId = 0;
  #joining: Promise<void> | undefined;
  #meterTimer: ReturnType<typeof setInterval> | undefined;
  #resize = new ResizeObserver(([entry]) => {
    const width = Math.round(entry?.contentRect.width ?? 0);
    if (width && width !== this.width) this.width = width;
  });
  #id = `convene-room-${++instances}`;
  #choices = { camera: true, microphone: true, videoinput: '', audioinput: '' };
  #phase: SessionState['phase'] = 'idle';
  #autoJoin = false;

  @query('input[name="name"]') private nameInput?: HTMLInputElement;
  @query('input[name="access-code"]') private codeInput?: HTMLInputElement;
  @query('meter') private meter?: HTMLMeterElement;

  @state() private announcement = '';
  @state() private formError = '';
  @state() private accessCode = '';
  @state() private devicesOpen = false;
  @state() private page = 0;
  @state() private width = 960;
  /** The person a moderator asked to remove, awaiting the second press that confirms it. */
  @state() private confirmingRemove = '';
  @state() private moderationError = '';
  /** Who the room's `spotlight` pins to the stage (`convene-spotlight`), `''` for nobody. */
  @state() private spotlight = '';
  /** Emoji floating over tiles (`convene-reaction`), a few seconds each. */
  @state() private reactions: { id: number; identity: string; emoji: string; slot: number }[] = [];

  /** URL of the Convene server (absolute, or relative to the page). */
  @property({ reflect: true }) server = '';
  /** Slug of the space the room belongs to. */
  @property({ reflect: true }) space = '';
  /** Slug of the room. */
  @property({ reflect: true }) room = '';
  /** The visitor's display name; prefilled in pre-join (or used at once with `no-prejoin`). */
  @property() name = '';
  /** Joins at once with `name` (or the name remembered for this server), without the pre-join step. */
  @property({ type: Boolean, attribute: 'no-prejoin', reflect: true }) noPrejoin = false;
  /** Where a visitor signs in to the host site, offered when a room is for members only. */
  @property({ attribute: 'login-url' }) loginUrl = '';
  /** Forces a light or dark look; without it the element follows `prefers-color-scheme`. */
  @property({ reflect: true }) theme?: RoomTheme;
  /** Overrides for any text the element shows, e.g. `{ join: 'Come in', errors: { room_full: '…' } }`. */
  @property({ attribute: false }) strings: ConveneStringOverrides = {};
  /** Makes the session `join()` starts; for stories, tests and hosts that bring their own (by default a `RoomSession`). */
  @property({ attribute: false }) sessionFactory?: (options: SessionOptions) => ConveneSession;

  /** The visitor's session (state, participants, the LiveKit room) once joining starts; for furniture and advanced use. */
  get session(): ConveneSession | undefined {
    return this.#room.session;
  }

  constructor() {
    super();
    this.#room.onChange = (change) => this.#onParticipantChange(change);
    this.#room.onState = (state) => this.#onState(state);
    // From the furniture panel (in the shadow root) on their way up to the page.
    this.addEventListener('convene-spotlight', (e) => this.#onSpotlight(e));
    this.addEventListener('convene-reaction', (e) => this.#onReaction(e));
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.#resize.observe(this);
    // Decided at the next update: properties set before the element was defined arrive only then.
    this.#autoJoin = true;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#resize.disconnect();
    this.#stopMeter();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('server') || changed.has('space') || changed.has('room')) {
      const previous = this.#room.session;
      const { options } = previous ?? {};
      if (options && (options.room !== this.room || options.space !== this.space || options.server !== this.server)) {
        this.#room.close();
        this.accessCode = '';
      }
    }
  }

  protected override updated(): void {
    if (this.#autoJoin) {
      this.#autoJoin = false;
      if (this.noPrejoin && (this.name || this.#rememberedName()) && this.#room.state.phase === 'idle') {
        void this.join().catch(() => {});
      }
    }
    // A media element taken out of the page pauses; one put back (a page of tiles, pre-join's
    // preview moving onto the stage) must play again.
    for (const media of this.renderRoot.querySelectorAll('video')) {
      if (media.paused && media.srcObject) void media.play().catch(() => {});
    }
    // Tracks off the page (another page of tiles, people who left): detached, so adaptive
    // stream pauses them and the visitor receives only what is visible.
    for (const [track, element] of this.#media) {
      if (this.#shown.has(track)) continue;
      track.detach(element);
      this.#media.delete(track);
    }
    this.#shown.clear();
    const inPrejoin = this.#inPrejoin();
    if (inPrejoin && !this.#joining && this.isConnected) this.#preview.start();
    else if (!inPrejoin && !this.#joining && this.#room.state.phase !== 'connecting') this.#preview.stop();
    if (inPrejoin && this.#preview.state?.microphone.track) this.#startMeter();
    else this.#stopMeter();
  }

  // Handlers

  #onState(state: SessionState) {
    const t = this.#localize.t;
    const previous = this.#phase;
    this.#phase = state.phase;
    // Out of the room (or joining again), nobody is pinned until the spotlight says so.
    if (!('identity' in state)) this.spotlight = '';
    if (state.phase === 'connected' && previous === 'connecting') {
      // The room now owns the preview's tracks: forget them, and release whatever else it held.
      this.#preview.preview?.take();
      this.#preview.stop();
      this.announcement = t.inRoom;
      this.dispatchEvent(new ConveneJoinedEvent(this.room, state.identity));
      void this.#focusAfterUpdate('[data-control="microphone"]');
    } else if (state.phase === 'left') {
      this.announcement = t.leftBecause[state.reason];
      this.dispatchEvent(new ConveneLeftEvent(this.room, state.reason));
      void this.#focusAfterUpdate('[data-action="rejoin"]');
    } else if (state.phase === 'error') {
      this.dispatchEvent(new ConveneErrorEvent(state.code, state.message));
    }
  }

  #onParticipantChange(change: ParticipantChange) {
    const t = this.#localize.t;
    if (change.type === 'joined') {
      this.dispatchEvent(new ConveneParticipantJoinedEvent(this.room, change.identity, change.name, !!change.initial));
      if (!change.initial) this.announcement = t.joined(change.name);
    } else {
      this.dispatchEvent(new ConveneParticipantLeftEvent(this.room, change.identity, change.name));
      this.announcement = t.departed(change.name);
    }
  }

  #onSpotlight({ identity }: ConveneSpotlightEvent) {
    if (identity === this.spotlight) return;
    const t = this.#localize.t;
    const find = (id: string) => this.#room.participants.find((p) => p.identity === id);
    const who = find(identity);
    // Someone who left is announced as leaving; the pin ends without a second announcement.
    if (who) this.announcement = t.spotlightOn(who.isLocal ? t.you(who.name) : who.name);
    else if (find(this.spotlight)) this.announcement = t.spotlightCleared;
    this.spotlight = identity;
  }

  #onReaction({ identity, emoji }: ConveneReactionEvent) {
    // Only over a tile in view; at most five at once on one tile, in slots across it.
    if (!this.#onStage.includes(identity)) return;
    const theirs = this.reactions.filter((r) => r.identity === identity).slice(-4);
    const slot = [0, 1, 2, 3, 4].find((s) => !theirs.some((r) => r.slot === s)) ?? 0;
    const id = ++this.#reactionId;
    this.reactions = [
      ...this.reactions.filter((r) => r.identity !== identity),
      ...theirs,
      { id, identity, emoji, slot },
    ];
    setTimeout(() => (this.reactions = this.reactions.filter((r) => r.id !== id)), 3000);
  }

  #onSubmit(event: SubmitEvent) {
    event.preventDefault();
    void this.join().catch(() => {});
  }

  // Public methods

  /** Joins the room with the name in pre-join (or the `name` attribute); rejects with the server's refusal. */
  join(): Promise<void> {
    this.#joining ??= this.#join().finally(() => {
      this.#joining = undefined;
      this.requestUpdate();
      const state = this.#room.state;
      if (state.phase === 'error') {
        void this.#focusAfterUpdate(
          CODE_ERRORS.has(state.code) ? 'input[name="access-code"]' : '[part~="message"] button',
        );
      }
    });
    return this.#joining;
  }

  /** Leaves the room. */
  async leave(): Promise<void> {
    await this.#room.session?.leave();
  }

  /** Turns the microphone on or off (toggles without an argument); in pre-join, the choice to join with it. */
  async toggleMicrophone(on?: boolean): Promise<void> {
    const session = this.#room.session;
    const me = this.#room.participants.find((p) => p.isLocal);
    if (session && me) {
      this.#choices.microphone = on ?? !me.microphoneOn;
      await session.setMicrophone(this.#choices.microphone);
      return;
    }
    const preview = this.#preview.preview;
    const next = on ?? !(preview?.state.value.microphone.on ?? this.#choices.microphone);
    this.#choices.microphone = next;
    await preview?.setMicrophone(next);
    this.requestUpdate();
  }

  /** Turns the camera on or off (toggles without an argument); in pre-join, the choice to join with it. */
  async toggleCamera(on?: boolean): Promise<void> {
    const session = this.#room.session;
    const me = this.#room.participants.find((p) => p.isLocal);
    if (session && me) {
      this.#choices.camera = on ?? !me.cameraOn;
      await session.setCamera(this.#choices.camera);
      return;
    }
    const preview = this.#preview.preview;
    const next = on ?? !(preview?.state.value.camera.on ?? this.#choices.camera);
    this.#choices.camera = next;
    await preview?.setCamera(next);
    this.requestUpdate();
  }

  /** Starts or stops sharing the screen (toggles without an argument); only in the room. */
  async toggleScreenShare(on?: boolean): Promise<void> {
    const me = this.#room.participants.find((p) => p.isLocal);
    await this.#room.session?.setScreenShare(on ?? !me?.screen);
  }

  // Private methods

  async #join(): Promise<void> {
    const t = this.#localize.t;
    const missing = (['server', 'space', 'room'] as const).filter((key) => !this[key]);
    if (missing.length) {
      this.formError = t.missingAttributes(missing.join(', '));
      throw new Error(this.formError);
    }
    const name = (this.nameInput?.value ?? this.name ?? '').trim() || this.name.trim() || this.#rememberedName();
    if (!name) {
      this.formError = t.nameRequired;
      this.nameInput?.focus();
      return;
    }
    this.formError = '';
    this.#remember(name);
    const accessCode = (this.codeInput?.value ?? this.accessCode).trim();
    this.accessCode = accessCode;
    const preview = this.#preview.preview?.state.value;
    if (preview) {
      this.#choices = {
        camera: preview.camera.on,
        microphone: preview.microphone.on,
        videoinput: preview.camera.deviceId,
        audioinput: preview.microphone.deviceId,
      };
    }
    const tracks = {
      ...(preview?.camera.on && preview.camera.track ? { camera: preview.camera.track } : {}),
      ...(preview?.microphone.on && preview.microphone.track ? { microphone: preview.microphone.track } : {}),
    };
    const session =
      this.#room.session ??
      this.#room.open({ server: this.server, space: this.space, room: this.room }, this.sessionFactory);
    await session.join({
      name,
      ...(accessCode ? { accessCode } : {}),
      camera: this.#choices.camera,
      microphone: this.#choices.microphone,
      tracks,
      devices: { videoinput: this.#choices.videoinput, audioinput: this.#choices.audioinput },
    });
  }

  #inPrejoin(): boolean {
    const state = this.#room.state;
    if (state.phase === 'idle') return !this.noPrejoin || !!this.formError || !(this.name || this.#rememberedName());
    return state.phase === 'error' && CODE_ERRORS.has(state.code);
  }

  async #focusAfterUpdate(selector: string) {
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(selector)?.focus();
  }

  #back() {
    this.#room.close();
    this.requestUpdate();
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

  #startMeter() {
    if (this.#meterTimer) return;
    this.#meterTimer = setInterval(() => {
      const level = this.#preview.preview?.level() ?? 0;
      if (this.meter) this.meter.value = Math.round(level * 100) / 100;
    }, 100);
  }

  #stopMeter() {
    clearInterval(this.#meterTimer);
    this.#meterTimer = undefined;
  }

  #mediaFor(track: MediaTrack, local = false): HTMLMediaElement {
    this.#shown.add(track);
    let element = this.#media.get(track);
    if (!element) {
      element = track.attach();
      if (element instanceof HTMLVideoElement) {
        element.muted = true;
        element.playsInline = true;
        if (local) element.classList.add('mirror');
      }
      this.#media.set(track, element);
    }
    return element;
  }

  async #moderate(action: 'mute' | 'remove', p: ParticipantView) {
    if (action === 'remove' && this.confirmingRemove !== p.identity) {
      this.confirmingRemove = p.identity;
      return;
    }
    this.confirmingRemove = '';
    this.moderationError = '';
    try {
      await this.#room.session?.moderate(action, p.identity);
    } catch {
      this.moderationError = this.#localize.t.moderationFailed;
    }
  }

  #loginHref(): string | undefined {
    if (!this.loginUrl) return undefined;
    try {
      const url = new URL(this.loginUrl, document.baseURI);
      return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : undefined;
    } catch {
      return undefined;
    }
  }

  // Rendering

  #renderDeviceSelect(
    t: ConveneStrings,
    kind: 'videoinput' | 'audioinput' | 'audiooutput',
    devices: MediaDeviceInfo[],
    active: string,
    onChange: (deviceId: string) => void,
  ) {
    if (devices.length === 0) return nothing;
    const label = kind === 'videoinput' ? t.camera : kind === 'audioinput' ? t.microphone : t.speaker;
    return html`<label class="device"
      >${label}
      <select name=${kind} @change=${(e: Event) => onChange((e.target as HTMLSelectElement).value)}>
        ${devices.map(
          (d, i) =>
            html`<option value=${d.deviceId} ?selected=${d.deviceId === active || (!active && i === 0)}>
              ${d.label || `${label} ${i + 1}`}
            </option>`,
        )}
      </select></label
    >`;
  }

  #renderPrejoin(t: ConveneStrings, error?: { code: ErrorKey }) {
    const preview = this.#preview.state;
    const camera = preview?.camera;
    const microphone = preview?.microphone;
    const cameraOn = camera?.on ?? this.#choices.camera;
    const microphoneOn = microphone?.on ?? this.#choices.microphone;
    const needsCode = !!error && CODE_ERRORS.has(error.code);
    const codeError = error?.code === 'access_code_invalid' ? t.errors.access_code_invalid : '';
    const busy = !!this.#joining;
    const nameId = `${this.#id}-name`;
    return html`<section part="prejoin" class="prejoin">
      <div class="preview-column">
        <div part="preview" class="preview">
          ${camera?.track ? this.#mediaFor(camera.track, true) : html`<span class="initials">${t.previewOff}</span>`}
        </div>
        <div class="level">
          <meter part="level" min="0" max="1" value="0" aria-label=${t.microphoneLevel}></meter>
        </div>
        <div class="toggles" role="group" aria-label=${t.devices}>
          <button
            type="button"
            part="button"
            data-control="camera"
            aria-pressed=${cameraOn ? 'true' : 'false'}
            @click=${() => void this.toggleCamera()}
          >
            ${cameraOn ? cameraIcon : cameraOffIcon} ${t.camera}
          </button>
          <button
            type="button"
            part="button"
            data-control="microphone"
            aria-pressed=${microphoneOn ? 'true' : 'false'}
            @click=${() => void this.toggleMicrophone()}
          >
            ${microphoneOn ? micIcon : micOffIcon} ${t.microphone}
          </button>
        </div>
        ${camera?.problem ? html`<p class="note" data-problem="camera">${t.cameraProblem[camera.problem]}</p>` : nothing}
        ${
          microphone?.problem
            ? html`<p class="note" data-problem="microphone">${t.microphoneProblem[microphone.problem]}</p>`
            : nothing
        }
        ${this.#renderDeviceSelect(
          t,
          'videoinput',
          preview?.devices.videoinput ?? [],
          camera?.deviceId ?? '',
          (id) => void this.#preview.preview?.selectDevice('videoinput', id),
        )}
        ${this.#renderDeviceSelect(
          t,
          'audioinput',
          preview?.devices.audioinput ?? [],
          microphone?.deviceId ?? '',
          (id) => void this.#preview.preview?.selectDevice('audioinput', id),
        )}
      </div>
      <form part="form" @submit=${this.#onSubmit} aria-busy=${busy ? 'true' : 'false'}>
        <label for=${nameId}>${t.yourName}</label>
        <input
          id=${nameId}
          name="name"
          autocomplete="name"
          maxlength="64"
          required
          .value=${this.nameInput?.value || this.name || this.#rememberedName()}
          ?disabled=${busy}
          aria-invalid=${this.formError === t.nameRequired ? 'true' : 'false'}
        />
        ${
          needsCode
            ? html`<label for="${this.#id}-code">${t.accessCode}</label>
                <p class="hint" id="${this.#id}-code-hint">${t.accessCodeHint}</p>
                <input
                  id="${this.#id}-code"
                  name="access-code"
                  autocomplete="off"
                  maxlength="128"
                  required
                  .value=${this.accessCode}
                  @input=${(e: Event) => (this.accessCode = (e.target as HTMLInputElement).value)}
                  ?disabled=${busy}
                  aria-describedby="${this.#id}-code-hint ${codeError ? `${this.#id}-code-error` : ''}"
                  aria-invalid=${codeError ? 'true' : 'false'}
                />`
            : nothing
        }
        ${
          this.formError || codeError
            ? html`<p role="alert" id="${this.#id}-code-error">${this.formError || codeError}</p>`
            : nothing
        }
        <button class="primary" part="button primary" type="submit" ?disabled=${busy}>
          ${busy ? t.joining : t.join}
        </button>
      </form>
    </section>`;
  }

  #renderModeration(t: ConveneStrings, p: ParticipantView) {
    const confirming = this.confirmingRemove === p.identity;
    const removeLabel = confirming ? t.confirmRemove(p.name) : t.removeParticipant(p.name);
    return html`<div part="moderation" class="moderation">
      ${
        p.microphoneOn
          ? html`<button
              part="button"
              data-action="mute-participant"
              aria-label=${t.muteParticipant(p.name)}
              title=${t.muteParticipant(p.name)}
              @click=${() => void this.#moderate('mute', p)}
            >
              ${micOffIcon}
            </button>`
          : nothing
      }
      <button
        part="button"
        class=${confirming ? 'danger' : ''}
        data-action="remove-participant"
        aria-label=${removeLabel}
        title=${removeLabel}
        @click=${() => void this.#moderate('remove', p)}
        @blur=${() => {
          if (this.confirmingRemove === p.identity) this.confirmingRemove = '';
        }}
      >
        ${leaveIcon}
      </button>
    </div>`;
  }

  #renderTile(t: ConveneStrings, p: ParticipantView, pinned: boolean) {
    const bars = QUALITY_BARS[p.connectionQuality] ?? 0;
    const name = p.isLocal ? t.you(p.name) : p.name;
    return html`<li
      part="tile${p.isLocal ? ' local' : ''}${p.isSpeaking ? ' speaking' : ''}${pinned ? ' pinned' : ''}"
      class="tile ${p.isSpeaking ? 'speaking' : ''} ${pinned ? 'pinned' : ''}"
      data-identity=${p.identity}
      data-local=${p.isLocal ? 'true' : 'false'}
    >
      ${
        p.video
          ? this.#mediaFor(p.video, p.isLocal)
          : html`<span class="initials" aria-hidden="true">${initials(p.name)}</span>`
      }
      ${!p.isLocal && this.#room.session?.isModerator ? this.#renderModeration(t, p) : nothing}
      ${
        pinned
          ? html`<span part="spotlight" class="badge spot" role="img" aria-label=${t.spotlightOn(name)}
              >${t.spotlight}</span
            >`
          : nothing
      }
      <div class="caption">
        <span part="tile-name" class="name">${name}</span>
        ${
          p.microphoneOn
            ? nothing
            : html`<span part="muted" class="badge muted" role="img" aria-label=${t.muted(p.name)}>${micOffIcon}</span>`
        }
        ${
          p.isLocal && p.connectionQuality === 'unknown'
            ? nothing
            : html`<span
                part="quality"
                class="badge quality q-${p.connectionQuality}"
                role="img"
                aria-label=${t.connectionQuality[p.connectionQuality] ?? t.connectionQuality.unknown}
                >${qualityIcon(bars)}</span
              >`
        }
      </div>
      <div part="reactions" class="reactions" aria-hidden="true">
        ${repeat(
          this.reactions.filter((r) => r.identity === p.identity),
          (r) => r.id,
          (r) => html`<span data-slot=${r.slot}>${r.emoji}</span>`,
        )}
      </div>
    </li>`;
  }

  #renderControls(t: ConveneStrings, me: ParticipantView | undefined) {
    const media = this.#room.media;
    const canShare = typeof navigator.mediaDevices?.getDisplayMedia === 'function';
    const panelId = `${this.#id}-devices`;
    const canChooseSpeaker = 'setSinkId' in HTMLMediaElement.prototype;
    const session = this.#room.session;
    return html`<div part="controls" class="controls" role="group" aria-label=${t.controls}>
        <button
          part="control"
          data-control="microphone"
          aria-pressed=${me?.microphoneOn ? 'true' : 'false'}
          @click=${() => void this.toggleMicrophone()}
        >
          ${me?.microphoneOn ? micIcon : micOffIcon}<span>${t.microphone}</span>
        </button>
        <button
          part="control"
          data-control="camera"
          aria-pressed=${me?.cameraOn ? 'true' : 'false'}
          @click=${() => void this.toggleCamera()}
        >
          ${me?.cameraOn ? cameraIcon : cameraOffIcon}<span>${t.camera}</span>
        </button>
        ${
          canShare
            ? html`<button
                part="control"
                data-control="screen-share"
                aria-pressed=${me?.screen ? 'true' : 'false'}
                @click=${() => void this.toggleScreenShare()}
              >
                ${screenIcon}<span>${t.screenShare}</span>
              </button>`
            : nothing
        }
        <button
          part="control"
          data-control="devices"
          aria-expanded=${this.devicesOpen ? 'true' : 'false'}
          aria-controls=${panelId}
          @click=${() => (this.devicesOpen = !this.devicesOpen)}
        >
          ${devicesIcon}<span>${t.devices}</span>
        </button>
        <button part="control leave" class="danger" data-control="leave" @click=${() => void this.leave()}>
          ${leaveIcon}<span>${t.leave}</span>
        </button>
      </div>
      <div
        part="devices"
        class="devices"
        id=${panelId}
        ?hidden=${!this.devicesOpen}
        @keydown=${(e: KeyboardEvent) => {
          if (e.key !== 'Escape') return;
          this.devicesOpen = false;
          void this.#focusAfterUpdate('[data-control="devices"]');
        }}
      >
        ${this.#renderDeviceSelect(
          t,
          'videoinput',
          media.devices.videoinput,
          media.active.videoinput ?? '',
          (id) => void session?.switchDevice('videoinput', id),
        )}
        ${this.#renderDeviceSelect(
          t,
          'audioinput',
          media.devices.audioinput,
          media.active.audioinput ?? '',
          (id) => void session?.switchDevice('audioinput', id),
        )}
        ${
          canChooseSpeaker
            ? this.#renderDeviceSelect(
                t,
                'audiooutput',
                media.devices.audiooutput,
                media.active.audiooutput ?? '',
                (id) => void session?.switchDevice('audiooutput', id),
              )
            : nothing
        }
      </div>`;
  }

  #renderRoom(t: ConveneStrings, reconnecting: boolean) {
    const participants = this.#room.participants;
    const media = this.#room.media;
    const me = participants.find((p) => p.isLocal);
    const { presenter, pinned, visible, page, pages, columns, order } = layoutStage(
      participants,
      this.#order,
      this.width,
      this.page,
      this.spotlight,
    );
    this.#order = order;
    this.#onStage = visible.map((p) => p.identity);
    const audible = participants.flatMap((p) => [p.audio, p.screenAudio].filter((a): a is MediaTrack => !!a));
    const banners: TemplateResult[] = [];
    if (reconnecting) banners.push(html`<p part="banner" class="banner" role="status">${t.reconnecting}</p>`);
    if (!media.canPlaybackAudio) {
      banners.push(
        html`<div part="banner" class="banner">
          ${speakerIcon}<span>${t.audioBlocked}</span>
          <button
            class="primary"
            part="button primary"
            data-action="start-audio"
            @click=${() => void this.#room.session?.startAudio()}
          >
            ${t.startAudio}
          </button>
        </div>`,
      );
    }
    if (media.cameraProblem) {
      banners.push(html`<p part="banner" class="banner" role="alert">${t.cameraProblem[media.cameraProblem]}</p>`);
    }
    if (media.microphoneProblem) {
      banners.push(
        html`<p part="banner" class="banner" role="alert">${t.microphoneProblem[media.microphoneProblem]}</p>`,
      );
    }
    if (this.moderationError) {
      banners.push(html`<p part="banner" class="banner" role="alert">${this.moderationError}</p>`);
    }
    if (media.screenShareFailed)
      banners.push(html`<p part="banner" class="banner" role="alert">${t.screenShareFailed}</p>`);
    const stage = html`
      <div class="stage-area ${presenter ? 'focused' : pinned ? 'pinning' : ''} ${reconnecting ? 'reconnecting' : ''}">
        ${
          presenter?.screen
            ? html`<figure part="screen-share" class="screen-share">
                ${this.#mediaFor(presenter.screen)}
                <figcaption>${t.presenting(presenter.isLocal ? t.you(presenter.name) : presenter.name)}</figcaption>
              </figure>`
            : nothing
        }
        <ul
          part="stage"
          class="stage"
          data-cols=${Math.min(columns, 6)}
          aria-label=${`${t.stage}: ${t.participants(participants.length)}`}
        >
          ${repeat(
            visible,
            (p) => p.identity,
            (p) => this.#renderTile(t, p, p === pinned),
          )}
        </ul>
        ${
          pages > 1
            ? html`<nav part="pager" class="pager" aria-label=${t.stage}>
                <button
                  part="button"
                  data-action="previous-page"
                  aria-label=${t.previousPage}
                  ?disabled=${page === 0}
                  @click=${() => (this.page = page - 1)}
                >
                  ${previousIcon}
                </button>
                <span>${t.page(page + 1, pages)}</span>
                <button
                  part="button"
                  data-action="next-page"
                  aria-label=${t.nextPage}
                  ?disabled=${page >= pages - 1}
                  @click=${() => (this.page = page + 1)}
                >
                  ${nextIcon}
                </button>
              </nav>`
            : nothing
        }
      </div>
    `;
    // Furniture (issue 6): the panel and each kind load only when this room has some.
    const session = this.#room.session;
    const furnished = this.#furniture.has(session?.token?.furniture);
    if (furnished) void loadFurniturePanel().catch(() => {});
    return html`
      ${banners}
      ${
        furnished
          ? html`<convene-furniture-panel part="furniture" .session=${session} .source=${this}
              >${stage}</convene-furniture-panel
            >`
          : stage
      }
      ${this.#renderControls(t, me)}
      <div class="audio" hidden>${audible.map((track) => this.#mediaFor(track))}</div>
    `;
  }

  #renderMessage(t: ConveneStrings, text: string, actions: TemplateResult | typeof nothing, alert = false) {
    return html`<section part="message" class="message">
      <p role=${alert ? 'alert' : nothing}>${text}</p>
      <div class="actions">${actions}</div>
    </section>`;
  }

  #renderError(t: ConveneStrings, state: Extract<SessionState, { phase: 'error' }>) {
    const retry = html`<button
      class="primary"
      part="button primary"
      data-action="retry"
      @click=${() => void this.join().catch(() => {})}
    >
      ${t.tryAgain}
    </button>`;
    const back = html`<button part="button" data-action="back" @click=${() => this.#back()}>
      ${t.backToPrejoin}
    </button>`;
    if (state.code === 'members_only') {
      const href = this.#loginHref();
      return this.#renderMessage(
        t,
        t.errors.members_only,
        html`${href ? html`<a class="button primary" part="button primary sign-in" href=${href}>${t.signIn}</a>` : nothing}
        ${retry}`,
        true,
      );
    }
    const text = t.errors[state.code] ?? state.message;
    const wait = state.retryAfterSeconds ? ` ${t.retryIn(state.retryAfterSeconds)}` : '';
    return this.#renderMessage(t, text + wait, html`${RETRYABLE.has(state.code) ? retry : nothing} ${back}`, true);
  }

  override render() {
    const t = this.#localize.t;
    const state = this.#room.state;
    let body;
    switch (state.phase) {
      case 'idle':
        body = this.#inPrejoin()
          ? this.#renderPrejoin(t)
          : html`<p part="banner" class="banner" role="status">${t.connecting}</p>`;
        break;
      case 'connecting':
        body = html`<p part="banner" class="banner" role="status">${t.connecting}</p>`;
        break;
      case 'connected':
      case 'reconnecting':
        body = this.#renderRoom(t, state.phase === 'reconnecting');
        break;
      case 'left':
        body = this.#renderMessage(
          t,
          t.leftBecause[state.reason],
          html`<button
            class="primary"
            part="button primary"
            data-action="rejoin"
            @click=${() => void this.join().catch(() => {})}
          >
            ${t.rejoin}
          </button>`,
        );
        break;
      case 'error':
        body = CODE_ERRORS.has(state.code) ? this.#renderPrejoin(t, state) : this.#renderError(t, state);
        break;
    }
    return html`${body}
      <div class="visually-hidden" role="status" aria-live="polite">${this.announcement}</div>`;
  }
}
