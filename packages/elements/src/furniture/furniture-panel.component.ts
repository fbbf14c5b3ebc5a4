import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { Room } from 'livekit-client';
import type { FurnitureEntry, ModerationAction, TokenResponse } from '@convene/server/schema';
import { apiUrl } from '../core/api.js';
import { ConveneErrorEvent } from '../events.js';
import type { ErrorKey } from '../i18n/strings.js';
import { defineBuiltinFurniture } from './builtins.js';
import { pageSettings } from './furniture.component.js';
import { ConveneUnreadEvent } from './events.js';
import { furnitureDefinition, type FurnitureElement } from './registry.js';
import { checkSettings, furnitureLabel, furnitureTag } from './resolve.js';
import { furnitureStrings, langOf } from './strings.js';
import { panelStyles } from './furniture-panel.styles.js';

interface Piece {
  key: string;
  kind: string;
  label: string;
  settings: Record<string, unknown>;
  problem?: 'unknown' | 'settings' | 'load';
  element?: FurnitureElement;
}

let panels = 0;

/**
 * A token for a breakout table, asked for with the visitor's main-room LiveKit token now (LiveKit's
 * refresh of it; livekit-client keeps it on the engine, RoomSession does not expose its own copy).
 */
async function fetchTableToken(session: FurnitureSession, table: string): Promise<TokenResponse> {
  const bearer =
    (session.room?.engine as unknown as { token?: string } | undefined)?.token ?? session.token?.participant_token;
  const { server, space, room } = session.options;
  const path = `api/spaces/${encodeURIComponent(space)}/rooms/${encodeURIComponent(room)}/tables/${encodeURIComponent(table)}/token`;
  const response = await fetch(apiUrl(server, path), {
    method: 'POST',
    credentials: 'include',
    headers: { Authorization: `Bearer ${bearer}` },
  });
  if (!response.ok) throw new Error(`The Convene server answered ${response.status} for table "${table}".`);
  return (await response.json()) as TokenResponse;
}

/** What the panel uses of a `RoomSession` (src/core/session.ts); anything shaped like it will do. */
export interface FurnitureSession {
  readonly options: { server: string; space: string; room: string };
  readonly room?: Room | undefined;
  readonly token?: TokenResponse | undefined;
  readonly isModerator?: boolean;
  moderate(action: ModerationAction, identity: string): Promise<void>;
  readonly state: { subscribe(listener: () => void): () => void };
}

/**
 * Lays out a room's furniture: the video bridge (the slotted stage) first, every other piece in a
 * tabbed side panel on wide screens and below the stage on narrow ones. The pieces come from the
 * page's `<convene-furniture>` children of `source` when it has any, else from `furniture`
 * (the token response's list). An unknown kind shows a placeholder and fires `convene-error`.
 *
 * @summary A room's furniture around its stage.
 * @slot - The stage (the video bridge).
 * @fires convene-error - A piece names a kind nobody registered, or its settings are not valid.
 * @fires convene-spotlight - (from `spotlight`) who is pinned to the stage now; the room pins them.
 * @fires convene-reaction - (from `hand-raise`) someone reacted; the room can float the emoji over their tile.
 * @csspart side - The side panel. @csspart tabs - The tab list. @csspart tab - Each tab.
 * @csspart unread - A tab's unread count. @csspart tabpanel - Each piece's panel.
 * @csspart placeholder - What shows instead of a piece that cannot be shown.
 * @cssprop --convene-furniture-panel-width - The side panel's width on wide screens (22rem).
 */
export class ConveneFurniturePanel extends LitElement {
  static override styles = panelStyles;

  #id = `convene-furniture-${++panels}`;
  #reported = new Set<string>();
  #unsubscribe?: () => void;
  #resolvedFrom?: readonly FurnitureEntry[];

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
   * The room's `RoomSession`: when set, `room`, `furniture`, `embedHosts`, `moderator` and
   * `moderate` follow it (join, leave, rejoin) and need not be set one by one.
   */
  @property({ attribute: false }) session?: FurnitureSession;

