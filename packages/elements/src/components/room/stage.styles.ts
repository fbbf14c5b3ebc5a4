import { css } from 'lit';
import { tileStatusStyles } from './tile-status.js';

/** The stage's look: tiles, the pin, the screen share, badges, the pager (part of `roomStyles`, in order; a moderator's buttons are doors.styles.ts's, the reactions the furniture panel's). */
export const stageStyles = css`
  .stage-area {
    display: grid;
    gap: var(--_gap);
    align-content: start;
    margin-block-end: var(--_gap);
    flex: 1 1 auto;
    min-height: 0;
    overflow: auto;
  }
  .banner,
  .controls,
  .devices {
    flex: none;
  }
  /* Only the pictures fade while reconnecting: names and badges keep their contrast. */
  .stage-area.reconnecting video {
    opacity: 0.5;
  }
  .stage {
    display: grid;
    gap: var(--_gap);
    grid-template-columns: repeat(var(--_cols, 2), minmax(0, 1fr));
    list-style: none;
    padding: 0;
    margin: 0;
  }
  /* Columns through data-cols, not a style attribute: pages whose CSP forbids inline styles work too. */
  /* One column (someone alone, or a phone): no taller than most of the window, so the controls stay in view. */
  .stage[data-cols='1'] {
    --_cols: 1;
    grid-template-columns: minmax(0, min(100%, calc(65vh * (var(--_aspect)))));
    justify-content: center;
  }
  .stage[data-cols='3'] {
    --_cols: 3;
  }
  .stage[data-cols='4'] {
    --_cols: 4;
  }
  .stage[data-cols='5'] {
    --_cols: 5;
  }
  .stage[data-cols='6'] {
    --_cols: 6;
  }
  .focused .stage {
    grid-template-columns: repeat(var(--_cols, 4), minmax(0, 12rem));
  }
  .focused .stage,
  .pinning .stage {
    justify-content: center;
  }
  /* The spotlight without a screen share: the pinned tile across the stage, the rest in a strip below. */
  .pinning .stage {
    display: flex;
    flex-wrap: wrap;
  }
  .pinning .tile {
    flex: 0 1 12rem;
  }
  .pinning .pinned {
    flex-basis: 100%;
  }
  .screen-share {
    margin: 0;
    position: relative;
    border-radius: var(--_radius);
    overflow: hidden;
    background: #000;
    aspect-ratio: 16 / 9;
  }
  .screen-share video {
    width: 100%;
    height: 100%;
    object-fit: contain;
  }
  .screen-share figcaption {
    position: absolute;
    inset-inline-start: 8px;
    inset-block-start: 8px;
    padding: 2px 8px;
    border-radius: 999px;
    background: rgb(0 0 0 / 0.65);
    color: #fff;
    font-size: 0.875rem;
  }
  .tile {
    position: relative;
    aspect-ratio: var(--_aspect);
    border-radius: var(--_radius);
    overflow: hidden;
    background: var(--_surface);
    display: grid;
    place-items: center;
    outline: 3px solid transparent;
    outline-offset: -3px;
  }
  .tile.speaking {
    outline-color: var(--_accent);
  }
  .tile video,
  .preview video {
    width: 100%;
    height: 100%;
    object-fit: cover;
    display: block;
  }
  video.mirror {
    transform: scaleX(-1);
  }
  .initials {
    font-size: 2rem;
    font-weight: 700;
    color: var(--_muted);
  }
  .preview .initials {
    font-size: 1rem;
    font-weight: 400;
  }
  .caption {
    position: absolute;
    inset-inline: 8px;
    inset-block-end: 8px;
    display: flex;
    align-items: center;
    gap: 6px;
    min-width: 0;
  }
  .name,
  .badge {
    padding: 2px 8px;
    border-radius: 999px;
    background: rgb(0 0 0 / 0.65);
    color: #fff;
    font-size: 0.875rem;
  }
  .name {
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .badge {
    display: inline-flex;
    align-items: center;
    padding: 3px 6px;
  }
  .badge .icon {
    width: 16px;
    height: 16px;
  }
  .quality {
    margin-inline-start: auto;
  }
  .q-poor,
  .q-lost {
    color: #ffb4a9;
  }
  .spot {
    position: absolute;
    inset-block-start: 8px;
    inset-inline-start: 8px;
    padding: 2px 8px;
    background: var(--_accent);
    color: var(--_on-accent);
    font-weight: 600;
  }
  .pager {
    display: flex;
    align-items: center;
    justify-content: center;
    gap: 8px;
  }
  /* The first and last page's buttons: dimmed, yet they keep the keyboard's focus (a disabled button would drop it). */
  .pager [aria-disabled='true'] {
    opacity: 0.6;
    cursor: default;
  }
  /* Icons that point along the line (previous, next, out of the room) turn round in right-to-left text. */
  :host(:dir(rtl)) [data-action$='-page'] .icon,
  :host(:dir(rtl)) [data-control='leave'] .icon {
    transform: scaleX(-1);
  }
  ${tileStatusStyles}
`;
