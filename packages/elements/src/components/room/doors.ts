/**
 * The room's door (issue 13), in its own lazy chunk, loaded only for those who need it: what every
 * room carries of it is ./door-entry.ts (the directory's word on the room, the invite and guest id
 * of the token request, and when this chunk is needed). `RoomDoors` takes a visitor through
 * knocking (the waiting view in pre-join; admitted joins at once with the knock, and nothing of the
 * room is fetched before that); in the room it gives moderators the knock queue, the lock, "remove
 * and keep out" with the kept-out list, and moderators and members the invite dialog. Requests go
 * through `DoorsApi` (core/doors.ts).
 */
import { html, nothing, svg, type ReactiveController, type ReactiveControllerHost, type SVGTemplateResult } from 'lit';
import { INVITE_PARAM, type DirectoryRoom, type LockResponse } from '@convene/server/contract';
import { ConveneApiError } from '../../core/api-error.js';
import {
  httpDoors,
  type DoorRoom,
  type DoorsApi,
  type Invite,
  type InviteSummary,
  type InviteUses,
  type KeptOut,
  type Knock,
  type KnockList,
  type KnockResponse,
  type KnockStatus,
} from '../../core/doors.js';
import { storedGuestId } from '../../core/guest-id.js';
import type { PassSource } from '../../core/pass.js';
import { doors as doorSection, type DoorStrings } from '../../i18n/door-strings.js';
import { addSection, type ConveneStrings, type ErrorKey } from '../../i18n/strings.js';
import type { DoorEntry } from './door-entry.js';
import { doorStyles } from './doors.styles.js';
import type { ConveneSession, ParticipantView } from './session.js';

/** The room's strings with the door's. */
/** A moderator's buttons on a tile ride in this chunk: only a moderator's room (or a member's) loads it. */
export { renderModeration } from './moderation-buttons.js';

export type DoorText = ConveneStrings & DoorStrings;

const icon = (body: SVGTemplateResult) =>
  svg`<svg class="icon" viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round">${body}</svg>`;
const doorIcon = icon(svg`<path d="M5 21V4a1 1 0 0 1 1-1h12a1 1 0 0 1 1 1v17M3 21h18M15 12v.01"/>`);
const lockIcon = icon(svg`<rect x="5" y="11" width="14" height="10" rx="2"/><path d="M8 11V7a4 4 0 0 1 8 0v4"/>`);
const unlockIcon = icon(svg`<rect x="5" y="11" width="14" height="10" rx="2"/><path d="M8 11V7a4 4 0 0 1 7.5-2"/>`);
const inviteIcon = icon(
  svg`<path d="M10 14a4 4 0 0 0 6 0l3-3a4 4 0 0 0-6-6l-1 1M14 10a4 4 0 0 0-6 0l-3 3a4 4 0 0 0 6 6l1-1"/>`,
);
const keepOutIcon = icon(svg`<circle cx="12" cy="12" r="9"/><path d="M5.6 5.6l12.8 12.8"/>`);
const knockIcon = icon(svg`<circle cx="12" cy="8" r="4"/><path d="M4 21a8 8 0 0 1 16 0"/>`);

/** How long an invite lasts: the dialog's choices, in seconds. */
const DURATIONS = { hour: 3600, day: 86_400, week: 604_800 } as const;

/** Refusals after which following the queue again cannot help. */
const FINAL = new Set(['forbidden', 'unauthorized', 'not_found', 'room_not_found', 'space_not_found']);

/** Where a visitor's knock stands, as pre-join shows it. */
export type KnockView =
  | { phase: 'idle' }
  | { phase: 'asking' }
  | { phase: 'waiting'; hosts: string[] }
  | { phase: 'admitted' }
  | { phase: 'denied' }
  | { phase: 'unanswered' }
  | { phase: 'dropped' }
  | { phase: 'failed'; code: ErrorKey };

