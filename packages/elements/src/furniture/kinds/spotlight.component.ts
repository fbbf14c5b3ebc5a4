import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { RoomEvent, type Participant, type Room } from 'livekit-client';
import { spotlightOf } from '@convene/server/contract';
import { ConveneSpotlightEvent } from '../events.js';
import { furniture } from '../../i18n/furniture-strings.js';
import { LocalizeController } from '../../i18n/localize-controller.js';
import type { FurnitureSession } from '../session.js';
import { kindStyles } from './kind.styles.js';
import { RoomEventsController } from './room-events-controller.js';

/**
 * `spotlight`: a moderator (or anyone, when the room's settings say `anyone: true`) pins one
 * participant to the stage for everyone. The choice lives in the room's metadata, which only the
 * Convene server writes (it checks who asks); the room's session reads it and the stage pins them
 * (`session.spotlight`, which this kind shows), and `convene-spotlight` tells the page.
 *
 * @summary Who is on the stage for everyone.
 * @fires convene-spotlight - Who is in the spotlight changed (and once on joining).
 */
export class ConveneFurnitureSpotlight extends LitElement {
  static override styles = [
    kindStyles,
    css`
      li {
        display: flex;
        justify-content: space-between;
        align-items: center;
        gap: 0.5rem;
        padding: 0.25rem 0;
      }
    `,
  ];

  #localize = new LocalizeController(this, furniture);
  #events = new RoomEventsController(
    this,
    () => this.room,
    (_room, { listen, onStop }) => {
      const spotlight = this.session?.spotlight;
      if (spotlight) onStop(spotlight.subscribe(() => this.#refresh()));
      else listen(RoomEvent.RoomMetadataChanged, () => this.#refresh());
      for (const event of [
        RoomEvent.ParticipantConnected,
        RoomEvent.ParticipantDisconnected,
        RoomEvent.ParticipantNameChanged,
      ]) {
        listen(event, () => this.#refresh());
      }
      this.#refresh(true);
    },
  );

  @state() private current = '';
  @state() private people: { identity: string; name: string; local: boolean }[] = [];
  @state() private error = '';

  /** The room's livekit-client `Room`. */
  @property({ attribute: false }) room?: Room;
  /** The room's session, whose `spotlight` the stage pins (set by the panel; absent apart from a room). */
  @property({ attribute: false }) session?: FurnitureSession | undefined;
  /** `{ anyone }`: whether everyone may choose, not only moderators. */
  @property({ attribute: false }) settings?: { anyone?: boolean };
  /** Whether the server made this visitor a moderator. */
  @property({ attribute: false }) moderator = false;
  /** Asks the Convene server to change the spotlight. */
  @property({ attribute: false }) moderate?: (action: string, identity: string) => Promise<void>;

  override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('room') || changed.has('session')) this.#events.follow();
  }

  #refresh(initial = false) {
    const room = this.room;
    if (!room) return;
    const everyone: Participant[] = [room.localParticipant, ...room.remoteParticipants.values()];
    this.people = everyone.map((p) => ({
      identity: p.identity,
      name: p.name || p.identity,
      local: p === room.localParticipant,
    }));
    // Only someone present: metadata naming anyone else pins nobody.
    const named = this.session?.spotlight?.value ?? spotlightOf(room.metadata);
    const next = everyone.some((p) => p.identity === named) ? named : '';
    if (next !== this.current || initial) {
      this.current = next;
      this.dispatchEvent(new ConveneSpotlightEvent(next));
    }
  }

  async #set(action: 'spotlight' | 'unspotlight', identity: string) {
    this.error = '';
    try {
      await this.moderate?.(action, identity);
    } catch {
      this.error = this.#localize.t.spotlightFailed;
    }
  }

  override render() {
    const t = this.#localize.t;
    const mayChoose = Boolean(this.moderate) && (this.moderator || this.settings?.anyone === true);
    const current = this.people.find((p) => p.identity === this.current);
    return html`
      <p role="status">${current ? (current.local ? t.spotlightYou : t.spotlightOn(current.name)) : t.spotlightNone}</p>
      ${
        mayChoose
          ? html`<ul class="plain">
                ${this.people.map(
                  (p) =>
                    html`<li>
                      <span>${p.local ? t.you(p.name) : p.name}</span>
                      <button
                        type="button"
                        aria-pressed=${p.identity === this.current ? 'true' : 'false'}
                        data-identity=${p.identity}
                        @click=${() => this.#set(p.identity === this.current ? 'unspotlight' : 'spotlight', p.identity)}
                      >
                        ${t.spotlightPin(p.local ? t.you(p.name) : p.name)}
                      </button>
                    </li>`,
                )}
              </ul>
              ${
                current
                  ? html`<button type="button" class="clear" @click=${() => this.#set('unspotlight', this.current)}>
                      ${t.spotlightClear}
                    </button>`
                  : nothing
              }`
          : html`<p class="muted">${t.spotlightOnlyModerators}</p>`
      }
      ${this.error ? html`<p role="alert">${this.error}</p>` : nothing}
    `;
  }
}
