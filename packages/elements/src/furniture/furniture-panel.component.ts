import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import type { Room } from 'livekit-client';
import type { FurnitureEntry, ModerationAction, TokenResponse } from '@convene/server/contract';
import { fetchTableToken } from '../core/api.js';
import { ConveneErrorEvent } from '../core/error-event.js';
import type { ErrorKey } from '../i18n/strings.js';
import { defineBuiltinFurniture } from './builtins.js';
import { ConveneUnreadEvent } from './events.js';
import { pageEntries, STAGE_KIND, watchFurniture, type PageEntry } from './page.js';
import { furnitureDefinition, type FurnitureElement } from './registry.js';
import { checkSettings, furnitureLabel, furnitureTag } from './resolve.js';
import type { FurnitureSession } from './session.js';
import { furniture } from '../i18n/furniture-strings.js';
import { LocalizeController } from '../i18n/localize-controller.js';
import { panelStyles } from './furniture-panel.styles.js';
import { reactionStyles } from './reaction.styles.js';

interface Piece {
  /** The kind, which of that kind (1, 2, ...) and the settings: a piece keeps its element while these stay. */
  key: string;
  kind: string;
  label: string;
  settings: Record<string, unknown>;
  problem?: 'unknown' | 'settings' | 'load' | 'duplicate';
  element?: FurnitureElement;
}

let panels = 0;

export type { FurnitureSession } from './session.js';

/**
 * Lays out a room's furniture: the video bridge (the slotted stage) first, every other piece in a
 * tabbed side panel on wide screens and below the stage on narrow ones. The pieces come from the
 * page's `<convene-furniture>` children of `source` when it has any (followed as the page adds,
 * removes or changes them), else from `furniture` (the token response's list). An unknown kind, or
 * a second piece of a kind a room has once, shows a placeholder and fires `convene-error`; kinds
 * that may repeat get distinct tabs ("Notes", "Notes 2").
 *
 * @summary A room's furniture around its stage.
 * @slot - The stage (the video bridge).
 * @fires convene-error - A piece names a kind nobody registered, its settings are not valid, or it repeats a kind a room has once.
 * @fires convene-spotlight - (from `spotlight`) who is pinned to the stage now, for the page (the room reads its session).
 * @fires convene-reaction - (from `hand-raise`) someone reacted, for the page (the stage floats it through the session).
 * @csspart side - The side panel.
 * @csspart tabs - The tab list.
 * @csspart tab - Each tab (also `tab tab-selected`).
 * @csspart unread - A tab's unread count.
 * @csspart tabpanel - Each piece's panel.
 * @csspart placeholder - What shows instead of a piece that cannot be shown.
 * @cssprop --convene-furniture-panel-width - The side panel's width on wide screens (22rem).
 * @cssprop --convene-color-background - The side panel's background, and the chat's input.
 * @cssprop --convene-color-text - Text colour.
 * @cssprop --convene-color-muted - Secondary text and borders.
 * @cssprop --convene-color-surface - The kinds' buttons.
 * @cssprop --convene-color-accent - The selected tab, focus rings, links.
 * @cssprop --convene-color-on-accent - Text on the accent colour.
 * @cssprop --convene-color-danger - Unread counts, placeholders.
 * @cssprop --convene-color-on-danger - Text on the danger colour.
 * @cssprop --convene-radius - Corner radius.
 * @cssprop --convene-spacing - Gap between parts.
 */
export class ConveneFurniturePanel extends LitElement {
  static override styles = panelStyles;

  #localize = new LocalizeController(this, furniture);
  #id = `convene-furniture-${++panels}`;
  #reported = new Set<string>();
  #unsubscribe?: () => void;
  #resolvedFrom?: readonly FurnitureEntry[];
  #watched?: Element | undefined;
  #unwatch?: () => void;
  #pageChanged = false;

  @state() private pieces: Piece[] = [];
  @state() private selected = 0;
  @state() private unread: Record<string, number> = {};

  /** The room's livekit-client `Room`, once joined. */
  @property({ attribute: false }) room?: Room;

  /** The room's furniture from the config (the token response's `furniture`). */
  @property({ attribute: false }) furniture?: readonly FurnitureEntry[];

  /** The element whose `<convene-furniture>` children the page placed (usually the `<convene-room>`). */
  @property({ attribute: false }) source?: Element;

  /** The hosts the space lets `embed` show (from the token response); none by default. */
  @property({ attribute: false }) embedHosts: readonly string[] = [];

  /** Whether the server made this visitor a moderator. */
  @property({ attribute: false }) moderator = false;

  /** Asks the Convene server to act for furniture (`lower-hand`, `spotlight`, ...). */
  @property({ attribute: false }) moderate?: (action: ModerationAction, identity: string) => Promise<void>;

