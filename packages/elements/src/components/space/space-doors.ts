/**
 * The directory's door (issue 13), in its own lazy chunk: for moderators by the host site's word
 * (a member pass), who is asking to come in to each room, with Admit and Deny on its card. It
 * follows the space's knock stream (`GET /api/spaces/:space/knocks/events`); anyone else is
 * refused there, and the directory then shows nothing more.
 */
import { css, html, nothing, type ReactiveController, type ReactiveControllerHost } from 'lit';
import type { DirectoryRoom } from '@convene/server/contract';
import { ConveneApiError } from '../../core/api-error.js';
import { httpDoors, type DoorsApi, type Knock, type KnockList } from '../../core/doors.js';
import type { PassSource } from '../../core/pass.js';
import { doors as doorSection, type DoorStrings } from '../../i18n/door-strings.js';
import { addSection, type ConveneStrings } from '../../i18n/strings.js';

type Text = ConveneStrings & DoorStrings;

/** Refusals after which following again cannot help: this visitor is no moderator here. */
const FINAL = new Set(['forbidden', 'unauthorized', 'not_found', 'space_not_found']);

const styles = css`
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
  .knocks {
    display: grid;
    gap: 6px;
    margin: 0;
    padding: 8px;
    list-style: none;
    border-inline-start: 4px solid var(--_accent);
    background: var(--_bg);
    border-radius: calc(var(--_radius) / 2);
  }
  .knocks li {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 6px;
  }
  .knocks li span {
    flex: 1 1 8rem;
  }
  .knocks button {
    font: inherit;
    padding: 4px 10px;
    border-radius: calc(var(--_radius) / 2);
    border: 1px solid var(--_muted);
    background: var(--_surface);
    color: var(--_fg);
    cursor: pointer;
  }
  .knocks button.admit {
    background: var(--_accent);
    color: var(--_on-accent);
    border-color: transparent;
  }
  .knocks button:focus-visible {
    outline: 3px solid var(--_accent);
    outline-offset: 2px;
  }
`;

/** What the directory's door needs of `<convene-space>`. */
export interface SpaceDoorsHost extends ReactiveControllerHost, HTMLElement {
  readonly server: string;
  readonly space: string;
  readonly renderRoot: HTMLElement | DocumentFragment;
  /** Door requests for a view test (fixtures); the server's by default. */
  doorsApi?: DoorsApi | undefined;
}

export class SpaceDoors implements ReactiveController {
  /** Who is asking to come in, per room slug, in the order they knocked. */
  knocks = new Map<string, Knock[]>();
  announcement = '';
  error = '';
  #abort: AbortController | undefined;
  #seen = new Set<string>();
  #text: Text | undefined;

  constructor(
    private readonly host: SpaceDoorsHost,
    private readonly passes: () => PassSource | undefined,
  ) {
    addSection(doorSection);
    host.addController(this);
  }

  get #api(): DoorsApi {
    return this.host.doorsApi ?? httpDoors;
  }

  hostConnected(): void {
    const root = this.host.renderRoot;
    const sheet = styles.styleSheet;
    if (root instanceof ShadowRoot && sheet && !root.adoptedStyleSheets.includes(sheet)) {
      root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
    }
    if (!this.#abort) void this.#follow();
  }

  hostDisconnected(): void {
    this.#abort?.abort();
    this.#abort = undefined;
  }

  async #follow() {
    const abort = new AbortController();
    this.#abort = abort;
    let wait = 1000;
    while (!abort.signal.aborted) {
      try {
        await this.#api.followSpaceKnocks(
          { server: this.host.server, space: this.host.space, passes: this.passes() },
          (list) => this.#onList(list),
          abort.signal,
        );
        wait = 1000;
      } catch (error) {
        if (error instanceof ConveneApiError && FINAL.has(error.code)) return;
      }
      if (abort.signal.aborted) return;
      await new Promise((resolve) => setTimeout(resolve, wait));
      wait = Math.min(wait * 2, 30_000);
    }
  }

  #onList(list: KnockList) {
    if (typeof list.room !== 'string' || !Array.isArray(list.knocks)) return;
    const knocks = [...list.knocks].sort((a, b) => a.since.localeCompare(b.since));
    const arrived = knocks.filter((k) => !this.#seen.has(k.id));
    for (const k of arrived) this.#seen.add(k.id);
    const t = this.#text;
    if (arrived.length && t) this.announcement = arrived.map((k) => `${t.knocking(k.name)}.`).join(' ');
    this.knocks.set(list.room, knocks);
    this.host.requestUpdate();
  }

  async answer(t: Text, room: string, knock: Knock, decision: 'admit' | 'deny'): Promise<void> {
    this.error = '';
    try {
      await this.#api.answerKnock(
        { server: this.host.server, space: this.host.space, room, passes: this.passes() },
        {},
        knock.id,
        decision,
      );
    } catch (error) {
      if (!(error instanceof ConveneApiError && error.code === 'knock_not_found')) {
        this.error = t.moderationFailed;
        this.host.requestUpdate();
        return;
      }
    }
    const rest = (this.knocks.get(room) ?? []).filter((k) => k.id !== knock.id);
    this.knocks.set(room, rest);
    this.announcement = decision === 'admit' ? t.admittedName(knock.name) : t.deniedName(knock.name);
    this.host.requestUpdate();
    await this.host.updateComplete;
    const card = this.host.renderRoot.querySelector(`[data-room="${CSS.escape(room)}"]`);
    (card?.querySelector<HTMLElement>('.knocks .admit') ?? card?.querySelector<HTMLElement>('[part="enter"]'))?.focus();
  }

  /** On a room's card: who is asking to come in, with Admit and Deny. */
  renderCard(strings: ConveneStrings, room: DirectoryRoom) {
    const t = (this.#text = strings as Text);
    const knocks = this.knocks.get(room.slug);
    if (!knocks?.length) return nothing;
    return html`<ul class="knocks" aria-label=${t.spaceKnocks(room.name)}>
      ${knocks.map(
        (k) =>
          html`<li data-knock=${k.id}>
            <span>${t.knocking(k.name)}</span>
            <button
              class="admit"
              aria-label=${t.admitName(k.name)}
              @click=${() => void this.answer(t, room.slug, k, 'admit')}
            >
              ${t.admit}
            </button>
            <button aria-label=${t.denyName(k.name)} @click=${() => void this.answer(t, room.slug, k, 'deny')}>
              ${t.deny}
            </button>
          </li>`,
      )}
    </ul>`;
  }

  /** The directory door's polite live region (and a failed answer). */
  renderLive(strings: ConveneStrings) {
    this.#text = strings as Text;
    return html`${this.error ? html`<p part="banner" class="banner error" role="alert">${this.error}</p>` : nothing}
      <div class="visually-hidden" role="status" aria-live="polite">${this.announcement}</div>`;
  }
}
