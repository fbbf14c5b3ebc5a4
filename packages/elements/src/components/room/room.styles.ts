import { css } from 'lit';

export const roomStyles = css`
  :host {
    --_bg: var(--convene-color-background, light-dark(#ffffff, #16181d));
    --_fg: var(--convene-color-text, light-dark(#1c1e24, #f1f2f5));
    --_muted: var(--convene-color-muted, light-dark(#5b6070, #a6abb8));
    --_surface: var(--convene-color-surface, light-dark(#f1f2f5, #23262e));
    --_accent: var(--convene-color-accent, light-dark(#2453d6, #7fa2ff));
    --_on-accent: var(--convene-color-on-accent, light-dark(#ffffff, #0b1330));
    --_danger: var(--convene-color-danger, light-dark(#b3261e, #ff8a80));
    --_radius: var(--convene-radius, 12px);
    --_gap: var(--convene-spacing, 12px);
    --_aspect: var(--convene-tile-aspect, 16 / 9);
    color-scheme: light dark;
    display: block;
    box-sizing: border-box;
    container-type: inline-size;
    padding: var(--_gap);
    background: var(--_bg);
    color: var(--_fg);
    font: var(--convene-font, 400 1rem/1.5 system-ui, sans-serif);
    border-radius: var(--_radius);
  }
  :host([theme='light']) {
    color-scheme: light;
  }
  :host([theme='dark']) {
    color-scheme: dark;
  }
  :host([hidden]) {
    display: none;
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
  form {
    display: grid;
    gap: var(--_gap);
    max-width: 24rem;
  }
  label {
    display: grid;
    gap: 4px;
    font-weight: 600;
  }
  input {
    font: inherit;
    padding: 8px 10px;
    border: 1px solid var(--_muted);
    border-radius: calc(var(--_radius) / 2);
    background: var(--_bg);
    color: var(--_fg);
  }
  button {
    font: inherit;
    font-weight: 600;
    padding: 8px 16px;
    border: 1px solid transparent;
    border-radius: calc(var(--_radius) / 2);
    background: var(--_surface);
    color: var(--_fg);
    cursor: pointer;
  }
  button.primary {
    background: var(--_accent);
    color: var(--_on-accent);
  }
  button.danger {
    background: var(--_danger);
    color: var(--_bg);
  }
  button[aria-pressed='false'] {
    border-color: var(--_muted);
    background: transparent;
  }
  button:focus-visible,
  input:focus-visible {
    outline: 3px solid var(--_accent);
    outline-offset: 2px;
  }
  button:disabled {
    opacity: 0.6;
    cursor: progress;
  }
  [role='alert'] {
    color: var(--_danger);
    margin: 0;
  }
  .banner {
    padding: 8px 12px;
    border-radius: calc(var(--_radius) / 2);
    background: var(--_surface);
    margin-block-end: var(--_gap);
  }
  .stage {
    display: grid;
    gap: var(--_gap);
    grid-template-columns: repeat(auto-fit, minmax(min(100%, 16rem), 1fr));
    list-style: none;
    padding: 0;
    margin: 0 0 var(--_gap);
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
  }
  .tile.speaking {
    outline-color: var(--_accent);
  }
  .tile video {
    width: 100%;
    height: 100%;
    object-fit: cover;
  }
  .initials {
    font-size: 2rem;
    font-weight: 700;
    color: var(--_muted);
  }
  .name {
    position: absolute;
    inset-inline-start: 8px;
    inset-block-end: 8px;
    padding: 2px 8px;
    border-radius: 999px;
    background: rgb(0 0 0 / 0.6);
    color: #fff;
    font-size: 0.875rem;
  }
  .controls {
    display: flex;
    flex-wrap: wrap;
    gap: 8px;
  }
  @media (prefers-reduced-motion: no-preference) {
    .tile {
      transition: outline-color 150ms ease;
    }
  }
`;
