import { css } from 'lit';

/** The door's look (knocking in pre-join, the moderator's door panel and tile buttons, the invite dialog); adopted by the room when its door chunk loads. */
export const doorStyles = css`
  .knock {
    display: grid;
    gap: 12px;
    align-content: start;
  }
  .knock p {
    margin: 0;
  }
  .knock-title {
    font-weight: 600;
    font-size: 1.125rem;
  }
  .or {
    display: grid;
    gap: 8px;
    padding-top: 8px;
    border-top: 1px solid var(--_muted);
  }
  .or p {
    margin: 0;
  }
  .count {
    display: inline-grid;
    place-items: center;
    min-width: 1.5em;
    height: 1.5em;
    padding: 0 4px;
    border-radius: 999px;
    background: var(--_danger);
    color: var(--_on-danger);
    font-size: 0.8125rem;
    font-weight: 700;
    /* A count is text; its ring is there for high contrast, not colour alone. */
    outline: 2px solid currentColor;
    outline-offset: -2px;
  }
  .door-panel {
    display: grid;
    gap: 8px;
    margin: 0 auto var(--_gap);
    padding: 12px;
    width: min(100%, 32rem);
    border-radius: var(--_radius);
    background: var(--_surface);
    border-inline-start: 4px solid var(--_accent);
  }
  .door-panel h2,
  .door-panel h3 {
    margin: 0;
    font-size: 1rem;
  }
  .door-panel header {
    display: flex;
    justify-content: space-between;
    align-items: center;
    gap: 8px;
  }
  .door-list {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: 6px;
  }
  .door-list li {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 8px;
  }
  .door-list li > span {
    flex: 1 1 12rem;
    display: inline-flex;
    align-items: center;
    gap: 6px;
  }
  .door-list p,
  .door-panel p {
    margin: 0;
  }
  .door-note {
    display: flex;
    align-items: center;
    justify-content: center;
    gap: 6px;
    margin: 0 0 var(--_gap);
  }
  dialog {
    border: none;
    border-radius: var(--_radius);
    background: var(--_bg);
    color: var(--_fg);
    padding: calc(var(--_gap) * 1.5);
    width: min(calc(100% - 2rem), 30rem);
  }
  dialog::backdrop {
    background: rgb(0 0 0 / 0.5);
  }
  dialog form,
  dialog fieldset {
    display: grid;
    gap: 8px;
  }
  dialog fieldset {
    border: 1px solid var(--_muted);
    border-radius: calc(var(--_radius) / 2);
    margin: 0;
  }
  dialog h2 {
    margin: 0 0 8px;
    font-size: 1.125rem;
  }
  dialog input[readonly] {
    font: inherit;
    width: 100%;
    padding: 6px 8px;
  }
  dialog select {
    font: inherit;
    padding: 6px 8px;
  }
  .dialog-actions {
    display: flex;
    flex-wrap: wrap;
    justify-content: end;
    gap: 8px;
    margin-top: 12px;
  }
  /* A moderator's buttons on a tile (moderation-buttons.ts, in this chunk). */
  .moderation {
    position: absolute;
    inset-block-start: 8px;
    inset-inline-end: 8px;
    display: flex;
    gap: 4px;
  }
  .moderation button {
    padding: 4px 6px;
    background: rgb(0 0 0 / 0.65);
    color: #fff;
  }
  .moderation button.danger {
    background: var(--_danger);
    color: var(--_on-danger);
  }
  :host(:dir(rtl)) [data-action='remove-participant'] .icon {
    transform: scaleX(-1);
  }
`;
