import { css } from 'lit';
import { prejoinStyles } from './prejoin.styles.js';
import { stageStyles } from './stage.styles.js';

export const roomStyles = css`
  /* The shared tokens (--_bg, --_fg, --_accent, …) come from ../../styles/tokens.ts. */
  :host {
    --_aspect: var(--convene-tile-aspect, 16 / 9);
    /* A column: given a height (style="height: 600px"), the stage scrolls and the controls stay in view. */
    display: flex;
    flex-direction: column;
    box-sizing: border-box;
    container-type: inline-size;
    position: relative;
    padding: var(--_gap);
    background: var(--_bg);
    color: var(--_fg);
    border-radius: var(--_radius);
  }
  :host([hidden]),
  [hidden] {
    display: none !important;
  }
  *,
  *::before,
  *::after {
    box-sizing: inherit;
  }
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
  .icon {
    flex: none;
  }

  /* Pre-join */
  ${prejoinStyles}
  /* Buttons */
  button,
  a.button {
    font: inherit;
    font-weight: 600;
    display: inline-flex;
    align-items: center;
    justify-content: center;
    gap: 6px;
    padding: 8px 14px;
    border: 1px solid transparent;
    border-radius: calc(var(--_radius) / 2);
    background: var(--_surface);
    color: var(--_fg);
    cursor: pointer;
    text-decoration: none;
  }
  .primary,
  a.primary {
    background: var(--_accent);
    color: var(--_on-accent);
  }
  .danger {
    background: var(--_danger);
    color: var(--_on-danger);
  }
  button[aria-pressed='false'] {
    border-color: var(--_muted);
    background: transparent;
  }
  button:focus-visible,
  a:focus-visible,
  input:focus-visible,
  select:focus-visible {
    outline: 3px solid var(--_accent);
    outline-offset: 2px;
  }
  button:disabled {
    opacity: 0.6;
    cursor: default;
  }
  [role='alert'] {
    color: var(--_danger);
    margin: 0;
  }

  /* Banners and messages */
  .banner {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 8px;
    padding: 8px 12px;
    border-radius: calc(var(--_radius) / 2);
    background: var(--_surface);
    margin: 0 0 var(--_gap);
  }
  .banner[role='alert'] {
    border-inline-start: 4px solid var(--_danger);
    color: inherit;
  }
  /* Left the room, or could not enter: a card in the middle of the element's space, as Meet and Whereby do. */
  .message {
    display: grid;
    gap: var(--_gap);
    justify-items: center;
    text-align: center;
    align-content: center;
    min-height: 12rem;
    max-width: 32rem;
    margin: var(--_gap) auto;
    padding: calc(var(--_gap) * 2);
    border-radius: var(--_radius);
    background: var(--_surface);
  }
  .message p {
    margin: 0;
    font-size: 1.125rem;
  }
  .message [role='alert'] {
    color: inherit;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 8px;
  }
  .message .actions {
    justify-content: center;
  }

  /* Stage */
  ${stageStyles}

  /* Controls */
  .controls {
    display: flex;
    flex-wrap: wrap;
    justify-content: center;
    gap: 8px;
  }
  .controls .danger {
    margin-inline-start: 8px;
  }
  @container (max-width: 480px) {
    .controls button span {
      position: absolute;
      width: 1px;
      height: 1px;
      overflow: hidden;
      clip-path: inset(50%);
      white-space: nowrap;
    }
  }
  .devices {
    display: flex;
    flex-wrap: wrap;
    justify-content: center;
    gap: var(--_gap);
    margin-block-start: var(--_gap);
  }

  @media (prefers-reduced-motion: no-preference) {
    .tile {
      transition: outline-color 150ms ease;
    }
    .stage-area {
      transition: opacity 200ms ease;
    }
  }
`;
