import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { ConveneErrorEvent } from '../../core/error-event.js';
import { PassSource, type PassProvider } from '../../core/pass.js';
import { FurnitureWatch, loadFurniturePanel } from '../../furniture/load.js';
import { LocalizeController } from '../../i18n/localize-controller.js';
import type { ConveneStringOverrides, ConveneStrings, ErrorKey } from '../../i18n/strings.js';
import { tokens } from '../../styles/tokens.js';
import { ControlsState, renderControls } from './controls.js';
import { MediaController } from './media-controller.js';
import { renderError, renderLeft } from './messages.js';
import { ModerationState } from './moderation.js';
import { CODE_ERRORS, PrejoinController, asksFreely, renderPrejoin } from './prejoin.js';
import type { DoorsApi } from '../../core/doors.js';
import { DOOR_ERRORS, DoorEntry } from './door-entry.js';
import { E2eeEntry } from './e2ee-entry.js';
import type { DoorText, RoomDoors } from './doors.js';
import { RoomController } from './room-controller.js';
import {
  ConveneJoinedEvent,
  ConveneLeftEvent,
  ConveneParticipantJoinedEvent,
  ConveneParticipantLeftEvent,
} from './room.events.js';
import { roomStyles } from './room.styles.js';
import type { ConveneSession, ParticipantChange, SessionOptions, SessionState } from './session.js';
import type { StageRoom, StageText } from './stage-room.js';
import { StageController, renderAudio, renderBanners, renderStage, type StageView } from './stage.js';

/** Themes a page may force; without `theme`, the element follows `prefers-color-scheme`. */
export const ROOM_THEMES = ['light', 'dark'] as const;
export type RoomTheme = (typeof ROOM_THEMES)[number];

let instances = 0;

/**
 * A video room on any web page: pre-join, the stage of participants, controls, and every state a
 * visitor can meet, each saying what happened and what to do next.
 *
 * @summary Takes a visitor through pre-join into a Convene video room.
 *
 * @attribute lang - The language of the element's text (`en`, `es`, or one added with `registerStrings`);
 *   without it, the nearest `lang` up the page, across shadow roots (a space's, for the room it opens).
 *
 * A member pass (a short-lived JWT the host site signs for the person signed in there) makes the
 * visitor a member or a moderator: give `pass-url` (the site's own endpoint, fetched with the page's
 * cookies when a pass is needed and again before it expires), or set `pass` or `passProvider`. It
 * travels in the `Convene-Pass` request header only: never stored, logged or put in a URL. A
 * refused pass says what to do, with the `login-url` link.
 *
 * @fires convene-joined - The visitor is in the room (`ConveneJoinedEvent`: `room`, `identity`).
 * @fires convene-left - The visitor left, was disconnected, or the element was removed from the page while in
 *   the room (`ConveneLeftEvent`: `room`, `reason`: `left`, `removed`, `room-closed`, `connection-lost`,
 *   `duplicate`; after a removal it is heard on the element itself, no longer in the page); moving the
 *   element within the page keeps the visitor in the room and fires nothing.
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
 * @csspart spotlight - The "Spotlight" badge on the tile the room's spotlight pins to the stage (`session.spotlight`).
 * @csspart reactions - Emoji floating over a tile (`session.reactions`, from the room's `hand-raise` furniture).
 * @csspart screen-share - The screen share that has the focus.
 * @csspart pager - Previous/next page of tiles.
 * @csspart controls - The row of room controls.
 * @csspart control - Each control button (also `control leave`).
 * @csspart devices - The device chooser.
 * @csspart banner - A status banner (connecting, reconnecting, audio blocked, media problems).
 * @csspart message - The panel of a state outside the room (left, refused, unreachable).
 * @csspart button - Every button outside the controls (also `button primary`; the sign-in link is `button primary sign-in`).
 * @csspart furniture - The furniture panel around the stage: tabs beside it on wide screens, below it on narrow ones.
 * @csspart watching - In a stage room: how many watch (the audience has no tiles).
 * @csspart speak-queue - In a stage room, for moderators: who asked to speak, in order, each with Bring up.
 * @csspart device-check - In a stage room: the camera and microphone check of someone brought onto the stage.
 *
 * @cssprop --convene-color-background - Background of the room.
 * @cssprop --convene-color-text - Text colour.
 * @cssprop --convene-color-muted - Secondary text and borders.
 * @cssprop --convene-color-surface - Tiles and secondary buttons.
 * @cssprop --convene-color-accent - Primary buttons, focus rings, the speaking highlight.
 * @cssprop --convene-color-on-accent - Text on the accent colour.
 * @cssprop --convene-color-danger - Leave, errors.
 * @cssprop --convene-color-on-danger - Text on the danger colour (Leave, a moderator’s Remove).
 * @cssprop --convene-radius - Corner radius.
 * @cssprop --convene-spacing - Gap between parts.
 * @cssprop --convene-font - Font shorthand.
 * @cssprop --convene-tile-aspect - Aspect ratio of a tile (default 16 / 9).
 */
