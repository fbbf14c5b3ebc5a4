/**
 * The line on someone's tile that says their media does not reach the visitor now (liveness.ts
 * decides when): "Connection lost — reconnecting…" when theirs stopped, "Reconnecting to the video
 * service…" while the visitor's own connection is made again. The region (a `status`, polite) is
 * on every remote tile from the start, so a screen reader hears the change; while the whole
 * session reconnects the stage's banner says it once, and the tiles stay quiet (`aria-live="off"`).
 */
import { css, html, nothing } from 'lit';
import type { ConveneStrings } from '../../i18n/strings.js';
import type { ParticipantView } from './session.js';

export function renderTileStatus(t: ConveneStrings, p: ParticipantView) {
  if (p.isLocal) return nothing;
  const liveness = p.liveness ?? 'live';
  const text = liveness === 'live' ? '' : t.tileConnection[liveness];
  return html`<p
    part="tile-status"
    class="tile-status"
    data-liveness=${liveness}
    role="status"
    aria-live=${liveness === 'reconnecting' ? 'off' : nothing}
  >
    ${text ? html`<span class="visually-hidden">${p.name}: </span>${text}` : nothing}
  </p>`;
}

/** Over the tile's picture, above its caption; nothing to see (still in the accessibility tree) while there is nothing to say. */
export const tileStatusStyles = css`
  .tile-status {
    position: absolute;
    inset-inline: 8px;
    inset-block-end: 40px;
    margin: 0;
    padding: 4px 8px;
    border-radius: 8px;
    background: rgb(0 0 0 / 0.72);
    color: #fff;
    font-size: 0.875rem;
    text-align: center;
  }
  .tile-status[data-liveness='live'] {
    padding: 0;
    background: none;
  }
`;