  /** Asks the Convene server for a token for one of the room's breakout tables. */
  @property({ attribute: false }) tableToken?: (table: string) => Promise<TokenResponse>;

  /**
   * The room's session (a `ConveneSession`): when set, `room`, `furniture`, `embedHosts`,
   * `moderator`, `moderate` and `tableToken` follow it (join, leave, rejoin) and need not be set one
   * by one, and every kind gets it (the stage's spotlight and reactions). Without it (a panel used
   * apart from a room), kinds work from `room` alone.
   */
  @property({ attribute: false }) session?: FurnitureSession;

  constructor() {
    super();
    defineBuiltinFurniture();
  }

  protected override scheduleUpdate(): void | Promise<unknown> {
    // Outside a room (whose language is here already), a shipped language loads on first use.
    return this.#localize.afterLanguage(() => super.scheduleUpdate());
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // The reactions' look, for the room's stage this panel wraps (reaction.styles.ts).
    const root = this.getRootNode();
    const sheet = reactionStyles.styleSheet;
    if (root instanceof ShadowRoot && sheet && !root.adoptedStyleSheets.includes(sheet)) {
      root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
    }
    this.#follow();
    this.#watch();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
    this.#unwatch?.();
    this.#watched = this.#unwatch = undefined;
  }

  override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('session')) this.#follow();
    const session = this.session;
    if (session) {
      const token = session.token;
      if (this.room !== session.room) this.room = session.room;
      if (token && this.furniture !== token.furniture) this.furniture = token.furniture;
      this.embedHosts = token?.embed_hosts ?? this.embedHosts;
      this.moderator = Boolean(session.isModerator);
      this.moderate ??= (action, identity) => session.moderate(action, identity);
      this.tableToken ??= (table) =>
        fetchTableToken({
          ...session.options,
          table,
          token: session.bearer || session.token?.participant_token || '',
        });
    }
    if (changed.has('source')) this.#watch();
    if (
      changed.has('furniture') ||
      changed.has('source') ||
      this.furniture !== this.#resolvedFrom ||
      this.#pageChanged
    ) {
      this.#resolve();
    }
  }

  override updated(): void {
    this.pieces.forEach((piece, index) => {
      const element = piece.element;
      if (!element) return;
      element.room = this.room;
      element.embedHosts = this.embedHosts;
      element.session = this.session;
      element.moderator = this.moderator;
      element.moderate = this.moderate as FurnitureElement['moderate'];
      element.tableToken = this.tableToken;
      element.active = index === this.selected;
    });
  }

  #follow() {
    this.#unsubscribe?.();
    this.#unsubscribe = this.isConnected ? this.session?.state.subscribe(() => this.requestUpdate()) : undefined;
  }

  /** Follows the page's `<convene-furniture>` children of `source`: added, removed or changed after the layout. */
  #watch() {
    const source = this.isConnected ? this.source : undefined;
    if (source === this.#watched) return;
    this.#unwatch?.();
    this.#watched = source;
    this.#unwatch = source
      ? watchFurniture(source, () => {
          this.#pageChanged = true;
          this.requestUpdate();
        })
      : undefined;
  }

  #onUnread(key: string, event: ConveneUnreadEvent) {
    this.unread = { ...this.unread, [key]: event.count };
  }

  #onKeydown(event: KeyboardEvent) {
    const count = this.pieces.length;
    const moves: Record<string, number> = {
      ArrowRight: this.selected + 1,
      ArrowLeft: this.selected - 1 + count,
      Home: 0,
      End: count - 1,
    };
    const next = moves[event.key];
    if (next === undefined) return;
    event.preventDefault();
    this.selected = next % count;
    void this.updateComplete.then(() =>
      this.renderRoot.querySelector<HTMLElement>(`#${this.#id}-tab-${this.selected}`)?.focus(),
    );
  }

  /** The furniture the room shows, page first: `{ kind, label, settings }` for each piece (see `pageEntries`). */
  get entries(): PageEntry[] {
    return pageEntries(this.source, this.furniture);
  }

  #resolve() {
    this.#resolvedFrom = this.furniture;
    this.#pageChanged = false;
    const lang = this.#localize.lang;
    const t = this.#localize.t;
    const old = new Map(this.pieces.map((p) => [p.key, p]));
    const selectedKey = this.pieces[this.selected]?.key;
    const seen = new Map<string, number>();
    const labels = new Set<string>();
    const pieces: Piece[] = [];
    for (const entry of this.entries) {
      if (entry.kind === STAGE_KIND) continue;
      const nth = (seen.get(entry.kind) ?? 0) + 1;
      seen.set(entry.kind, nth);
      // Distinct labels: the config's or the page's, else the kind's; "Notes 2" for a second "Notes".
      const base = entry.label || furnitureLabel(entry.kind, lang);
      let label = base;
      for (let n = 2; labels.has(label); n++) label = `${base} ${n}`;
      labels.add(label);
      const key = `${entry.kind}:${nth}:${JSON.stringify(entry.settings)}`;
      const kept = old.get(key);
      if (kept) {
        kept.label = label;
        pieces.push(kept);
        continue;
      }
      const piece: Piece = { key, kind: entry.kind, label, settings: {} };
      const definition = furnitureDefinition(entry.kind);
      const checked = entry.settings === null ? null : definition && checkSettings(entry.kind, entry.settings);
      if (!definition) {
        piece.problem = 'unknown';
        this.#report('unknown_furniture', entry.kind, t.unknownKind(entry.kind));
      } else if (definition.once && nth > 1) {
        piece.problem = 'duplicate';
        this.#report('duplicate_furniture', entry.kind, t.duplicateKind(entry.kind));
      } else if (!checked?.success) {
        piece.problem = 'settings';
        // The page's developer learns what is wrong (the contract's words for the built-in kinds).
        const why = checked?.success === false && checked.error instanceof Error ? checked.error.message : '';
        this.#report(
          'unknown_furniture',
          entry.kind,
          why ? `${t.badSettings(entry.kind)} (${why})` : t.badSettings(entry.kind),
        );
      } else {
        piece.settings = checked.data;
        this.#load(piece);
      }
      pieces.push(piece);
    }
    this.pieces = pieces;
    this.selected = Math.max(
      0,
      pieces.findIndex((p) => p.key === selectedKey),
    );
  }

  #load(piece: Piece) {
    furnitureTag(piece.kind).then(
      (tag) => {
        const element = document.createElement(tag) as FurnitureElement;
        element.settings = piece.settings;
        element.addEventListener(ConveneUnreadEvent.type, (e) => this.#onUnread(piece.key, e as ConveneUnreadEvent));
        piece.element = element;
        this.requestUpdate();
      },
      () => {
        piece.problem = 'load';
        this.#report('unknown_furniture', piece.kind, this.#localize.t.loadFailed(piece.kind));
        this.requestUpdate();
      },
    );
  }

  /** Tells the page once per kind and problem (a layout redone as the page changes does not repeat it). */
  #report(code: ErrorKey, kind: string, message: string) {
    if (this.#reported.has(`${code}:${kind}:${message}`)) return;
    this.#reported.add(`${code}:${kind}:${message}`);
    this.dispatchEvent(new ConveneErrorEvent(code, message));
  }

  #renderPiece(piece: Piece) {
    const t = this.#localize.t;
    if (piece.problem) {
      const message = {
        unknown: t.unknownKind,
        settings: t.badSettings,
        load: t.loadFailed,
        duplicate: t.duplicateKind,
      }[piece.problem](piece.kind);
      return html`<p part="placeholder" role="note" data-kind=${piece.kind}>${message}</p>`;
    }
    return piece.element ?? nothing;
  }

  override render() {
    const t = this.#localize.t;
    const side = this.pieces.length > 0;
    return html`
      <div class="layout ${side ? 'side' : ''}">
        <div part="stage"><slot></slot></div>
        ${
          side
            ? html`<section part="side" aria-label=${t.furniture}>
                <div part="tabs" role="tablist" aria-label=${t.furniture} @keydown=${this.#onKeydown}>
                  ${repeat(
                    this.pieces,
                    (piece) => piece.key,
                    (piece, index) => {
                      const selected = index === this.selected;
                      const unread = selected ? 0 : (this.unread[piece.key] ?? 0);
                      return html`<button
                        part="tab ${selected ? 'tab-selected' : ''}"
                        role="tab"
                        id="${this.#id}-tab-${index}"
                        aria-selected=${selected ? 'true' : 'false'}
                        aria-controls="${this.#id}-panel-${index}"
                        tabindex=${selected ? 0 : -1}
                        data-kind=${piece.kind}
                        @click=${() => (this.selected = index)}
                      >
                        <span>${piece.label}</span>${
                          unread > 0
                            ? html`<span part="unread" aria-label=${t.unread(unread)}>${unread}</span>`
                            : nothing
                        }
                      </button>`;
                    },
                  )}
                </div>
                ${repeat(
                  this.pieces,
                  (piece) => piece.key,
                  (piece, index) =>
                    html`<div
                      part="tabpanel"
                      role="tabpanel"
                      id="${this.#id}-panel-${index}"
                      aria-labelledby="${this.#id}-tab-${index}"
                      ?hidden=${index !== this.selected}
                    >
                      ${this.#renderPiece(piece)}
                    </div>`,
                )}
              </section>`
            : nothing
        }
      </div>
    `;
  }
}
