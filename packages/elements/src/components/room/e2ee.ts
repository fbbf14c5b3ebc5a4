/**
 * What a visitor of an end-to-end encrypted room sees of its encryption (issue 15): in pre-join,
 * that the room is encrypted and where its key comes from (the invite link, or a passphrase to
 * type), or that this browser cannot join it; in the room, the lock badge with what is encrypted
 * and what stays readable, and, when nobody's media decrypts, that the visitor's key is probably
 * not the others'. Its own chunk (with its strings and styles), loaded only for an encrypted room.
 */
import { css, html, nothing, svg, type ReactiveControllerHost } from 'lit';
import { addSection, type ConveneStrings, type ErrorKey } from '../../i18n/strings.js';
import { e2ee, type E2eeStrings } from '../../i18n/e2ee-strings.js';
import { renderUndecryptable } from './e2ee-tile.js';
import type { E2eeStatus, ParticipantView } from './session.js';

export type E2eeText = ConveneStrings & E2eeStrings;

/** A padlock, inline like the room's other icons (./icons.ts), hidden from assistive technology. */
const lockIcon = svg`<svg class="icon" viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round"><rect x="4" y="11" width="16" height="10" rx="2"/><path d="M8 11V7a4 4 0 0 1 8 0v4"/></svg>`;

const e2eeStyles = css`
  .e2ee {
    display: grid;
    gap: 4px;
  }
  .e2ee-note {
    display: flex;
    align-items: center;
    gap: 6px;
    margin: 0;
    font-weight: 600;
  }
  .e2ee-note svg,
  .e2ee-badge svg {
    inline-size: 1em;
    block-size: 1em;
    flex: none;
  }
  .e2ee-bar {
    display: flex;
    flex-wrap: wrap;
    align-items: start;
    gap: var(--convene-spacing, 8px);
  }
  .e2ee-badge {
    display: inline-flex;
    align-items: center;
    gap: 6px;
    border-radius: 999px;
  }
  .e2ee-explain {
    flex: 1 1 20rem;
    margin: 0;
    font-size: 0.875rem;
  }
  .e2ee-explain p {
    margin: 0 0 4px;
  }
`;

export interface E2eePrejoinView {
  t: ConveneStrings;
  /** The element's id prefix, for labels. */
  id: string;
  /** The invite link carries the key: no field to type it in. */
  fromLink: boolean;
  /** The refusal that brought pre-join back. */
  error?: ErrorKey | undefined;
  busy: boolean;
}

/**
 * Whether this browser has what LiveKit's encryption needs (as livekit-client's `isE2EESupported`
 * checks, without loading it): encoded transforms, workers, WebCrypto (a secure context).
 */
export function e2eeSupported(): boolean {
  const w = globalThis as { RTCRtpScriptTransform?: unknown; RTCRtpSender?: { prototype: object } };
  if (typeof Worker === 'undefined' || !globalThis.crypto?.subtle) return false;
  return (
    typeof w.RTCRtpScriptTransform !== 'undefined' ||
    (typeof w.RTCRtpSender !== 'undefined' && 'createEncodedStreams' in w.RTCRtpSender.prototype)
  );
}

/** The encrypted room's parts of `<convene-room>`, bound to its element. */
export class RoomE2ee {
  /** The lock badge's explanation is open. */
  #open = false;

  constructor(private readonly host: ReactiveControllerHost & HTMLElement) {
    addSection(e2ee);
    const root = host.shadowRoot;
    const sheet = e2eeStyles.styleSheet;
    if (root && sheet && !root.adoptedStyleSheets.includes(sheet)) {
      root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
    }
  }

  /** On the tile of someone whose media does not decrypt: saying so (e2ee-tile.ts). */
  renderTile(t: ConveneStrings, p: ParticipantView) {
    return renderUndecryptable(t, p);
  }

  /** In pre-join's form, after the access code: that the room is encrypted, and its key. */
  renderPrejoin(v: E2eePrejoinView) {
    const t = v.t as E2eeText;
    const noteId = `${v.id}-e2ee-note`;
    const hintId = `${v.id}-e2ee-hint`;
    const keyNeeded = v.error === 'e2ee_key_required';
    let body;
    if (!e2eeSupported()) {
      body = html`<p role="alert" data-e2ee="unsupported">${t.errors.e2ee_unsupported}</p>`;
    } else if (v.fromLink) {
      body = html`<p class="hint" data-e2ee="from-link">${t.e2eeKeyFromLink}</p>`;
    } else {
      // Typed, not a password field: a browser offers to save passwords, and this key is kept nowhere.
      body = html`<label for="${v.id}-e2ee">${t.e2eePassphrase}</label>
        <p class="hint" id=${hintId}>${t.e2eePassphraseHint}</p>
        <input
          id="${v.id}-e2ee"
          name="e2ee-passphrase"
          autocomplete="off"
          autocapitalize="off"
          autocorrect="off"
          spellcheck="false"
          data-1p-ignore
          data-lpignore="true"
          maxlength="256"
          required
          ?disabled=${v.busy}
          aria-describedby="${noteId} ${hintId}${keyNeeded ? ` ${v.id}-e2ee-error` : ''}"
          aria-invalid=${keyNeeded ? 'true' : 'false'}
        />
        ${keyNeeded ? html`<p role="alert" id="${v.id}-e2ee-error">${t.errors.e2ee_key_required}</p>` : nothing}`;
    }
    return html`<div part="e2ee" class="e2ee">
      <p class="e2ee-note" id=${noteId}>${lockIcon} ${t.e2eeRoom}</p>
      ${body}
    </div>`;
  }

  /** Above the stage: the lock badge (with what it means) and, when nobody's media decrypts, why. */
  renderRoom(t0: ConveneStrings, id: string, status: E2eeStatus | undefined, onEnterAgain: () => void) {
    if (!status?.encrypted) return nothing;
    const t = t0 as E2eeText;
    const explainId = `${id}-e2ee-explain`;
    const toggle = () => {
      this.#open = !this.#open;
      this.host.requestUpdate();
    };
    return html`<div class="e2ee-bar">
        <button
          type="button"
          part="button e2ee-badge"
          class="e2ee-badge"
          data-action="e2ee-badge"
          aria-expanded=${this.#open ? 'true' : 'false'}
          aria-controls=${explainId}
          @click=${toggle}
        >
          ${lockIcon}<span>${t.e2eeBadge}</span>
        </button>
        <div part="e2ee-explain" class="e2ee-explain" id=${explainId} ?hidden=${!this.#open}>
          <p>${t.e2eeExplain}</p>
          <p>${t.e2eeReadable}</p>
        </div>
      </div>
      ${
        status.keyMismatch
          ? html`<div part="banner" class="banner" role="alert" data-e2ee="key-mismatch">
              <span>${t.e2eeKeyMismatch}</span>
              <button class="primary" part="button primary" data-action="e2ee-enter-again" @click=${onEnterAgain}>
                ${t.e2eeEnterAgain}
              </button>
            </div>`
          : nothing
      }`;
  }
}
