import { LitElement, html, nothing, svg, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { DirectoryRoom } from '../../core/api.js';
import { PassSource, type PassProvider } from '../../core/pass.js';
import { LocalizeController } from '../../i18n/localize-controller.js';
import type { ConveneStringOverrides, ConveneStrings } from '../../i18n/strings.js';
import type { DoorsApi } from '../../core/doors.js';
import type { DirectorySource, DirectoryState } from './directory.js';
import type { SpaceDoors } from './space-doors.js';
import { PresenceController } from './presence-controller.js';
import { SIGN_IN_CODES, loginHref } from '../room/messages.js';
import { ConvenePresenceChangedEvent, ConveneRoomEnteredEvent, ConveneRoomLeftEvent } from './space.events.js';
import { tokens } from '../../styles/tokens.js';
import { spaceStyles } from './space.styles.js';
// The room's tag is defined by its registration file, which the space loads when it opens a room.

export const NAVIGATION_MODES = ['hash', 'none'] as const;
export type NavigationMode = (typeof NAVIGATION_MODES)[number];

const MAX_NAMES = 8;

const icons = {
  public: svg`<circle cx="12" cy="12" r="9"/><path d="M3 12h18M12 3a14 14 0 0 1 0 18M12 3a14 14 0 0 0 0 18"/>`,
  locked: svg`<rect x="5" y="11" width="14" height="10" rx="2"/><path d="M8 11V7a4 4 0 0 1 8 0v4"/>`,
  members: svg`<circle cx="9" cy="8" r="3.5"/><path d="M2.5 20a6.5 6.5 0 0 1 13 0"/><circle cx="17" cy="9" r="2.5"/><path d="M16 14.2a5 5 0 0 1 5.5 4.8"/>`,
};

/** Reads `#room=slug` (among other hash parameters) from a URL hash. */
export function roomFromHash(hash: string): string {
  return new URLSearchParams(hash.replace(/^#/, '')).get('room') ?? '';
}

/**
 * A space's rooms, who is in each right now, and a way into each.
 *
 * @summary The directory of a Convene space, with live presence; rooms open in place.
 *
 * @attribute lang - The language of the element's text and of the rooms it opens (`en`, `es`, or one
 *   added with `registerStrings`); without it, the nearest `lang` up the page, across shadow roots.
 *
 * A member pass (a short-lived JWT the host site signs for the person signed in there) shows a
 * member the members' rooms and lets them in: give `pass-url` (the site's own endpoint, fetched
 * with the page's cookies when a pass is needed and again before it expires), or set `pass` or
 * `passProvider`. The directory, the presence stream and the rooms the space opens all carry it,
 * in the `Convene-Pass` request header only: never stored, logged or put in a URL.
 *
 * @slot header - The page's own content above the directory.
 * @slot footer - The page's own content below the directory.
 *
 * @fires convene-room-entered - The visitor entered a room (`ConveneRoomEnteredEvent`).
 * @fires convene-room-left - The visitor went back to the directory (`ConveneRoomLeftEvent`).
 * @fires convene-presence-changed - Who is where changed (`ConvenePresenceChangedEvent`).
 *
 * @csspart directory - The list of rooms.
 * @csspart room-card - One room in the directory.
 * @csspart enter - A room's Enter button.
 * @csspart banner - A status message (loading, stale presence, errors).
 * @csspart back - The way back from a room to the directory.
 * @csspart sign-in - The link to the host site's sign-in (`login-url`) when a sign-in must be renewed.
 *
 * @cssprop --convene-color-background - Background (the page's own unless set, or a `theme` is chosen).
 * @cssprop --convene-color-text - Text colour.
 * @cssprop --convene-color-muted - Descriptions, access, out-of-date presence, the Back button's border.
 * @cssprop --convene-color-surface - Room cards and status messages.
 * @cssprop --convene-color-accent - Buttons, the Entrance badge and focus rings.
 * @cssprop --convene-color-on-accent - Text on the accent colour.
 * @cssprop --convene-color-danger - A full room, and the edge of an error message.
 * @cssprop --convene-radius - Corner radius.
 * @cssprop --convene-spacing - Gap between parts.
 * @cssprop --convene-font - Font shorthand.
 */
export class ConveneSpace extends LitElement {
  static override styles = [tokens, spaceStyles];

  #localize = new LocalizeController(this);
  #presence = new PresenceController(this, (state, previous) => this.#presenceChanged(state, previous));
  #pushedHistory = false;
  /**
   * True while the page is being left (a link, a reload, closing the tab): LiveKit then leaves the
   * room by itself, and going back in the history now would cancel where the visitor is going.
   */
  #pageLeaving = false;
  #leavingTimer: ReturnType<typeof setTimeout> | undefined;
  #returnFocusTo = '';
  #passes = new PassSource();
  /** Moderators' door (who knocks on which room): its own chunk, loaded when the directory says the visitor moderates. */
  #doors: SpaceDoors | undefined;
  #doorsLoad: Promise<unknown> | undefined;

  @state() private focusIndex = 0;

  /** URL of the Convene server (absolute, or relative to the page). */
  @property({ reflect: true }) server = '';
  /** Slug of the space. */
  @property({ reflect: true }) space = '';
  /** Slug of the room shown in place of the directory; empty for the directory. */
  @property({ reflect: true }) room = '';
  /** The visitor's display name, passed on to rooms. */
  @property() name = '';
  /** Where the page's sign-in is, for members-only rooms and a sign-in that must be renewed. */
  @property({ attribute: 'login-url' }) loginUrl = '';
  /** The host site's pass endpoint (same site, with its cookies): `{"pass": "<jwt>", "expires_at": "<ISO>"}`, or `{"pass": null}` for a guest. */
  @property({ attribute: 'pass-url' }) passUrl = '';
  /** A member pass the page already has (a JWT the host site signed); property only, never an attribute. */
  @property({ attribute: false }) pass?: string;
  /** Gives the visitor's current member pass, or `null` for a guest; asked again before the one it gave expires. */
  @property({ attribute: false }) passProvider?: PassProvider;
  /** `hash` (default) keeps the open room in the URL (`#room=lobby`) so Back returns to the directory; `none` leaves the URL alone. */
  @property({ reflect: true }) navigation: NavigationMode = 'hash';
  /** `light` or `dark` to override the page's colour scheme. */
  @property({ reflect: true }) theme = '';
  /** Overrides for any text the element shows, and the rooms it opens show (their furniture's too). */
  @property({ attribute: false }) strings: ConveneStringOverrides = {};
  /** Where the directory comes from instead of the server (a `FixedDirectory` for stories and docs). */
  @property({ attribute: false }) source: DirectorySource | undefined;
  /**
   * Door requests from fixtures, for view tests; the server's by default.
   * @internal
   */
  declare doorsApi?: DoorsApi;

  protected override scheduleUpdate(): void | Promise<unknown> {
    // A shipped language other than English loads on first use: render once it is here.
    return this.#localize.afterLanguage(() => super.scheduleUpdate());
  }

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('popstate', this.#onLocationChange);
    window.addEventListener('hashchange', this.#onLocationChange);
    window.addEventListener('beforeunload', this.#onPageLeave);
    window.addEventListener('pagehide', this.#onPageLeave);
    if (this.navigation === 'hash') {
      const fromHash = roomFromHash(location.hash);
      if (fromHash) this.room = fromHash;
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('popstate', this.#onLocationChange);
    window.removeEventListener('hashchange', this.#onLocationChange);
    window.removeEventListener('beforeunload', this.#onPageLeave);
    window.removeEventListener('pagehide', this.#onPageLeave);
    clearTimeout(this.#leavingTimer);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    const passChanged = changed.has('pass') || changed.has('passProvider') || changed.has('passUrl');
    if (passChanged) {
      this.#passes.configure({ pass: this.pass, passProvider: this.passProvider, passUrl: this.passUrl });
    }
    if (this.doorsApi) this.#loadDoors();
    // The room's code (in the embed, a chunk of its own) only when the space opens a room; the
    // <convene-room> rendered meanwhile keeps what is set on it and upgrades when it is defined.
    if (this.room && !customElements.get('convene-room')) void import('../room/convene-room.js').catch(() => {});
    if (changed.has('server') || changed.has('space') || changed.has('source')) {
      this.#presence.follow(
        this.source ??
          (this.server && this.space ? { server: this.server, space: this.space, passes: this.#passes } : null),
      );
    } else if (passChanged) {
      // Signed in or out: the directory and its stream again, as this visitor now sees them.
      this.#presence.retry();
    }
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (changed.has('room') && changed.get('room') !== undefined) {
      if (this.room) {
        this.renderRoot.querySelector<HTMLElement>('convene-room')?.focus();
      } else if (this.#returnFocusTo) {
        this.renderRoot
          .querySelector<HTMLElement>(`[data-room="${CSS.escape(this.#returnFocusTo)}"] [part="enter"]`)
          ?.focus();
        this.#returnFocusTo = '';
      }
    }
  }

  #onLocationChange = () => {
    if (this.navigation !== 'hash') return;
    const fromHash = roomFromHash(location.hash);
    if (fromHash === this.room) return;
    if (!fromHash) {
      this.#pushedHistory = false;
      this.#showDirectory();
    } else {
      this.#show(fromHash);
    }
  };

  /** The door (who knocks where) for moderators: its own chunk, once the directory says the visitor moderates here. */
  #loadDoors() {
    if (this.#doorsLoad) return;
    this.#doorsLoad = import('./space-doors.js').then(
      ({ SpaceDoors }) => (this.#doors = new SpaceDoors(this, () => this.#passes)),
      () => (this.#doorsLoad = undefined),
    );
  }

  #presenceChanged(state: DirectoryState, previous: DirectoryState) {
    if (state.status !== 'ready') return;
    // The server's word (the host site's sign-in or the pass): a cookie-signed-in moderator too.
    if (state.directory.moderator) this.#loadDoors();
    const before = previous.status === 'ready' ? previous.directory : undefined;
    const key = (rooms: DirectoryRoom[]) =>
      JSON.stringify(rooms.map((r) => [r.slug, r.count, r.people, r.locked_by_moderator, r.speaking]));
    if (before && key(before.rooms) !== key(state.directory.rooms)) {
      this.dispatchEvent(new ConvenePresenceChangedEvent(state.directory));
    }
  }

  /** Opens a room in place of the directory. */
  enter(room: string): void {
    if (!room || room === this.room) return;
    if (this.navigation === 'hash') {
      const params = new URLSearchParams(location.hash.replace(/^#/, ''));
      params.set('room', room);
      history.pushState(history.state, '', `#${params}`);
      this.#pushedHistory = true;
    }
    this.#show(room);
  }

  /** Goes back from a room to the directory. */
  back(): void {
    if (!this.room) return;
    if (this.navigation === 'hash') {
      if (this.#pushedHistory) {
        // Undo our own history entry, so Back and this button agree.
        history.back();
        return;
      }
      const params = new URLSearchParams(location.hash.replace(/^#/, ''));
      params.delete('room');
      const rest = params.toString();
      history.replaceState(history.state, '', rest ? `#${rest}` : location.pathname + location.search);
    }
    this.#showDirectory();
  }

  #show(room: string) {
    this.room = room;
    this.dispatchEvent(new ConveneRoomEnteredEvent(room));
  }

  #showDirectory() {
    const left = this.room;
    if (!left) return;
    this.#returnFocusTo = left;
    this.room = '';
    this.dispatchEvent(new ConveneRoomLeftEvent(left));
    this.#presence.retry();
  }

  #onRoomLeft = (event: Event) => {
    // `convene-left` from our own room: a person who leaves returns to the directory (not one
    // whom LiveKit took out because the page is going away).
    const reason = (event as Event & { reason?: string }).reason;
    if (reason === 'left' && !this.#pageLeaving) this.back();
  };

  #onPageLeave = () => {
    this.#pageLeaving = true;
    // A leave the page cancelled (a beforeunload prompt answered "stay") ends the flag.
    clearTimeout(this.#leavingTimer);
    this.#leavingTimer = setTimeout(() => (this.#pageLeaving = false), 3000);
  };

  #onListKeydown(event: KeyboardEvent, count: number) {
    const keys: Record<string, number> = { ArrowDown: 1, ArrowRight: 1, ArrowUp: -1, ArrowLeft: -1 };
    let next: number | undefined;
    if (event.key in keys) next = (this.focusIndex + (keys[event.key] ?? 0) + count) % count;
    else if (event.key === 'Home') next = 0;
    else if (event.key === 'End') next = count - 1;
    if (next === undefined) return;
    event.preventDefault();
    this.focusIndex = next;
    void this.updateComplete.then(() =>
      this.renderRoot.querySelectorAll<HTMLElement>('[part="enter"]')[next as number]?.focus(),
    );
  }

  #renderPeople(t: ConveneStrings, room: DirectoryRoom, stale: boolean) {
    const everyone = room.people?.map((p) => p.name) ?? [];
    const shown = everyone.slice(0, MAX_NAMES);
    const more = everyone.length - shown.length;
    const names = shown.length ? `: ${shown.join(', ')}${more > 0 ? ` ${t.andMore(more)}` : ''}` : '';
    // A stage room (issue 17): how many speak and how many watch, not everyone's names.
    const speaking = room.stage ? Math.min(room.speaking ?? 0, room.count) : 0;
    const counts = room.stage && room.count > 0 ? t.stageCounts(speaking, room.count - speaking) : '';
    return html`<p
      class="presence ${stale ? 'stale' : ''}"
      data-count=${room.count}
      data-speaking=${room.stage ? speaking : nothing}
    >
      ${counts || html`${t.peopleIn(room.count)}${names}`}
    </p>`;
  }

  #renderCapacity(t: ConveneStrings, room: DirectoryRoom) {
    if (!room.capacity) return nothing;
    const left = Math.max(0, room.capacity - room.count);
    const near = left <= Math.max(2, Math.ceil(room.capacity * 0.25));
    if (!near) return nothing;
    return html`<p class="capacity ${left === 0 ? 'full' : ''}">
      ${left === 0 ? t.roomFull : t.placesLeft(left, room.capacity)}
    </p>`;
  }

  #renderCard(t: ConveneStrings, room: DirectoryRoom, index: number, entrance: string, stale: boolean, count: number) {
    const access = { public: t.accessPublic, locked: t.accessLocked, members: t.accessMembers }[room.access];
    const headingId = `room-${room.slug}`;
    return html`<li part="room-card" class="card" data-room=${room.slug} aria-labelledby=${headingId}>
      <h3 id=${headingId}>
        ${room.name}${room.slug === entrance ? html` <span class="badge">${t.entrance}</span>` : nothing}
      </h3>
      ${room.description ? html`<p class="description">${room.description}</p>` : nothing}
      <p class="access" data-access=${room.access}>
        <svg viewBox="0 0 24 24" aria-hidden="true" focusable="false">${icons[room.access]}</svg>
        <span>${access}</span>
      </p>
      ${
        room.locked_by_moderator
          ? html`<p class="access" data-locked-by-moderator>
              <svg viewBox="0 0 24 24" aria-hidden="true" focusable="false">${icons.locked}</svg>
              <span>${t.lockedByModerator}</span>
            </p>`
          : nothing
      }
      ${this.#renderPeople(t, room, stale)} ${this.#renderCapacity(t, room)} ${this.#doors?.renderCard(t, room)}
      <button
        part="enter"
        class="enter"
        tabindex=${index === Math.min(this.focusIndex, count - 1) ? 0 : -1}
        @focus=${() => (this.focusIndex = index)}
        @click=${() => this.enter(room.slug)}
      >
        ${t.enter(room.name)}
      </button>
    </li>`;
  }

  #renderDirectory(t: ConveneStrings) {
    const state = this.#presence.state;
    if (state.status === 'loading') {
      return html`<p part="banner" class="banner" role="status">${t.loading}</p>`;
    }
    if (state.status === 'error') {
      const { error } = state;
      const message =
        error.code === 'space_not_found'
          ? t.spaceNotFound(this.space)
          : error.code === 'network'
            ? t.serverUnreachable
            : error.code.startsWith('pass_')
              ? (t.errors[error.code] ?? error.message)
              : t.serverError(error.message);
      const signIn = SIGN_IN_CODES.has(error.code) ? loginHref(this.loginUrl) : undefined;
      return html`<div part="banner" class="banner error" role="alert">
        <p>${message}</p>
        ${signIn ? html`<a part="sign-in" class="sign-in" href=${signIn}>${t.signIn}</a>` : nothing}
        ${
          error.code === 'space_not_found'
            ? nothing
            : html`<button class="retry" @click=${() => this.#presence.retry()}>${t.tryAgain}</button>`
        }
      </div>`;
    }
    const { directory, stale } = state;
    const rooms = directory.rooms;
    return html`<h2 class="space-name">${directory.name}</h2>
      ${this.#doors?.renderLive(t)}
      ${
        stale
          ? html`<p part="banner" class="banner stale" role="status">${t.presenceStale}</p>`
          : directory.presence === 'unavailable'
            ? html`<p part="banner" class="banner" role="status">${t.presenceUnavailable}</p>`
            : nothing
      }
      ${
        rooms.length === 0
          ? html`<p part="banner" class="banner">${t.emptySpace}</p>`
          : html`<ul
              part="directory"
              class="directory"
              aria-label=${t.rooms}
              aria-busy=${stale ? 'true' : 'false'}
              @keydown=${(e: KeyboardEvent) => this.#onListKeydown(e, rooms.length)}
            >
              ${rooms.map((room, index) => this.#renderCard(t, room, index, directory.entrance, stale, rooms.length))}
            </ul>`
      }`;
  }

  override render() {
    const t = this.#localize.t;
    if (this.room) {
      return html`<slot name="header"></slot>
        <button part="back" class="back" @click=${() => this.back()}>
          <span aria-hidden="true">←</span> ${t.backToRooms}
        </button>
        <convene-room
          server=${this.server}
          space=${this.space}
          room=${this.room}
          name=${this.name}
          login-url=${this.loginUrl}
          .passSource=${this.#passes}
          theme=${this.theme}
          tabindex="-1"
          @convene-left=${this.#onRoomLeft}
        ></convene-room>
        <slot name="footer"></slot>`;
    }
    return html`<slot name="header"></slot>${this.#renderDirectory(t)}<slot name="footer"></slot>`;
  }
}
