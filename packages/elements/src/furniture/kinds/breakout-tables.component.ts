import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { Room, RoomEvent, Track, type Participant, type RemoteTrack } from 'livekit-client';
import { TABLE_ATTRIBUTE, type BreakoutTable, type TokenResponse } from '@convene/server/contract';
import { setSeat } from '../../core/api.js';
import { furniture } from '../../i18n/furniture-strings.js';
import { LocalizeController } from '../../i18n/localize-controller.js';
import type { FurnitureSession } from '../session.js';
import { kindStyles } from './kind.styles.js';
import { RoomEventsController } from './room-events-controller.js';

/**
 * `breakout-tables`: named tables, each its own LiveKit room. A person sits at a table (their
 * camera and microphone move there, and the table's people show here) and returns to the main
 * room; everyone in the main room sees who sits where, live (a participant attribute the Convene
 * server writes when asked through the session: nobody writes their own).
 *
 * @summary Breakout tables.
 * @csspart table - Each table. @csspart table-stage - The seated table's video.
 */
export class ConveneFurnitureBreakoutTables extends LitElement {
  static override styles = [
    kindStyles,
    css`
      [part='table'] {
        padding: 0.5rem 0;
        border-bottom: 1px solid var(--_muted);
      }
      .head {
        display: flex;
        justify-content: space-between;
        align-items: center;
        gap: 0.5rem;
      }
      h3 {
        margin: 0;
        font-size: 1em;
      }
      [part='table-stage'] {
        display: grid;
        grid-template-columns: repeat(auto-fill, minmax(8rem, 1fr));
        gap: 0.25rem;
        margin-top: 0.5rem;
      }
      [part='table-stage'] video {
        width: 100%;
        border-radius: calc(var(--_radius) / 2);
        background: var(--_surface);
      }
    `,
  ];

