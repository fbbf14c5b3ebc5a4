import { css } from 'lit';

/** What every built-in kind shares. */
export const kindStyles = css`
  :host {
    display: block;
    font: inherit;
    color: inherit;
  }
  button {
    font: inherit;
    padding: 0.375rem 0.75rem;
    border: 1px solid var(--convene-color-border, #8886);
    border-radius: var(--convene-radius, 0.5rem);
    background: var(--convene-color-surface, Canvas);
    color: inherit;
    cursor: pointer;
  }
  button:focus-visible,
  input:focus-visible,
  a:focus-visible {
    outline: 2px solid var(--convene-color-focus, #1d4ed8);
    outline-offset: 2px;
  }
  .muted {
    color: var(--convene-color-muted, #555);
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