/** What the door needs of `<convene-room>`. */
export interface DoorsHost extends ReactiveControllerHost, HTMLElement {
  readonly server: string;
  readonly space: string;
  readonly room: string;
  readonly name: string;
  /** An invite's secret given by the page (else the page URL's `convene_invite`). */
  readonly invite: string;
  readonly session: ConveneSession | undefined;
  readonly renderRoot: HTMLElement | DocumentFragment;
  /** Door requests for a view test (fixtures); the server's by default. */
  doorsApi?: DoorsApi | undefined;
  join(): Promise<void>;
}

export class RoomDoors implements ReactiveController {
  knock: KnockView = { phase: 'idle' };
  /** Moderators: who is asking to come in, in the order they knocked. */
  queue: Knock[] = [];
  /** Moderators: whether a moderator locked the room for the rest of the meeting. */
  locked = false;
  /** Moderators: the door panel was opened with its button (shows the kept-out list too). */
  panelOpen = false;
  keptOut: KeptOut[] | undefined;
  invites: InviteSummary[] | undefined;
  newInvite: Invite | undefined;
  inviteStatus = '';
  /** The person a moderator asked to remove and keep out, awaiting the confirming second press. */
  confirmingKeepOut = '';
  /** What to tell a moderator when a door request failed; `''` when nothing did. */
  error = '';
  /** Pre-join: a message about the knock form (a name is needed). */
  formError = '';
  #admitted: { id: string; secret: string } | undefined;
  #knock: KnockResponse | undefined;
  #knockAbort: AbortController | undefined;
  #queueAbort: AbortController | undefined;
  #phase = 'idle';
  #seen = new Set<string>();
  /** The queue panel was closed: it stays closed until someone new knocks. */
  #dismissed = false;
  /** The strings the host spoke at its last render, for announcements between renders. */
  #text: DoorText | undefined;

  constructor(
    private readonly host: DoorsHost,
    /** The pass source the room's requests carry (its own, or its space's). */
    private readonly passes: () => PassSource | undefined,
    /** Says something in the room's polite live region. */
    private readonly announce: (text: string) => void,
    /** What the room knew of its door before this chunk: the directory's word, the invite. */
    private readonly entry: DoorEntry,
  ) {
    addSection(doorSection);
    this.locked = !!entry.info?.locked_by_moderator;
    host.addController(this);
  }

  /** The room as the directory lists it, once known (`undefined`: not listed, or not known yet). */
  get info(): DirectoryRoom | undefined {
    return this.entry.info;
  }

