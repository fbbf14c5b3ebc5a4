import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { RoomEvent, type Participant, type Room } from 'livekit-client';
import { HAND_ATTRIBUTE } from '@convene/server/contract';
import { setHand } from '../../core/api.js';
import { ConveneReactionEvent } from '../events.js';
import { furniture } from '../../i18n/furniture-strings.js';
import { LocalizeController } from '../../i18n/localize-controller.js';
import { RateLimit, readLimited } from './guard.js';
import type { FurnitureSession } from '../session.js';
import { kindStyles } from './kind.styles.js';
import { RoomEventsController } from './room-events-controller.js';

export const REACTION_TOPIC = 'convene.reaction';
export const REACTIONS = ['👍', '👏', '❤️', '😂', '🎉', '🙋'] as const;

/** When `participant`'s hand went up (the server's clock), if it is up (a malformed attribute counts as down). */
export function handRaisedAt(participant: Participant): number | undefined {
  const value = participant.attributes?.[HAND_ATTRIBUTE] ?? '';
  if (!/^\d{1,15}$/.test(value)) return undefined;
  return Number(value);
}

interface Floating {
  id: number;
  identity: string;
  name: string;
  emoji: string;
}

/**
 * `hand-raise`: raise and lower a hand, the queue in order for everyone (the Convene server writes
 * each hand, with its own clock's time, so the order is the server's); and reactions, a few
 * emoji that float briefly: over the sender's tile in a `<convene-room>` (its session's
 * `showReaction`), here in a panel used without one. Either way, screen readers hear them from here
 * (a polite status), and `convene-reaction` tells the page.
 *
 * @summary Raised hands and reactions.
 * @fires convene-reaction - Someone (the visitor too) reacted.
 * @csspart queue - The queue of raised hands. @csspart reactions - The reaction buttons.
 */
export class ConveneFurnitureHandRaise extends LitElement {
  static override styles = [
    kindStyles,
    css`
      [part='queue'] {
        margin: 0.75rem 0;
        padding-inline-start: 1.5rem;
      }
      [part='reactions'] {
        display: flex;
        flex-wrap: wrap;
        gap: 0.25rem;
      }
      .floating {
        position: relative;
        min-height: 2rem;
      }
      .float {
        display: inline-block;
        animation: rise 2.5s ease-out forwards;
      }
      @keyframes rise {
        from {
          transform: translateY(0);
          opacity: 1;
        }
        to {
          transform: translateY(-2rem);
          opacity: 0;
        }
      }
      @media (prefers-reduced-motion: reduce) {
        .float {
          animation: none;
        }
      }
    `,
  ];

