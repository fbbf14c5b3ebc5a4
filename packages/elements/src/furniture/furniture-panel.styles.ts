import { css } from 'lit';
import { tokens } from '../styles/tokens.js';

export const panelStyles = [
  // The design tokens (--_fg, --_accent, …): the same values as the room's; the kinds inside read them too.
  tokens,
  css`
    :host {
      display: block;
      container-type: inline-size;
      /* Inside a <convene-room>, its theme and font carry on here. */
      color-scheme: inherit;
      font: inherit;
      color: var(--_fg);
    }
    .layout {
      display: grid;
      gap: var(--_gap);
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
      border: 1px solid var(--_muted);
      border-radius: var(--_radius);
      background: var(--_bg);
    }
    [part='tabs'] {
      display: flex;
      flex-wrap: wrap;
      gap: 0.25rem;
      padding: 0.25rem;
      border-bottom: 1px solid var(--_muted);
    }
    [part~='tab'] {
      font: inherit;
      display: inline-flex;
      align-items: center;
      gap: 0.375rem;
      padding: 0.375rem 0.75rem;
      border: 0;
      border-radius: calc(var(--_radius) / 2);
      background: transparent;
      color: inherit;
      cursor: pointer;
    }
    [part~='tab'][aria-selected='true'] {
      background: var(--_accent);
      color: var(--_on-accent);
    }
    [part~='tab']:focus-visible {
      outline: 3px solid var(--_accent);
      outline-offset: 2px;
    }
    [part='unread'] {
      min-width: 1.25rem;
      padding: 0 0.375rem;
      border-radius: 999px;
      background: var(--_danger);
      color: var(--_on-danger);
      font-size: 0.8em;
      text-align: center;
    }
    [part='tabpanel'] {
      padding: var(--_gap);
      min-height: 12rem;
      overflow: auto;
    }
    [part='placeholder'] {
      padding: 0.75rem;
      border: 2px dashed var(--_danger);
      border-radius: var(--_radius);
    }
  `,
];