export class ConveneRoom extends LitElement {
  static override styles = [tokens, roomStyles];

  #room = new RoomController(this);
  #localize = new LocalizeController(this);
  #media = new MediaController(this);
  #prejoin = new PrejoinController(this);
  #stage = new StageController(this);
  #moderation = new ModerationState(this);
  #controls = new ControlsState(this);
  // Lays out furniture the page adds (or removes) after joining.
  #furniture = new FurnitureWatch(this);
  #joining: Promise<void> | undefined;
  #id = `convene-room-${++instances}`;
  #phase: SessionState['phase'] = 'idle';
  /** Who the spotlight pinned at the last change, for its announcement. */
  #spotlit = '';
  #autoJoin = false;
  #passes = new PassSource();
  /** What every visitor needs of the door: the directory's word, the invite and guest id of the token request. */
  #entry = new DoorEntry(
    this,
    () => this.#passSource(),
    () => void this.#loadDoors(),
  );
  /** The door (knock, lock, invite, keep out): its own chunk, loaded only when `#entry` says it is needed. */
  #doors: RoomDoors | undefined;
  #doorsLoad: Promise<RoomDoors | undefined> | undefined;
  /** End-to-end encryption (issue 15): the key for joining, and its chunk's views once the room is known to be encrypted. */
  #e2ee = new E2eeEntry(this, () => this.#entry.info);
  /** A stage room's parts (issue 17): their own chunk, loaded once the directory or the token says the room is a stage. */
  #stageRoom: StageRoom | undefined;
  #stageLoad: Promise<StageRoom | undefined> | undefined;

  @query('input[name="name"]') private nameInput?: HTMLInputElement;
  @query('input[name="access-code"]') private codeInput?: HTMLInputElement;

  @state() private announcement = '';
  @state() private formError = '';
  @state() private accessCode = '';

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
  /** Where a visitor signs in to the host site, offered when a room is for members only or a sign-in must be renewed. */
  @property({ attribute: 'login-url' }) loginUrl = '';
  /** The host site's pass endpoint (same site, with its cookies): `{"pass": "<jwt>", "expires_at": "<ISO>"}`, or `{"pass": null}` for a guest. */
  @property({ attribute: 'pass-url' }) passUrl = '';
  /** A member pass the page already has (a JWT the host site signed); property only, never an attribute. */
  @property({ attribute: false }) pass?: string;
  /** Gives the visitor's current member pass, or `null` for a guest; asked again before the one it gave expires. */
  @property({ attribute: false }) passProvider?: PassProvider;
  /**
   * The pass source a `<convene-space>` hands the room it opens; the room's own `pass`, `passProvider` or `pass-url` win.
   * @internal
   */
  @property({ attribute: false }) passSource?: PassSource;
  /** An invite link's secret (without it, the page URL's `convene_invite` parameter): it lets a guest past the door. */
  @property() invite = '';
  /**
   * Door requests from fixtures, for view tests; the server's by default.
   * @internal
   */
  declare doorsApi?: DoorsApi;
  /** Forces a light or dark look; without it the element follows `prefers-color-scheme`. */
  @property({ reflect: true }) theme?: RoomTheme;
  /** Overrides for any text the element and its furniture show, e.g. `{ join: 'Come in', errors: { room_full: '…' } }`. */
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
    this.#room.onSpotlight = (identity) => this.#onSpotlight(identity);
    this.#room.onReaction = (reaction) => this.#stage.float(reaction);
  }

  protected override scheduleUpdate(): void | Promise<unknown> {
    // A shipped language other than English loads on first use: render once it is here.
    return this.#localize.afterLanguage(() => super.scheduleUpdate());
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // Decided at the next update: properties set before the element was defined arrive only then.
    this.#autoJoin = true;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('server') || changed.has('space') || changed.has('room')) {
      const { options } = this.#room.session ?? {};
      if (options && (options.room !== this.room || options.space !== this.space || options.server !== this.server)) {
        this.#room.close();
        this.accessCode = '';
      }
    }
    // Joining at once starts here, not in updated(): what it sets (the session, its state) shows in
    // this update instead of scheduling another one after it.
    if (this.#autoJoin) {
      this.#autoJoin = false;
      if (this.noPrejoin && (this.name || this.#prejoin.rememberedName()) && this.#room.state.phase === 'idle') {
        void this.join().catch(() => {});
      }
    }
  }

  protected override updated(): void {
    // A stage room's audience needs no camera or microphone to watch: no preview until the directory says which it is.
    const devices = this.#entry.settled && !this.#entry.info?.stage;
    this.#prejoin.sync(this.#inPrejoin() && devices, !!this.#joining, this.#room.state.phase === 'connecting');
    if (this.#entry.info?.stage || this.#room.session?.token?.stage) void this.#loadStage();
    this.#prepare();
  }

  // Handlers

  #onState(state: SessionState) {
    const t = this.#localize.t;
    const previous = this.#phase;
    this.#phase = state.phase;
    if (!('identity' in state)) this.#spotlit = '';
    if (state.phase === 'connected' && previous === 'connecting') {
      this.#prejoin.handOver();
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

  #onSpotlight(identity: string) {
    if (identity === this.#spotlit) return;
    const t = this.#localize.t;
    const find = (id: string) => this.#room.participants.find((p) => p.identity === id);
    const who = find(identity);
    // Someone who left is announced as leaving; the pin ends without a second announcement.
    if (who) this.announcement = t.spotlightOn(who.isLocal ? t.you(who.name) : who.name);
    else if (find(this.#spotlit)) this.announcement = t.spotlightCleared;
    this.#spotlit = identity;
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
        // A refusal the door answers: its chunk (loading now) renders before the focus moves.
        const door = DOOR_ERRORS.has(state.code) ? this.#loadDoors() : Promise.resolve();
        void door.then(() =>
          this.#focusAfterUpdate(
            CODE_ERRORS.has(state.code)
              ? 'input[name="access-code"]'
              : state.code === 'e2ee_key_required'
                ? 'input[name="e2ee-passphrase"]'
                : '[data-action="knock"],[part~="message"] button',
          ),
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
    if (!session || !me) return this.#prejoin.setMicrophone(on);
    this.#prejoin.choices.microphone = on ?? !me.microphoneOn;
    await session.setMicrophone(this.#prejoin.choices.microphone);
  }

  /** Turns the camera on or off (toggles without an argument); in pre-join, the choice to join with it. */
  async toggleCamera(on?: boolean): Promise<void> {
    const session = this.#room.session;
    const me = this.#room.participants.find((p) => p.isLocal);
    if (!session || !me) return this.#prejoin.setCamera(on);
    this.#prejoin.choices.camera = on ?? !me.cameraOn;
    await session.setCamera(this.#prejoin.choices.camera);
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
    const prejoin = this.#prejoin;
    const name = this.#typedName();
    if (!name) {
      this.formError = t.nameRequired;
      this.nameInput?.focus();
      return;
    }
    this.formError = '';
    prejoin.remember(name);
    const accessCode = (this.codeInput?.value ?? this.accessCode).trim();
    this.accessCode = accessCode;
    const tracks = prejoin.forJoin();
    const { camera, microphone, videoinput, audioinput } = prejoin.choices;
    // The settings as they are now (join() may come before the first update); unchanged ones keep the pass held.
    const passes = this.#passSource();
    const session =
      this.#room.session ??
      this.#room.open({ server: this.server, space: this.space, room: this.room, passes }, this.sessionFactory);
    await session.join({
      name,
      ...(accessCode ? { accessCode } : {}),
      ...this.#entry.tokenFields(),
      ...this.#doors?.tokenFields(),
      e2eeKey: this.#e2ee.key(),
      camera,
      microphone,
      tracks,
      devices: { videoinput, audioinput },
    });
  }

  /** The name to join with: pre-join's field, else the `name` attribute, else the one remembered for this server. */
  #typedName(): string {
    return (this.nameInput?.value ?? this.name ?? '').trim() || this.name.trim() || this.#prejoin.rememberedName();
  }

  /**
   * While pre-join shows (issue 19): readies the join in the session made for it, without joining:
   * the video client, and the token for the name typed now when asking uses nothing up (`asksFreely`).
   */
  #prepare() {
    if (!this.isConnected || this.#joining || !this.#inPrejoin() || !this.server || !this.space || !this.room) return;
    const passes = this.#passSource();
    const session =
      this.#room.session ??
      this.#room.prepared({ server: this.server, space: this.space, room: this.room, passes }, this.sessionFactory);
    const { invite = '', guestId } = this.#entry.tokenFields();
    const accessCode = (this.codeInput?.value ?? this.accessCode).trim();
    // Not after a refusal: what the directory said may be out of date (a lock since).
    const early = this.#room.state.phase === 'idle' && asksFreely(this.#entry.info, { invite, accessCode });
    session.prepare?.(early ? { name: this.#typedName(), guestId } : {});
  }

  /** The pass source the room's requests carry: its own settings as they are now (unchanged ones keep the pass held), else its space's. */
  #passSource(): PassSource {
    this.#passes.configure({ pass: this.pass, passProvider: this.passProvider, passUrl: this.passUrl });
    return this.#passes.active || !this.passSource ? this.#passes : this.passSource;
  }

  #loadDoors(): Promise<RoomDoors | undefined> {
    return (this.#doorsLoad ??= import('./doors.js').then(
      ({ RoomDoors, renderModeration }) => {
        const doors = new RoomDoors(
          this,
          () => this.#passSource(),
          (text) => (this.announcement = text),
          this.#entry,
        );
        this.#moderation.extra = (t, p) => doors.renderKeepOut(t as DoorText, p);
        this.#moderation.buttons = (t, p, session) => renderModeration(t, p, this.#moderation, session);
        this.requestUpdate();
        return (this.#doors = doors);
      },
      // The chunk did not load (the network): the room works without its door.
      () => (this.#doorsLoad = undefined),
    ));
  }

  #loadStage(): Promise<StageRoom | undefined> {
    return (this.#stageLoad ??= import('./stage-room.js').then(
      ({ StageRoom }) => {
        const stage = new StageRoom(this, (text) => (this.announcement = text), this.#media);
        this.#moderation.stage = (t, p) => stage.renderSendBack(t, p);
        this.requestUpdate();
        return (this.#stageRoom = stage);
      },
      // The chunk did not load (the network): the audience still watches, without asking to speak.
      () => (this.#stageLoad = undefined),
    ));
  }

  #inPrejoin(): boolean {
    const state = this.#room.state;
    if (state.phase === 'idle') {
      return !this.noPrejoin || !!this.formError || !(this.name || this.#prejoin.rememberedName());
    }
    return state.phase === 'error' && this.#prejoinAnswers(state.code);
  }

  /** Refusals pre-join answers itself: the access code, or "Ask to come in". */
  #prejoinAnswers(code: ErrorKey): boolean {
    return CODE_ERRORS.has(code) || code === 'e2ee_key_required' || this.#entry.keepsPrejoin(code);
  }

  async #focusAfterUpdate(selector: string) {
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(selector)?.focus();
  }

  #back() {
    this.#room.close();
    this.requestUpdate();
  }

  /** Out of an encrypted room whose key did not match, back to pre-join to type it. */
  async #leaveForKey() {
    await this.leave();
    this.#back();
    void this.#focusAfterUpdate('input[name="e2ee-passphrase"]');
  }

  // Rendering

  #renderPrejoin(t: ConveneStrings, error?: Extract<SessionState, { phase: 'error' }>) {
    const doors = this.#doors;
    return renderPrejoin({
      locked: this.#entry.showsCode,
      doors: doors?.renderAsk(t as DoorText, error?.code),
      waiting: doors?.renderWaiting(t as DoorText, this.#id),
      t,
      id: this.#id,
      prejoin: this.#prejoin,
      media: this.#media,
      name: this.nameInput?.value || this.name || this.#prejoin.rememberedName(),
      formError: this.formError,
      accessCode: this.accessCode,
      busy: !!this.#joining,
      error,
      e2ee: this.#e2ee.renderPrejoin(t, this.#id, !!this.#joining, error?.code),
      ...(this.#entry.info?.stage ? { watchOnly: this.#stageRoom?.renderPrejoinHint(t) ?? nothing } : {}),
      onSubmit: (e) => this.#onSubmit(e),
      onAccessCode: (value) => (this.accessCode = value),
      onName: () => this.#prepare(),
    });
  }

  #renderRoom(t: ConveneStrings, reconnecting: boolean) {
    const session = this.#room.session;
    // A stage room (issue 17): the speakers have tiles, the audience none (however many watch).
    const place = session?.stage?.value;
    const stageRoom = place ? this.#stageRoom : undefined;
    const everyone = this.#room.participants;
    const view: StageView = {
      t: place ? { ...t, stage: (t as StageText).onStage ?? t.stage } : t,
      participants: place ? everyone.filter((p) => p.stage !== 'audience') : everyone,
      media: this.#room.media,
      reconnecting,
      spotlight: this.#room.spotlight,
      session,
      stage: this.#stage,
      elements: this.#media,
      moderation: this.#moderation,
      undecryptable: this.#e2ee.tile,
    };
    const stage = renderStage(view);
    // Furniture (issue 6): the panel and each kind load only when this room has some.
    const furnished = this.#furniture.has(session?.token?.furniture);
    if (furnished) void loadFurniturePanel().catch(() => {});
    return html`
      ${this.#e2ee.renderRoom(t, this.#id, () => this.#leaveForKey())} ${renderBanners(view)}
      ${stageRoom?.renderHeader(t, everyone)} ${stageRoom?.renderCheck(t, this.#id)}
      ${stageRoom?.renderQueue(t, everyone, this.#localize.locale)}
      ${
        furnished
          ? html`<convene-furniture-panel part="furniture" .session=${session} .source=${this}
              >${stage}</convene-furniture-panel
            >`
          : stage
      }
      ${this.#doors?.renderPanels(t as DoorText, this.#id, this.#localize.locale)}
      ${renderControls({
        t,
        id: this.#id,
        extra: html`${stageRoom?.renderControl(
          t,
          everyone.find((p) => p.isLocal),
        )}${this.#doors?.renderToolbar(t as DoorText, this.#id)}`,
        watchOnly: place === 'audience',
        controls: this.#controls,
        me: everyone.find((p) => p.isLocal),
        media: view.media,
        session,
        actions: this,
        focus: (selector) => void this.#focusAfterUpdate(selector),
      })}
      ${renderAudio(view)}
    `;
  }

  override render() {
    const t = this.#localize.t;
    const state = this.#room.state;
    const rejoin = () => void this.join().catch(() => {});
    const connecting = html`<p part="banner" class="banner" role="status">${t.connecting}</p>`;
    let body;
    switch (state.phase) {
      case 'idle':
        body = this.#inPrejoin() ? this.#renderPrejoin(t) : connecting;
        break;
      case 'connecting':
        body = connecting;
        break;
      case 'connected':
      case 'reconnecting':
        body = this.#renderRoom(t, state.phase === 'reconnecting');
        break;
      case 'left':
        body = renderLeft(t, state.reason, rejoin);
        break;
      case 'error':
        body = this.#prejoinAnswers(state.code)
          ? this.#renderPrejoin(t, state)
          : renderError({ t, state, loginUrl: this.loginUrl, onRetry: rejoin, onBack: () => this.#back() });
        break;
    }
    return html`${body}
      <div class="visually-hidden" role="status" aria-live="polite">${this.announcement}</div>`;
  }
}
