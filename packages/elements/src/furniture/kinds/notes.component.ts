import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import type { Room } from 'livekit-client';
import { UndoManager, type Transaction, type YTextEvent } from 'yjs';
import { furniture, notes, type NotesStrings } from '../../i18n/furniture-strings.js';
import type { ConveneStrings } from '../../i18n/strings.js';
import { LocalizeController } from '../../i18n/localize-controller.js';
import type { FurnitureSession } from '../session.js';
import {
  diffText,
  enterAt,
  highlight,
  indentLines,
  mapThrough,
  type Delta,
  type Piece,
  type TextEdit,
} from './notes-editor.js';
import { NotesKeeper } from './notes-keep.js';
import { MAX_DOC, MAX_LOCAL_INSERT, NotesProvider, type NotesPeer } from './notes-provider.js';
import { kindStyles } from './kind.styles.js';

/** The origin of this person's own edits. */
const LOCAL = Symbol('local');
const utf8 = new TextEncoder();

/**
 * `notes`: minutes written together. One Markdown text that everyone in the room edits at once
 * (Yjs, synced peer to peer over LiveKit; see notes-provider.ts), each person's caret, selection
 * and name (the server's) shown to the others. The editor is a textarea bound to the shared
 * Y.Text by the smallest edit (common prefix and suffix), with the Markdown lightly coloured
 * behind it (headings, list markers, checkboxes), list continuation on Enter and Tab to indent
 * (Escape, then Tab, leaves). Undo and redo (Ctrl+Z, Ctrl+Shift+Z or Ctrl+Y, the browser's Edit menu)
 * take back this person's own edits only, through Yjs's UndoManager, so that others' edits never
 * wipe the history. While an input method composes (Chinese, Japanese, Korean …), the textarea is
 * left alone: others' edits wait and go in when the composed text does. With `settings: { keep: true }` the Convene server keeps the latest
 * notes for the next meeting in the room; otherwise they are gone when the last person leaves,
 * and the kind says so. "Download as Markdown" saves them either way.
 *
 * @summary The room's shared notes.
 * @csspart keep - The line saying whether the notes are kept after the meeting.
 * @csspart present - Who else is in the notes.
 * @csspart editor - The editor (the textarea and the highlighting behind it).
 * @csspart download - The "Download as Markdown" button.
 * @cssprop --convene-notes-height - The editor's greatest height before it scrolls (28rem).
 * @cssprop --convene-notes-font - The editor's font family (the system's monospace).
 */
export class ConveneFurnitureNotes extends LitElement {
  static override styles = [
    kindStyles,
    css`
      .bar {
        display: flex;
        flex-wrap: wrap;
        align-items: baseline;
        justify-content: space-between;
        gap: 0.5rem;
        margin: 0 0 0.5rem;
      }
      .bar p {
        margin: 0;
      }
      [part='editor'] {
        max-height: var(--convene-notes-height, 28rem);
        overflow-y: auto;
        border: 1px solid var(--_muted);
        border-radius: calc(var(--_radius) / 2);
        background: var(--_bg);
      }
      [part='editor']:focus-within {
        outline: 3px solid var(--_accent);
        outline-offset: 2px;
      }
      /* As tall as the text: the textarea over it spans all of it, and the editor scrolls both together. */
      .sizer {
        position: relative;
      }
      .backdrop,
      textarea {
        box-sizing: border-box;
        width: 100%;
        margin: 0;
        border: 0;
        /* Room above the first line for a caret's name. */
        padding: 1.25rem 0.625rem 0.5rem;
        font-family: var(--convene-notes-font, ui-monospace, 'SFMono-Regular', Menlo, Consolas, monospace);
        font-size: 0.95em;
        font-weight: 400;
        line-height: 1.5;
        letter-spacing: normal;
        tab-size: 4;
        white-space: pre-wrap;
        overflow-wrap: break-word;
        word-break: normal;
      }
      .backdrop {
        min-height: 12rem;
        color: var(--_fg);
        pointer-events: none;
      }
      textarea {
        position: absolute;
        inset: 0;
        height: 100%;
        resize: none;
        overflow: hidden;
        background: transparent;
        color: transparent;
        caret-color: var(--_fg);
        outline: none;
      }
      textarea::selection {
        background: color-mix(in srgb, var(--_accent) 30%, transparent);
      }
      .md-h,
      .md-mark,
      .md-box {
        color: var(--_accent);
      }
      .md-done {
        text-decoration: line-through;
      }
      .md-quote {
        font-style: normal;
        color: var(--_muted);
      }
      .caret {
        position: relative;
        border-inline-start: 2px solid var(--c);
        margin-inline: -1px;
      }
      .flag {
        position: absolute;
        bottom: 100%;
        inset-inline-start: -2px;
        padding: 0 0.25rem;
        border-radius: 0.25rem;
        background: var(--c);
        color: #fff;
        font:
          600 0.7rem/1.3 system-ui,
          sans-serif;
        white-space: nowrap;
      }
      .hint {
        font-size: 0.85em;
        margin: 0.375rem 0 0.75rem;
      }
      .dot {
        display: inline-block;
        width: 0.6em;
        height: 0.6em;
        border-radius: 50%;
        margin-inline-end: 0.25em;
        background: var(--c);
      }
      @media (forced-colors: active) {
        /* The system's colours: the textarea's own text shows, the drawn copy steps aside. */
        textarea {
          color: CanvasText;
        }
        .backdrop {
          visibility: hidden;
        }
      }
    `,
  ];

