import { css } from 'lit';

/**
 * What every built-in kind shares. The kinds sit inside the furniture panel, whose design tokens
 * (--_fg, --_muted, --_accent, …, from styles/tokens.ts) they inherit: they read no --convene-*
 * property of their own but the sizes each documents.
 */
export const kindStyles = css`
  :host {
    display: block;
    font: inherit;
    color: inherit;
  }
  :host([hidden]) {
    display: none;
  }
  button {
    font: inherit;
    padding: 0.375rem 0.75rem;
    border: 1px solid var(--_muted);
    border-radius: calc(var(--_radius) / 2);
    background: var(--_surface);
    color: var(--_fg);
    cursor: pointer;
  }
  button:focus-visible,
  input:focus-visible,
  a:focus-visible {
    outline: 3px solid var(--_accent);
    outline-offset: 2px;
  }
  .muted {
    color: var(--_muted);
  }
  .sr {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
  ul.plain,
  ol.plain {
    list-style: none;
    margin: 0;
    padding: 0;
  }
`;
