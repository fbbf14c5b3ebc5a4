/**
 * The stage: the room's banners, the screen share with the focus, the tiles on view (which ones:
 * layout.ts), the pager, the spotlight's pin and the reactions floating over tiles, and the
 * hidden audio. `StageController` holds the page, the stage's width, the tiles' order and the
 * reactions floating now; the media elements come from `MediaController`.
 */
import { html, nothing, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import type { ConveneStrings } from '../../i18n/strings.js';
import { micOffIcon, nextIcon, previousIcon, qualityIcon, speakerIcon } from './icons.js';
import { initials, layoutStage } from './layout.js';
import type { MediaController } from './media-controller.js';
import type { ModerationState } from './moderation.js';
import {
  applyDemand,
  cameraDemands,
  type CameraDemand,
  type CameraPublication,
  type TileOnView,
} from './subscriptions.js';
import type { ConveneSession, MediaState, MediaTrack, ParticipantView, Reaction } from './session.js';
import { renderTileStatus } from './tile-status.js';

const QUALITY_BARS = { excellent: 3, good: 2, poor: 1, lost: 0, unknown: 0 } as const;
/** How long a reaction floats (ms); the animation in furniture/reaction.styles.ts fits in it. */
const REACTION_MS = 3000;

interface Floating extends Reaction {
  id: number;
  /** Where across the tile (0–4). */
  slot: number;
}

export class StageController implements ReactiveController {
  /** The page of tiles on view. */
  page = 0;
  /** The element's width (px), which decides how many tiles fit. */
  width = 960;
  /** The tiles' order (identities), kept stable as people come and go. */
  order: string[] = [];
  /** Identities with a tile on the page in view. */
  onStage: string[] = [];
  /** Emoji floating over tiles now. */
  reactions: Floating[] = [];
  #reactionId = 0;
  /** For the cameras' demands after each update (subscriptions.ts): the room, who on view is featured or speaking, how many tiles. */
  #demand: { room: ConveneSession['room']; roles: Map<string, Omit<TileOnView, 'width' | 'height'>>; tiles: number } = {
    room: undefined,
    roles: new Map(),
    tiles: 0,
  };
  /** What each remote camera (its track) was last asked for. */
  #asked = new WeakMap<object, CameraDemand>();
  #frame = 0;
  // The new width is applied in the next frame, not inside the observer's callback: a re-layout
  // there that resizes the host again would end the browser's observation loop with an error.
  #resize = new ResizeObserver(([entry]) => {
    const width = Math.round(entry?.contentRect.width ?? 0);
    if (!width || width === this.width) return;
    cancelAnimationFrame(this.#frame);
    this.#frame = requestAnimationFrame(() => {
      this.width = width;
      this.host.requestUpdate();
    });
  });

  constructor(private readonly host: ReactiveControllerHost & HTMLElement) {
    host.addController(this);
  }

  hostConnected(): void {
    this.#resize.observe(this.host);
  }

  hostDisconnected(): void {
    this.#resize.disconnect();
    cancelAnimationFrame(this.#frame);
  }

  /** Asks LiveKit for each remote camera on view what its tile needs, by the tiles' sizes now. */
  hostUpdated(): void {
    const { room, roles, tiles } = this.#demand;
    if (!room) return;
    const onView: TileOnView[] = [];
    for (const tile of this.host.shadowRoot?.querySelectorAll<HTMLElement>('.tile[data-local="false"]') ?? []) {
      const role = roles.get(tile.dataset.identity ?? '');
      if (role && tile.querySelector('video'))
        onView.push({ ...role, width: tile.clientWidth, height: tile.clientHeight });
    }
    for (const demand of cameraDemands(onView, tiles)) {
      // Track.Source.Camera is 'camera'; a stand-in room (the fixtures) may have no publications.
      const participant = room.remoteParticipants.get(demand.identity);
      const publication =
        typeof participant?.getTrackPublication === 'function'
          ? participant.getTrackPublication('camera' as never)
          : undefined;
      const track = publication?.track;
      if (!track) continue;
      applyDemand(publication as unknown as CameraPublication, demand, this.#asked.get(track));
      this.#asked.set(track, demand);
    }
  }

  /** What is on view, for the demands after the update (renderStage). */
  onView(room: ConveneSession['room'], visible: ParticipantView[], pinned: ParticipantView | undefined): void {
    const roles = new Map(
      visible.map((p) => [p.identity, { identity: p.identity, isSpeaking: p.isSpeaking, featured: p === pinned }]),
    );
    this.#demand = { room, roles, tiles: visible.length };
  }

  setPage(page: number): void {
    this.page = page;
    this.host.requestUpdate();
  }

  /** Floats `emoji` over its sender's tile, if on view; at most five at once on one tile, in slots across it. */
  float({ identity, emoji }: Reaction): void {
    if (!this.onStage.includes(identity)) return;
    const theirs = this.reactions.filter((r) => r.identity === identity).slice(-4);
    const slot = [0, 1, 2, 3, 4].find((s) => !theirs.some((r) => r.slot === s)) ?? 0;
    const id = ++this.#reactionId;
    this.reactions = [
      ...this.reactions.filter((r) => r.identity !== identity),
      ...theirs,
      { id, identity, emoji, slot },
    ];
    this.host.requestUpdate();
    setTimeout(() => {
      this.reactions = this.reactions.filter((r) => r.id !== id);
      this.host.requestUpdate();
    }, REACTION_MS);
  }
}

/** What the stage draws from. */
export interface StageView {
  t: ConveneStrings;
  participants: ParticipantView[];
  media: MediaState;
  reconnecting: boolean;
  /** Who the spotlight pins; `''` for nobody. */
  spotlight: string;
  session: ConveneSession | undefined;
  stage: StageController;
  elements: MediaController;
  moderation: ModerationState;
  /** An encrypted room's note on the tile of someone whose media does not decrypt (e2ee-tile.ts, in the e2ee chunk). */
  undecryptable: (t: ConveneStrings, p: ParticipantView) => unknown;
}

/** The banners above the stage: reconnecting, sound blocked, media and moderation problems. */
export function renderBanners(v: StageView): TemplateResult[] {
  const { t, media } = v;
  const banners: TemplateResult[] = [];
  if (v.reconnecting) banners.push(html`<p part="banner" class="banner" role="status">${t.reconnecting}</p>`);
  if (!media.canPlaybackAudio) {
    banners.push(
      html`<div part="banner" class="banner">
        ${speakerIcon}<span>${t.audioBlocked}</span>
        <button
          class="primary"
          part="button primary"
          data-action="start-audio"
          @click=${() => void v.session?.startAudio()}
        >
          ${t.startAudio}
        </button>
      </div>`,
    );
  }
  if (media.cameraProblem) {
    banners.push(html`<p part="banner" class="banner" role="alert">${t.cameraProblem[media.cameraProblem]}</p>`);
  }
  if (media.microphoneProblem) {
    banners.push(
      html`<p part="banner" class="banner" role="alert">${t.microphoneProblem[media.microphoneProblem]}</p>`,
    );
  }
  if (v.moderation.error) {
    banners.push(html`<p part="banner" class="banner" role="alert">${v.moderation.error}</p>`);
  }
  if (media.screenShareFailed) {
    banners.push(html`<p part="banner" class="banner" role="alert">${t.screenShareFailed}</p>`);
  }
  return banners;
}

/** The screen share with the focus, the tiles on view and the pager. */
export function renderStage(v: StageView) {
  const { t, participants, stage } = v;
  const { presenter, pinned, visible, page, pages, columns, order } = layoutStage(
    participants,
    stage.order,
    stage.width,
    stage.page,
    v.spotlight,
  );
  stage.order = order;
  stage.onStage = visible.map((p) => p.identity);
  stage.onView(v.session?.room, visible, pinned);
  return html`
    <div class="stage-area ${presenter ? 'focused' : pinned ? 'pinning' : ''} ${v.reconnecting ? 'reconnecting' : ''}">
      ${
        presenter?.screen
          ? html`<figure part="screen-share" class="screen-share">
              ${v.elements.element(presenter.screen)}
              <figcaption>${t.presenting(presenter.isLocal ? t.you(presenter.name) : presenter.name)}</figcaption>
            </figure>`
          : nothing
      }
      <ul
        part="stage"
        class="stage"
        data-cols=${Math.min(columns, 6)}
        aria-label=${`${t.stage}: ${t.participants(participants.length)}`}
      >
        ${repeat(
          visible,
          (p) => p.identity,
          (p) => renderTile(v, p, p === pinned),
        )}
      </ul>
      ${
        pages > 1
          ? html`<nav part="pager" class="pager" aria-label=${t.stage}>
              <button
                part="button"
                data-action="previous-page"
                aria-label=${t.previousPage}
                aria-disabled=${page === 0 ? 'true' : 'false'}
                @click=${() => page > 0 && stage.setPage(page - 1)}
              >
                ${previousIcon}
              </button>
              <span role="status">${t.page(page + 1, pages)}</span>
              <button
                part="button"
                data-action="next-page"
                aria-label=${t.nextPage}
                aria-disabled=${page >= pages - 1 ? 'true' : 'false'}
                @click=${() => page < pages - 1 && stage.setPage(page + 1)}
              >
                ${nextIcon}
              </button>
            </nav>`
          : nothing
      }
    </div>
  `;
}

/** Everyone's sound (microphones and screen shares), played from media elements nobody sees. */
export function renderAudio(v: StageView) {
  const audible = v.participants.flatMap((p) => [p.audio, p.screenAudio].filter((a): a is MediaTrack => !!a));
  return html`<div class="audio" hidden>${audible.map((track) => v.elements.element(track))}</div>`;
}

function renderTile(v: StageView, p: ParticipantView, pinned: boolean) {
  const { t } = v;
  const bars = QUALITY_BARS[p.connectionQuality] ?? 0;
  const name = p.isLocal ? t.you(p.name) : p.name;
  return html`<li
    part="tile${p.isLocal ? ' local' : ''}${p.isSpeaking ? ' speaking' : ''}${pinned ? ' pinned' : ''}"
    class="tile ${p.isSpeaking ? 'speaking' : ''} ${pinned ? 'pinned' : ''}"
    data-identity=${p.identity}
    data-local=${p.isLocal ? 'true' : 'false'}
  >
    ${
      p.video && !p.undecryptable
        ? v.elements.element(p.video, p.isLocal)
        : html`<span class="initials" aria-hidden="true">${initials(p.name)}</span>`
    }
    ${!p.isLocal && v.session?.isModerator ? v.moderation.buttons?.(t, p, v.session) : nothing}
    ${
      pinned
        ? html`<span part="spotlight" class="badge spot" role="img" aria-label=${t.spotlightOn(name)}
            >${t.spotlight}</span
          >`
        : nothing
    }
    ${renderTileStatus(t, p)} ${v.undecryptable(t, p)}
    <div class="caption">
      <span part="tile-name" class="name">${name}</span>
      ${
        p.microphoneOn
          ? nothing
          : html`<span part="muted" class="badge muted" role="img" aria-label=${t.muted(p.name)}>${micOffIcon}</span>`
      }
      ${
        p.isLocal && p.connectionQuality === 'unknown'
          ? nothing
          : html`<span
              part="quality"
              class="badge quality q-${p.connectionQuality}"
              role="img"
              aria-label=${t.connectionQuality[p.connectionQuality] ?? t.connectionQuality.unknown}
              >${qualityIcon(bars)}</span
            >`
      }
    </div>
    <div part="reactions" class="reactions" aria-hidden="true">
      ${repeat(
        v.stage.reactions.filter((r) => r.identity === p.identity),
        (r) => r.id,
        (r) => html`<span data-slot=${r.slot}>${r.emoji}</span>`,
      )}
    </div>
  </li>`;
}