  #localize = new LocalizeController(this, furniture);
  #events = new RoomEventsController(
    this,
    () => this.room,
    (room, { listen, onStop }) => {
      for (const event of [
        RoomEvent.ParticipantAttributesChanged,
        RoomEvent.ParticipantConnected,
        RoomEvent.ParticipantDisconnected,
        RoomEvent.ParticipantNameChanged,
      ]) {
        listen(event, () => this.#refresh());
      }
      room.registerTextStreamHandler(REACTION_TOPIC, (reader, { identity }) => void this.#onReaction(reader, identity));
      onStop(() => room.unregisterTextStreamHandler(REACTION_TOPIC));
      this.#refresh();
    },
  );
  #rate = new RateLimit(5, 1);
  #next = 0;

  @state() private queue: { identity: string; name: string; at: number; local: boolean }[] = [];
  @state() private floating: Floating[] = [];
  @state() private asking = false;
  /** Why the last hand change did not happen (refused, or the server unreachable); cleared by the next. */
  @state() private failed = '';

  /** The room's livekit-client `Room`. */
  @property({ attribute: false }) room?: Room;
  /**
   * The room's session: the hand goes up and down through its Convene server, with its token; its
   * stage floats reactions (`showReaction`). Set by the panel; without it the hand cannot be raised.
   */
  @property({ attribute: false }) session?: FurnitureSession | undefined;
  /** No settings. */
  @property({ attribute: false }) settings?: Record<string, unknown>;
  /** Whether the server made this visitor a moderator: they may lower anyone's hand. */
  @property({ attribute: false }) moderator = false;
  /** Asks the Convene server to act (`lower-hand`). */
  @property({ attribute: false }) moderate?: (action: string, identity: string) => Promise<void>;

  override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('room')) this.#events.follow();
  }

  #refresh() {
    const room = this.room;
    if (!room) return;
    const everyone: Participant[] = [room.localParticipant, ...room.remoteParticipants.values()];
    this.queue = everyone
      .map((p) => ({ p, at: handRaisedAt(p) }))
      .filter((x): x is { p: Participant; at: number } => x.at !== undefined)
      .sort((a, b) => a.at - b.at || a.p.identity.localeCompare(b.p.identity))
      .map(({ p, at }) => ({
        identity: p.identity,
        name: p.name || p.identity,
        at,
        local: p === room.localParticipant,
      }));
  }

  async #onReaction(reader: Parameters<Parameters<Room['registerTextStreamHandler']>[1]>[0], identity: string) {
    if (!this.#rate.take(identity)) return;
    const emoji = await readLimited(reader, 16);
    if (!emoji || !(REACTIONS as readonly string[]).includes(emoji)) return;
    const peer = this.room?.remoteParticipants.get(identity);
    if (!peer) return;
    this.#float(identity, peer.name || identity, emoji);
  }

  #float(identity: string, name: string, emoji: string) {
    const id = ++this.#next;
    this.floating = [...this.floating.slice(-9), { id, identity, name, emoji }];
    this.session?.showReaction?.({ identity, emoji });
    this.dispatchEvent(new ConveneReactionEvent(identity, emoji));
    setTimeout(() => (this.floating = this.floating.filter((f) => f.id !== id)), 2500);
  }

  /** Asks the Convene server to raise or lower this visitor's hand; everyone sees it when LiveKit passes the change on. */
  async #toggleHand() {
    const local = this.room?.localParticipant;
    const session = this.session;
    if (!local || !session || this.asking) return;
    const { server, space, room } = session.options;
    const token = session.bearer || session.token?.participant_token || '';
    this.asking = true;
    this.failed = '';
    try {
      await setHand({ server, space, room, token, up: handRaisedAt(local) === undefined });
    } catch (error) {
      // Refused or unreachable: the hand stays as the server has it, which the button shows; say why.
      const wait = (error as { retryAfterSeconds?: number }).retryAfterSeconds;
      this.failed = wait ? this.#localize.t.handFailedWait(wait) : this.#localize.t.handFailed;
    } finally {
      this.asking = false;
      this.#refresh();
    }
  }

  async #react(emoji: string) {
    const local = this.room?.localParticipant;
    if (!local) return;
    await local.sendText(emoji, { topic: REACTION_TOPIC });
    this.#float(local.identity, this.#localize.t.you(local.name || local.identity), emoji);
  }

  override render() {
    const t = this.#localize.t;
    const mine = this.queue.some((q) => q.local);
    return html`
      <button
        type="button"
        aria-pressed=${mine ? 'true' : 'false'}
        ?disabled=${!this.session || this.asking}
        @click=${this.#toggleHand}
      >
        ${mine ? t.lowerHand : t.raiseHand}
      </button>
      ${this.failed ? html`<p role="alert">${this.failed}</p>` : nothing}
      <h3 class="muted">${t.handQueue}</h3>
      ${
        this.queue.length === 0
          ? html`<p class="muted">${t.noHands}</p>`
          : html`<ol part="queue">
              ${this.queue.map(
                (q) =>
                  html`<li data-identity=${q.identity}>
                    <span class="who">${q.local ? t.you(q.name) : q.name}</span>${
                      this.moderator && this.moderate && !q.local
                        ? html` <button
                            type="button"
                            class="lower"
                            @click=${() => this.moderate?.('lower-hand', q.identity).catch(() => {})}
                          >
                            ${t.lowerTheirHand(q.name)}
                          </button>`
                        : nothing
                    }
                  </li>`,
              )}
            </ol>`
      }
      <div part="reactions" role="group" aria-label=${t.reactions}>
        ${REACTIONS.map(
          (emoji) =>
            html`<button type="button" aria-label=${t.react(emoji)} @click=${() => this.#react(emoji)}>
              ${emoji}
            </button>`,
        )}
      </div>
      <div class=${this.session?.showReaction ? 'sr' : 'floating'} role="status">
        ${this.floating.map(
          (f) =>
            html`<span class="float" data-identity=${f.identity} title=${t.reacted(f.name, f.emoji)}
              ><span aria-hidden="true">${f.emoji}</span><span class="sr">${t.reacted(f.name, f.emoji)}</span></span
            >`,
        )}
      </div>
    `;
  }
}