  #localize = new LocalizeController(this, furniture, notes);
  #provider?: NotesProvider | undefined;
  #keeper?: NotesKeeper | undefined;
  #undo: (() => void)[] = [];
  /** The text as the textarea last showed it (the shared text after every applied change). */
  #shown = '';
  /** Escape was the last key: the next Tab leaves the editor instead of indenting. */
  #escaped = false;
  #token = '';
  #known = new Map<string, string>();
  /** This person's own edits, to undo and redo (others' edits are never taken back). */
  #history?: UndoManager | undefined;
  /** An input method is composing: the textarea is not touched until it ends. */
  #composing = false;
  /** Others' changes that came while composing, in order. */
  #held: Delta[] = [];

  @query('textarea') private textarea?: HTMLTextAreaElement;

  @state() private text = '';
  @state() private peers: NotesPeer[] = [];
  @state() private synced = false;
  @state() private announcement = '';
  @state() private error = '';

  /** The room's livekit-client `Room`. */
  @property({ attribute: false }) room?: Room | undefined;
  /** The room's session: where the kept notes are loaded from and saved to, with its token. */
  @property({ attribute: false }) session?: FurnitureSession | undefined;
  /** `{ keep: boolean }`: whether the Convene server keeps the notes for the next meeting. */
  @property({ attribute: false }) settings?: Record<string, unknown>;
  /** Whether the notes are on show. */
  @property({ type: Boolean }) active = false;

  override willUpdate(changed: PropertyValues<this>): void {
    const token = this.session?.bearer || this.session?.token?.participant_token;
    if (token) this.#token = token;
    if (changed.has('room')) this.#connect();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.room && !this.#provider) this.#connect();
    // A poll's "Insert into notes" (ConveneNotesInsertEvent), heard where both kinds sit: the panel's shadow root.
    this.#insertRoot = this.getRootNode();
    this.#insertRoot.addEventListener('convene-notes-insert', this.#onInsert);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#insertRoot?.removeEventListener('convene-notes-insert', this.#onInsert);
    this.#insertRoot = undefined;
    this.#disconnect();
  }

  #insertRoot: Node | undefined;

  /** Appends what another kind asks to insert (a poll's results) as its own paragraph at the end of the notes. */
  #onInsert = (event: Event) => {
    const markdown = (event as Event & { markdown?: unknown }).markdown;
    if (!this.#provider || typeof markdown !== 'string' || !markdown.trim()) return;
    const current = this.#provider.text.toString();
    const gap = !current || current.endsWith('\n\n') ? '' : current.endsWith('\n') ? '\n' : '\n\n';
    if (!this.#commit({ index: current.length, remove: 0, insert: `${gap}${markdown.trim()}\n` })) {
      this.error = this.#t.notesFull(MAX_DOC / 1_000_000);
    }
    this.requestUpdate();
  };

  override updated(): void {
    const textarea = this.textarea;
    if (textarea && !this.#composing && textarea.value !== this.#shown) textarea.value = this.#shown;
  }

  get #t(): ConveneStrings & NotesStrings {
    return this.#localize.t as ConveneStrings & NotesStrings;
  }