  constructor() {
    super();
    defineBuiltinFurniture();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.#follow();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
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
      this.tableToken ??= (table) => fetchTableToken(session, table);
    }
    if (changed.has('furniture') || changed.has('source') || this.furniture !== this.#resolvedFrom) this.#resolve();
  }

  override updated(): void {
    this.pieces.forEach((piece, index) => {
      const element = piece.element;
      if (!element) return;
      element.room = this.room;
      element.embedHosts = this.embedHosts;
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

  /** The furniture the room shows, page first: `{ kind, label, settings }` for each piece. */
  get entries(): FurnitureEntry[] {
    const page = [...(this.source?.querySelectorAll(':scope > convene-furniture') ?? [])] as HTMLElement[];
    if (page.length > 0) {
      return page.map((el) => {
        const label = el.getAttribute('label');
        return {
          kind: el.getAttribute('kind') ?? '',
          ...(label ? { label } : {}),
          settings: pageSettings(el) as Record<string, unknown>,
        };
      });
    }
    return [...(this.furniture ?? [])];
  }

  #resolve() {
    this.#resolvedFrom = this.furniture;
    const lang = langOf(this);
    const t = furnitureStrings(this);
    const old = new Map(this.pieces.map((p) => [p.key, p]));
    const pieces: Piece[] = [];
    this.entries.forEach((entry, index) => {
      if (entry.kind === 'video-bridge') return;
      const key = `${index}:${entry.kind}:${JSON.stringify(entry.settings)}`;
      const kept = old.get(key);
      if (kept) return void pieces.push(kept);
      const piece: Piece = {
        key,
        kind: entry.kind,
        label: entry.label || furnitureLabel(entry.kind, lang),
        settings: {},
      };
      if (!furnitureDefinition(entry.kind)) {
        piece.problem = 'unknown';
        this.#report(entry.kind, t.unknownKind(entry.kind));
      } else {
        const checked = entry.settings === null ? null : checkSettings(entry.kind, entry.settings);
        if (!checked?.success) {
          piece.problem = 'settings';
          this.#report(entry.kind, t.badSettings(entry.kind));
        } else {
          piece.settings = checked.data;
          this.#load(piece);
        }
      }
      pieces.push(piece);
    });
    this.pieces = pieces;
    if (this.selected >= pieces.length) this.selected = 0;
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
        this.#report(piece.kind, furnitureStrings(this).loadFailed(piece.kind));
        this.requestUpdate();
      },
    );
  }

  #report(kind: string, message: string) {
    if (this.#reported.has(kind)) return;
    this.#reported.add(kind);
    // 'unknown_furniture' is not yet among ErrorKey's codes (src/i18n/strings.ts is not furniture's file).
    this.dispatchEvent(new ConveneErrorEvent('unknown_furniture' as ErrorKey, message));
  }

  #renderPiece(piece: Piece) {
    const t = furnitureStrings(this);
    if (piece.problem) {
      const message =
        piece.problem === 'unknown'
          ? t.unknownKind(piece.kind)
          : piece.problem === 'settings'
            ? t.badSettings(piece.kind)
            : t.loadFailed(piece.kind);
      return html`<p part="placeholder" role="note" data-kind=${piece.kind}>${message}</p>`;
    }
    return piece.element ?? nothing;
  }

  override render() {
    const t = furnitureStrings(this);
    const side = this.pieces.length > 0;
    return html`
      <div class="layout ${side ? 'side' : ''}">
        <div part="stage"><slot></slot></div>
        ${
          side
            ? html`<section part="side" aria-label=${t.furniture}>
                <div part="tabs" role="tablist" aria-label=${t.furniture} @keydown=${this.#onKeydown}>
                  ${this.pieces.map((piece, index) => {
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
                        unread > 0 ? html`<span part="unread" aria-label=${t.unread(unread)}>${unread}</span>` : nothing
                      }
                    </button>`;
                  })}
                </div>
                ${this.pieces.map(
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