  get #api(): DoorsApi {
    return this.host.doorsApi ?? httpDoors;
  }

  get #ref(): DoorRoom {
    const { server, space, room } = this.host;
    return { server, space, room, passes: this.passes() };
  }

  get #caller() {
    const session = this.host.session;
    return { bearer: session?.bearer || session?.token?.participant_token };
  }

  /** The invite this room's token request carries: the element's, else the page URL's. */
  get inviteSecret(): string {
    return this.entry.inviteSecret;
  }

  hostConnected(): void {
    const root = this.host.renderRoot;
    const sheet = doorStyles.styleSheet;
    if (root instanceof ShadowRoot && sheet && !root.adoptedStyleSheets.includes(sheet)) {
      root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
    }
  }

  hostDisconnected(): void {
    // Moved within the page: still here after this task, and still knocking or following.
    queueMicrotask(() => {
      if (this.host.isConnected) return;
      this.#knockAbort?.abort();
      this.#stopQueue();
    });
  }

  hostUpdate(): void {
    const state = this.host.session?.state.value;
    const phase = state?.phase ?? 'idle';
    if (phase === this.#phase) return;
    const previous = this.#phase;
    this.#phase = phase;
    if (phase === 'connected' && previous !== 'reconnecting') this.#entered();
    else if (phase !== 'reconnecting' && phase !== 'connected') this.#stopQueue();
  }

  // Pre-join

  /** The token request's door field beyond the entry's (invite, guest id): an admitted knock. */
  tokenFields(): { knock?: { id: string; secret: string } } {
    return this.#admitted ? { knock: this.#admitted } : {};
  }

  /** Whether this visitor may ask to come in (after `error`, the refusal that brought pre-join back). */
  canKnock(error?: ErrorKey): boolean {
    if (error === 'knock_required') return true;
    if (this.inviteSecret) return false;
    return !!(this.info?.knock || this.info?.locked_by_moderator);
  }

  /** Knocks with the name typed in pre-join, then follows the answer. */
  async ask(t: DoorText): Promise<void> {
    const input = this.host.renderRoot.querySelector<HTMLInputElement>('input[name="name"]');
    const name = (input?.value ?? '').trim() || this.host.name.trim();
    if (!name) {
      this.formError = t.nameRequired;
      this.host.requestUpdate();
      input?.focus();
      return;
    }
    this.formError = '';
    this.#knockAbort?.abort();
    const abort = new AbortController();
    this.#knockAbort = abort;
    this.#setKnock({ phase: 'asking' });
    const api = this.#api;
    const ref = this.#ref;
    let knock: KnockResponse;
    try {
      // The stored guest id too: a guest kept out is told so at the knock, not only at the token request.
      knock = await api.knock(ref, name, storedGuestId(this.host.server));
    } catch (error) {
      if (abort.signal.aborted) return;
      const code = error instanceof ConveneApiError ? error.code : 'network';
      if (code === 'knock_not_needed') {
        // The door is open for this visitor after all (unlocked meanwhile, or a member): straight in.
        this.#setKnock({ phase: 'idle' });
        void this.host.join().catch(() => {});
        return;
      }
      this.#setKnock({ phase: 'failed', code });
      return;
    }
    if (abort.signal.aborted) {
      void api.cancelKnock(ref, knock).catch(() => {});
      return;
    }
    this.#knock = knock;
    this.#setKnock({ phase: 'waiting', hosts: knock.hosts });
    let ended = false;
    try {
      await api.followKnock(
        ref,
        knock,
        (status: KnockStatus) => {
          if (ended || abort.signal.aborted) return;
          if (status.state === 'waiting') {
            this.#setKnock({ phase: 'waiting', hosts: status.hosts });
            return;
          }
          ended = true;
          abort.abort();
          this.#ended(status.state, knock);
        },
        abort.signal,
      );
    } catch {
      // dropped; said below
    }
    if (!ended && !abort.signal.aborted) {
      abort.abort();
      this.#setKnock({ phase: 'dropped' });
    }
  }

  /** Stops knocking (the server is told; a stream that stops would let it lapse anyway). */
  cancel(): void {
    this.#knockAbort?.abort();
    const knock = this.#knock;
    this.#knock = undefined;
    if (knock && this.knock.phase === 'waiting') void this.#api.cancelKnock(this.#ref, knock).catch(() => {});
    this.#setKnock({ phase: 'idle' }, '[data-action="knock"]');
  }

  /** Back from an answer to the form. */
  back(): void {
    this.#setKnock({ phase: 'idle' }, '[data-action="knock"]');
  }

  #ended(state: KnockStatus['state'], knock: KnockResponse) {
    this.#knock = undefined;
    if (state === 'admitted') {
      this.#admitted = { id: knock.knock_id, secret: knock.knock_secret };
      this.#setKnock({ phase: 'admitted' });
      void this.host.join().catch(() => {});
    } else if (state === 'denied' || state === 'unanswered') {
      this.#setKnock({ phase: state });
    } else {
      this.#setKnock({ phase: 'idle' }, '[data-action="knock"]');
    }
  }

  #setKnock(next: KnockView, focus = '.knock button') {
    const changed = next.phase !== this.knock.phase;
    this.knock = next;
    this.host.requestUpdate();
    if (changed) void this.#focus(focus);
  }

  async #loadInfo() {
    await this.entry.loadInfo();
    if (this.info) this.locked = !!this.info.locked_by_moderator;
  }

  // In the room

  #entered() {
    const session = this.host.session;
    this.#admitted = undefined;
    this.knock = { phase: 'idle' };
    if (session?.isModerator) {
      void this.#loadInfo();
      void this.#followQueue();
    }
  }

  /** Follows the room's knock queue while a moderator is in the room, again after a dropped stream. */
  async #followQueue() {
    this.#stopQueue();
    const abort = new AbortController();
    this.#queueAbort = abort;
    let wait = 1000;
    while (!abort.signal.aborted) {
      try {
        await this.#api.followKnocks(this.#ref, this.#caller, (list) => this.#onQueue(list), abort.signal);
        wait = 1000;
      } catch (error) {
        if (error instanceof ConveneApiError && FINAL.has(error.code)) return;
      }
      if (abort.signal.aborted) return;
      await new Promise((resolve) => setTimeout(resolve, wait));
      wait = Math.min(wait * 2, 30_000);
    }
  }

  #stopQueue() {
    this.#queueAbort?.abort();
    this.#queueAbort = undefined;
    if (this.queue.length) {
      this.queue = [];
      this.host.requestUpdate();
    }
  }

  #onQueue(list: KnockList) {
    if (list.room !== this.host.room || !Array.isArray(list.knocks)) return;
    const queue = [...list.knocks].sort((a, b) => a.since.localeCompare(b.since));
    const arrived = queue.filter((k) => !this.#seen.has(k.id));
    for (const k of arrived) this.#seen.add(k.id);
    if (arrived.length) {
      this.#dismissed = false;
      const t = this.#text;
      if (t) this.announce(arrived.map((k) => `${t.knocking(k.name)}.`).join(' '));
    }
    this.queue = queue;
    // The room's stream says whether it is locked, whoever locked or unlocked it.
    const locked = list.locked_by_moderator;
    if (typeof locked === 'boolean' && locked !== this.locked) {
      this.locked = locked;
      const t = this.#text;
      if (t) this.announce(locked ? t.lockedNow : t.unlockedNow);
    }
    this.host.requestUpdate();
  }

  /** Admits or denies a knock; the focus moves on to the next one, else back to the door button. */
  async answer(t: DoorText, knock: Knock, decision: 'admit' | 'deny'): Promise<void> {
    this.error = '';
    const index = this.queue.findIndex((k) => k.id === knock.id);
    try {
      await this.#api.answerKnock(this.#ref, this.#caller, knock.id, decision);
    } catch (error) {
      // Someone else answered first, or it lapsed: it leaves the queue all the same.
      if (!(error instanceof ConveneApiError && error.code === 'knock_not_found')) {
        this.error = t.moderationFailed;
        this.host.requestUpdate();
        return;
      }
    }
    this.queue = this.queue.filter((k) => k.id !== knock.id);
    this.announce(decision === 'admit' ? t.admittedName(knock.name) : t.deniedName(knock.name));
    this.host.requestUpdate();
    const next = this.queue[Math.min(index, this.queue.length - 1)];
    void this.#focus(next ? `[data-knock="${CSS.escape(next.id)}"] [data-action="admit"]` : '[data-control="door"]');
  }

  togglePanel(): void {
    if (this.#panelVisible) {
      this.#closePanel();
      return;
    }
    this.panelOpen = true;
    this.#dismissed = false;
    this.host.requestUpdate();
    void this.#loadKeptOut();
    void this.#focus('.door-panel [data-action="admit"]', '.door-panel h2');
  }

  #closePanel() {
    this.panelOpen = false;
    this.#dismissed = true;
    this.host.requestUpdate();
    void this.#focus('[data-control="door"]');
  }

  get #panelVisible(): boolean {
    return this.panelOpen || (this.queue.length > 0 && !this.#dismissed);
  }

  async toggleLock(t: DoorText): Promise<void> {
    this.error = '';
    let answer: LockResponse;
    try {
      answer = await this.#api.lock(this.#ref, this.#caller, !this.locked);
    } catch {
      this.error = t.moderationFailed;
      this.host.requestUpdate();
      return;
    }
    // Said once: the room's stream may have brought the change first.
    if (answer.locked !== this.locked) this.announce(answer.locked ? t.lockedNow : t.unlockedNow);
    this.locked = answer.locked;
    this.host.requestUpdate();
  }

  /** Removes someone and keeps them out, on the second press (the first asks to confirm). */
  async keepOut(t: DoorText, p: ParticipantView): Promise<void> {
    if (this.confirmingKeepOut !== p.identity) {
      this.confirmingKeepOut = p.identity;
      this.host.requestUpdate();
      return;
    }
    this.confirmingKeepOut = '';
    this.error = '';
    this.host.requestUpdate();
    try {
      await this.#api.keepOut(this.#ref, this.#caller, p.identity);
    } catch {
      this.error = t.moderationFailed;
      this.host.requestUpdate();
      return;
    }
    if (this.keptOut) void this.#loadKeptOut();
  }

  lapseKeepOut(identity: string): void {
    if (this.confirmingKeepOut !== identity) return;
    this.confirmingKeepOut = '';
    this.host.requestUpdate();
  }

  async letBackIn(t: DoorText, person: KeptOut): Promise<void> {
    this.error = '';
    try {
      await this.#api.letBackIn(this.#ref, this.#caller, person.key);
    } catch {
      this.error = t.moderationFailed;
      this.host.requestUpdate();
      return;
    }
    this.keptOut = this.keptOut?.filter((k) => k.key !== person.key);
    this.announce(t.letBackInDone(person.name));
    this.host.requestUpdate();
    void this.#focus('.door-panel h2');
  }

  async #loadKeptOut() {
    if (!this.host.session?.isModerator) return;
    try {
      this.keptOut = await this.#api.keptOut(this.#ref, this.#caller);
    } catch {
      this.keptOut = [];
    }
    this.host.requestUpdate();
  }

  async openInvite(): Promise<void> {
    this.newInvite = undefined;
    this.inviteStatus = '';
    this.host.requestUpdate();
    await this.host.updateComplete;
    this.host.renderRoot.querySelector<HTMLDialogElement>('dialog.invite')?.showModal();
    void this.#loadInvites();
  }

  async createInvite(t: DoorText, event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const data = new FormData(form);
    const expires = DURATIONS[(data.get('invite-expiry') as keyof typeof DURATIONS) ?? 'day'] ?? DURATIONS.day;
    const uses = (data.get('invite-uses') === 'single' ? 'single' : 'multi') as InviteUses;
    this.inviteStatus = '';
    try {
      this.newInvite = await this.#api.createInvite(this.#ref, this.#caller, expires, uses);
    } catch {
      this.inviteStatus = t.moderationFailed;
      this.host.requestUpdate();
      return;
    }
    this.host.requestUpdate();
    void this.#loadInvites();
    await this.#focus('input[name="invite-link"]');
    this.host.renderRoot.querySelector<HTMLInputElement>('input[name="invite-link"]')?.select();
  }

  /** The link that brings a guest in: this page, with the invite's secret in `convene_invite`. */
  inviteLink(invite: Invite): string {
    const url = new URL(location.href);
    url.searchParams.set(INVITE_PARAM, invite.secret);
    return url.href;
  }

  async copyInvite(t: DoorText): Promise<void> {
    const invite = this.newInvite;
    if (!invite) return;
    try {
      await navigator.clipboard.writeText(this.inviteLink(invite));
      this.inviteStatus = t.inviteCopied;
    } catch {
      this.inviteStatus = t.inviteCopyFailed;
      this.host.renderRoot.querySelector<HTMLInputElement>('input[name="invite-link"]')?.select();
    }
    this.host.requestUpdate();
  }

  async revokeInvite(t: DoorText, invite: InviteSummary): Promise<void> {
    try {
      await this.#api.revokeInvite(this.#ref, this.#caller, invite.id);
    } catch {
      this.inviteStatus = t.moderationFailed;
      this.host.requestUpdate();
      return;
    }
    this.invites = this.invites?.filter((i) => i.id !== invite.id);
    if (this.newInvite?.id === invite.id) this.newInvite = undefined;
    this.inviteStatus = t.inviteRevoked;
    this.host.requestUpdate();
    void this.#focus('dialog.invite h2');
  }

  async #loadInvites() {
    try {
      this.invites = await this.#api.invites(this.#ref, this.#caller);
    } catch {
      this.invites = [];
    }
    this.host.requestUpdate();
  }

  /** Once rendered, focuses the first of `selectors` (in that order) that is there. */
  async #focus(...selectors: string[]) {
    await this.host.updateComplete;
    const root = this.host.renderRoot;
    for (const selector of selectors) {
      const target = root.querySelector<HTMLElement>(selector);
      if (target) return target.focus();
    }
  }

  // Rendering

  /** Pre-join's door, below Join: "Ask to come in" (with why, after a refusal) when the visitor may knock. */
  renderAsk(t: DoorText, error?: ErrorKey) {
    this.#text = t;
    if (!this.canKnock(error)) return nothing;
    const busy = this.knock.phase !== 'idle';
    return html`<div class="or">
      ${
        this.formError
          ? html`<p role="alert">${this.formError}</p>`
          : error === 'knock_required'
            ? html`<p role="alert">${t.errors.knock_required}</p>`
            : this.entry.showsCode
              ? html`<p class="hint">${t.knockHint}</p>`
              : nothing
      }
      <button
        type="button"
        part="button"
        data-action="knock"
        class=${error === 'knock_required' ? 'primary' : ''}
        ?disabled=${busy}
        @click=${() => void this.ask(t)}
      >
        ${doorIcon} ${t.knockAsk}
      </button>
    </div>`;
  }

  /** The waiting view, in place of pre-join's form while the visitor knocks; `undefined` when not knocking. */
  renderWaiting(t: DoorText, id: string) {
    this.#text = t;
    const k = this.knock;
    if (k.phase === 'idle') return undefined;
    const status = {
      asking: `${t.knockHeading}…`,
      waiting: k.phase === 'waiting' ? t.knockWaiting(k.hosts) : '',
      admitted: t.knockAdmitted,
      denied: t.knockDenied,
      unanswered: t.knockUnanswered,
      dropped: t.knockDropped,
      failed: k.phase === 'failed' ? (t.errors[k.code] ?? t.errors.network) : '',
    }[k.phase];
    const again = html`<button
      class="primary"
      part="button primary"
      data-action="knock-again"
      @click=${() => void this.ask(t)}
    >
      ${t.tryAgain}
    </button>`;
    const back = html`<button part="button" data-action="knock-back" @click=${() => this.back()}>
      ${t.backToPrejoin}
    </button>`;
    const actions =
      k.phase === 'asking' || k.phase === 'waiting'
        ? html`<button part="button" data-action="knock-cancel" @click=${() => this.cancel()}>${t.knockCancel}</button>`
        : k.phase === 'unanswered' || k.phase === 'dropped'
          ? html`${again} ${back}`
          : k.phase === 'admitted'
            ? nothing
            : back;
    return html`<section class="knock" aria-labelledby="${id}-knock" data-knock-phase=${k.phase}>
      <p class="knock-title" id="${id}-knock">${doorIcon} ${t.knockHeading}</p>
      <p role="status" aria-live="polite">${status}</p>
      <div class="actions">${actions}</div>
    </section>`;
  }

  /** The room's toolbar buttons: the door and the lock for moderators; Invite for moderators and members. */
  renderToolbar(t: DoorText, id: string) {
    this.#text = t;
    const session = this.host.session;
    const moderator = !!session?.isModerator;
    const member = !!session?.token && !session.token.guest_id;
    const count = this.queue.length;
    return html`${
      moderator
        ? html`<button
              part="control"
              data-control="door"
              aria-expanded=${this.#panelVisible ? 'true' : 'false'}
              aria-controls="${id}-door"
              @click=${() => this.togglePanel()}
            >
              ${doorIcon}<span>${t.door}</span> ${
                count
                  ? html`<b class="count">${count}<i class="visually-hidden"> ${t.doorWaiting(count)}</i></b>`
                  : nothing
              }
            </button>
            <button
              part="control"
              data-control="lock"
              aria-pressed=${this.locked ? 'true' : 'false'}
              @click=${() => void this.toggleLock(t)}
            >
              ${this.locked ? lockIcon : unlockIcon}<span>${t.lockRoom}</span>
            </button>`
        : nothing
    }${
      moderator || member
        ? html`<button
            part="control"
            data-control="invite"
            aria-haspopup="dialog"
            @click=${() => void this.openInvite()}
          >
            ${inviteIcon}<span>${t.invite}</span>
          </button>`
        : nothing
    }`;
  }

  /**
   * Above the controls: the lock's note, the door panel (the queue, the kept-out list), the invite
   * dialog; ``locale` is the element's language as `Intl` takes it, for the invites' dates.
   */
  renderPanels(t: DoorText, id: string, locale?: string) {
    this.#text = t;
    const session = this.host.session;
    const moderator = !!session?.isModerator;
    const member = !!session?.token && !session.token.guest_id;
    const panel = moderator && this.#panelVisible;
    return html`${
      moderator && this.locked ? html`<p class="door-note" data-door="locked">${lockIcon} ${t.lockedNote}</p>` : nothing
    }
    ${this.error && !panel ? html`<p part="banner" class="banner" role="alert">${this.error}</p>` : nothing}
    ${
      panel
        ? html`<section
            class="door-panel"
            id="${id}-door"
            aria-labelledby="${id}-door-title"
            @keydown=${(e: KeyboardEvent) => {
              if (e.key === 'Escape') this.#closePanel();
            }}
          >
            <header>
              <h2 id="${id}-door-title" tabindex="-1">${t.doorPanel}</h2>
              <button part="button" data-action="close-door" @click=${() => this.#closePanel()}>${t.closePanel}</button>
            </header>
            ${
              this.queue.length
                ? html`<ol class="door-list" aria-label=${t.knockHeading}>
                    ${this.queue.map(
                      (k) =>
                        html`<li data-knock=${k.id}>
                          <span>${knockIcon} ${t.knocking(k.name)}</span>
                          <button
                            class="primary"
                            part="button primary"
                            data-action="admit"
                            aria-label=${t.admitName(k.name)}
                            @click=${() => void this.answer(t, k, 'admit')}
                          >
                            ${t.admit}
                          </button>
                          <button
                            part="button"
                            data-action="deny"
                            aria-label=${t.denyName(k.name)}
                            @click=${() => void this.answer(t, k, 'deny')}
                          >
                            ${t.deny}
                          </button>
                        </li>`,
                    )}
                  </ol>`
                : html`<p>${t.noKnocks}</p>`
            }
            ${this.error ? html`<p role="alert">${this.error}</p>` : nothing}
            ${this.panelOpen ? this.#renderKeptOut(t, id) : nothing}
          </section>`
        : nothing
    }
    ${moderator || member ? this.#renderInvite(t, id, locale) : nothing}`;
  }

  #renderKeptOut(t: DoorText, id: string) {
    const list = this.keptOut;
    return html`<h3 id="${id}-kept-out">${t.keptOut}</h3>
      ${
        list?.length
          ? html`<ul class="door-list" aria-labelledby="${id}-kept-out" data-door="kept-out">
              ${list.map(
                (k) =>
                  html`<li>
                    <span>${keepOutIcon} ${k.name}</span>
                    <button
                      part="button"
                      data-action="let-back-in"
                      aria-label=${t.letBackInName(k.name)}
                      @click=${() => void this.letBackIn(t, k)}
                    >
                      ${t.letBackIn}
                    </button>
                  </li>`,
              )}
            </ul>`
          : html`<p>${list ? t.keptOutNone : '…'}</p>`
      }`;
  }

  #renderInvite(t: DoorText, id: string, locale: string | undefined) {
    const invite = this.newInvite;
    const when = new Intl.DateTimeFormat(locale, {
      dateStyle: 'medium',
      timeStyle: 'short',
    });
    return html`<dialog class="invite" aria-labelledby="${id}-invite-title">
      <h2 id="${id}-invite-title" tabindex="-1">${t.inviteTitle}</h2>
      <form @submit=${(e: SubmitEvent) => void this.createInvite(t, e)}>
        <label for="${id}-invite-expiry">${t.inviteValidFor}</label>
        <select id="${id}-invite-expiry" name="invite-expiry">
          ${(Object.keys(DURATIONS) as (keyof typeof DURATIONS)[]).map(
            (key) => html`<option value=${key} ?selected=${key === 'day'}>${t.inviteDurations[key]}</option>`,
          )}
        </select>
        <fieldset>
          <legend>${t.inviteUses}</legend>
          <label><input type="radio" name="invite-uses" value="multi" checked /> ${t.inviteMulti}</label>
          <label><input type="radio" name="invite-uses" value="single" /> ${t.inviteSingle}</label>
        </fieldset>
        <button class="primary" part="button primary" type="submit" data-action="create-invite">
          ${t.inviteCreate}
        </button>
      </form>
      ${
        invite
          ? html`<label for="${id}-invite-link">${t.inviteLink}</label>
              <input id="${id}-invite-link" name="invite-link" readonly .value=${this.inviteLink(invite)} />
              <button part="button" data-action="copy-invite" @click=${() => void this.copyInvite(t)}>
                ${t.inviteCopy}
              </button>`
          : nothing
      }
      <p role="status">${this.inviteStatus}</p>
      <h3 id="${id}-invites">${t.inviteList}</h3>
      ${
        this.invites?.length
          ? html`<ul class="door-list" aria-labelledby="${id}-invites" data-door="invites">
              ${this.invites.map((i) => {
                const summary = t.inviteSummary(i.uses === 'single', i.by, when.format(new Date(i.expires_at)));
                return html`<li>
                  <span>${summary}</span>
                  <button
                    part="button"
                    data-action="revoke-invite"
                    aria-label=${t.inviteRevoke(summary)}
                    @click=${() => void this.revokeInvite(t, i)}
                  >
                    ${t.inviteWithdraw}
                  </button>
                </li>`;
              })}
            </ul>`
          : html`<p>${this.invites ? t.inviteNone : '…'}</p>`
      }
      <div class="dialog-actions">
        <button
          part="button"
          data-action="close-invite"
          @click=${(e: Event) => (e.target as HTMLElement).closest('dialog')?.close()}
        >
          ${t.closePanel}
        </button>
      </div>
    </dialog>`;
  }

  /** Beside a moderator's Remove on someone's tile: remove and keep out (a second press confirms). */
  renderKeepOut(t: DoorText, p: ParticipantView) {
    this.#text = t;
    const confirming = this.confirmingKeepOut === p.identity;
    const label = confirming ? t.confirmKeepOut(p.name) : t.keepOut(p.name);
    return html`<button
      part="button"
      class=${confirming ? 'danger' : ''}
      data-action="keep-out"
      aria-label=${label}
      title=${label}
      @click=${() => void this.keepOut(t, p)}
      @blur=${() => this.lapseKeepOut(p.identity)}
    >
      ${keepOutIcon}
    </button>`;
  }
}