  get #keep(): boolean {
    return this.settings?.keep === true;
  }

  #connect() {
    this.#disconnect();
    const room = this.room;
    if (!room || !this.isConnected) return;
    let provider: NotesProvider;
    try {
      provider = new NotesProvider(room);
    } catch {
      this.error = this.#t.notesElsewhere;
      return;
    }
    this.error = '';
    this.#provider = provider;
    const text = provider.text;
    const history = new UndoManager(text, { trackedOrigins: new Set([LOCAL]) });
    this.#history = history;
    const observer = (event: YTextEvent, transaction: Transaction) => {
      if (transaction.origin !== LOCAL) this.#showRemote(event.delta, transaction.origin === history);
    };
    text.observe(observer);
    this.#undo.push(() => text.unobserve(observer));
    this.#undo.push(() => history.destroy());
    this.#undo.push(provider.peers.subscribe((peers) => this.#onPeers(peers)));
    this.#undo.push(provider.synced.subscribe((synced) => (this.synced = synced)));
    // Alone in the room, the provider is synced from the start: nobody to ask.
    this.synced = provider.synced.value;
    if (this.#keep && this.session) {
      const { server, space, room: slug } = this.session.options;
      const keeper = new NotesKeeper(provider, room, { server, space, room: slug, token: () => this.#token });
      this.#keeper = keeper;
      void keeper.load().then((ok) => {
        if (!ok && this.#keeper === keeper) this.error = this.#t.notesLoadFailed;
      });
      const onHide = () => void keeper.save(true);
      window.addEventListener('pagehide', onHide);
      this.#undo.push(() => window.removeEventListener('pagehide', onHide));
    }
  }

  #disconnect() {
    for (const step of this.#undo.splice(0)) step();
    const provider = this.#provider;
    // The last save (this person leaving) needs the document: the provider stops after it.
    if (this.#keeper) void this.#keeper.dispose().finally(() => provider?.dispose());
    else provider?.dispose();
    this.#keeper = undefined;
    this.#provider = undefined;
    this.#history = undefined;
    this.#composing = false;
    this.#held = [];
    this.#known.clear();
    this.peers = [];
  }

  /**
   * Others changed the text (or this person's undo or redo did): show it, this person's selection
   * kept where it was in the text (after an undo or redo: the caret where the change was). While
   * an input method composes, the change waits (see #endComposition).
   */
  #showRemote(delta: Delta, undone = false) {
    if (this.#composing) {
      this.#held.push(delta);
      return;
    }
    const value = this.#provider?.text.toString() ?? '';
    const textarea = this.textarea;
    if (textarea && textarea.value === this.#shown) {
      const { selectionStart, selectionEnd, selectionDirection } = textarea;
      const focused = this.shadowRoot?.activeElement === textarea;
      textarea.value = value;
      if (undone) {
        const at = changedAt(delta);
        textarea.setSelectionRange(at, at);
      } else if (focused) {
        textarea.setSelectionRange(
          mapThrough(selectionStart, delta),
          mapThrough(selectionEnd, delta),
          selectionDirection,
        );
      }
    }
    this.#shown = value;
    this.text = value;
  }

  #onCompositionStart() {
    this.#composing = true;
  }

  /**
   * The input method is done: what it composed goes into the shared text where it was typed
   * (moved past what others changed meanwhile), and the textarea shows everyone's text.
   */
  #endComposition() {
    if (!this.#composing) return;
    this.#composing = false;
    const held = this.#held.splice(0);
    const textarea = this.textarea;
    const provider = this.#provider;
    if (!textarea || !provider) return;
    const through = (at: number) => held.reduce((position, delta) => mapThrough(position, delta), at);
    const edit = diffText(this.#shown, textarea.value);
    const { selectionEnd } = textarea;
    let caret = through(selectionEnd);
    if (edit) {
      const index = through(edit.index);
      const end = through(edit.index + edit.remove);
      caret = index + Math.max(0, selectionEnd - edit.index);
      if (!this.#commit({ index, remove: Math.max(0, end - index), insert: edit.insert })) {
        this.error = this.#t.notesFull(MAX_DOC / 1_000_000);
        caret = index;
      }
    }
    this.#shown = provider.text.toString();
    this.text = this.#shown;
    textarea.value = this.#shown;
    textarea.setSelectionRange(caret, caret);
    this.#onSelect();
  }

  /** The browser's own undo and redo (its Edit menu, a context menu) take back this person's edits too. */
  #onBeforeInput(event: InputEvent) {
    if (event.inputType !== 'historyUndo' && event.inputType !== 'historyRedo') return;
    event.preventDefault();
    if (event.inputType === 'historyUndo') this.#history?.undo();
    else this.#history?.redo();
  }

  #onPeers(peers: NotesPeer[]) {
    const t = this.#t;
    const now = new Map(peers.map((p) => [p.identity, p.name]));
    const came = peers.filter((p) => !this.#known.has(p.identity)).map((p) => t.notesJoined(p.name));
    const went = [...this.#known].filter(([identity]) => !now.has(identity)).map(([, name]) => t.notesLeft(name));
    // Who came and went, politely; never what anyone types.
    if (came.length || went.length) this.announcement = [...came, ...went].join('. ');
    this.#known = now;
    this.peers = peers;
  }

  /** The textarea changed (typing, pasting, cutting, undo): the same change goes into the shared text. */
  #onInput() {
    const textarea = this.textarea;
    const provider = this.#provider;
    if (!textarea || !provider) return;
    if (this.#composing) {
      // Shown as it is composed (the drawn copy is what a person sees); shared when it ends.
      this.text = textarea.value;
      return;
    }
    const edit = diffText(this.#shown, textarea.value);
    if (!edit) return;
    if (!this.#commit(edit)) {
      const { selectionStart } = textarea;
      textarea.value = this.#shown;
      textarea.setSelectionRange(selectionStart, selectionStart);
      this.error = this.#t.notesFull(MAX_DOC / 1_000_000);
      return;
    }
    this.error = '';
    this.#onSelect();
  }

  /** One edit into the shared text (a long insert in pieces, each its own small update); `false` when it would not fit. */
  #commit({ index, remove, insert }: TextEdit): boolean {
    const provider = this.#provider!;
    if (insert && !provider.fits(utf8.encode(insert).byteLength + 64)) return false;
    const text = provider.text;
    provider.doc.transact(() => {
      if (remove) text.delete(index, remove);
      if (insert.length <= MAX_LOCAL_INSERT) text.insert(index, insert);
    }, LOCAL);
    if (insert.length > MAX_LOCAL_INSERT) {
      let at = 0;
      while (at < insert.length) {
        let end = Math.min(at + MAX_LOCAL_INSERT, insert.length);
        // Never between the halves of a surrogate pair.
        if (end < insert.length && /[\ud800-\udbff]/.test(insert[end - 1]!)) end++;
        const piece = insert.slice(at, end);
        const offset = index + at;
        provider.doc.transact(() => text.insert(offset, piece), LOCAL);
        at = end;
      }
    }
    this.#shown = text.toString();
    this.text = this.#shown;
    return true;
  }

  /** This person's caret and selection, for the others. */
  #onSelect() {
    const textarea = this.textarea;
    if (!textarea) return;
    const { selectionStart, selectionEnd, selectionDirection } = textarea;
    const backward = selectionDirection === 'backward';
    this.#provider?.setCursor({
      anchor: backward ? selectionEnd : selectionStart,
      head: backward ? selectionStart : selectionEnd,
    });
  }

  #onBlur() {
    this.#provider?.setCursor(null);
  }

  /** Replaces `edit`'s range in the textarea as typing would (so the browser's undo keeps it), then selects `[from, to]`. */
  #type(edit: TextEdit, from: number, to = from) {
    const textarea = this.textarea!;
    textarea.setSelectionRange(edit.index, edit.index + edit.remove);
    const typed = edit.insert
      ? document.execCommand('insertText', false, edit.insert)
      : document.execCommand('delete', false);
    if (!typed) textarea.setRangeText(edit.insert, edit.index, edit.index + edit.remove, 'end');
    if (textarea.value !== this.#shown) this.#onInput();
    textarea.setSelectionRange(from, to);
    this.#onSelect();
  }

  #onKeydown(event: KeyboardEvent) {
    const textarea = this.textarea;
    const escaped = this.#escaped;
    this.#escaped = event.key === 'Escape';
    if (!textarea || event.isComposing) return;
    const key = event.key.toLowerCase();
    if ((event.ctrlKey || event.metaKey) && !event.altKey && (key === 'z' || key === 'y')) {
      // This person's own edits, never the others': Yjs's history, not the textarea's.
      event.preventDefault();
      if (key === 'z' && !event.shiftKey) this.#history?.undo();
      else this.#history?.redo();
      return;
    }
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    const { selectionStart: from, selectionEnd: to, value } = textarea;
    if (event.key === 'Enter' && !event.shiftKey && from === to) {
      const result = enterAt(value, from);
      if (!result) return;
      event.preventDefault();
      this.#type(result.edit, result.selection);
    } else if (event.key === 'Tab') {
      // Escape, then Tab: out of the editor, as the hint says.
      if (escaped) return;
      event.preventDefault();
      const result = indentLines(value, from, to, event.shiftKey);
      if (result) this.#type(result.edit, result.from, result.to);
    }
  }

  #download() {
    const blob = new Blob([this.#shown], { type: 'text/markdown;charset=utf-8' });
    const url = URL.createObjectURL(blob);
    const link = document.createElement('a');
    const { space = 'convene', room = 'notes' } = this.session?.options ?? {};
    link.href = url;
    link.download = `${space}-${room}-${new Date().toISOString().slice(0, 10)}.md`;
    link.hidden = true;
    this.shadowRoot!.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }

  #renderPiece(piece: Piece) {
    if ('caret' in piece) {
      return html`<span class="caret" style="--c: ${piece.caret.color}" data-identity=${piece.caret.identity}
        ><span class="flag">${piece.caret.name}</span></span
      >`;
    }
    if (!piece.classes && !piece.selected) return piece.text;
    const style = piece.selected ? `background: color-mix(in srgb, ${piece.selected} 25%, transparent)` : '';
    return html`<span class=${piece.classes || nothing} style=${style || nothing}>${piece.text}</span>`;
  }

  #renderTextarea(t: ConveneStrings & NotesStrings) {
    return html`<textarea
      aria-label=${t.notesEditor}
      aria-describedby="hint"
      spellcheck="true"
      @input=${this.#onInput}
      @beforeinput=${this.#onBeforeInput}
      @compositionstart=${this.#onCompositionStart}
      @compositionend=${this.#endComposition}
      @keydown=${this.#onKeydown}
      @keyup=${this.#onSelect}
      @mouseup=${this.#onSelect}
      @select=${this.#onSelect}
      @focus=${this.#onSelect}
      @blur=${this.#onBlur}
    ></textarea>`;
  }

  override render() {
    const t = this.#t;
    if (!this.#provider && this.error) return html`<p role="alert">${this.error}</p>`;
    const cursors = this.peers.flatMap((p) =>
      p.anchor === undefined || p.head === undefined
        ? []
        : [{ identity: p.identity, name: p.name, color: p.color, anchor: p.anchor, head: p.head }],
    );
    const names = new Intl.ListFormat(this.#localize.locale, { type: 'conjunction' });
    // The drawn copy of the text: nothing but the text in it (no white space of the template's own), and a
    // zero-width space so that a last empty line has its height, as it has in the textarea.
    const pieces = [...highlight(this.text, cursors).map((p) => this.#renderPiece(p)), '\u200b'];
    // prettier-ignore
    const backdrop = html`<div class="backdrop" aria-hidden="true">${pieces}</div>`;
    const editor = html`<div class="sizer">${backdrop}${this.#renderTextarea(t)}</div>`;
    return html`
      <div class="bar">
        <p part="keep" class="muted">${this.#keep ? t.notesKept : t.notesNotKept}</p>
        <button part="download" type="button" @click=${this.#download}>${t.notesDownload}</button>
      </div>
      <p part="present" class="muted">
        ${
          this.peers.length
            ? html`${this.peers.map((p) => html`<span class="dot" style="--c: ${p.color}" aria-hidden="true"></span>`)}
              ${t.notesWith(names.format(this.peers.map((p) => p.name)))}`
            : this.synced
              ? t.notesAlone
              : t.notesSyncing
        }
      </p>
      <div part="editor">${editor}</div>
      <p id="hint" class="muted hint">${t.notesHint}</p>
      <div class="sr" role="status">${this.announcement}</div>
      ${this.error ? html`<p role="alert">${this.error}</p>` : nothing}
    `;
  }
}

/** Where a change ends (an undo's or redo's): after its first insertion, or where its first deletion was. */
function changedAt(delta: Delta): number {
  let index = 0;
  for (const op of delta) {
    if (op.retain) index += op.retain;
    else if (typeof op.insert === 'string') return index + op.insert.length;
    else if (op.delete) return index;
  }
  return index;
}
