import { LitElement, css, html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { ConveneApiError, fetchDirectory, type Directory, type DirectoryRoom } from '../../core/api.js';
import { LocalizeController } from '../../i18n/localize-controller.js';
import type { ConveneStrings } from '../../i18n/strings.js';
import '../room/convene-room.js';

/**
 * A space's rooms and who is in each; entering a room shows it in place.
 *
 * @summary The directory of a Convene space.
 *
 * @slot header - The page's own content above the directory.
 * @slot footer - The page's own content below the directory.
 *
 * @csspart directory - The list of rooms.
 * @csspart room-card - One room in the directory.
 */
export class ConveneSpace extends LitElement {
  static override styles = css`
    :host {
      display: block;
      font: var(--convene-font, 400 1rem/1.5 system-ui, sans-serif);
      color: var(--convene-color-text, light-dark(#1c1e24, #f1f2f5));
      color-scheme: light dark;
    }
    ul {
      list-style: none;
      padding: 0;
      display: grid;
      gap: var(--convene-spacing, 12px);
      grid-template-columns: repeat(auto-fill, minmax(min(100%, 16rem), 1fr));
    }
    li {
      padding: var(--convene-spacing, 12px);
      border-radius: var(--convene-radius, 12px);
      background: var(--convene-color-surface, light-dark(#f1f2f5, #23262e));
    }
    h3 {
      margin: 0;
    }
    button {
      font: inherit;
      font-weight: 600;
      padding: 8px 16px;
      border: 0;
      border-radius: 6px;
      background: var(--convene-color-accent, light-dark(#2453d6, #7fa2ff));
      color: var(--convene-color-on-accent, light-dark(#ffffff, #0b1330));
      cursor: pointer;
    }
    button:focus-visible {
      outline: 3px solid var(--convene-color-accent, light-dark(#2453d6, #7fa2ff));
      outline-offset: 2px;
    }
    .back {
      background: transparent;
      color: inherit;
      text-decoration: underline;
      padding-inline: 0;
    }
  `;

  #localize = new LocalizeController(this);
  #abort: AbortController | undefined;

  @state() private directory: Directory | undefined;
  @state() private error: ConveneApiError | undefined;

  /** URL of the Convene server (absolute, or relative to the page). */
  @property({ reflect: true }) server = '';
  /** Slug of the space. */
  @property({ reflect: true }) space = '';
  /** Slug of the room to show; empty shows the directory. */
  @property({ reflect: true }) room = '';
  /** The visitor's display name, passed on to the room. */
  @property() name = '';
  /** Overrides for any text the element shows. */
  @property({ attribute: false }) strings: Partial<ConveneStrings> = {};

  override connectedCallback(): void {
    super.connectedCallback();
    void this.refresh();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#abort?.abort();
  }

  /** Fetches the directory again. */
  async refresh(): Promise<void> {
    if (!this.server || !this.space) return;
    this.#abort?.abort();
    this.#abort = new AbortController();
    try {
      this.directory = await fetchDirectory(this.server, this.space, this.#abort.signal);
      this.error = undefined;
    } catch (error) {
      if ((error as Error).name === 'AbortError') return;
      this.error = error instanceof ConveneApiError ? error : new ConveneApiError('network', String(error));
    }
  }

  #renderRoom(t: ConveneStrings, room: DirectoryRoom) {
    return html`<li part="room-card" data-room=${room.slug}>
      <h3>${room.name}</h3>
      ${room.description ? html`<p>${room.description}</p>` : nothing}
      <p>${t.peopleIn(room.count)}${room.people?.length ? `: ${room.people.map((p) => p.name).join(', ')}` : ''}</p>
      <button @click=${() => (this.room = room.slug)}>${t.enter(room.name)}</button>
    </li>`;
  }

  override render() {
    const t = this.#localize.t;
    if (this.room) {
      return html`<button
          class="back"
          @click=${() => {
            this.room = '';
            void this.refresh();
          }}
        >
          ${t.backToRooms}
        </button>
        <convene-room
          server=${this.server}
          space=${this.space}
          room=${this.room}
          name=${this.name}
          .strings=${this.strings}
        ></convene-room>`;
    }
    let body;
    if (this.error) {
      body = html`<p role="alert">${this.error.message}</p>
        <button @click=${() => void this.refresh()}>${t.tryAgain}</button>`;
    } else if (!this.directory) {
      body = html`<p role="status">${t.loading}</p>`;
    } else {
      body = html`<h2>${this.directory.name}</h2>
        <ul part="directory" aria-label=${t.rooms}>
          ${this.directory.rooms.map((room) => this.#renderRoom(t, room))}
        </ul>`;
    }
    return html`<slot name="header"></slot>${body}<slot name="footer"></slot>`;
  }
}
