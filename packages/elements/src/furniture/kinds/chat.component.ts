import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import type { Room } from 'livekit-client';
import { ConveneUnreadEvent } from '../events.js';
import { furniture } from '../../i18n/furniture-strings.js';
import { LocalizeController } from '../../i18n/localize-controller.js';
import { ChatModel, MAX_MESSAGE, type ChatMessage } from './chat-model.js';
import { kindStyles } from './kind.styles.js';

/**
 * `chat`: messages with names and times, as LiveKit's chat (components-core's `setupChat`: LiveKit
 * Meet users and older LiveKit clients in the same room see the same messages); a late joiner gets the last 50 that someone present said, under a
 * line that says who shared them (a peer's word, checked but not proven).
 *
 * @summary The room's chat.
 * @fires convene-unread - The count of messages that arrived while the chat was not on show.
 * @csspart log - The message list.
 * @csspart message - Each message (also `message history` for a shared earlier one).
 * @csspart shared-by - The line above the shared earlier messages: who shared them.
 * @csspart form - The form.
 * @cssprop --convene-chat-height - The message list's greatest height before it scrolls (24rem).
 */
export class ConveneFurnitureChat extends LitElement {
  static override styles = [
    kindStyles,
    css`
      [part='log'] {
        display: flex;
        flex-direction: column;
        gap: 0.5rem;
        max-height: var(--convene-chat-height, 24rem);
        overflow-y: auto;
        margin: 0 0 0.75rem;
      }
      [part~='message'] {
        overflow-wrap: anywhere;
      }
      /* Only the message keeps its line breaks (not the markup's own white space around it). */
      .text {
        white-space: pre-wrap;
      }
      [part~='history'],
      [part='shared-by'] {
        padding-inline-start: 0.5rem;
        border-inline-start: 2px solid var(--_muted);
      }
      [part='shared-by'] {
        font-size: 0.85em;
      }
      .meta {
        display: flex;
        gap: 0.5rem;
        font-size: 0.85em;
      }
      .name {
        font-weight: 600;
      }
      [part='form'] {
        display: flex;
        gap: 0.5rem;
      }
      input {
        flex: 1;
        min-width: 0;
        font: inherit;
        padding: 0.375rem 0.5rem;
        border: 1px solid var(--_muted);
        border-radius: calc(var(--_radius) / 2);
        background: var(--_bg);
        color: var(--_fg);
      }
    `,
  ];

  #localize = new LocalizeController(this, furniture);
  #model?: ChatModel;
  #unsubscribe?: () => void;
  #seen = 0;

  @query('input') private input!: HTMLInputElement;
  @query('[part=log]') private log!: HTMLElement;

  @state() private messages: ChatMessage[] = [];
  @state() private historyFrom = '';
  @state() private error = '';

  /** The room's livekit-client `Room`. */
  @property({ attribute: false }) room?: Room;
  /** No settings. */
  @property({ attribute: false }) settings?: Record<string, unknown>;
  /** Whether the chat is on show; its unread count resets when it is. */
  @property({ type: Boolean }) active = false;

  override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('room')) this.#connect();
    if (this.active) this.#seen = this.messages.filter((m) => !m.local).length;
  }

  override updated(changed: PropertyValues): void {
    if (changed.has('messages') || changed.has('active')) {
      this.dispatchEvent(
        new ConveneUnreadEvent(this.active ? 0 : this.messages.filter((m) => !m.local).length - this.#seen),
      );
      if (this.log) this.log.scrollTop = this.log.scrollHeight;
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#disconnect();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.room && !this.#model) this.#connect();
  }

  #connect() {
    this.#disconnect();
    if (!this.room || !this.isConnected) return;
    try {
      this.#model = new ChatModel(this.room);
    } catch {
      // livekit-client takes one handler per topic and room: another chat already runs here.
      this.error = this.#localize.t.chatElsewhere;
      return;
    }
    this.#unsubscribe = this.#model.state.subscribe(({ messages, historyFrom }) => {
      this.messages = messages;
      this.historyFrom = historyFrom?.name ?? '';
    });
  }

  #disconnect() {
    this.#unsubscribe?.();
    this.#model?.dispose();
    this.#model = undefined;
  }

  async #onSubmit(event: SubmitEvent) {
    event.preventDefault();
    const t = this.#localize.t;
    const text = this.input.value;
    if (!text.trim() || !this.#model) return;
    if (text.trim().length > MAX_MESSAGE) {
      this.error = t.chatTooLong(MAX_MESSAGE);
      return;
    }
    this.error = '';
    try {
      await this.#model.send(text);
      this.input.value = '';
    } catch {
      this.error = t.chatSendFailed;
    }
  }

  override render() {
    const t = this.#localize.t;
    const time = new Intl.DateTimeFormat(this.#localize.locale, { hour: 'numeric', minute: '2-digit' });
    return html`
      <ol part="log" class="plain log" aria-label=${t.chatLog} aria-live="polite" tabindex="0">
        ${this.messages.length === 0 ? html`<li class="muted">${t.chatEmpty}</li>` : nothing}
        ${this.messages.map(
          (m, i) =>
            html`${
                m.history && !this.messages[i - 1]?.history && this.historyFrom
                  ? html`<li part="shared-by" class="muted">${t.chatHistoryFrom(this.historyFrom)}</li>`
                  : nothing
              }
              <li part="message ${m.history ? 'history' : ''}" data-from=${m.from.identity}>
                <div class="meta">
                  <span class="name">${m.local ? t.you(m.from.name) : m.from.name}</span>
                  ${timeOf(m.timestamp, time)}
                </div>
                <div class="text">${m.message}</div>
              </li>`,
        )}
      </ol>
      <form part="form" @submit=${this.#onSubmit}>
        <input aria-label=${t.chatInput} maxlength=${MAX_MESSAGE} autocomplete="off" />
        <button type="submit">${t.chatSend}</button>
      </form>
      ${this.error ? html`<p role="alert">${this.error}</p>` : nothing}
    `;
  }
}

/** A message's time, or nothing for one that is not a date (the model checks; the view never throws on one). */
function timeOf(timestamp: number, format: Intl.DateTimeFormat) {
  const date = new Date(timestamp);
  if (!Number.isFinite(date.getTime())) return nothing;
  return html`<time class="muted" datetime=${date.toISOString()}>${format.format(date)}</time>`;
}