  #localize = new LocalizeController(this, furniture);
  #events = new RoomEventsController(
    this,
    () => this.room,
    (_room, { listen }) => {
      for (const event of [
        RoomEvent.ParticipantAttributesChanged,
        RoomEvent.ParticipantConnected,
        RoomEvent.ParticipantDisconnected,
      ]) {
        listen(event, () => this.#refresh());
      }
      listen(RoomEvent.Disconnected, () => void this.#return());
      this.#refresh();
    },
  );
  #table?: Room;
  #media = { camera: false, microphone: false };

  @state() private seats: Record<string, { identity: string; name: string; local: boolean }[]> = {};
  @state() private seated = '';
  @state() private busy = false;
  @state() private error = '';

  /** The main room's livekit-client `Room`. */
  @property({ attribute: false }) room?: Room;
  /** `{ tables: [{ slug, name }] }`. */
  @property({ attribute: false }) settings?: { tables?: BreakoutTable[] };
  /** Asks the Convene server for a token for a table's own LiveKit room (the panel's `tableToken`: `fetchTableToken`). */
  @property({ attribute: false }) tableToken?: (table: string) => Promise<TokenResponse>;
  /** The room's session: the seat is announced through its Convene server, with its token (set by the panel). */
  @property({ attribute: false }) session?: FurnitureSession | undefined;

  override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('room')) this.#events.follow();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    void this.#table?.disconnect();
  }

  #refresh() {
    const room = this.room;
    if (!room) return;
    const tables = new Set((this.settings?.tables ?? []).map((t) => t.slug));
    const seats: typeof this.seats = {};
    const everyone: Participant[] = [room.localParticipant, ...room.remoteParticipants.values()];
    for (const p of everyone) {
      const slug = p.attributes?.[TABLE_ATTRIBUTE] ?? '';
      if (!tables.has(slug)) continue;
      (seats[slug] ??= []).push({
        identity: p.identity,
        name: p.name || p.identity,
        local: p === room.localParticipant,
      });
    }
    this.seats = seats;
  }

  async #sit(slug: string) {
    const room = this.room;
    if (!room || !this.tableToken || this.busy) return;
    this.busy = true;
    this.error = '';
    try {
      await this.#return();
      const token = await this.tableToken(slug);
      const table = new Room({ adaptiveStream: true, dynacast: true });
      table.on(RoomEvent.TrackSubscribed, () => this.requestUpdate());
      table.on(RoomEvent.TrackUnsubscribed, () => this.requestUpdate());
      table.on(RoomEvent.ParticipantDisconnected, () => this.requestUpdate());
      await table.connect(token.server_url, token.participant_token);
      this.#table = table;
      // The person's camera and microphone move to the table while they sit.
      const local = room.localParticipant;
      this.#media = { camera: local.isCameraEnabled, microphone: local.isMicrophoneEnabled };
      await Promise.all([local.setCameraEnabled(false), local.setMicrophoneEnabled(false)]);
      await Promise.all([
        this.#media.camera ? table.localParticipant.setCameraEnabled(true) : undefined,
        this.#media.microphone ? table.localParticipant.setMicrophoneEnabled(true) : undefined,
      ]).catch(() => {});
      this.seated = slug;
      await this.#announce(slug);
    } catch {
      this.error = this.#localize.t.tableFailed;
      await this.#return();
    } finally {
      this.busy = false;
      this.#refresh();
    }
  }

  /** Asks the Convene server to show this visitor at `table` (`''`: at none) to everyone in the main room. */
  async #announce(table: string) {
    const session = this.session;
    if (!session) return; // a panel apart from a room: the seat works, unannounced
    const { server, space, room } = session.options;
    await setSeat({ server, space, room, table, token: session.bearer || session.token?.participant_token || '' });
  }

  async #return() {
    const table = this.#table;
    this.#table = undefined;
    if (table) await table.disconnect();
    const local = this.room?.localParticipant;
    if (this.seated && local && this.room?.state === 'connected') {
      await this.#announce('').catch(() => {});
      await Promise.all([
        this.#media.camera ? local.setCameraEnabled(true) : undefined,
        this.#media.microphone ? local.setMicrophoneEnabled(true) : undefined,
      ]).catch(() => {});
    }
    this.seated = '';
    this.#refresh();
  }

  #tableStage() {
    const table = this.#table;
    if (!table) return nothing;
    const videos = [...table.remoteParticipants.values()].flatMap((p) =>
      [...p.trackPublications.values()]
        .filter((pub) => pub.kind === Track.Kind.Video && pub.track)
        .map((pub) => (pub.track as RemoteTrack).attach()),
    );
    const audios = [...table.remoteParticipants.values()].flatMap((p) =>
      [...p.trackPublications.values()]
        .filter((pub) => pub.kind === Track.Kind.Audio && pub.track)
        .map((pub) => (pub.track as RemoteTrack).attach()),
    );
    return html`<div part="table-stage">${videos}${audios}</div>`;
  }

  override render() {
    const t = this.#localize.t;
    return html`
      ${(this.settings?.tables ?? []).map((table) => {
        const people = this.seats[table.slug] ?? [];
        const here = this.seated === table.slug;
        return html`<section part="table" data-table=${table.slug} aria-label=${table.name}>
          <div class="head">
            <h3>${table.name}</h3>
            <button
              type="button"
              ?disabled=${this.busy || !this.tableToken}
              @click=${() => (here ? this.#return() : this.#sit(table.slug))}
            >
              ${here ? t.tableReturn : t.tableSit(table.name)}
            </button>
          </div>
          <p class="people ${people.length ? '' : 'muted'}">
            ${people.length ? people.map((p) => (p.local ? t.you(p.name) : p.name)).join(', ') : t.tableEmpty}
          </p>
          ${here ? this.#tableStage() : nothing}
        </section>`;
      })}
      ${this.error ? html`<p role="alert">${this.error}</p>` : nothing}
    `;
  }
}
