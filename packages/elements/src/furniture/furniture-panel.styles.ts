import { css } from 'lit';

export const panelStyles = css`
  :host {
    display: block;
    container-type: inline-size;
    font: inherit;
    color: var(--convene-color-text, CanvasText);
  }
  .layout {
    display: grid;
    gap: var(--convene-spacing, 0.75rem);
    grid-template-columns: minmax(0, 1fr);
  }
  @container (min-width: 56rem) {
    .layout.side {
      grid-template-columns: minmax(0, 1fr) var(--convene-furniture-panel-width, 22rem);
    }
  }
  [part='side'] {
    display: flex;
    flex-direction: column;
    min-width: 0;
    border: 1px solid var(--convene-color-border, #8886);
    border-radius: var(--convene-radius, 0.5rem);
    background: var(--convene-color-surface, Canvas);
  }
  [part='tabs'] {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25rem;
    padding: 0.25rem;
    border-bottom: 1px solid var(--convene-color-border, #8886);
  }
  [part~='tab'] {
    font: inherit;
    display: inline-flex;
    align-items: center;
    gap: 0.375rem;
    padding: 0.375rem 0.75rem;
    border: 0;
    border-radius: calc(var(--convene-radius, 0.5rem) - 0.125rem);
    background: transparent;
    color: inherit;
    cursor: pointer;
  }
  [part~='tab'][aria-selected='true'] {
    background: var(--convene-color-accent, #1d4ed8);
    color: var(--convene-color-on-accent, #fff);
  }
  [part~='tab']:focus-visible {
    outline: 2px solid var(--convene-color-focus, #1d4ed8);
    outline-offset: 2px;
  }
  [part='unread'] {
    min-width: 1.25rem;
    padding: 0 0.375rem;
    border-radius: 999px;
    background: var(--convene-color-danger, #b91c1c);
    color: #fff;
    font-size: 0.8em;
    text-align: center;
  }
  [part='tabpanel'] {
    padding: var(--convene-spacing, 0.75rem);
    min-height: 12rem;
    overflow: auto;
  }
  [part='placeholder'] {
    padding: 0.75rem;
    border: 2px dashed var(--convene-color-danger, #b91c1c);
    border-radius: var(--convene-radius, 0.5rem);
  }
`;
